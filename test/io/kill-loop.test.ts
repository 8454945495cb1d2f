/**
 * Issue 9, finding 6: a SIGKILL at any moment leaves --out with the old set or the whole new one,
 * once ncssl has settled it (recoverStages, which every later write into the directory runs
 * first). Seeded random kill times; a few seconds in all.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAGE_PREFIX, recoverStages } from '../../src/io/stage.js';
import { seededRandom } from '../../src/numeric/random.js';
import { CLI_BIN } from '../helpers/cli.js';
import { snapshot, spawnWriter } from './outputs.js';

const root = resolve('test-artifacts', `kill-loop-${process.pid}`);
beforeAll(() => mkdirSync(root, { recursive: true }));
afterAll(() => rmSync(root, { recursive: true, force: true }));


type Child = ReturnType<typeof spawn>;
const exited = (c: Child) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.on('exit', () => r())));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Once a stage appears in `dir` (the write phase has begun), or at once with `stage: false`,
 * waits a random time below `window` ms and kills the child.
 */
async function killAt(child: Child, dir: string, delay: number, stage: boolean): Promise<void> {
  if (stage) {
    while (child.exitCode === null && child.signalCode === null) {
      let entries: string[] = [];
      try {
        entries = readdirSync(dir);
      } catch {
        // not made yet
      }
      if (entries.some((e) => e.startsWith(STAGE_PREFIX))) break;
      await sleep(1);
    }
  }
  await sleep(delay);
  child.kill('SIGKILL');
}

/** Kills fresh runs at seeded random moments (see killAt); returns the outcomes. */
async function killLoop(opts: { runs: number; seed: number; dir: string; old: Record<string, string>; fresh: Record<string, string>; start: () => Child; window: number }) {
  const rng = seededRandom(opts.seed);
  const outcomes = { old: 0, fresh: 0, finished: 0 };
  for (let k = 0; k < opts.runs; k++) {
    const child = opts.start();
    // Half the runs are killed at any moment of their first `window` ms, half during their write phase.
    const targeted = k % 2 === 1;
    await killAt(child, opts.dir, rng.next() * (targeted ? 40 : opts.window), targeted);
    await exited(child);
    if (child.signalCode === null) outcomes.finished++;
    recoverStages(opts.dir);
    const now = snapshot(opts.dir);
    if (JSON.stringify(now) === JSON.stringify(opts.old)) outcomes.old++;
    else {
      expect(now, `run ${k}: neither the old set nor the whole new one`).toEqual(opts.fresh);
      outcomes.fresh++;
    }
    // Back to the old set for the next run.
    rmSync(opts.dir, { recursive: true, force: true });
    cpSync(join(root, 'old-copy'), opts.dir, { recursive: true });
  }
  return outcomes;
}

describe('SIGKILL at random moments', () => {
  it('of a writer of 60 files: the old set or the whole new one, never a mix', async () => {
    const dir = join(root, 'writer');
    // The old set: the same names with other content, plus a file of the user's.
    const first = spawnWriter(dir, 60, 10, 'old');
    await exited(first);
    const old = snapshot(dir);
    expect(Object.keys(old)).toHaveLength(60);
    cpSync(dir, join(root, 'old-copy'), { recursive: true });
    const freshDir = join(root, 'writer-fresh');
    await exited(spawnWriter(freshDir, 60, 10, 'new'));
    const fresh = snapshot(freshDir);
    const outcomes = await killLoop({ runs: 8, seed: 9, dir, old, fresh, start: () => spawnWriter(dir, 60, 10, 'new'), window: 300 });
    expect(outcomes.old + outcomes.fresh).toBe(8);
    rmSync(join(root, 'old-copy'), { recursive: true, force: true });
  }, 60_000);

  it('of ncssl report --out: the old report set or the whole new one', async () => {
    const dir = join(root, 'report');
    const report = (out: string, seed: string, formats: string) =>
      spawn(process.execPath, [CLI_BIN, 'report', 'proofs/models/scalar.yaml', '--format', formats, '--analyses', 'integrability', '--samples', '8', '--seed', seed, '--out', out, '--force'], {
        stdio: 'ignore',
        env: { ...process.env, CI: 'true' },
      });
    await exited(report(dir, '1', 'md'));
    const old = snapshot(dir);
    cpSync(dir, join(root, 'old-copy'), { recursive: true });
    const freshDir = join(root, 'report-fresh');
    await exited(report(freshDir, '2', 'md,tex'));
    const fresh = snapshot(freshDir);
    expect(Object.keys(fresh).length).toBeGreaterThan(Object.keys(old).length);
    const outcomes = await killLoop({ runs: 3, seed: 3, dir, old, fresh, start: () => report(dir, '2', 'md,tex'), window: 1500 });
    expect(outcomes.old + outcomes.fresh).toBe(3);
  }, 60_000);
});
