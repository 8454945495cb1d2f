/**
 * A one-parameter sweep of the collapse shares: `PARAM=a:b:n` gives n evenly spaced values from a
 * to b of the learning rate (`lr`), the EMA momentum (`momentum`), the predictor rate
 * (`predictor-rate`, α) or the weight decay (`weight-decay`, λ). Each value is one job — the
 * model and options it changes, then every procedure's collapse share — so jobs run in worker
 * threads (sweep-pool.ts) and a sweep stopped early keeps the values that finished.
 *
 * Example: `parseSweep('momentum=0.9:0.99:4').values` is [0.9, 0.93, 0.96, 0.99].
 */
import { Rational } from '../exact/rational.js';
import { UsageError } from '../limits/errors.js';
import type { Model } from '../model/model.js';
import type { LoopOptions } from './loop.js';

export const SWEEP_PARAMETERS = ['lr', 'momentum', 'predictor-rate', 'weight-decay'] as const;
export type SweepParameter = (typeof SWEEP_PARAMETERS)[number];
export const MAX_SWEEP_VALUES = 200;

export interface Sweep {
  parameter: SweepParameter;
  values: number[];
}

export function parseSweep(text: string): Sweep {
  const m = /^([a-z-]+)=([^:]+):([^:]+):(\d+)$/.exec(text);
  const expected = `--sweep: expected PARAM=a:b:n with PARAM one of ${SWEEP_PARAMETERS.join(', ')}, numbers a < b and n from 2 to ${MAX_SWEEP_VALUES}, got ${JSON.stringify(text)}`;
  if (!m || !(SWEEP_PARAMETERS as readonly string[]).includes(m[1]!)) throw new UsageError(expected);
  const [a, b, n] = [Number(m[2]), Number(m[3]), Number(m[4])];
  if (!Number.isFinite(a) || !Number.isFinite(b) || !(a < b) || n < 2 || n > MAX_SWEEP_VALUES) throw new UsageError(expected);
  const parameter = m[1] as SweepParameter;
  const values = Array.from({ length: n }, (_, k) => Number((a + ((b - a) * k) / (n - 1)).toPrecision(12)));
  const bad = values.find((v) => !admissible(parameter, v));
  if (bad !== undefined) throw new UsageError(`--sweep: ${parameter} = ${bad} is out of range (${RANGES[parameter]})`);
  return { parameter, values };
}

const RANGES: Record<SweepParameter, string> = {
  lr: 'expected > 0',
  momentum: 'expected 0 ≤ m < 1',
  'predictor-rate': 'expected > 0',
  'weight-decay': 'expected ≥ 0',
};

function admissible(parameter: SweepParameter, v: number): boolean {
  if (parameter === 'momentum') return v >= 0 && v < 1;
  return parameter === 'weight-decay' ? v >= 0 : v > 0;
}

/** The model and loop options at one value of the swept parameter. */
export function atValue<O extends Omit<LoopOptions, 'seed'>>(model: Model, options: O, parameter: SweepParameter, value: number): { model: Model; options: O } {
  const exact = Rational.parse(String(value)) ?? Rational.fromFiniteNumber(value);
  if (parameter === 'lr') return { model, options: { ...options, lr: value } };
  if (parameter === 'momentum') return { model, options: { ...options, momentum: value } };
  if (parameter === 'predictor-rate') return { model: { ...model, predictorRate: exact }, options };
  return { model: { ...model, weightDecay: exact }, options };
}
