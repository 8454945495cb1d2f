/**
 * Safe output through the CLI (in-process, test/helpers/cli.ts; the --timeout deadline in a real
 * process): certificates land only inside --certificates DIR, atomically
 * (no temporary file survives); without --force an existing file is refused and nothing at all is
 * written or printed; the same input and seed give byte-identical output across runs; a timed-out
 * analysis prints one line, exits 2 and writes nothing.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { writeOutputs } from '../../src/io/safe-write.js';
import { isOneLineError, runCli, runCliProcess } from '../fuzz/cli.js';

const root = resolve('test-artifacts', `output-safety-${process.pid}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
});

/** Every file under dir (relative paths) with its bytes. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string, prefix: string) => {
    for (const f of readdirSync(d).sort()) {
      const path = join(d, f);
      if (lstatSync(path).isDirectory()) walk(path, `${prefix}${f}/`);
      else out.set(`${prefix}${f}`, lstatSync(path).isSymbolicLink() ? `-> link` : readFileSync(path, 'latin1'));
    }
  };
  if (existsSync(dir)) walk(dir, '');
  return out;
}

// Every proved verdict of proofs/models/scalar.yaml: integrability, equilibrium sets, stability at the sampled points, collapse, invariants, metric.
const SCALAR_FILES = ['ema', 'gd', 'sg'].flatMap((p) => [
  ...(p === 'gd' ? ['gd.collapse', 'gd.metric', 'gd.potential'] : [`${p}.curl`, `${p}.invariant`, `${p}.non-collapsed.equilibrium`]),
  ...(p === 'ema' ? ['ema.rate-adjusted.curl'] : []),
  ...['collapsed', ...(p === 'gd' ? [] : ['residual'])].flatMap((c) => [`${p}.${c}.equilibrium-set`, ...[1, 2, 3].map((i) => `${p}.${c}-${i}.stability`)]),
]).map((n) => `scalar.${n}.json`).sort();

describe('check --certificates DIR', () => {
  it('writes exactly the certificates inside DIR, and no stray file beside them or beside the input', async () => {
    const dir = join(root, 'certs');
    const before = snapshot(root);
    const r = await runCli(['check', 'proofs/models/scalar.yaml', '--certificates', dir]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const after = snapshot(root);
    expect([...after.keys()]).toEqual(SCALAR_FILES.map((f) => `certs/${f}`));
    expect(before.size).toBe(0);
    expect(snapshot(resolve('proofs/models')).size).toBe(readdirSync('proofs/models').length); // no stray files beside the input
  });

  it('without --force, one existing file refuses the whole run: nothing written, nothing printed, old files untouched', async () => {
    const dir = join(root, 'certs');
    mkdirSync(dir);
    writeFileSync(join(dir, 'scalar.sg.curl.json'), 'precious');
    writeFileSync(join(dir, 'unrelated.txt'), 'keep me');
    const before = snapshot(dir);
    const mtime = statSync(join(dir, 'scalar.sg.curl.json')).mtimeMs;
    const r = await runCli(['check', 'proofs/models/scalar.yaml', '--certificates', dir]);
    expect(isOneLineError(r), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/scalar\.sg\.curl\.json exists \(use --force/);
    expect(snapshot(dir)).toEqual(before); // the three other certificates were not written either
    expect(statSync(join(dir, 'scalar.sg.curl.json')).mtimeMs).toBe(mtime);
  });

  it('with --force, replaces the certificates (same bytes as a fresh run) and leaves other files alone', async () => {
    const fresh = join(root, 'fresh');
    const dir = join(root, 'certs');
    expect((await runCli(['check', 'proofs/models/scalar.yaml', '--certificates', fresh])).status).toBe(0);
    mkdirSync(dir);
    writeFileSync(join(dir, 'scalar.sg.curl.json'), 'stale');
    writeFileSync(join(dir, 'unrelated.txt'), 'keep me');
    const r = await runCli(['check', 'proofs/models/scalar.yaml', '--certificates', dir, '--force']);
    expect(r.status).toBe(0);
    const after = snapshot(dir);
    expect(after.get('unrelated.txt')).toBe('keep me');
    for (const [name, bytes] of snapshot(fresh)) expect(after.get(name), name).toBe(bytes);
    expect([...after.keys()].filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('even with --force, a symbolic link at a certificate name is refused (one line), and the file it points to is untouched', async () => {
    const outside = join(root, 'outside.json');
    writeFileSync(outside, 'outside the output directory');
    const dir = join(root, 'certs');
    mkdirSync(dir);
    symlinkSync(outside, join(dir, 'scalar.gd.potential.json'));
    const r = await runCli(['check', 'proofs/models/scalar.yaml', '--certificates', dir, '--force']);
    expect(isOneLineError(r), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/scalar\.gd\.potential\.json is a symbolic link/);
    expect(readFileSync(outside, 'utf8')).toBe('outside the output directory');
    expect(lstatSync(join(dir, 'scalar.gd.potential.json')).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir)).toEqual(['scalar.gd.potential.json']);
  });

  it('a bad spec among good ones writes nothing and prints nothing', async () => {
    const specs = join(root, 'specs');
    mkdirSync(specs);
    writeFileSync(join(specs, 'a-good.yaml'), readFileSync('proofs/models/scalar.yaml'));
    writeFileSync(join(specs, 'b-bad.yaml'), 'encoder: {kind: linear, in: 1, out: 1}\npredictor: {kind: linear}\ndata: {covariance: [[-1]], noise: 0}\n');
    const r = await runCli(['check', specs, '--certificates', join(root, 'certs')]);
    expect(isOneLineError(r), r.stderr).toBe(true);
    expect(existsSync(join(root, 'certs'))).toBe(false);
  });
});

describe('writeOutputs (the one writer every command uses)', () => {
  it.each([['../escape.json'], ['/tmp/absolute.json'], ['a/../../escape.json'], ['']])('refuses the name %j and writes nothing', async (name) => {
    const dir = join(root, 'out');
    await expect(writeOutputs(dir, [{ name: 'fine.json', content: 'x' }, { name, content: 'x' }], { force: false, flag: '--out' })).rejects.toThrow(/refusing/);
    expect(snapshot(root).size).toBe(0);
  });
});

describe('determinism', () => {
  // Every analysis on the quicker proofs (sampled equilibria, float flows and curls all seeded), and
  // the integrability certificates of every proof.
  const QUICK = ['proofs/models/scalar.yaml', 'proofs/models/linear-2x2.yaml', 'proofs/models/diagonal-3x2.yaml', 'proofs/models/explicit-moments.json'];
  it('the same input and seed give byte-identical stdout and certificates across two runs of the CLI', async () => {
    const runs: Array<{ json: string; text: string; certificates: string; files: Map<string, string> }> = [];
    for (const k of [1, 2]) {
      const dir = join(root, `run-${k}`);
      const json = await runCli(['check', ...QUICK, '--json', '--seed', '7', '--samples', '16']);
      const text = await runCli(['check', ...QUICK, '--seed', '7', '--samples', '16']);
      const certificates = await runCli(['check', 'proofs/models', '--analyses', 'integrability', '--seed', '7', '--certificates', dir]);
      expect([json.status, text.status, certificates.status]).toEqual([0, 0, 0]);
      runs.push({ json: json.stdout, text: text.stdout, certificates: certificates.stdout, files: snapshot(dir) });
    }
    expect(runs[1]!.json).toBe(runs[0]!.json);
    expect(runs[1]!.text).toBe(runs[0]!.text);
    expect(runs[1]!.certificates).toBe(runs[0]!.certificates);
    expect(runs[1]!.files).toEqual(runs[0]!.files);
    expect(runs[0]!.files.size).toBeGreaterThan(10);
  }, 120_000);

  it('a different seed changes the sampled evidence (so the test above could fail)', async () => {
    const a = await runCli(['check', 'proofs/models/linear-2x2.yaml', '--json', '--seed', '7']);
    const b = await runCli(['check', 'proofs/models/linear-2x2.yaml', '--json', '--seed', '8']);
    expect(a.stdout).not.toBe(b.stdout);
  });

  it('--timeout that is not reached changes nothing in the output', async () => {
    const plain = await runCli(['check', 'proofs/models/scalar.yaml', '--json', '--certificates', join(root, 'a')]);
    const bounded = await runCli(['check', 'proofs/models/scalar.yaml', '--json', '--timeout', '60', '--certificates', join(root, 'b')]);
    expect(bounded.status).toBe(0);
    expect(bounded.stdout).toBe(plain.stdout);
    expect(snapshot(join(root, 'b'))).toEqual(snapshot(join(root, 'a')));
  });
});

describe('--timeout', () => {
  it('stops a large analysis at the deadline: one line, exit 2, nothing printed or written', () => {
    // A 16×16 linear model (EMA state 768) takes ~15 s on this machine without a budget.
    const n = 16;
    const covariance = Array.from({ length: n }, (_, i) => `[${Array.from({ length: n }, (_, j) => (i === j ? 2 : Math.abs(i - j) === 1 ? '1/2' : 0)).join(', ')}]`);
    const spec = join(root, 'large.yaml');
    writeFileSync(spec, `encoder: {kind: linear, in: ${n}, out: ${n}}\npredictor: {kind: linear}\ndata:\n  covariance: [${covariance.join(', ')}]\n  noise: 1/4\n`);
    const dir = join(root, 'certs');
    // A real process: the command's child is killed at the deadline and the process exits at once.
    const r = runCliProcess(['check', 'proofs/models/scalar.yaml', spec, '--analyses', 'integrability', '--timeout', '2', '--certificates', dir]);
    expect(isOneLineError(r), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/check: did not finish within --timeout 2 s; nothing was printed or written/);
    expect(existsSync(dir)).toBe(false); // not even the certificates of the scalar spec that finished
    expect(r.ms).toBeLessThan(4_000); // the budget covers the whole command, start-up included, far below the ~14 s unbounded
  });
});
