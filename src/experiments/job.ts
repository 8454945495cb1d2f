/**
 * One simulation job, as plain data so that a worker thread can run it: the spec file, the data
 * choice and augmentation, the loop options, the number of seeds, and optionally one value of a
 * swept parameter. Main thread and workers run it through `runJob`, so a sweep run in threads
 * gives the same numbers as one run in line.
 *
 * Example: `runJob({ spec: 'proofs/models/scalar.yaml', data: 'synthetic', … })`.
 */
import { Rational } from '../exact/rational.js';
import { UsageError } from '../limits/errors.js';
import type { Model } from '../model/model.js';
import { loadSpecFile } from '../model/spec.js';
import { deriveModel } from '../procedures/derive.js';
import { type ProcedureShare, collapseShare } from './collapse-share.js';
import { type ViewData, modelOnData, syntheticData, tableData } from './data.js';
import { type LoopOptions, loopSetup } from './loop.js';
import { type SweepParameter, atValue } from './sweep.js';
import { csvTable, irisTable } from './tables.js';

export interface Job {
  /** The spec's path, opened as is (already resolved by the command). */
  spec: string;
  /** `synthetic`, `iris`, or a CSV file's path (opened as is; `dataShownAs` is its name in messages). */
  data: string;
  dataShownAs: string;
  /** Augmentation of table data as rational strings ("1/4"). */
  augmentation: { noise: string; mask: string; scale: string };
  options: Omit<LoopOptions, 'seed'>;
  seeds: number;
  sweep?: { parameter: SweepParameter; value: number };
}

/** The data of a job, checked against the spec's input dimension. */
export function jobData(job: Job, model: Model): ViewData {
  if (job.data === 'synthetic') return syntheticData(model);
  const aug = { noise: Rational.parse(job.augmentation.noise)!, mask: Rational.parse(job.augmentation.mask)!, scale: Rational.parse(job.augmentation.scale)! };
  const table = job.data === 'iris' ? irisTable() : csvTable(job.data, job.dataShownAs);
  if (table.columns !== model.encoder.in) {
    throw new UsageError(`--data ${job.dataShownAs}: the data have ${table.columns} columns, but the spec's encoder takes p = ${model.encoder.in} inputs (encoder.in)`);
  }
  return tableData(job.dataShownAs, table, aug);
}

export interface JobResult {
  sweep?: { parameter: SweepParameter; value: number };
  data: { name: string; description: string };
  /** The exact second moments the loop's data have and the theory derived from, as rational strings. */
  moments: { sigma1: string[][]; sigma2: string[][]; sigma12: string[][] };
  shares: ProcedureShare[];
}

export function runJob(job: Job): JobResult {
  const spec = loadSpecFile(job.spec);
  const data = jobData(job, spec);
  let model = modelOnData(spec, data);
  let options = job.options;
  if (job.sweep) ({ model, options } = atValue(model, options, job.sweep.parameter, job.sweep.value));
  const derivation = deriveModel(model);
  const setup = loopSetup(model, data);
  const shares = derivation.procedures.map((_, k) => collapseShare(setup, derivation, k, options, job.seeds));
  const text = (m: Model['moments']['sigma1']) => m.map((row) => row.map(String));
  const moments = { sigma1: text(model.moments.sigma1), sigma2: text(model.moments.sigma2), sigma12: text(model.moments.sigma12) };
  return { ...(job.sweep ? { sweep: job.sweep } : {}), data: { name: data.name, description: data.description }, moments, shares };
}
