/**
 * C3: GD collapse, proved from the field and the moments where the argument holds, and honestly
 * inconclusive where it does not — with a check that the inconclusive case really has a
 * non-collapsed GD equilibrium (so "inconclusive" is not a missed proof).
 */
import { describe, expect, it } from 'vitest';
import { q, Rational } from '../../src/exact/rational.js';
import type { Model } from '../../src/model/model.js';
import { type Derivation, type ProcedureDerivation, deriveModel } from '../../src/procedures/derive.js';
import { proveGdCollapse } from '../../src/analyses/collapse.js';
import { type AnalysisResults, collapse, equilibria, runAnalyses } from '../../src/analyses/index.js';
import { ratMatrix, scalarModel } from '../helpers/models.js';

const diag = (xs: Rational[]) => ratMatrix(xs.length, xs.length, (i, j) => (i === j ? xs[i]! : Rational.ZERO));

function model(noise: Rational, weightDecay: Rational, procedures: Model['procedures'] = ['gd']): Model {
  const x = diag([q(4), q(3), q(2), q(1)]);
  const sigma = ratMatrix(4, 4, (i, j) => (i === j ? x[i]![i]!.add(noise) : Rational.ZERO));
  return {
    name: 'noise-4to2',
    encoder: { kind: 'linear', in: 4, out: 2 },
    predictor: { kind: 'linear' },
    moments: { sigma1: sigma, sigma2: sigma, sigma12: x },
    data: { kind: 'noise', covariance: x, noise },
    weightDecay,
    predictorRate: q(2),
    emaRate: Rational.ONE,
    procedures,
  };
}

/** The collapse analysis and what it requires (equilibria, stability), without float flows. */
const analysed = (derivation: Derivation, procedure: ProcedureDerivation, points: number): AnalysisResults =>
  runAnalyses({ derivation, procedure, options: { samples: 4, points, flows: 0, seed: 1 } }, ['collapse']);

const gdOf = (m: Model) => {
  const derivation = deriveModel(m);
  return { derivation, gd: derivation.procedures.find((p) => p.procedure.name === 'gd')! };
};

describe('GD collapse proof', () => {
  it('4→2 with noise, λ = 0: proved (J positive definite)', () => {
    const { derivation, gd } = gdOf(model(q(1, 2), q(0)));
    const proof = proveGdCollapse(derivation, gd);
    expect(proof).toMatchObject({ level: 'proved', jointMoments: 'positive definite' });
    expect(proof.steps.every((s) => s.checked)).toBe(true);
  });

  it('4→2 with noise, λ > 0: proved by weight decay', () => {
    const { derivation, gd } = gdOf(model(q(1, 2), q(1, 100)));
    expect(proveGdCollapse(derivation, gd)).toMatchObject({ level: 'proved', reason: 'weight decay with E ≥ 0' });
  });

  it('noise-free views, λ = 0: inconclusive — and rightly so, B = I with any A is a GD equilibrium', () => {
    const { derivation, gd } = gdOf(model(q(0), q(0)));
    const proof = proveGdCollapse(derivation, gd);
    expect(proof).toMatchObject({ level: 'inconclusive', jointMoments: 'positive semidefinite, singular' });
    const values = new Map<string, Rational>([
      ['A_1_1', q(1)], ['A_1_2', q(2)], ['A_1_3', q(-1)], ['A_1_4', q(3)],
      ['A_2_1', q(0)], ['A_2_2', q(1)], ['A_2_3', q(5)], ['A_2_4', q(-2)],
      ['B_1_1', q(1)], ['B_1_2', q(0)], ['B_2_1', q(0)], ['B_2_2', q(1)],
    ]);
    const at = (v: number) => values.get(derivation.params.ring.names[v]!)!;
    expect(gd.field.every((f) => f.evaluate(at).isZero())).toBe(true);
  });

  it('moments that are not PSD: inconclusive', () => {
    // J = [[1, 3], [3, 1]] has the eigenvalue −2.
    const { derivation, gd } = gdOf(scalarModel(q(1), q(3), { procedures: ['gd'] }));
    expect(proveGdCollapse(derivation, gd)).toMatchObject({ level: 'inconclusive', jointMoments: 'not positive semidefinite' });
  });
});

describe('collapse finding', () => {
  it('SG and EMA on the 4→2 model: non-collapsed equilibria exist (proved), shares add up', () => {
    const derivation = deriveModel(model(q(1, 2), q(0), ['gd', 'sg', 'ema']));
    for (const d of derivation.procedures) {
      const f = analysed(derivation, d, 2);
      const c = f.require(collapse);
      const total = c.shares.reduce((s, x) => s + x.points, 0);
      expect(total).toBe(f.require(equilibria).components.reduce((s, x) => s + x.points.length, 0));
      for (const share of c.shares) expect(Object.values(share.verdicts).reduce((s, x) => s + x, 0)).toBe(share.points);
      if (d.procedure.name === 'gd') {
        expect(c.gd!.level).toBe('proved');
        expect(c.nonCollapsed).toMatchObject({ exists: false, level: 'proved' });
        // Every collapsed GD point attracts: the A-block of DV is −P·Hess E (positive definite) there.
        expect(c.shares[0]!.verdicts['transversally asymptotically stable']).toBe(c.shares[0]!.points);
      } else {
        expect(c.gd).toBeNull();
        expect(c.nonCollapsed).toMatchObject({ exists: true, level: 'proved' });
      }
    }
  });

  it('noise-free scalar views, λ = 0: C3 refuted, with the exact non-collapsed equilibrium as counterexample', () => {
    // Σ1 = Σ2 = Σ12 = s: E = ½ s a² (b − 1)², so (a, 1) is an equilibrium for every a.
    const derivation = deriveModel(scalarModel(q(2), q(2), { procedures: ['gd'] }));
    const gd = derivation.procedures[0]!;
    const c = analysed(derivation, gd, 3).require(collapse);
    expect(c.gd!.level).toBe('refuted');
    const m = /A_1_1 = (-?\d+(?:\/\d+)?), B_1_1 = (-?\d+(?:\/\d+)?)/.exec(c.gd!.counterexample!)!;
    const [a, b] = [Rational.parse(m[1]!)!, Rational.parse(m[2]!)!];
    expect(a.isZero()).toBe(false);
    // Check the witness against the closed form of MATH.md §5 with c = s: ȧ = −a s (b − 1)², ḃ = −a² s (b − 1).
    const s2 = q(2);
    expect(a.mul(s2).mul(b.sub(q(1))).mul(b.sub(q(1))).isZero()).toBe(true);
    expect(c.nonCollapsed).toMatchObject({ exists: true, level: 'proved' });
  });

  it('with noise the same scalar model is proved to collapse, and no counterexample is claimed', () => {
    const derivation = deriveModel(scalarModel(q(5, 2), q(2), { procedures: ['gd'] }));
    const c = analysed(derivation, derivation.procedures[0]!, 3).require(collapse);
    expect(c.gd!.level).toBe('proved');
    expect(c.gd!.counterexample).toBeUndefined();
  });
});
