/**
 * The kernel's own interval arithmetic (for the variant-curl kind; docs/certificates.md): closed
 * intervals of doubles, every operation rounded outward so that the result contains every exact
 * result on points of its operands. Written for the kernel alone; the engine has its own.
 *
 * Rounding. +, −, × and ÷ on doubles are correctly rounded to nearest (IEEE 754, which the language
 * requires), so one double outward of the rounded result bounds the exact one. The language
 * promises less of the library: the kernel assumes Math.sqrt within one double of the exact root
 * (hardware square roots are correctly rounded) and steps two doubles outward, and Math.tanh,
 * Math.exp and Math.log1p within a relative 2⁻³⁰ (real libraries are within a few ulps, about
 * 2⁻⁵⁰), widening by that and clamping to the function's known range. These assumptions about the
 * platform are the part of this file that is not a proof; docs/certificates.md states them.
 *
 * Anything that would need a divisor or a square root argument touching 0 throws `Rejected`:
 * the kernel then cannot enclose the value, and says so instead of returning (−∞, ∞).
 *
 * Example: `kAdd(kRational(Rational.of(1, 10)), kPoint(0.2))` contains 1/10 + 0.2 exactly.
 */
import { Rational } from '../../exact/rational.js';
import { Rejected } from '../read.js';

export interface KInterval {
  readonly lo: number;
  readonly hi: number;
}

const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);

/** The next double above x; +∞ stays. */
export function up(x: number): number {
  if (x !== x || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  f64[0] = x;
  i64[0] = x > 0 ? i64[0]! + 1n : i64[0]! - 1n;
  return f64[0]!;
}

export function down(x: number): number {
  return -up(-x);
}

/** The exact value of a finite double: mantissa · 2^exponent, read from its bits. */
export function rationalOfDouble(x: number): Rational {
  if (!Number.isFinite(x)) throw new Rejected(`a value is not finite (${x}): the enclosure overflowed`);
  if (x === 0) return Rational.ZERO;
  f64[0] = Math.abs(x);
  const bits = BigInt.asUintN(64, i64[0]!);
  const biased = Number(bits >> 52n);
  const fraction = bits & 0xfffffffffffffn;
  const mantissa = biased === 0 ? fraction : fraction + (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  const value = exponent >= 0 ? Rational.fromBigInt(mantissa << BigInt(exponent)) : Rational.of(mantissa, 1n << BigInt(-exponent));
  return x < 0 ? value.neg() : value;
}

/**
 * Doubles around an exact rational. Rational.toNumber rounds numerator and denominator apart
 * when they exceed 2⁵³, so it may be several doubles off: each end steps outward until the exact
 * comparison brackets r (decided in rationals, not trusted to the float).
 */
export function kRational(r: Rational): KInterval {
  const x = r.toNumber();
  if (!Number.isFinite(x)) throw new Rejected(`the number ${r.toString().slice(0, 40)} is beyond the doubles`);
  let lo = x;
  let hi = x;
  while (rationalOfDouble(lo).compare(r) > 0) lo = down(lo);
  while (rationalOfDouble(hi).compare(r) < 0) hi = up(hi);
  return { lo, hi };
}

export const kPoint = (x: number): KInterval => ({ lo: x, hi: x });
export const K_ZERO = kPoint(0);
export const K_ONE = kPoint(1);

function outward(lo: number, hi: number): KInterval {
  if (lo !== lo || hi !== hi) throw new Rejected('an interval operation gave NaN (an overflow met 0)');
  return { lo: down(lo), hi: up(hi) };
}

export function kAdd(x: KInterval, y: KInterval): KInterval {
  if (x.lo === 0 && x.hi === 0) return y;
  if (y.lo === 0 && y.hi === 0) return x;
  return outward(x.lo + y.lo, x.hi + y.hi);
}

export const kNeg = (x: KInterval): KInterval => ({ lo: -x.hi, hi: -x.lo });

export const kSub = (x: KInterval, y: KInterval): KInterval => kAdd(x, kNeg(y));

export function kMul(x: KInterval, y: KInterval): KInterval {
  if ((x.lo === 0 && x.hi === 0) || (y.lo === 0 && y.hi === 0)) return K_ZERO;
  if (x.lo === 1 && x.hi === 1) return y;
  if (y.lo === 1 && y.hi === 1) return x;
  const a = x.lo * y.lo;
  const b = x.lo * y.hi;
  const c = x.hi * y.lo;
  const d = x.hi * y.hi;
  return outward(Math.min(a, b, c, d), Math.max(a, b, c, d));
}

/** Whether every number of x is nonzero. */
export const excludesZero = (x: KInterval): boolean => x.lo > 0 || x.hi < 0;

/** 1/y, for y not touching 0 (else Rejected, naming `what`). */
export function kInverse(y: KInterval, what: string): KInterval {
  if (!excludesZero(y)) throw new Rejected(`${what} may be 0 on the box ([${y.lo}, ${y.hi}]): the kernel does not divide by it`);
  return outward(1 / y.hi, 1 / y.lo);
}

export const kDiv = (x: KInterval, y: KInterval, what: string): KInterval => kMul(x, kInverse(y, what));

export function kSqr(x: KInterval): KInterval {
  const [a, b] = [x.lo * x.lo, x.hi * x.hi];
  if (x.lo >= 0) return { lo: Math.max(0, down(a)), hi: up(b) };
  if (x.hi <= 0) return { lo: Math.max(0, down(b)), hi: up(a) };
  return { lo: 0, hi: up(Math.max(a, b)) };
}

/** √x for x > 0 on the whole interval (a square root's derivative needs it). */
export function kSqrt(x: KInterval, what: string): KInterval {
  if (!(x.lo > 0)) throw new Rejected(`${what} may be 0 or negative on the box ([${x.lo}, ${x.hi}]): the kernel takes square roots of positive intervals only`);
  return { lo: Math.max(0, down(down(Math.sqrt(x.lo)))), hi: up(up(Math.sqrt(x.hi))) };
}

/** Exact rational times an interval. */
export const kScale = (r: Rational, x: KInterval): KInterval => (r.isOne() ? x : kMul(kRational(r), x));

const LIBRARY = 2 ** -30;
const widenDown = (y: number): number => down(down(y) - Math.abs(y) * LIBRARY);
const widenUp = (y: number): number => up(up(y) + Math.abs(y) * LIBRARY);

/** An increasing library function at both ends, widened (header), clamped to [min, max]. */
function increasing(f: (x: number) => number, x: KInterval, min: number, max: number): KInterval {
  return { lo: Math.max(min, widenDown(f(x.lo))), hi: Math.min(max, widenUp(f(x.hi))) };
}

export const kTanh = (x: KInterval): KInterval => increasing(Math.tanh, x, -1, 1);

/** σ(x) = 1/(1 + e^−x), written so that e^−x never overflows to a useless ∞/∞. */
const logistic = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
export const kSigmoid = (x: KInterval): KInterval => increasing(logistic, x, 0, 1);

/** softplus(x) = log(1 + eˣ) = max(x, 0) + log1p(e^−|x|). */
const softplus = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
export const kSoftplus = (x: KInterval): KInterval => increasing(softplus, x, 0, Infinity);

/** The hull of two intervals' intersection, or null when they are disjoint. */
export function kIntersect(x: KInterval, y: KInterval): KInterval | null {
  const lo = Math.max(x.lo, y.lo);
  const hi = Math.min(x.hi, y.hi);
  return lo <= hi ? { lo, hi } : null;
}
