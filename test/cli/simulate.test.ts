/**
 * `ncssl simulate` end to end on small runs: GD collapses on every seed of the scalar model while
 * SG and EMA keep runs that do not (docs/math.md §5), the JSON is the same for the same seeds,
 * a sweep gives the same shares in worker threads as in line, the iris data feed a 4-input model,
 * files go to --out, and bad input is one line with exit code 2.
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const small = ['--seeds', '6', '--steps', '400', '--batch', '16'];

describe('ncssl simulate', () => {
  it('scalar model: GD collapses on every seed, SG and EMA do not always; same JSON for the same seeds', async () => {
    const a = await runCli(['simulate', 'proofs/models/scalar.yaml', ...small, '--json']);
    expect(a.code).toBe(0);
    const json = JSON.parse(a.stdout);
    const byName = Object.fromEntries(json.shares.map((s: { procedure: string }) => [s.procedure, s]));
    expect(byName.gd.collapsed).toBe(6);
    expect(byName.gd.interval[0]).toBeGreaterThan(0.5);
    expect(byName.sg.notCollapsed).toBeGreaterThan(0);
    expect(byName.ema.notCollapsed).toBeGreaterThan(0);
    expect((await runCli(['simulate', 'proofs/models/scalar.yaml', ...small, '--json'])).stdout).toBe(a.stdout);
  });

  it('a sweep gives the same shares in two worker threads as in line, and writes its files to --out', async () => {
    const sweep = ['simulate', 'proofs/models/scalar.yaml', '--seeds', '3', '--steps', '200', '--sweep', 'predictor-rate=0.5:1.5:3', '--json'];
    const inline = await runCli([...sweep, '--threads', '0']);
    const threads = await runCli([...sweep, '--threads', '2']);
    expect(inline.code).toBe(0);
    expect(threads.stdout).toBe(inline.stdout);
    expect(JSON.parse(inline.stdout).sweep.results.map((r: { value: number }) => r.value)).toEqual([0.5, 1, 1.5]);
    const out = mkdtempSync(join(tmpdir(), 'ncssl-sim-'));
    expect((await runCli([...sweep, '--threads', '0', '--out', out])).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['scalar-loop-metrics.pdf', 'scalar-loop-metrics.svg', 'scalar-loop-spectra.pdf', 'scalar-loop-spectra.svg', 'scalar-sweep.pdf', 'scalar-sweep.svg', 'simulation.json']);
  });

  it('iris feeds a model with four inputs; bad input is one line naming the flag, exit 2', async () => {
    const iris = await runCli(['simulate', 'proofs/models/linear-4to2.yaml', '--data', 'iris', '--seeds', '2', '--steps', '100']);
    expect(iris.code).toBe(0);
    expect(iris.stdout).toContain('training loops on iris (150 rows of 4 standardised columns');
    for (const [args, message] of [
      [['--data', 'iris'], "--data iris: the data have 4 columns, but the spec's encoder takes p = 1 inputs (encoder.in)"],
      [['--lr=-1'], '--lr: expected a number > 0 and at most 10, got "-1"'],
      [['--sweep', 'eta=0:1:3'], '--sweep: expected PARAM=a:b:n'],
      [['--noise', '1'], '--noise: only applies to table data'],
    ] as const) {
      const r = await runCli(['simulate', 'proofs/models/scalar.yaml', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
