/**
 * Interval arithmetic with outward rounding: each operation returns an interval of doubles that
 * contains every exact result of the operation on points of its operands, so a chain of them
 * encloses the exact value of an expression over a box. This is what makes a float computation a
 * certificate (verdict level "certified", docs/math.md §7).
 *
 * Rounding. JavaScript has no rounding modes; +, −, ×, ÷ and √ are correctly rounded to nearest
 * (IEEE 754), so moving the result at least one double outward (`down`, `up`) bounds the exact
 * result. Math.tanh, Math.exp and Math.log1p carry no accuracy guarantee in the language; every
 * engine's is within a few ulps, and we step their results outward by a relative 2⁻⁴⁰ (about
 * 2¹³ ulps) plus one or two doubles — an assumption, stated here, about the platform's library,
 * not a proof.
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

/**
 * Outward steps without bit manipulation, for the interval passes that run them millions of times.
 * If c = fl(r) is the double nearest to an exact r, then pred(c) ≤ r ≤ succ(c). Rump, Zimmermann,
 * Boldo and Melquiond ("Computing predecessor and successor in rounding to nearest", BIT 49, 2009,
 * Algorithm 1 and Theorem 2.1) prove that with e = fl(φ·|c| + η), φ = u(1 + 2u), u = 2⁻⁵³ and η
 * = 2⁻¹⁰⁷⁴ (the smallest subnormal), fl(c − e) ≤ pred(c) and fl(c + e) ≥ succ(c), in rounding to
 * nearest, subnormals included. We take φ = 2⁻⁵² > u(1 + 2u): rounding is monotone, so the larger
 * e only moves the results further out (at most two doubles instead of one, three just above
 * underflow). At ±∞ and NaN (an overflow, or 0·∞) the result is the infinite end, so an
 * enclosure never silently shrinks.
 */
const PHI = 2 ** -52;
export function down(c: number): number {
  const r = c - (Math.abs(c) * PHI + Number.MIN_VALUE);
  return r === r ? r : -Infinity; // NaN from ∞ − ∞ or a NaN operand
}
export function up(c: number): number {
  const r = c + (Math.abs(c) * PHI + Number.MIN_VALUE);
  return r === r ? r : Infinity;
}

/** Widening for results of library functions without an accuracy guarantee (see the header). */
const LIBRARY_SLACK = 2 ** -40;
const looseDown = (y: number): number => down(y - Math.abs(y) * LIBRARY_SLACK);
const looseUp = (y: number): number => up(y + Math.abs(y) * LIBRARY_SLACK);

/**
 * The tightest pair of doubles around an exact rational. `toNumber` may be a few doubles off when
 * the numerator or denominator exceeds 2⁵³ (it rounds both, then divides), so each end steps
 * outward until the exact comparison brackets r.
 */
export function enclose(r: Rational): Interval {
  const x = r.toNumber();
  if (!Number.isFinite(x)) return ENTIRE;
  let lo = x;
  let hi = x;
  while (Number.isFinite(lo) && exactRational(lo).compare(r) > 0) lo = nextDown(lo);
  while (Number.isFinite(hi) && exactRational(hi).compare(r) < 0) hi = nextUp(hi);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return ENTIRE;
  // The tightest: step back in while the other side of the bracket still holds.
  while (lo < hi && exactRational(nextUp(lo)).compare(r) <= 0) lo = nextUp(lo);
  while (lo < hi && exactRational(nextDown(hi)).compare(r) >= 0) hi = nextDown(hi);
  return { lo, hi };
}

// ── the operations on bounds ─────────────────────────────────────────────────────────────────
// Each takes the operands' ends as numbers and writes the result's ends to `bounds` (lo, hi): the
// flat passes over typed arrays (partials.ts) call them per node without making objects, and the
// `Arithmetic` below wraps the same functions, so both give the same enclosures to the bit.

/** The last operation's result: bounds[0] = lo, bounds[1] = hi. */
export const bounds = new Float64Array(2);

export function addB(alo: number, ahi: number, blo: number, bhi: number): void {
  bounds[0] = down(alo + blo);
  bounds[1] = up(ahi + bhi);
}

export function mulB(alo: number, ahi: number, blo: number, bhi: number): void {
  const p = alo * blo;
  const q = alo * bhi;
  const r = ahi * blo;
  const s = ahi * bhi;
  // Math.min/max return NaN if any product is NaN (0·∞): down/up then give the whole line.
  bounds[0] = down(Math.min(p, q, r, s));
  bounds[1] = up(Math.max(p, q, r, s));
}

export function divB(alo: number, ahi: number, blo: number, bhi: number): void {
  if (blo <= 0 && bhi >= 0) {
    bounds[0] = -Infinity;
    bounds[1] = Infinity;
    return;
  }
  const p = alo / blo;
  const q = alo / bhi;
  const r = ahi / blo;
  const s = ahi / bhi;
  bounds[0] = down(Math.min(p, q, r, s));
  bounds[1] = up(Math.max(p, q, r, s));
}

export function sqrB(lo: number, hi: number): void {
  const a = lo * lo;
  const b = hi * hi;
  if (lo >= 0) {
    bounds[0] = Math.max(0, down(a));
    bounds[1] = up(b);
  } else if (hi <= 0) {
    bounds[0] = Math.max(0, down(b));
    bounds[1] = up(a);
  } else {
    bounds[0] = 0;
    bounds[1] = up(Math.max(a, b));
  }
}

export function sqrtB(lo: number, hi: number): void {
  // √ is defined for x ≥ 0 only: its enclosure covers the part of x in its domain.
  if (hi < 0) {
    bounds[0] = -Infinity;
    bounds[1] = Infinity;
    return;
  }
  bounds[0] = Math.max(0, down(Math.sqrt(Math.max(0, lo))));
  bounds[1] = up(Math.sqrt(hi));
}

/** A monotone increasing library function over [lo, hi], clamped to its known range. */
function increasingB(f: (x: number) => number, lo: number, hi: number, min: number, max: number): void {
  bounds[0] = Math.max(min, looseDown(f(lo)));
  bounds[1] = Math.min(max, looseUp(f(hi)));
}

export const tanhB = (lo: number, hi: number): void => increasingB(Math.tanh, lo, hi, -1, 1);
export const softplusB = (lo: number, hi: number): void => increasingB(softplus, lo, hi, 0, Infinity);
export const sigmoidB = (lo: number, hi: number): void => increasingB(sigmoid, lo, hi, 0, 1);

export function reluB(lo: number, hi: number): void {
  bounds[0] = Math.max(0, lo);
  bounds[1] = Math.max(0, hi);
}

/** The Heaviside step: 1 where x > 0, 0 where x ≤ 0 (both on an interval that straddles 0). */
export function stepB(lo: number, hi: number): void {
  bounds[0] = lo > 0 ? 1 : 0;
  bounds[1] = hi <= 0 ? 0 : 1;
}

const result = (): Interval => ({ lo: bounds[0]!, hi: bounds[1]! });

export const intervalArithmetic: Arithmetic<Interval> = {
  constant: enclose,
  add: (x, y) => (addB(x.lo, x.hi, y.lo, y.hi), result()),
  mul: (x, y) => (mulB(x.lo, x.hi, y.lo, y.hi), result()),
  neg: (x) => ({ lo: -x.hi, hi: -x.lo }),
  div: (x, y) => (divB(x.lo, x.hi, y.lo, y.hi), result()),
  sqr: (x) => (sqrB(x.lo, x.hi), result()),
  sqrt: (x) => (sqrtB(x.lo, x.hi), result()),
  tanh: (x) => (tanhB(x.lo, x.hi), result()),
  softplus: (x) => (softplusB(x.lo, x.hi), result()),
  sigmoid: (x) => (sigmoidB(x.lo, x.hi), result()),
  relu: (x) => (reluB(x.lo, x.hi), result()),
  step: (x) => (stepB(x.lo, x.hi), result()),
};

/** Whether every number of the interval is nonzero (and its sign, when it is). */
export function signOf(x: Interval): -1 | 1 | 0 {
  return x.lo > 0 ? 1 : x.hi < 0 ? -1 : 0;
}
