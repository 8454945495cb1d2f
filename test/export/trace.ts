/**
 * Runs an exported loop script's `--trace 50` and measures how far its parameters after each of
 * the first 50 steps of seed 1 are from ncssl's loop (trainLoop, which `ncssl simulate` runs) on
 * the same seed and data: the largest difference, relative to max(1, |value|), over every step,
 * parameter and procedure.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { Rational } from '../../src/exact/rational.js';
import { modelOnData, syntheticData, tableData } from '../../src/experiments/data.js';
import { loopSetup, trainLoop } from '../../src/experiments/loop.js';
import { irisTable } from '../../src/experiments/tables.js';
import { loadSpecFile } from '../../src/model/spec.js';
import { getProcedure } from '../../src/procedures/index.js';
import { runCli } from '../helpers/cli.js';
import { runPython } from './python.js';

export const STEPS = 50;
const dir = mkdtempSync(join(tmpdir(), 'ncssl-export-trace-'));

export interface TraceCase {
  spec: string;
  lr: number;
  batch: number;
  /** Empty for synthetic data; iris with noise 1/10, mask 1/5, scale 1/4 otherwise. */
  data: string[];
}

export const IRIS = ['--data', 'iris', '--noise', '1/10', '--mask', '1/5', '--scale', '1/4'];

export const TRACE_CASES: TraceCase[] = [
  { spec: 'proofs/models/scalar.yaml', lr: 0.05, batch: 16, data: [] },
  { spec: 'proofs/models/linear-2x2.yaml', lr: 0.05, batch: 8, data: [] },
  { spec: 'proofs/models/diagonal-3x2.yaml', lr: 0.1, batch: 8, data: [] },
  { spec: 'proofs/models/nilpotent-identity.yaml', lr: 0.01, batch: 8, data: [] },
  { spec: 'proofs/models/linear-4to2.yaml', lr: 0.05, batch: 8, data: IRIS },
];

/** Writes `ncssl export <args> --to <target>` to a file and returns its path. */
export async function exportedScript(args: string[], target: string, file: string): Promise<string> {
  const r = await runCli(['export', ...args, '--to', target]);
  expect(r.code, r.stderr).toBe(0);
  const path = join(dir, file);
  writeFileSync(path, r.stdout);
  return path;
}

export async function worstTraceDifference(python: string, target: string, c: TraceCase): Promise<number> {
  const script = await exportedScript([c.spec, ...c.data], target, `${target}-${c.spec.replace(/\W/g, '_')}.py`);
  const r = runPython(python, [script, '--trace', String(STEPS), '--lr', String(c.lr), '--batch', String(c.batch)]);
  expect(r.status, r.stderr).toBe(0);
  const trace = JSON.parse(r.stdout).trace as Record<string, number[][]>;
  const model = loadSpecFile(c.spec);
  const views = c.data.length === 0 ? syntheticData(model) : tableData('iris', irisTable(), { noise: Rational.of(1, 10), mask: Rational.of(1, 5), scale: Rational.of(1, 4) });
  const setup = loopSetup(modelOnData(model, views), views);
  expect(Object.keys(trace)).toEqual(model.procedures);
  let worst = 0;
  for (const name of model.procedures) {
    expect(trace[name]!.length).toBe(STEPS);
    for (let k = 1; k <= STEPS; k++) {
      const ours = trainLoop(setup, getProcedure(name), { steps: k, lr: c.lr, batch: c.batch, seed: 1, records: 2 });
      expect(ours.steps).toBe(k);
      const theirs = trace[name]![k - 1]!;
      expect(theirs.length).toBe(ours.end.length);
      ours.end.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - theirs[i]!) / Math.max(1, Math.abs(v)))));
    }
  }
  return worst;
}
