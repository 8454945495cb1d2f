/**
 * The float form of a field, which the float analyses take: checked against exact evaluation of
 * the polynomials, against finite differences of itself, and — for the sampled curl — against the
 * batch path over compiled polynomials. A field written by hand, with no polynomial behind it,
 * goes through the same float analysis and agrees with the derived one.
 */
import { describe, expect, it } from 'vitest';
import { sampleCurl, sampleCurlOfField } from '../../src/analyses/curl-sampling.js';
import { q } from '../../src/exact/rational.js';
import type { FloatField } from '../../src/numeric/float-field.js';
import { seededRandom } from '../../src/numeric/random.js';
import { deriveModel } from '../../src/procedures/derive.js';
import { randomModel, randomRational, scalarModel } from '../helpers/models.js';

describe('the float form of a derived field', () => {
  const derivation = deriveModel(randomModel({ p: 2, q: 2, weightDecay: q(1, 5), predictorRate: q(2), emaRate: q(1, 3), seed: 5 }));

  it('evaluates V and DV as the exact polynomials do, at random rational points', () => {
    const rng = seededRandom(3);
    for (const d of derivation.procedures) {
      const n = d.state.length;
      const point = d.state.map(() => randomRational(rng, 2));
      const exactAt = (v: number) => point[d.state.indexOf(v)]!;
      const x = Float64Array.from(point, (r) => r.toNumber());
      const value = new Float64Array(n);
      const jacobian = new Float64Array(n * n);
      d.float.value(x, value);
      d.float.jacobian(x, jacobian);
      d.field.forEach((f, i) => expect(value[i]).toBeCloseTo(f.evaluate(exactAt).toNumber(), 10));
      d.jacobian.forEach((row, i) => row.forEach((e, j) => expect(jacobian[i * n + j]).toBeCloseTo(e.evaluate(exactAt).toNumber(), 10)));
    }
  });

  it('has a Jacobian that central differences of its values reproduce', () => {
    const rng = seededRandom(4);
    for (const d of derivation.procedures) {
      const n = d.float.dimension;
      const x = Float64Array.from({ length: n }, () => rng.normal());
      const jacobian = new Float64Array(n * n);
      d.float.jacobian(x, jacobian);
      const h = 1e-5;
      const [plus, minus] = [new Float64Array(n), new Float64Array(n)];
      for (let j = 0; j < n; j++) {
        const xp = x.slice();
        const xm = x.slice();
        xp[j] += h;
        xm[j] -= h;
        d.float.value(xp, plus);
        d.float.value(xm, minus);
        for (let i = 0; i < n; i++) expect(jacobian[i * n + j]).toBeCloseTo((plus[i]! - minus[i]!) / (2 * h), 5);
      }
    }
  });

  it('gives the sampled curl of the compiled batch path, point for point', () => {
    for (const d of derivation.procedures) {
      const options = { samples: 32, seed: 7 };
      expect(sampleCurlOfField(d.float, d.rates, options)).toEqual(sampleCurl(d.jacobian, d.state, d.rates, { ...options, parallel: 'never' }));
    }
  });
});

describe('a field known only in floats', () => {
  // MATH.md §5's scalar SG field, written by hand: ȧ = −a b (b s − c), ḃ = −a² (b s − c).
  const [s, c] = [2.5, 2];
  const handWritten: FloatField = {
    dimension: 2,
    value(x, out) {
      const [a, b] = [x[0]!, x[1]!];
      out[0] = -a * b * (b * s - c);
      out[1] = -a * a * (b * s - c);
    },
    jacobian(x, out) {
      const [a, b] = [x[0]!, x[1]!];
      out.set([-b * (b * s - c), -a * (2 * b * s - c), -2 * a * (b * s - c), -a * a * s]);
    },
  };

  it('goes through the float curl check and agrees with the derived SG field (curl a·c ≠ 0 almost everywhere)', () => {
    const sg = deriveModel(scalarModel(q(5, 2), q(2))).procedures.find((d) => d.procedure.name === 'sg')!;
    const options = { samples: 64, seed: 1 };
    const byHand = sampleCurlOfField(handWritten, null, options);
    expect(byHand.euclidean.nonzeroPoints).toBe(64);
    expect(byHand.euclidean.nonzeroPoints).toBe(sampleCurl(sg.jacobian, sg.state, null, options).euclidean.nonzeroPoints);
    expect(byHand.euclidean.maxCurl).toBeCloseTo(sampleCurl(sg.jacobian, sg.state, null, options).euclidean.maxCurl, 12);
  });
});
