/**
 * The real `ncssl` process, for what the in-process runner (test/helpers/cli.ts) cannot show:
 * exit codes and the streams of the executable, standard input pipes, files written, and a
 * process killed mid-run. And the runner's own contract: for the same command line, in-process
 * and child process print the same bytes, exit with the same code and write the same files.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, runCli, runCliProcess } from '../helpers/cli.js';

const root = resolve('test-artifacts', `process-${process.pid}`);
beforeAll(() => {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every file under dir with its bytes (latin1: byte for byte). */
const files = (dir: string): Record<string, string> =>
  Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'latin1')]));

const SCALAR = readFileSync('proofs/models/scalar.yaml', 'utf8');

describe('exit codes and streams of the executable', () => {
  it('--help: usage on stdout, exit 0; no command: usage on stderr, exit 2', () => {
    const help = runCliProcess(['--help']);
    expect([help.code, help.stderr]).toEqual([0, '']);
    expect(help.stdout).toMatch(/^ncssl — .*\n\nUsage: ncssl <command> \[options\]\n/);
    const bare = runCliProcess([]);
    expect([bare.code, bare.stdout]).toEqual([2, '']);
    expect(bare.stderr).toBe(help.stdout);
  });

  it('exit 0 on success, 1 when a certificate is rejected, 2 for a bad spec, each with its one line', () => {
    const dir = join(root, 'codes');
    expect(runCliProcess(['check', 'proofs/models/scalar.yaml', '--analyses', 'integrability', '--certificates', dir]).code).toBe(0);
    const curl = join(dir, 'scalar.sg.curl.json');
    const tampered = join(root, 'tampered.json');
    const c = JSON.parse(readFileSync(curl, 'utf8'));
    c.evidence.dVi_dxj = String(Number(c.evidence.dVi_dxj) + 1);
    writeFileSync(tampered, JSON.stringify(c));
    const rejected = runCliProcess(['verify', curl, tampered]);
    expect(rejected.code).toBe(1);
    expect(rejected.stdout.trimEnd().split('\n').map((l) => l.split(': ')[1])).toEqual(['accepted', 'rejected']);
    const bad = runCliProcess(['check', 'proofs/models/no-such-spec.yaml']);
    expect([bad.code, bad.stdout, bad.stderr]).toEqual([2, '', 'ncssl: proofs/models/no-such-spec.yaml: no such file or directory\n']);
  });
});

describe('standard input', () => {
  it('a spec piped to /dev/stdin is checked as the same spec named stdin, in a process and in-process', async () => {
    const piped = runCliProcess(['check', '/dev/stdin', '--json', '--analyses', 'integrability'], { input: SCALAR });
    const file = runCliProcess(['check', 'proofs/models/scalar.yaml', '--json', '--analyses', 'integrability']);
    expect(piped.code, piped.stderr).toBe(0);
    const [a, b] = [JSON.parse(piped.stdout), JSON.parse(file.stdout)];
    expect(a.procedures).toEqual(b.procedures);
    expect(a.model).toBe(b.model); // the spec names itself
    const inProcess = await runCli(['check', '/dev/stdin', '--json', '--analyses', 'integrability'], { input: SCALAR });
    expect(inProcess).toMatchObject({ code: piped.code, stdout: piped.stdout, stderr: piped.stderr });
  });

  it('an empty standard input is an empty document, in a process and in-process', async () => {
    const child = runCliProcess(['check', '/dev/stdin']); // stdin: /dev/null
    expect(child.code).toBe(2);
    expect(child.stderr).toMatch(/^ncssl: \/dev\/stdin: document/);
    expect(await runCli(['check', '/dev/stdin'])).toMatchObject({ code: child.code, stdout: child.stdout, stderr: child.stderr });
  });
});

describe('the in-process runner prints what the process prints', () => {
  const spec = join(root, 'name with space.yaml');
  beforeAll(() => writeFileSync(spec, SCALAR.replace(/^name: .*\n/m, '')));
  it.each([
    [['--help']],
    [[]],
    [['check', '--help']],
    [['frobnicate']],
    [['check', 'proofs/models/scalar.yaml', '--samples', '-3']],
    [['check', 'proofs/models/scalar.yaml', '--analyses', 'equilibria,stability', '--points', '2', '--flows', '1', '--samples', '8']],
    [['check', 'proofs/models/linear-2x2.yaml', 'proofs/models/explicit-moments.json', '--json', '--analyses', 'integrability,invariants']],
    [['derive', 'proofs/models/linear-2x2.yaml']],
    [['report', 'proofs/models/scalar.yaml', '--format', 'json', '--analyses', 'invariants', '--trajectories', '0']],
    [['verify', 'proofs/models/scalar.yaml']],
  ])('ncssl %j', async (args) => {
    const child = runCliProcess(args);
    const inProcess = await runCli(args);
    expect({ code: inProcess.code, stdout: inProcess.stdout, stderr: inProcess.stderr }).toEqual({ code: child.code, stdout: child.stdout, stderr: child.stderr });
  });

  it('with a working directory: paths as typed in the output, files in that directory', async () => {
    const args = ['check', 'name with space.yaml', '--analyses', 'integrability', '--samples', '4', '--certificates', 'certs'];
    const cwd = join(root, 'cwd-child');
    const cwdIn = join(root, 'cwd-in');
    for (const d of [cwd, cwdIn]) {
      mkdirSync(d, { recursive: true });
      writeFileSync(join(d, 'name with space.yaml'), readFileSync(spec));
    }
    const child = runCliProcess(args, { cwd });
    const inProcess = await runCli(args, { cwd: cwdIn });
    expect(child.code, child.stderr).toBe(0);
    expect(child.stdout).toContain('name with space (name with space.yaml)');
    expect(inProcess).toMatchObject({ code: child.code, stdout: child.stdout, stderr: child.stderr });
    expect(Object.keys(files(join(cwd, 'certs'))).length).toBeGreaterThan(2);
    expect(files(join(cwdIn, 'certs'))).toEqual(files(join(cwd, 'certs')));
    expect(existsSync(resolve('certs'))).toBe(false); // nothing landed in this process's own directory
    // The same refusal, word for word, when the output already exists.
    const again = [runCliProcess(args, { cwd }), await runCli(args, { cwd: cwdIn })];
    expect(again[0]!.code).toBe(2);
    expect(again[1]!.stderr.replace(cwdIn, cwd)).toBe(again[0]!.stderr);
  });

  it('two separate processes print the same bytes (nothing process-wide, such as a cache or a warning, leaks into the output)', () => {
    const args = ['check', 'proofs/models/scalar.yaml', 'proofs/models/linear-2x2.yaml', '--json', '--seed', '7', '--samples', '16'];
    const [first, second] = [runCliProcess(args), runCliProcess(args)];
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toBe(first.stderr);
    expect(first.stdout.length).toBeGreaterThan(1000);
  });

  it('report --out writes the same files both ways', async () => {
    const [a, b] = [join(root, 'report-child'), join(root, 'report-in')];
    const args = (out: string) => ['report', 'proofs/models/scalar.yaml', '--format', 'md,tex', '--analyses', 'invariants', '--out', out];
    expect(runCliProcess(args(a)).code).toBe(0);
    expect((await runCli(args(b))).code).toBe(0);
    expect(Object.keys(files(a))).toEqual(['scalar-phase-plane.pdf', 'scalar-phase-plane.svg', 'scalar-trajectories.pdf', 'scalar-trajectories.svg', 'scalar.md', 'scalar.tex']);
    expect(files(b)).toEqual(files(a));
  });
});

describe('signals', () => {
  it('a check killed mid-run leaves no certificate and no temporary file behind', async () => {
    // A 16×16 model: its integrability alone takes ~7 s here, far longer than the wait below.
    const n = 16;
    const covariance = Array.from({ length: n }, (_, i) => `[${Array.from({ length: n }, (_, j) => (i === j ? 2 : Math.abs(i - j) === 1 ? '1/2' : 0)).join(', ')}]`);
    const spec = join(root, 'large.yaml');
    writeFileSync(spec, `encoder: {kind: linear, in: ${n}, out: ${n}}\npredictor: {kind: linear}\ndata:\n  covariance: [${covariance.join(', ')}]\n  noise: 1/4\n`);
    const dir = join(root, 'killed');
    const child = spawn(process.execPath, [CLI_BIN, 'check', 'proofs/models/scalar.yaml', spec, '--analyses', 'integrability', '--certificates', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
    await new Promise((r) => setTimeout(r, 1000));
    child.kill('SIGTERM');
    expect(await ended).toEqual({ code: null, signal: 'SIGTERM' });
    expect(stdout).toBe('');
    expect(existsSync(dir)).toBe(false);
  });
});
