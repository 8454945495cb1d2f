/**
 * Strict reading of a certificate's JSON for the kernel (check.ts): a missing or mistyped field is
 * `Malformed` (not a certificate; `verify` exits 2), evidence that fails is `Rejected` (exit 1).
 */
import { Rational } from '../exact/rational.js';
import { type KernelInequality, type KernelModel, type SymbolClass, constantValue } from './field.js';
import { parseExpression } from './parse.js';
import { type KPoly, constant } from './poly.js';

/** The kernel's own bounds (they match LIMITS in src/model/model.ts, restated so nothing is shared). */
const MAX_DIMENSION = 64;
const MAX_STATE = 800;
const MAX_NUMBER_CHARS = 10_000;
const MAX_SYMBOLS = 16;
/** A symbol's name: as a family spec declares them, no underscore (state coordinates and fresh variables have one). */
const SYMBOL = /^[a-z][A-Za-z0-9]{0,15}$/;
const SYMBOL_CLASSES: readonly SymbolClass[] = ['positive', 'nonnegative', 'nonzero', 'real'];

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
function matrix(x: unknown, path: string, p: number, entry: (x: unknown, path: string) => KPoly): KPoly[][] {
  need(Array.isArray(x) && x.length === p && x.every((r) => Array.isArray(r) && r.length === p), path, `a ${p}×${p} list of rows`);
  return (x as unknown[][]).map((row, i) => row.map((e, j) => entry(e, `${path}[${i}][${j}]`)));
}

/** A polynomial in the declared symbols, written as a string in the `derive` syntax ("c", "x + sigma2", "3/4"). */
export function symbolExpression(x: unknown, path: string, names: ReadonlySet<string>): KPoly {
  need(typeof x === 'string' && x.length <= MAX_NUMBER_CHARS, path, 'an expression string');
  try {
    return parseExpression(x, names);
  } catch (e) {
    throw new Malformed(`${path}: expected a polynomial in the declared parameters (${[...names].join(', ') || 'none'}): ${(e as Error).message}`);
  }
}

/**
 * A family's `parameters` [{name, sign}] and `inequalities` [{lhs, rhs, strict}] (lhs < rhs, or
 * lhs ≤ rhs when not strict); both absent for a numeric model.
 */
function readSymbols(m: Json): { symbols: Map<string, SymbolClass>; inequalities: KernelInequality[] } {
  const symbols = new Map<string, SymbolClass>();
  if (m.parameters === undefined) {
    need(m.inequalities === undefined, 'model.inequalities', 'no inequalities without parameters');
    return { symbols, inequalities: [] };
  }
  need(Array.isArray(m.parameters) && m.parameters.length >= 1 && m.parameters.length <= MAX_SYMBOLS, 'model.parameters', `a list of 1 to ${MAX_SYMBOLS} {name, sign}`);
  (m.parameters as unknown[]).forEach((x, k) => {
    const o = object(x, `model.parameters[${k}]`);
    need(typeof o.name === 'string' && SYMBOL.test(o.name) && !symbols.has(o.name), `model.parameters[${k}].name`, 'a new symbol name: a lower-case letter, then up to 15 letters or digits');
    symbols.set(o.name as string, choice(o.sign, `model.parameters[${k}].sign`, SYMBOL_CLASSES));
  });
  const names = new Set(symbols.keys());
  const raw = m.inequalities ?? [];
  need(Array.isArray(raw) && raw.length <= 64, 'model.inequalities', 'a list of at most 64 {lhs, rhs, strict}');
  const inequalities = (raw as unknown[]).map((x, k) => {
    const o = object(x, `model.inequalities[${k}]`);
    need(typeof o.strict === 'boolean', `model.inequalities[${k}].strict`, 'true or false');
    const side = (key: 'lhs' | 'rhs') => symbolExpression(o[key], `model.inequalities[${k}].${key}`, names);
    return { lhs: side('lhs'), rhs: side('rhs'), strict: o.strict as boolean };
  });
  return { symbols, inequalities };
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
  const { symbols, inequalities } = readSymbols(m);
  const names = new Set(symbols.keys());
  // A numeric model's entries are exact numbers; a family's, polynomials in its symbols.
  const entry = (x: unknown, path: string): KPoly => (symbols.size === 0 ? constant(rational(x, path)) : symbolExpression(x, path, names));
  const positive = (key: string, min: 0 | 1): KPoly => {
    const r = entry(m[key], `model.${key}`);
    // A rate in symbols carries no sign here: the family kinds prove each sign they use (λ ≥ 0 for gd-collapse).
    const value = constantValue(r);
    need(value === null || value.sign() >= min, `model.${key}`, min ? 'a number > 0' : 'a number ≥ 0');
    return r;
  };
  return {
    encoder: { kind, in: p, out: q },
    predictor: { kind: predictor },
    moments: { sigma1: matrix(mo.sigma1, 'model.moments.sigma1', p, entry), sigma2: matrix(mo.sigma2, 'model.moments.sigma2', p, entry), sigma12: matrix(mo.sigma12, 'model.moments.sigma12', p, entry) },
    weightDecay: positive('weightDecay', 0),
    predictorRate: positive('predictorRate', 1),
    emaRate: positive('emaRate', 1),
    symbols,
    inequalities,
  };
}
