/**
 * Test helper: expressions in 80-digit decimals (mathjs BigNumber), the reference that interval
 * enclosures must contain, and the containment test itself.
 */
import { all, create, type BigNumber } from 'mathjs';
import type { Rational } from '../../src/exact/rational.js';
import type { Arithmetic } from '../../src/expr/evaluate.js';
import { type Interval, exactRational } from '../../src/interval/interval.js';

export const math = create(all, { precision: 80 });
export const big = (r: Rational): BigNumber => math.bignumber(r.num.toString()).div(math.bignumber(r.den.toString()));
const one = math.bignumber(1);
const zero = math.bignumber(0);

/** A DAG (src/expr/) evaluated in 80 digits. */
export const bigArithmetic: Arithmetic<BigNumber> = {
  constant: big,
  add: (x, y) => x.add(y),
  mul: (x, y) => x.mul(y),
  neg: (x) => x.neg(),
  div: (x, y) => x.div(y),
  sqr: (x) => x.mul(x),
  sqrt: (x) => x.sqrt(),
  tanh: (x) => math.tanh(x) as BigNumber,
  softplus: (x) => math.log(one.add(math.exp(x) as BigNumber)) as BigNumber,
  sigmoid: (x) => one.div(one.add(math.exp(x.neg()) as BigNumber)),
  relu: (x) => (x.isPositive() && !x.isZero() ? x : zero),
  step: (x) => (x.isPositive() && !x.isZero() ? one : zero),
};

/** Whether the interval (ends read exactly) contains the 80-digit value. */
export const contains = (i: Interval, v: BigNumber): boolean => big(exactRational(i.lo)).lte(v) && v.lte(big(exactRational(i.hi)));
