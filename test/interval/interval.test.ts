import type { BigNumber } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/exact/rational.js';
import { Program } from '../../src/expr/evaluate.js';
import { boxAround, certifyCurlAt, certifyCurlAtSamples } from '../../src/interval/certified-curl.js';
import { type Interval, down, enclose, exactRational, intervalArithmetic, nextDown, nextUp, point, up } from '../../src/interval/interval.js';
import { IntervalPartials } from '../../src/interval/partials.js';
import { seededRandom } from '../../src/numeric/random.js';
import { deriveVariant } from '../../src/variants/fields.js';
import { parseVariant } from '../../src/variants/spec.js';
import { big, bigArithmetic, contains, math } from '../helpers/big-arithmetic.js';

const one = math.bignumber(1);

describe('outward rounding', () => {
  it('steps one double and reads doubles exactly', () => {
    expect(nextUp(1)).toBe(1 + 2 ** -52);
    expect(nextDown(1)).toBe(1 - 2 ** -53);
    expect(nextUp(0)).toBe(Number.MIN_VALUE);
    expect(nextDown(-1)).toBe(-1 - 2 ** -52);
    expect(exactRational(0.1).toString()).toBe('3602879701896397/36028797018963968');
    expect(exactRational(-2.5).toString()).toBe('-5/2');
    expect(exactRational(Number.MIN_VALUE).equals(Rational.of(1n, 2n ** 1074n))).toBe(true);
  });

  it('encloses exact rationals between two doubles', () => {
    for (const r of [Rational.of(1, 3), Rational.of(-7, 10), Rational.of(1, 4), Rational.of(10n ** 30n + 1n, 3n)]) {
      const e = enclose(r);
      expect(exactRational(e.lo).compare(r)).toBeLessThanOrEqual(0);
      expect(exactRational(e.hi).compare(r)).toBeGreaterThanOrEqual(0);
      expect(e.hi === e.lo || nextUp(e.lo) === e.hi).toBe(true);
    }
  });

  it('each operation on exact doubles contains its exact (80-digit) result', () => {
    const [a, b] = [point(0.1), point(0.7)];
    const [x, y] = [big(exactRational(0.1)), big(exactRational(0.7))];
    const ar = intervalArithmetic;
    const cases: Array<[Interval, BigNumber]> = [
      [ar.add(a, b), x.add(y)],
      [ar.mul(a, b), x.mul(y)],
      [ar.div(a, b), x.div(y)],
      [ar.sqr(b), y.mul(y)],
      [ar.sqrt(b), y.sqrt()],
      [ar.tanh(b), math.tanh(y) as BigNumber],
      [ar.softplus(b), math.log(one.add(math.exp(y) as BigNumber)) as BigNumber],
      [ar.sigmoid(a), one.div(one.add(math.exp(x.neg()) as BigNumber))],
    ];
    cases.forEach(([i, v], k) => expect(contains(i, v), `case ${k}`).toBe(true));
  });

  it('down and up step at least one double outward and at most two (three just above underflow), over the whole range', () => {
    const r = seededRandom(11);
    const word = new BigUint64Array(1);
    const asDouble = new Float64Array(word.buffer);
    const samples = [0, -0, 1, -1, 2 ** -1022, -(2 ** -1022), Number.MIN_VALUE, -Number.MIN_VALUE, 2 ** -1073, 3 * 2 ** -1074, 2 ** -1022 - 2 ** -1074, Number.MAX_VALUE, -Number.MAX_VALUE, 1 - 2 ** -53, 6, 3, 2 ** 1023];
    for (let k = 0; k < 5000; k++) {
      word[0] = (BigInt(Math.floor(r.next() * 2 ** 32)) << 32n) | BigInt(Math.floor(r.next() * 2 ** 32));
      if (Number.isFinite(asDouble[0]!)) samples.push(asDouble[0]!);
    }
    for (const x of samples) {
      expect(down(x) <= nextDown(x), `down(${x}) outward`).toBe(true);
      expect(up(x) >= nextUp(x), `up(${x}) outward`).toBe(true);
      // Not needlessly wide: two doubles, three just above underflow (where η is not small beside an ulp).
      const near = Math.abs(x) < 2 ** -1016;
      expect(down(x) >= (near ? nextDown(nextDown(nextDown(x))) : nextDown(nextDown(x))), `down(${x}) tight`).toBe(true);
      expect(up(x) <= (near ? nextUp(nextUp(nextUp(x))) : nextUp(nextUp(x))), `up(${x}) tight`).toBe(true);
    }
    expect([down(-Infinity), up(Infinity), down(NaN), up(NaN), down(Infinity), up(-Infinity)]).toEqual([-Infinity, Infinity, -Infinity, Infinity, -Infinity, Infinity]);
  });

  it('a product of intervals that straddle 0 and a square', () => {
    expect(intervalArithmetic.mul({ lo: -1, hi: 2 }, { lo: -3, hi: 1 })).toEqual({ lo: down(-6), hi: up(3) });
    expect(down(-6)).toBeLessThan(-6);
    expect(up(3)).toBeGreaterThan(3);
    expect(intervalArithmetic.sqr({ lo: -1, hi: 2 })).toEqual({ lo: 0, hi: up(4) });
    expect(intervalArithmetic.div({ lo: 1, hi: 1 }, { lo: -1, hi: 1 })).toEqual({ lo: -Infinity, hi: Infinity });
  });
});

const rng = seededRandom(3);
const pairs = (n: number, p: number) =>
  `[${Array.from({ length: n }, () => `[[${Array.from({ length: p }, () => `${rng.int(-3, 3)}/${rng.int(1, 3)}`)}], [${Array.from({ length: p }, () => `${rng.int(-3, 3)}/${rng.int(1, 3)}`)}]]`).join(', ')}]`;
const spec = (lines: Record<string, string>) => parseVariant(Object.entries({ ...lines, data: `{pairs: ${pairs(3, 2)}}` }).map(([k, v]) => `${k}: ${v}`).join('\n'), 'v');
/** A dyadic point (k/256): its decimal form is its exact value, so the references see the same point. */
const dyadic = (n: number) => Float64Array.from({ length: n }, () => rng.int(-512, 512) / 256);

const VARIANTS: Record<string, Record<string, string>> = {
  'cosine, linear, SG': { loss: 'cosine', encoder: '{kind: linear, in: 2, out: 2}', predictor: '{kind: linear}', stopGradient: 'target', weightDecay: '1/10', predictorRate: '3' },
  'cosine, tanh MLP with bias, EMA': { loss: 'cosine', encoder: '{kind: mlp, layers: [2, 2, 2], activation: tanh, bias: true}', predictor: '{kind: linear}', ema: 'on', emaRate: '1/3' },
  'squared, softplus, symmetric, GD': { encoder: '{kind: mlp, layers: [2, 2, 1], activation: softplus}', predictor: '{kind: symmetric}', stopGradient: 'none' },
  'cosine, DirectCopy, SG': { loss: 'cosine', encoder: '{kind: linear, in: 2, out: 2}', predictor: '{kind: directcopy, eps: 1/7}', stopGradient: 'target' },
};

describe('interval Jacobians contain the 80-digit values (mathjs BigNumber)', () => {
  it.each(Object.keys(VARIANTS))('%s: every entry of DV over a box, at its centre and at points inside', (name) => {
    const d = deriveVariant(spec(VARIANTS[name]!));
    const { dag } = d.layout;
    const f = d.fields[0]!;
    const n = f.stateNames.length;
    const entries = new Program(dag, f.jacobian.flat());
    const centre = dyadic(n);
    const box = boxAround(centre, 2 ** -16);
    const enclosures = entries.run(intervalArithmetic, box);
    const inside = [centre, ...[0, 1, 2].map(() => centre.map((c) => c + rng.int(-256, 256) * 2 ** -24))];
    for (const x of inside) {
      const values = entries.run(bigArithmetic, Array.from(x, (c) => math.bignumber(c)));
      values.forEach((v, k) => expect(contains(enclosures[k]!, v), `${name} DV entry ${k} = ${v.toString()}`).toBe(true));
    }
    // At the centre alone (a box of width 0) the enclosure is a few doubles wide, so a rounding
    // that is not outward shows.
    const atCentre = entries.run(intervalArithmetic, Array.from(centre, point));
    entries.run(bigArithmetic, Array.from(centre, (c) => math.bignumber(c))).forEach((v, k) => expect(contains(atCentre[k]!, v), `${name} DV entry ${k} at the centre`).toBe(true));
    // Not vacuous: the enclosures are tight (the box is 2⁻¹⁶ wide).
    const widest = Math.max(...enclosures.map((e) => (e.hi - e.lo) / (1 + Math.abs(e.lo))));
    expect(widest, name).toBeLessThan(0.1);
  });
});

/**
 * A variant's first field over a box around a dyadic centre (radius 2⁻¹⁶), with every column of DV
 * by the generic interval forward mode; `zero` is how a direction's other coordinates are seeded.
 */
function fieldOverBox(name: string, zero: Interval | null) {
  const d = deriveVariant(spec(VARIANTS[name]!));
  const { dag } = d.layout;
  const f = d.fields[0]!;
  const n = f.stateNames.length;
  const centre = dyadic(n);
  const box = boxAround(centre, 2 ** -16);
  const program = new Program(dag, f.field);
  const unit = (k: number) => Array.from({ length: n }, (_, m) => (m === k ? point(1) : zero));
  const columns = program.runWithTangents(intervalArithmetic, box, Array.from({ length: n }, (_, j) => unit(j)));
  return { dag, f, n, centre, box, program, columns };
}

describe('forward mode over intervals (what the certified curl runs) contains the 80-digit DV', () => {
  it.each(Object.keys(VARIANTS))('%s: every column of DV from V alone, over a box', (name) => {
    const { dag, f, n, centre, columns } = fieldOverBox(name, point(0));
    const inside = [centre, centre.map((c) => c + rng.int(-256, 256) * 2 ** -24)];
    const symbolic = new Program(dag, f.jacobian.flat());
    for (const x of inside) {
      const values = symbolic.run(bigArithmetic, Array.from(x, (c) => math.bignumber(c)));
      values.forEach((v, k) => expect(contains(columns[Math.floor(k / n)]![1 + (k % n)]!, v), `${name} DV entry ${k} = ${v.toString()}`).toBe(true));
    }
    // The float forward mode (the FloatField's DV) agrees with the symbolic DV in floats.
    const forward = new Program(dag, f.field).floatJacobian(centre, n);
    symbolic.floats(centre).forEach((e, k) => expect(Math.abs(forward[k]! - e), `${name} float DV entry ${k}`).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(e))));
    // The reverse pass (wᵀDV) that picks the curl entry agrees with the symbolic DV too.
    const w = Float64Array.from({ length: n }, (_, k) => k - n / 3);
    const reverse = new Program(dag, f.field).floatVectorJacobian(centre, w, n);
    const dv = symbolic.floats(centre);
    for (let j = 0; j < n; j++) {
      let e = 0;
      for (let i = 0; i < n; i++) e += w[i]! * dv[i * n + j]!;
      expect(Math.abs(reverse[j]! - e), `${name} (wᵀDV)_${j}`).toBeLessThanOrEqual(1e-10 * (1 + Math.abs(e)));
    }
    const widest = Math.max(...columns.flatMap((row) => row.slice(1).map((e) => (e.hi - e.lo) / (1 + Math.abs(e.lo)))));
    expect(widest, name).toBeLessThan(0.1);
  });
});

describe('certified curl', () => {
  it('certifies SG of the cosine variant, plain and rate-adjusted, and the enclosure holds the 80-digit curl', () => {
    const d = deriveVariant(spec(VARIANTS['cosine, linear, SG']!));
    const f = d.fields[0]!;
    for (const rates of [null, f.rates]) {
      const summary = certifyCurlAtSamples(d.layout.dag, f.field, { samples: 16, seed: 1, rates });
      expect(summary.certifiedPoints).toBeGreaterThan(12);
      const c = summary.first!;
      if (c.level !== 'certified') throw new Error('expected a certificate');
      expect(c.rateAdjusted).toBe(rates !== null);
      const [a, b] = new Program(d.layout.dag, [f.jacobian[c.i]![c.j]!, f.jacobian[c.j]![c.i]!]).run(bigArithmetic, c.point.map((x) => big(exactRational(x))));
      const w = (k: number) => (rates ? big(Rational.ONE.div(rates[k]!)) : one);
      expect(contains(c.enclosure, a!.mul(w(c.i)).sub(b!.mul(w(c.j))))).toBe(true);
    }
  });

  it('never certifies GD, a gradient field (its Jacobian is a Hessian): every point is inconclusive', () => {
    const d = deriveVariant(spec({ loss: 'cosine', encoder: '{kind: mlp, layers: [2, 2, 2], activation: tanh}', predictor: '{kind: linear}', stopGradient: 'none' }));
    const summary = certifyCurlAtSamples(d.layout.dag, d.fields[0]!.field, { samples: 8, seed: 2 });
    expect(summary.certifiedPoints).toBe(0);
    expect((summary.inconclusive['enclosure-contains-zero'] ?? 0) + (summary.inconclusive['zero-float-curl'] ?? 0)).toBe(8);
  });

  it('refuses a box where a ReLU pre-activation may vanish', () => {
    const d = deriveVariant(spec({ encoder: '{kind: mlp, layers: [2, 2, 2], activation: relu}', predictor: '{kind: linear}', stopGradient: 'target' }));
    const f = d.fields[0]!;
    const x = dyadic(f.stateNames.length);
    const firstUnit = f.stateNames.map((s, k) => (s.startsWith('A1_1_') ? k : -1)).filter((k) => k >= 0);
    firstUnit.forEach((k) => (x[k] = 0)); // the first hidden unit's pre-activation is 0 at the centre
    expect(certifyCurlAt(d.layout.dag, f.field, x)).toMatchObject({ level: 'inconclusive', reason: 'not-smooth-on-box' });
  });
});

// Last, so that the draws of `rng` above stay those the other tests were written with.
describe('the flat interval pass (what the certified curl runs) equals the generic forward mode to the bit', () => {
  it.each(Object.keys(VARIANTS))('%s: seeded lanes (root, coordinate), and the 80-digit DV inside', (name) => {
    const { dag, f, n, box, centre, program, columns: generic } = fieldOverBox(name, null);
    const flat = new IntervalPartials(program);
    const reference = new Program(dag, f.jacobian.flat()).run(bigArithmetic, Array.from(centre, (c) => math.bignumber(c)));
    for (let round = 0; round < 4; round++) {
      const lanes = Array.from({ length: 1 + round * 2 + (round === 3 ? 1 : 0) }, () => ({ root: rng.int(0, n - 1), variable: rng.int(0, n - 1) }));
      flat.at(box, lanes).forEach((e, k) => {
        const { root, variable } = lanes[k]!;
        expect(e, `${name} ∂V_${root}/∂x_${variable}`).toEqual(generic[root]![1 + variable]);
        expect(contains(e, reference[root * n + variable]!), `${name} ∂V_${root}/∂x_${variable} holds the 80-digit value`).toBe(true);
      });
    }
  });
});
