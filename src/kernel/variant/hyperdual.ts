/**
 * Interval hyper-dual numbers x = a + b·e1 + c·e2 + d·e1e2 with e1² = e2² = 0 (e1e2 ≠ 0), each
 * part an interval (interval.ts). Evaluating a C² function f on inputs u + s·e1 + t·e2 gives
 * f(u) + ∂_s f·e1 + ∂_t f·e2 + ∂²_{s,t} f·e1e2 exactly (Taylor's formula stops at the mixed term),
 * so with the parts of the inputs being intervals over a box, the d part of the result encloses
 * the mixed second derivative over the box: every operation below is the exact rule for its
 * parts, evaluated in outward-rounded intervals.
 *
 * Rules, for a unary f with f(u + δ), δ = b·e1 + c·e2 + d·e1e2: f(u) + f′(u)·δ + f″(u)·b·c·e1e2.
 * ReLU is differentiable only away from 0: where its argument may vanish on the box it throws
 * `Rejected` (the field is not C¹ there, and no curl is claimed).
 *
 * Example: `hdMul(hdVariable(kPoint(3), 1, 0), hdVariable(kPoint(3), 0, 1)).d` is [1, 1] (∂²(xy)/∂x∂y).
 */
import type { Rational } from '../../exact/rational.js';
import { Rejected } from '../read.js';
import {
  type KInterval,
  K_ONE,
  K_ZERO,
  kAdd,
  kInverse,
  kMul,
  kNeg,
  kRational,
  kSigmoid,
  kSoftplus,
  kSqr,
  kSqrt,
  kSub,
  kTanh,
  kPoint,
} from './interval.js';

export interface HyperDual {
  readonly a: KInterval;
  readonly b: KInterval;
  readonly c: KInterval;
  readonly d: KInterval;
}

const hd = (a: KInterval, b: KInterval, c: KInterval, d: KInterval): HyperDual => ({ a, b, c, d });

export const hdConstant = (a: KInterval): HyperDual => hd(a, K_ZERO, K_ZERO, K_ZERO);
export const hdRational = (r: Rational): HyperDual => hdConstant(kRational(r));
export const HD_ZERO = hdConstant(K_ZERO);

/** An input with value `a` and exact seeds along e1 and e2 (0 or 1 in practice). */
export const hdVariable = (a: KInterval, e1: number, e2: number): HyperDual => hd(a, kPoint(e1), kPoint(e2), K_ZERO);

export const hdAdd = (x: HyperDual, y: HyperDual): HyperDual => hd(kAdd(x.a, y.a), kAdd(x.b, y.b), kAdd(x.c, y.c), kAdd(x.d, y.d));
export const hdNeg = (x: HyperDual): HyperDual => hd(kNeg(x.a), kNeg(x.b), kNeg(x.c), kNeg(x.d));
export const hdSub = (x: HyperDual, y: HyperDual): HyperDual => hd(kSub(x.a, y.a), kSub(x.b, y.b), kSub(x.c, y.c), kSub(x.d, y.d));

/** (a1 + b1e1 + c1e2 + d1e1e2)(a2 + …) = a1a2 + (a1b2 + b1a2)e1 + (a1c2 + c1a2)e2 + (a1d2 + b1c2 + c1b2 + d1a2)e1e2. */
export function hdMul(x: HyperDual, y: HyperDual): HyperDual {
  const d = kAdd(kAdd(kMul(x.a, y.d), kMul(x.b, y.c)), kAdd(kMul(x.c, y.b), kMul(x.d, y.a)));
  return hd(kMul(x.a, y.a), kAdd(kMul(x.a, y.b), kMul(x.b, y.a)), kAdd(kMul(x.a, y.c), kMul(x.c, y.a)), d);
}

/** An interval times every part. */
export const hdTimes = (k: KInterval, x: HyperDual): HyperDual => hd(kMul(k, x.a), kMul(k, x.b), kMul(k, x.c), kMul(k, x.d));
export const hdScale = (r: Rational, x: HyperDual): HyperDual => (r.isOne() ? x : hdTimes(kRational(r), x));

/** f(x) from f(a), f′(a), f″(a) (the rule in the header). */
function chain(x: HyperDual, f: KInterval, f1: KInterval, f2: KInterval): HyperDual {
  return hd(f, kMul(f1, x.b), kMul(f1, x.c), kAdd(kMul(f1, x.d), kMul(f2, kMul(x.b, x.c))));
}

export function hdSqr(x: HyperDual): HyperDual {
  const two = kPoint(2);
  return chain(x, kSqr(x.a), kMul(two, x.a), two);
}

/** 1/x: f′ = −1/x², f″ = 2/x³. */
export function hdInverse(x: HyperDual, what: string): HyperDual {
  const r = kInverse(x.a, what);
  const r2 = kSqr(r);
  return chain(x, r, kNeg(r2), kMul(kPoint(2), kMul(r2, r)));
}

export const hdDiv = (x: HyperDual, y: HyperDual, what: string): HyperDual => hdMul(x, hdInverse(y, what));

/** √x for x > 0 on the box: f′ = 1/(2√x), f″ = −1/(4 x √x). */
export function hdSqrt(x: HyperDual, what: string): HyperDual {
  const s = kSqrt(x.a, what);
  const half = kInverse(kMul(kPoint(2), s), what);
  return chain(x, s, half, kNeg(kInverse(kMul(kPoint(4), kMul(x.a, s)), what)));
}

/** tanh: f′ = 1 − t², f″ = −2t(1 − t²). */
export function hdTanh(x: HyperDual): HyperDual {
  const t = kTanh(x.a);
  const f1 = kSub(K_ONE, kSqr(t));
  return chain(x, t, f1, kMul(kPoint(-2), kMul(t, f1)));
}

/** softplus = log(1 + eˣ): f′ = σ(x), f″ = σ(x)(1 − σ(x)). */
export function hdSoftplus(x: HyperDual): HyperDual {
  const s = kSigmoid(x.a);
  return chain(x, kSoftplus(x.a), s, kMul(s, kSub(K_ONE, s)));
}

/** max(x, 0) where x keeps one sign on the box; else the field is not differentiable there. */
export function hdRelu(x: HyperDual): HyperDual {
  if (x.a.lo > 0) return x;
  if (x.a.hi < 0) return HD_ZERO;
  throw new Rejected(`a ReLU's argument may be 0 on the box ([${x.a.lo}, ${x.a.hi}]): the field is not differentiable there, so its Jacobian is not enclosed`);
}

/** Σ x_k y_k. */
export function hdDot(x: readonly HyperDual[], y: readonly HyperDual[]): HyperDual {
  let s = HD_ZERO;
  for (let k = 0; k < x.length; k++) s = hdAdd(s, hdMul(x[k]!, y[k]!));
  return s;
}

export function hdSum(xs: readonly HyperDual[]): HyperDual {
  return xs.reduce(hdAdd, HD_ZERO);
}

/** x^k for an integer k ≥ 1, by repeated squaring. */
export function hdPower(x: HyperDual, k: number): HyperDual {
  let result: HyperDual | null = null;
  let base = x;
  for (let e = k; e > 0; e >>= 1) {
    if (e & 1) result = result ? hdMul(result, base) : base;
    if (e > 1) base = hdSqr(base);
  }
  if (!result) throw new Error('hdPower: expected k ≥ 1');
  return result;
}
