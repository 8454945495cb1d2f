import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/numeric/random.js';
import { deriveModel } from '../../src/procedures/derive.js';
import { deriveVariant } from '../../src/variants/fields.js';
import { parseVariant } from '../../src/variants/spec.js';
import type { Variant } from '../../src/variants/variant.js';
import { polyOfNodes } from './dag-poly.js';
import { expectFieldByDifferences, expectJacobianByDifferences } from './differences.js';
import { momentModel } from './moment-model.js';

const rng = seededRandom(12);
const randomPairs = (n: number, p: number): string =>
  `[${Array.from({ length: n }, () => `[[${Array.from({ length: p }, () => `${rng.int(-4, 4)}/${rng.int(1, 3)}`)}], [${Array.from({ length: p }, () => `${rng.int(-4, 4)}/${rng.int(1, 3)}`)}]]`).join(', ')}]`;

function variant(lines: Record<string, string>): Variant {
  return parseVariant(Object.entries(lines).map(([k, v]) => `${k}: ${v}`).join('\n'), 'v');
}


const point = (n: number) => Float64Array.from({ length: n }, () => rng.normal());
const close = (a: Float64Array, b: Float64Array, tol: number) => {
  const scale = 1 + Math.max(...Array.from(b, Math.abs));
  return a.every((x, k) => Math.abs(x - b[k]!) <= tol * scale);
};

describe('variant fields against the polynomial core, exactly (linear encoder, squared loss)', () => {
  it.each([
    ['linear', 'linear', 2, 2],
    ['linear', 'identity', 2, 1],
    ['diagonal', 'diagonal', 3, 2],
    ['scalar', 'linear', 2, 2],
  ])('%s encoder, %s predictor, %i→%i: V and DV are the same polynomials', (enc, pred, p, q) => {
    const v = variant({
      encoder: `{kind: ${enc}, in: ${p}, out: ${q}}`,
      predictor: `{kind: ${pred}}`,
      data: `{pairs: ${randomPairs(4, p)}}`,
      weightDecay: '1/10',
      predictorRate: '2',
      emaRate: '1/4',
    });
    const derivation = deriveVariant(v);
    const core = deriveModel(momentModel(v)).procedures;
    derivation.fields.forEach((f, k) => {
      const c = core[k]!;
      const ring = c.field[0]!.ring;
      const field = polyOfNodes(derivation.layout.dag, f.field, ring);
      field.forEach((poly, i) => expect(poly.equals(c.field[i]!), `${f.procedure.name} V_${i}: ${poly} vs ${c.field[i]}`).toBe(true));
      f.jacobian.forEach((row, i) => polyOfNodes(derivation.layout.dag, row, ring).forEach((poly, j) => expect(poly.equals(c.jacobian[i]![j]!)).toBe(true)));
    });
  });
});

describe('variant fields against the polynomial core (linear encoder, squared loss)', () => {
  it.each([
    ['linear', 'linear', 2, 2],
    ['linear', 'identity', 3, 2],
    ['diagonal', 'diagonal', 3, 2],
    ['scalar', 'linear', 2, 2],
  ])('%s encoder, %s predictor, %i→%i: V and DV equal at random points to 1e-12', (enc, pred, p, q) => {
    const v = variant({
      encoder: `{kind: ${enc}, in: ${p}, out: ${q}}`,
      predictor: `{kind: ${pred}}`,
      data: `{pairs: ${randomPairs(5, p)}}`,
      weightDecay: '1/10',
      predictorRate: '2',
      emaRate: '1/4',
    });
    const ours = deriveVariant(v).fields;
    const core = deriveModel(momentModel(v)).procedures;
    expect(ours.map((f) => f.procedure.name)).toEqual(core.map((c) => c.procedure.name));
    ours.forEach((f, k) => {
      const c = core[k]!;
      expect(f.stateNames).toEqual(c.stateNames);
      expect(f.rates.map(String)).toEqual(c.rates.map(String));
      const n = f.stateNames.length;
      for (let t = 0; t < 5; t++) {
        const x = point(n);
        const [a, b, da, db] = [new Float64Array(n), new Float64Array(n), new Float64Array(n * n), new Float64Array(n * n)];
        f.float.value(x, a);
        c.float.value(x, b);
        f.float.jacobian(x, da);
        c.float.jacobian(x, db);
        expect(close(a, b, 1e-12)).toBe(true);
        expect(close(da, db, 1e-12)).toBe(true);
      }
    });
  });
});

/** DV against central differences of V: every field, every variant kind. */
const CASES: Record<string, Record<string, string>> = {
  'cosine, linear': { loss: 'cosine', encoder: '{kind: linear, in: 3, out: 2}', predictor: '{kind: linear}' },
  'cosine, 2-layer tanh with bias': { loss: 'cosine', encoder: '{kind: mlp, layers: [3, 4, 2], activation: tanh, bias: true}', predictor: '{kind: linear}' },
  'squared, softplus': { encoder: '{kind: mlp, layers: [3, 2, 2], activation: softplus}', predictor: '{kind: symmetric}', weightDecay: '1/3', predictorRate: '3/2' },
  'cosine, DirectCopy': { loss: 'cosine', encoder: '{kind: linear, in: 3, out: 2}', predictor: '{kind: directcopy, eps: 1/10}' },
  'DirectCopy with EMA': { encoder: '{kind: mlp, layers: [3, 2, 2], activation: tanh}', predictor: '{kind: directcopy, eps: 1/2}', stopGradient: 'target', ema: 'on', emaRate: '1/5' },
  'wrong-side stop gradient': { loss: 'cosine', encoder: '{kind: linear, in: 3, out: 2}', predictor: '{kind: linear}', stopGradient: 'online', weightDecay: '1/10' },
};

describe('variant fields against central differences', () => {
  it.each(Object.keys(CASES))('%s: DV', (name) => {
    expectJacobianByDifferences(deriveVariant(variant({ ...CASES[name]!, data: `{pairs: ${randomPairs(4, 3)}}` })), point);
  });

  it.each(Object.keys(CASES))('%s: V is the recipe applied to F, by differences of F', (name) => {
    const v = variant({ ...CASES[name]!, data: `{pairs: ${randomPairs(4, 3)}}`, weightDecay: '0' });
    const d = deriveVariant(v);
    expectFieldByDifferences(d, point);
  });
});

describe('the cosine loss against a hand derivation', () => {
  it('SG with an identity predictor: Ȧ = 2 (w/(|u||w|) − (u·w) u/(|u|³|w|)) x1ᵀ, u = A x1, w = A x2', () => {
    const x1 = [1, 2];
    const x2 = [3, -1];
    const v = variant({ loss: 'cosine', encoder: '{kind: linear, in: 2, out: 2}', predictor: '{kind: identity}', data: `{pairs: [[[${x1}], [${x2}]]]}`, stopGradient: 'target' });
    const f = deriveVariant(v).fields[0]!;
    const A = point(4);
    const out = new Float64Array(4);
    f.float.value(A, out);
    const u = [A[0]! * x1[0]! + A[1]! * x1[1]!, A[2]! * x1[0]! + A[3]! * x1[1]!];
    const w = [A[0]! * x2[0]! + A[1]! * x2[1]!, A[2]! * x2[0]! + A[3]! * x2[1]!];
    const nu = Math.hypot(...u);
    const nw = Math.hypot(...w);
    const uw = u[0]! * w[0]! + u[1]! * w[1]!;
    const g = u.map((_, i) => 2 * (w[i]! / (nu * nw) - (uw * u[i]!) / (nu ** 3 * nw)));
    const expected = [g[0]! * x1[0]!, g[0]! * x1[1]!, g[1]! * x1[0]!, g[1]! * x1[1]!];
    expected.forEach((e, k) => expect(out[k]).toBeCloseTo(e, 12));
  });
});
