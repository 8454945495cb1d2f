/**
 * The numpy export reproduces `ncssl simulate`: run by python3, its parameters after each of the
 * first 50 steps of seed 1 equal those of ncssl's loop on the same seed and data to 1e-9, for
 * every procedure of models with linear, diagonal, scalar and identity blocks, on synthetic and
 * on augmented iris data (trace.ts); and a whole small run's collapse counts and seed-1 metrics
 * equal simulate's JSON.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { pythonWith, runPython, skipWithout } from './python.js';
import { TRACE_CASES, exportedScript, worstTraceDifference } from './trace.js';

const python = pythonWith('numpy');

describe.skipIf(skipWithout('numpy', python, true))('numpy export against ncssl simulate', () => {
  it.each(TRACE_CASES)('$spec $data: the first 50 steps of seed 1 agree to 1e-9 for every procedure', async (c) => {
    expect(await worstTraceDifference(python!, 'numpy', c)).toBeLessThan(1e-9);
  });

  it('a whole run: the same collapse counts and, for seed 1, the same metrics as simulate --json', async () => {
    const options = ['--seeds', '3', '--steps', '120', '--batch', '8'];
    const sim = await runCli(['simulate', 'proofs/models/linear-2x2.yaml', ...options, '--json']);
    expect(sim.code, sim.stderr).toBe(0);
    const script = await exportedScript(['proofs/models/linear-2x2.yaml'], 'numpy', 'whole-run.py');
    const r = runPython(python!, [script, ...options, '--json']);
    expect(r.status, r.stderr).toBe(0);
    type Share = { procedure: string; collapsed: number; notCollapsed: number; undecided: number; diverged: number; records: Array<Record<string, number | number[] | number[][]>> };
    const ours = JSON.parse(sim.stdout).shares as Share[];
    const theirs = JSON.parse(r.stdout).shares as Share[];
    expect(theirs.map((s) => s.procedure)).toEqual(ours.map((s) => s.procedure));
    const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-9 * Math.max(1, Math.abs(a)));
    ours.forEach((s, k) => {
      const t = theirs[k]!;
      for (const key of ['collapsed', 'notCollapsed', 'undecided', 'diverged'] as const) expect(t[key]).toBe(s[key]);
      expect(t.records.map((x) => x.step)).toEqual(s.records.map((x) => x.step));
      s.records.forEach((rec, i) => {
        const other = t.records[i]!;
        for (const key of ['loss', 'encoderNorm', 'effectiveRank', 'codeStd', 'rankMe']) close(rec[key] as number, other[key] as number);
        (rec.singularValues as number[]).forEach((v, j) => close(v, (other.singularValues as number[])[j]!));
        const eig = (e: unknown) => (e as number[][]).map(([re, im]) => `${re!.toFixed(6)},${im!.toFixed(6)}`).sort();
        expect(eig(other.predictorEigenvalues)).toEqual(eig(rec.predictorEigenvalues));
      });
    });
  });
});
