/**
 * Strict reading of a certificate's JSON for the kernel (check.ts): a missing or mistyped field is
 * `Malformed` (not a certificate; `verify` exits 2), evidence that fails is `Rejected` (exit 1).
 */
import { Rational } from '../exact/rational.js';
import type { KernelModel } from './field.js';

/** The kernel's own bounds (they match LIMITS in src/model/model.ts, restated so nothing is shared). */
const MAX_DIMENSION = 64;
const MAX_STATE = 800;
const MAX_NUMBER_CHARS = 10_000;

export type Json = Record<string, unknown>;

export class Malformed extends Error {}
export class Rejected extends Error {}
export function need(ok: unknown, path: string, expected: string): asserts ok { if (!ok) throw new Malformed(`${path}: expected ${expected}`); } // prettier-ignore
export const object = (x: unknown, path: string): Json => (need(typeof x === 'object' && x !== null && !Array.isArray(x), path, 'an object'), x as Json);
export function choice<T extends string>(x: unknown, path: string, options: readonly T[]): T {
  need(options.includes(x as T), path, `one of ${options.join(', ')}`);
  return x as T;
}
export function rational(x: unknown, path: string): Rational {
  const r = typeof x === 'string' && x.length <= MAX_NUMBER_CHARS ? Rational.parse(x) : null;
  need(r, path, 'an exact number written as a string, e.g. "-3/4"');
  return r;
}
function dimension(x: unknown, path: string): number {
  need(Number.isInteger(x) && (x as number) >= 1 && (x as number) <= MAX_DIMENSION, path, `an integer from 1 to ${MAX_DIMENSION}`);
  return x as number;
}
function matrix(x: unknown, path: string, p: number): Rational[][] {
  need(Array.isArray(x) && x.length === p && x.every((r) => Array.isArray(r) && r.length === p), path, `a ${p}×${p} list of rows`);
  return (x as unknown[][]).map((row, i) => row.map((e, j) => rational(e, `${path}[${i}][${j}]`)));
}

export function readModel(x: unknown): KernelModel {
  const m = object(x, 'model');
  const enc = object(m.encoder, 'model.encoder');
  const kind = choice(enc.kind, 'model.encoder.kind', ['linear', 'diagonal', 'scalar'] as const);
  const [p, q] = [dimension(enc.in, 'model.encoder.in'), dimension(enc.out, 'model.encoder.out')];
  const predictor = choice(object(m.predictor, 'model.predictor').kind, 'model.predictor.kind', ['linear', 'diagonal', 'identity'] as const);
  const e = kind === 'linear' ? p * q : kind === 'diagonal' ? Math.min(p, q) : 1;
  const b = predictor === 'linear' ? q * q : predictor === 'diagonal' ? q : 0;
  need(2 * e + b <= MAX_STATE, 'model', `an EMA state dimension of at most ${MAX_STATE}, got ${2 * e + b}`);
  const mo = object(m.moments, 'model.moments');
  const positive = (key: string, min: 0 | 1): Rational => {
    const r = rational(m[key], `model.${key}`);
    need(r.sign() >= min, `model.${key}`, min ? 'a number > 0' : 'a number ≥ 0');
    return r;
  };
  return {
    encoder: { kind, in: p, out: q },
    predictor: { kind: predictor },
    moments: { sigma1: matrix(mo.sigma1, 'model.moments.sigma1', p), sigma2: matrix(mo.sigma2, 'model.moments.sigma2', p), sigma12: matrix(mo.sigma12, 'model.moments.sigma12', p) },
    weightDecay: positive('weightDecay', 0),
    predictorRate: positive('predictorRate', 1),
    emaRate: positive('emaRate', 1),
  };
}
