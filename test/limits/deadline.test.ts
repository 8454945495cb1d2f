/**
 * Issue 9, findings 4, 5 and 7: --timeout on every command, covering reading and validating the
 * spec, ending near the budget with one line and exit 2, nothing printed or written; inputs that
 * never end (a pipe, /dev/zero, a FIFO without a writer) are bounded; flags are given once.
 * The whole command runs in a child process killed at the deadline (src/limits/deadline.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWithDeadline } from '../../src/limits/deadline.js';
import { CLI_BIN } from '../helpers/cli.js';
import { isOneLineError, runCli } from '../fuzz/cli.js';

const root = resolve('test-artifacts', `deadline-${process.pid}`);
beforeAll(() => mkdirSync(root, { recursive: true }));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** An n×n linear model: at n = 16 its integrability check alone takes well over 10 s, at n = 10 its report 20 s. */
function largeSpec(n = 16): string {
  const rows = Array.from({ length: n }, (_, i) => `[${Array.from({ length: n }, (_, j) => (i === j ? 2 : Math.abs(i - j) === 1 ? '1/2' : 0)).join(', ')}]`);
  const path = join(root, `large-${n}.yaml`);
  writeFileSync(path, `encoder: {kind: linear, in: ${n}, out: ${n}}\npredictor: {kind: linear}\ndata:\n  covariance: [${rows.join(', ')}]\n  noise: 1/4\n`);
  return path;
}

/** Slack over the budget allowed here: the target is 0.5 s, but the test machine is shared. */
const SLACK_MS = 1500;

/** Runs a shell pipeline around the real executable (`$NCSSL` in the script). */
function shell(script: string, timeoutMs = 30_000) {
  const t0 = performance.now();
  const r = spawnSync('sh', ['-c', script], { encoding: 'utf8', env: { ...process.env, CI: 'true', NCSSL: `${process.execPath} ${CLI_BIN}` }, timeout: timeoutMs });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - t0 };
}

describe('--timeout stops every command at the budget', () => {
  it.each([
    ['check', ['--analyses', 'integrability']],
    ['derive', ['--json']],
    ['report', ['--format', 'md']],
  ])('%s: one line, exit 2, nothing printed or written', async (command, extra) => {
    const out = join(root, `out-${command}`);
    const args = [command, largeSpec(command === 'report' ? 10 : 16), ...extra, '--timeout', '1', ...(command === 'report' ? ['--out', out] : command === 'check' ? ['--certificates', out] : [])];
    const r = await runCli(args);
    expect(isOneLineError(r), r.stderr).toBe(true);
    expect(r.stderr).toBe(`ncssl: ${command}: did not finish within --timeout 1 s; nothing was printed or written\n`);
    expect(r.ms).toBeLessThan(1000 + SLACK_MS);
    expect(existsSync(out)).toBe(false);
  }, 30_000);

  it('covers reading and validating the spec: a 70 000-key spec and slow PSD moments stop at the deadline', async () => {
    const keys = join(root, 'keys.yaml');
    writeFileSync(keys, `encoder: {kind: linear, in: 1, out: 1}\n${Array.from({ length: 70_000 }, (_, i) => `k${i}: 1`).join('\n')}\n`);
    // A 32×32 covariance of 20-digit fractions: its exact PSD check alone takes about 10 s here.
    const digits = (k: number) => String(10n ** 19n + BigInt(k) * 7919n);
    const rows = Array.from({ length: 32 }, (_, i) => `[${Array.from({ length: 32 }, (_, j) => (i === j ? `"${digits(i)}/3"` : `"1/${digits(Math.min(i, j) * 32 + Math.max(i, j))}"`)).join(', ')}]`);
    const psd = join(root, 'psd.yaml');
    writeFileSync(psd, `encoder: {kind: linear, in: 32, out: 1}\npredictor: {kind: identity}\ndata: {covariance: [${rows.join(', ')}], noise: 0}\n`);
    for (const spec of [keys, psd]) {
      const r = await runCli(['check', spec, '--timeout', '1']);
      // Either the deadline, or (for the keys, on a fast machine) the unknown key within it.
      expect(isOneLineError(r), r.stderr).toBe(true);
      expect(r.ms).toBeLessThan(1000 + SLACK_MS);
    }
  }, 30_000);

  it('verify: a certificate whose writer never writes (a FIFO held open) stops at the deadline', () => {
    const fifo = join(root, 'held-fifo');
    rmSync(fifo, { force: true });
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // The writer opens the FIFO and sleeps: the reader sees a writer but no data, and waits.
    const r = shell(`sleep 10 > ${fifo} & writer=$!; $NCSSL verify ${fifo} --timeout 1; status=$?; kill $writer; exit $status`);
    expect(isOneLineError(r), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/verify: did not finish within --timeout 1 s/);
    expect(r.ms).toBeLessThan(1000 + SLACK_MS);
  });

  it('reads the spec once: a piped spec works under --timeout, with the same output as without', () => {
    const plain = shell('cat proofs/models/scalar.yaml | $NCSSL check /dev/stdin --analyses integrability');
    const bounded = shell('cat proofs/models/scalar.yaml | $NCSSL check /dev/stdin --analyses integrability --timeout 60');
    expect(plain.status, plain.stderr).toBe(0);
    expect(bounded.status, bounded.stderr).toBe(0);
    expect(bounded.stdout).toBe(plain.stdout);
  });

  it('writes the files of a run that finished in time, exactly as without --timeout', async () => {
    const [a, b] = [join(root, 'a'), join(root, 'b')];
    const plain = await runCli(['check', 'proofs/models/scalar.yaml', '--analyses', 'integrability', '--samples', '4', '--certificates', a]);
    const bounded = await runCli(['check', 'proofs/models/scalar.yaml', '--analyses', 'integrability', '--samples', '4', '--certificates', b, '--timeout', '60']);
    expect([plain.status, bounded.status]).toEqual([0, 0]);
    expect(bounded.stdout).toBe(plain.stdout);
    expect(readdirSync(b)).toEqual(readdirSync(a));
    for (const f of readdirSync(a)) expect(readFileSync(join(b, f), 'utf8')).toBe(readFileSync(join(a, f), 'utf8'));
  }, 30_000);

  it('a child above the memory ceiling ends in one line (NCSSL_MAX_MEMORY_MB), not a crash', async () => {
    const errors: string[] = [];
    const saved = process.env.NCSSL_MAX_MEMORY_MB;
    process.env.NCSSL_MAX_MEMORY_MB = '64';
    try {
      await expect(
        runWithDeadline({ entry: new URL('./fixtures/hog.mjs', import.meta.url), argv: [], seconds: 30, command: 'hog', startedAt: performance.now(), io: { out: () => {}, err: (t) => errors.push(t) } }),
      ).rejects.toThrow(/hog: ran out of memory: above the ceiling of 64 MB \(raise it with NCSSL_MAX_MEMORY_MB/);
    } finally {
      if (saved === undefined) delete process.env.NCSSL_MAX_MEMORY_MB;
      else process.env.NCSSL_MAX_MEMORY_MB = saved;
    }
  }, 30_000);
});

describe('signals under --timeout', () => {
  it('SIGTERM to ncssl ends its child too: no orphan keeps computing, nothing is written', async () => {
    const { spawn } = await import('node:child_process');
    const out = join(root, 'signalled');
    const parent = spawn(process.execPath, [CLI_BIN, 'check', largeSpec(16), '--analyses', 'integrability', '--timeout', '60', '--certificates', out], { stdio: 'ignore', env: { ...process.env, CI: 'true' } });
    // Wait for the child to exist, then signal the parent.
    let child = NaN;
    for (let k = 0; k < 200 && Number.isNaN(child); k++) {
      await new Promise((r) => setTimeout(r, 10));
      const ps = spawnSync('ps', ['-o', 'pid=', '--ppid', String(parent.pid)], { encoding: 'utf8' });
      child = Number(ps.stdout.trim().split(/\s+/)[0] || NaN);
    }
    expect(Number.isNaN(child)).toBe(false);
    parent.kill('SIGTERM');
    const signal = await new Promise((r) => parent.on('exit', (_c, s) => r(s)));
    expect(signal).toBe('SIGTERM');
    // Killed: gone, or a zombie waiting for whoever inherited it to reap it — not running.
    const state = () => {
      try {
        return /^State:\s+(\S)/m.exec(readFileSync(`/proc/${child}/status`, 'utf8'))?.[1] ?? 'gone';
      } catch {
        return 'gone';
      }
    };
    // SIGKILL is immediate, but the kernel takes a while to free a large heap (seconds under load; up to 20 s here).
    for (let k = 0; k < 2000 && !['gone', 'Z', 'X'].includes(state()); k++) await new Promise((r) => setTimeout(r, 10));
    expect(['gone', 'Z', 'X']).toContain(state());
    expect(existsSync(out)).toBe(false);
  }, 30_000);
});

describe('inputs that never end are bounded', () => {
  it('/dev/zero and an endless pipe are read up to the size limit, then refused in about a second', () => {
    for (const script of ['$NCSSL check /dev/zero', 'yes | $NCSSL check /dev/stdin', 'NCSSL_MAX_CERTIFICATE_MB=4 $NCSSL verify /dev/zero']) {
      const r = shell(script);
      expect(isOneLineError(r), `${script}: ${r.stderr}`).toBe(true);
      expect(r.stderr).toMatch(/at most \d+ bytes/);
      expect(r.ms).toBeLessThan(3000);
    }
  });

  it('a FIFO without a writer is refused at once instead of waited on forever', () => {
    const fifo = join(root, 'fifo');
    rmSync(fifo, { force: true });
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    for (const command of ['check', 'verify']) {
      const r = shell(`$NCSSL ${command} ${fifo}`, 10_000);
      expect(isOneLineError(r), r.stderr).toBe(true);
      expect(r.ms).toBeLessThan(3000);
    }
  });
});

describe('flags', () => {
  it.each([
    [['check', 'proofs/models/scalar.yaml', '--seed', '1', '--seed', '2'], /--seed: given more than once/],
    [['check', 'proofs/models/scalar.yaml', '--json', '--json'], /--json: given more than once/],
    [['report', 'proofs/models/scalar.yaml', '--format', 'md', '--format=tex'], /--format: given more than once/],
    [['derive', 'proofs/models/scalar.yaml', '--timeout', '0'], /--timeout: expected a number of seconds > 0 and at most 604800, got "0"/],
    [['verify', 'x.json', '--timeout', '1e9'], /--timeout: expected a number of seconds > 0/],
    [['check', 'proofs/models/scalar.yaml', '--timeout=-1'], /--timeout: expected a number of seconds > 0/],
  ])('%j is one line, exit 2', async (args, message) => {
    const r = await runCli(args as string[]);
    expect(isOneLineError(r), r.stderr).toBe(true);
    expect(r.stderr).toMatch(message);
  });
});
