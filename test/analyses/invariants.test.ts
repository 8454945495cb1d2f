/**
 * Conserved quantities and constant metrics, against MATH.md §5 and closed forms derived by hand:
 * SG conserves a² − b² (scalar) and the entries of A Aᵀ − BᵀB/α (matrix, λ = 0); GD is a gradient
 * for the metric P⁻¹; SG and EMA are gradients for no constant metric in these examples.
 */
import { describe, expect, it } from 'vitest';
import { q } from '../../src/exact/rational.js';
import { deriveModel } from '../../src/procedures/derive.js';
import { parsePoly } from '../../src/poly/parse.js';
import { derivativeAlongField, findInvariants } from '../../src/analyses/invariants.js';
import { findConstantMetric, isMetricOf } from '../../src/analyses/metric.js';
import { randomModel, scalarModel } from '../helpers/models.js';

describe('invariants', () => {
  it('SG on the scalar model: exactly a² − b² (MATH.md §5)', () => {
    const d = deriveModel(scalarModel(q(5, 2), q(2))).procedures;
    const sg = d.find((p) => p.procedure.name === 'sg')!;
    const inv = findInvariants(sg, { seed: 1 });
    expect(inv.level).toBe('proved');
    expect(inv.basis.map(String)).toEqual(['A_1_1^2 - B_1_1^2']);
    // GD conserves nothing of degree ≤ 2. EMA conserves a² − b² as well: with ξ free,
    // d/dt(a² − b²) = −2ab(bas − tc) + 2ba(bas − tc) = 0.
    const gd = findInvariants(d.find((p) => p.procedure.name === 'gd')!, { seed: 1 });
    expect(gd).toMatchObject({ level: 'proved', basis: [] });
    const ema = findInvariants(d.find((p) => p.procedure.name === 'ema')!, { seed: 1 });
    expect(ema.basis.map(String)).toEqual(['A_1_1^2 - B_1_1^2']);
  });

  it('SG with α = 2 on a 2×2 model: the span of the entries of A Aᵀ − BᵀB/2', () => {
    const model = randomModel({ p: 2, q: 2, seed: 3, predictorRate: q(2), procedures: ['sg'] });
    const sg = deriveModel(model).procedures[0]!;
    const inv = findInvariants(sg, { seed: 1 });
    expect(inv.level).toBe('proved');
    expect(inv.basis.length).toBe(3);
    const ring = sg.field[0]!.ring;
    const expected = [
      'A_1_1^2 + A_1_2^2 - 1/2*B_1_1^2 - 1/2*B_2_1^2',
      'A_1_1*A_2_1 + A_1_2*A_2_2 - 1/2*B_1_1*B_1_2 - 1/2*B_2_1*B_2_2',
      'A_2_1^2 + A_2_2^2 - 1/2*B_1_2^2 - 1/2*B_2_2^2',
    ].map((t) => parsePoly(ring, t));
    for (const e of expected) expect(derivativeAlongField(e, sg).isZero()).toBe(true);
    // The three hand-derived invariants are independent and conserved, so the proved-complete basis of size 3 spans them.
    for (const b of inv.basis) expect(derivativeAlongField(b, sg).isZero()).toBe(true);
  });

  it('a rectangular 4→2 model with weight decay: no quadratic invariant survives decay', () => {
    const model = randomModel({ p: 4, q: 2, seed: 5, weightDecay: q(1, 10), procedures: ['sg'] });
    const inv = findInvariants(deriveModel(model).procedures[0]!, { seed: 2 });
    expect(inv.level).toBe('proved');
    expect(inv.basis).toEqual([]);
  });
});

describe('constant metrics', () => {
  it('GD is a gradient for P⁻¹; SG and EMA for no constant metric (scalar model)', () => {
    const d = deriveModel(scalarModel(q(5, 2), q(2), { predictorRate: q(3) })).procedures;
    const gd = findConstantMetric(d.find((p) => p.procedure.name === 'gd')!, { seed: 1 });
    expect(gd).toMatchObject({ level: 'proved', exists: true, inverseRatesWork: true });
    expect(gd.basis.length).toBe(1);
    // The basis element is a multiple of P⁻¹ = diag(1, 1/3).
    const g = gd.basis[0]!;
    expect(g[0]![1]!.isZero() && g[1]![0]!.isZero()).toBe(true);
    expect(g[0]![0]!.div(g[1]![1]!).toString()).toBe('3');
    for (const name of ['sg', 'ema']) {
      const r = findConstantMetric(d.find((p) => p.procedure.name === name)!, { seed: 1 });
      expect(r).toMatchObject({ level: 'proved', exists: false, inverseRatesWork: false });
      expect(r.certificate.rank).toBe(r.certificate.unknowns);
    }
  });

  it('diagonal 3→2 model with identity predictor: every answer is verified exactly', () => {
    const model = randomModel({ p: 3, q: 2, encoder: 'diagonal', predictor: 'identity', seed: 4 });
    for (const d of deriveModel(model).procedures) {
      const r = findConstantMetric(d, { seed: 3 });
      expect(r.level).toBe('proved');
      for (const g of r.basis) expect(isMetricOf(g, d)).toBe(true);
      if (d.procedure.name === 'gd') expect(r.inverseRatesWork).toBe(true);
    }
  });
});
