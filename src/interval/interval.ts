/**
 * Interval arithmetic with outward rounding: each operation returns an interval of doubles that
 * contains every exact result of the operation on points of its operands, so a chain of them
 * encloses the exact value of an expression over a box. This is what makes a float computation a
 * certificate (verdict level "certified", docs/math.md §7).
 *
 * Rounding. JavaScript has no rounding modes; +, −, ×, ÷ and √ are correctly rounded to nearest
 * (IEEE 754), so stepping the result one double outward (`nextDown`, `nextUp`) bounds the exact
 * result. Math.tanh, Math.exp and Math.log1p carry no accuracy guarantee in the language; every
 * engine's is within a few ulps, and we step their results outward by a relative 2⁻⁴⁰ (about
 * 2¹³ ulps) plus one ulp — an assumption, stated here, about the platform's library, not a proof.
 * Constants are exact rationals, enclosed by the two doubles around them (decided exactly).
 *
 * Example: `intervalArithmetic.add(point(0.1), point(0.2))` contains 0.1 + 0.2 exactly.
 */
import { Rational } from '../exact/rational.js';
import type { Arithmetic } from '../expr/evaluate.js';
import { sigmoid, softplus } from '../expr/evaluate.js';

export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

const bits = new Float64Array(1);
const word = new BigInt64Array(bits.buffer);

/** The next double above x (x itself for +∞ and NaN). */
export function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  bits[0] = x;
  word[0] = x > 0 ? word[0]! + 1n : word[0]! - 1n;
  return bits[0]!;
}

export function nextDown(x: number): number {
  return -nextUp(-x);
}

/** The exact value of a finite double, as a rational (every double is a dyadic rational). */
export function exactRational(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  if (x === 0) return Rational.ZERO;
  bits[0] = x;
  const w = BigInt.asUintN(64, word[0]!);
  const exponent = Number((w >> 52n) & 0x7ffn);
  const fraction = w & ((1n << 52n) - 1n);
  const mantissa = exponent === 0 ? fraction : fraction | (1n << 52n);
  const power = (exponent === 0 ? 1 : exponent) - 1075; // value = mantissa · 2^power
  const magnitude = power >= 0 ? Rational.fromBigInt(mantissa << BigInt(power)) : Rational.of(mantissa, 1n << BigInt(-power));
  return x < 0 ? magnitude.neg() : magnitude;
}

export const point = (x: number): Interval => ({ lo: x, hi: x });
const ENTIRE: Interval = { lo: -Infinity, hi: Infinity };

/** [lo, hi] stepped one double outward each side: encloses the exact results rounded to lo and hi. */
function outward(lo: number, hi: number): Interval {
  if (Number.isNaN(lo) || Number.isNaN(hi)) return ENTIRE;
  return { lo: nextDown(lo), hi: nextUp(hi) };
}

/** Widening for results of library functions without an accuracy guarantee (see the header). */
const LIBRARY_SLACK = 2 ** -40;
const looser = (y: number, direction: -1 | 1): number => {
  const widened = y + direction * Math.abs(y) * LIBRARY_SLACK;
  return direction < 0 ? nextDown(widened) : nextUp(widened);
};

/** A monotone increasing library function over [lo, hi], clamped to its known range. */
function increasing(f: (x: number) => number, x: Interval, range: Interval): Interval {
  return { lo: Math.max(range.lo, looser(f(x.lo), -1)), hi: Math.min(range.hi, looser(f(x.hi), 1)) };
}

/** The tightest pair of doubles around an exact rational. */
export function enclose(r: Rational): Interval {
  const x = r.toNumber();
  if (!Number.isFinite(x)) return ENTIRE;
  const c = exactRational(x).compare(r);
  if (c === 0) return point(x);
  return c < 0 ? { lo: x, hi: nextUp(x) } : { lo: nextDown(x), hi: x };
}

function mul(x: Interval, y: Interval): Interval {
  const p = [x.lo * y.lo, x.lo * y.hi, x.hi * y.lo, x.hi * y.hi];
  if (p.some(Number.isNaN)) return ENTIRE; // 0 · ∞
  return outward(Math.min(...p), Math.max(...p));
}

function div(x: Interval, y: Interval): Interval {
  if (y.lo <= 0 && y.hi >= 0) return ENTIRE;
  const p = [x.lo / y.lo, x.lo / y.hi, x.hi / y.lo, x.hi / y.hi];
  if (p.some(Number.isNaN)) return ENTIRE;
  return outward(Math.min(...p), Math.max(...p));
}

function sqr(x: Interval): Interval {
  const [a, b] = [x.lo * x.lo, x.hi * x.hi];
  if (x.lo >= 0) return { lo: Math.max(0, nextDown(a)), hi: nextUp(b) };
  if (x.hi <= 0) return { lo: Math.max(0, nextDown(b)), hi: nextUp(a) };
  return { lo: 0, hi: nextUp(Math.max(a, b)) };
}

function sqrt(x: Interval): Interval {
  // √ is defined for x ≥ 0 only: its enclosure covers the part of x in its domain.
  if (x.hi < 0) return ENTIRE;
  return { lo: Math.max(0, nextDown(Math.sqrt(Math.max(0, x.lo)))), hi: nextUp(Math.sqrt(x.hi)) };
}

export const intervalArithmetic: Arithmetic<Interval> = {
  constant: enclose,
  add: (x, y) => outward(x.lo + y.lo, x.hi + y.hi),
  mul,
  neg: (x) => ({ lo: -x.hi, hi: -x.lo }),
  div,
  sqr,
  sqrt,
  tanh: (x) => increasing(Math.tanh, x, { lo: -1, hi: 1 }),
  softplus: (x) => increasing(softplus, x, { lo: 0, hi: Infinity }),
  sigmoid: (x) => increasing(sigmoid, x, { lo: 0, hi: 1 }),
  relu: (x) => ({ lo: Math.max(0, x.lo), hi: Math.max(0, x.hi) }),
  step: (x) => (x.lo > 0 ? point(1) : x.hi <= 0 ? point(0) : { lo: 0, hi: 1 }),
};

/** Whether every number of the interval is nonzero (and its sign, when it is). */
export function signOf(x: Interval): -1 | 1 | 0 {
  return x.lo > 0 ? 1 : x.hi < 0 ? -1 : 0;
}
