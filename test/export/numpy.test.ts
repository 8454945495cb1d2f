/**
 * The numpy export reproduces `ncssl simulate`: run by python3, its parameters after each of the
 * first 50 steps of seed 1 equal those of ncssl's loop (trainLoop, which simulate runs) on the same
 * seed and data to 1e-9, for every procedure of models with linear, diagonal, scalar and identity
 * blocks, on synthetic and on augmented iris data; and a whole small run's collapse counts and
 * seed-1 metrics equal simulate's JSON.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/exact/rational.js';
import { modelOnData, syntheticData, tableData } from '../../src/experiments/data.js';
import { loopSetup, trainLoop } from '../../src/experiments/loop.js';
import { irisTable } from '../../src/experiments/tables.js';
import { loadSpecFile } from '../../src/model/spec.js';
import { getProcedure } from '../../src/procedures/index.js';
import { runCli } from '../helpers/cli.js';
import { pythonWith, runPython, skipWithout } from './python.js';

const python = pythonWith('numpy');
const skip = skipWithout('numpy', python, true);
const dir = mkdtempSync(join(tmpdir(), 'ncssl-export-numpy-'));
const STEPS = 50;

async function exported(args: string[], file: string): Promise<string> {
  const r = await runCli(['export', ...args, '--to', 'numpy']);
  expect(r.code, r.stderr).toBe(0);
  const path = join(dir, file);
  writeFileSync(path, r.stdout);
  return path;
}

const cases = [
  { spec: 'proofs/models/scalar.yaml', lr: 0.05, batch: 16, data: [] as string[] },
  { spec: 'proofs/models/linear-2x2.yaml', lr: 0.05, batch: 8, data: [] },
  { spec: 'proofs/models/diagonal-3x2.yaml', lr: 0.1, batch: 8, data: [] },
  { spec: 'proofs/models/nilpotent-identity.yaml', lr: 0.01, batch: 8, data: [] },
  { spec: 'proofs/models/linear-4to2.yaml', lr: 0.05, batch: 8, data: ['--data', 'iris', '--noise', '1/10', '--mask', '1/5', '--scale', '1/4'] },
];

describe.skipIf(skip)('numpy export against ncssl simulate', () => {
  it.each(cases)('$spec $data: the first 50 steps of seed 1 agree to 1e-9 for every procedure', async ({ spec, lr, batch, data }) => {
    const script = await exported([spec, ...data], `${spec.replace(/\W/g, '_')}.py`);
    const r = runPython(python!, [script, '--trace', String(STEPS), '--lr', String(lr), '--batch', String(batch)]);
    expect(r.status, r.stderr).toBe(0);
    const trace = JSON.parse(r.stdout).trace as Record<string, number[][]>;
    const model = loadSpecFile(spec);
    const views = data.length === 0 ? syntheticData(model) : tableData('iris', irisTable(), { noise: Rational.of(1, 10), mask: Rational.of(1, 5), scale: Rational.of(1, 4) });
    const setup = loopSetup(modelOnData(model, views), views);
    expect(Object.keys(trace)).toEqual(model.procedures);
    let worst = 0;
    for (const name of model.procedures) {
      expect(trace[name]!.length).toBe(STEPS);
      for (let k = 1; k <= STEPS; k++) {
        const ours = trainLoop(setup, getProcedure(name), { steps: k, lr, batch, seed: 1, records: 2 });
        expect(ours.steps).toBe(k);
        const theirs = trace[name]![k - 1]!;
        expect(theirs.length).toBe(ours.end.length);
        ours.end.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - theirs[i]!) / Math.max(1, Math.abs(v)))));
      }
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it('a whole run: the same collapse counts and, for seed 1, the same metrics as simulate --json', async () => {
    const options = ['--seeds', '3', '--steps', '120', '--batch', '8'];
    const sim = await runCli(['simulate', 'proofs/models/linear-2x2.yaml', ...options, '--json']);
    expect(sim.code, sim.stderr).toBe(0);
    const script = await exported(['proofs/models/linear-2x2.yaml'], 'whole-run.py');
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
