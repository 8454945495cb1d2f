/**
 * Equilibrium components beyond the scalar example: weight decay changes the equations (derived
 * from the field, never assumed), GD has no M = 0 family, an identity predictor keeps only the
 * directions where Σ1 − Σ12ᵀ is singular, and every exact point makes the field exactly 0.
 */
import { describe, expect, it } from 'vitest';
import { q, Rational } from '../../src/exact/rational.js';
import type { Model } from '../../src/model/model.js';
import { deriveModel } from '../../src/procedures/derive.js';
import { parseSpec } from '../../src/model/spec.js';
import { analyseEquilibria } from '../../src/analyses/equilibria.js';
import { randomModel, ratMatrix, scalarModel } from '../helpers/models.js';

const diag = (xs: Rational[]) => ratMatrix(xs.length, xs.length, (i, j) => (i === j ? xs[i]! : Rational.ZERO));

function exactPointsVanish(model: Model) {
  const derivation = deriveModel(model);
  for (const d of derivation.procedures) {
    const eq = analyseEquilibria(derivation, d, { points: 2, flows: 0, seed: 2 });
    for (const c of eq.components) {
      for (const p of c.points) {
        if (!p.exact) continue;
        const at = (v: number) => p.values[d.state.indexOf(v)]!;
        expect(d.field.every((f) => f.evaluate(at).isZero())).toBe(true);
        // …and satisfies its component's equations.
        expect(c.equations.every((e) => e.evaluate(at).isZero())).toBe(true);
      }
    }
  }
}

describe('equilibria', () => {
  it('SG with weight decay: no M = 0 family; flows reach non-collapsed points with a = ±b, s b² − c b + λ = 0', () => {
    const [s, c, lambda] = [q(5, 2), q(2), q(1, 10)];
    const model = scalarModel(s, c, { weightDecay: lambda, procedures: ['sg'] });
    const derivation = deriveModel(model);
    const eq = analyseEquilibria(derivation, derivation.procedures[0]!, { points: 3, flows: 6, seed: 4 });
    expect(eq.components.find((x) => x.id === 'residual')).toBeUndefined();
    expect(eq.notes).toEqual([{ kind: 'weight-decay' }]);
    const collapsed = eq.components[0]!;
    // On a = 0 the field is −λ b: the collapsed set is the single point (0, 0).
    expect(collapsed.equations.map(String)).toEqual(['A_1_1', 'B_1_1']);
    expect(collapsed.points.filter((p) => p.exact).map((p) => p.values.map(String))).toEqual([['0', '0']]);
    const other = eq.components.find((x) => x.id === 'other');
    expect(other?.points.length ?? 0).toBeGreaterThan(0);
    for (const p of other!.points) {
      const [a, b] = p.values.map(Number);
      expect(Math.abs(Math.abs(a!) - Math.abs(b!))).toBeLessThan(1e-6);
      expect(Math.abs(s.toNumber() * b! * b! - c.toNumber() * b! + lambda.toNumber())).toBeLessThan(1e-6);
    }
  });

  it('GD: the field is not a combination of M, so no M = 0 family is claimed', () => {
    const derivation = deriveModel(scalarModel(q(5, 2), q(2), { procedures: ['gd'] }));
    const eq = analyseEquilibria(derivation, derivation.procedures[0]!, { points: 2, flows: 0, seed: 1 });
    expect(eq.components.map((x) => x.id)).toEqual(['collapsed']);
    // V_A of GD has the extra term from differentiating through the target.
    expect(eq.notes).toEqual([{ kind: 'not-residual-form', coordinate: 'A_1_1' }]);
  });

  it('identity predictor: non-collapsed points exactly along the kernel of Σ1 − Σ12ᵀ', () => {
    // Σ1 − Σ12 = diag(0, 1): the first input direction is noise-free, so A = [a, 0] is an equilibrium.
    const sigma12 = diag([q(2), q(1)]);
    const sigma1 = diag([q(2), q(2)]);
    const model: Model = {
      ...scalarModel(q(1), q(1)),
      name: 'identity',
      encoder: { kind: 'linear', in: 2, out: 1 },
      predictor: { kind: 'identity' },
      moments: { sigma1, sigma2: sigma1, sigma12 },
      procedures: ['sg'],
    };
    const derivation = deriveModel(model);
    const eq = analyseEquilibria(derivation, derivation.procedures[0]!, { points: 2, flows: 0, seed: 1 });
    const residual = eq.components.find((x) => x.id === 'residual')!;
    expect(residual.points.length).toBeGreaterThan(0);
    for (const p of residual.points) {
      expect(p.exact).toBe(true);
      if (p.exact) expect(p.values[1]!.isZero() && !p.values[0]!.isZero()).toBe(true);
    }
    exactPointsVanish(model);
  });

  it('every exact point of random square, rectangular, diagonal and scalar-encoder models is an exact zero of V', () => {
    exactPointsVanish(randomModel({ p: 2, q: 2, seed: 7 }));
    exactPointsVanish(randomModel({ p: 3, q: 2, seed: 8, predictorRate: q(3), emaRate: q(1, 3) }));
    exactPointsVanish(randomModel({ p: 3, q: 2, seed: 9, encoder: 'diagonal', predictor: 'diagonal' }));
    exactPointsVanish(randomModel({ p: 2, q: 2, seed: 10, encoder: 'scalar', predictor: 'linear' }));
  });

  it('is deterministic', () => {
    const model = randomModel({ p: 2, q: 2, seed: 11 });
    const run = () => {
      const derivation = deriveModel(model);
      return JSON.stringify(derivation.procedures.map((d) => analyseEquilibria(derivation, d, { points: 2, flows: 2, seed: 3 }).components.map((c) => c.points.map((p) => p.values.map(String)))));
    };
    expect(run()).toBe(run());
  });
});

describe('diagonal encoder: equilibria come from the field itself', () => {
  it('does not claim the full-matrix family M = 0, whose equations would understate the dimension', async () => {
    const { deriveModel } = await import('../../src/procedures/derive.js');
    const { analyseEquilibria } = await import('../../src/analyses/equilibria.js');
    const { loadSpecFile } = await import('../../src/model/spec.js');
    const d = deriveModel(loadSpecFile('proofs/models/diagonal-3x2.yaml'));
    const sg = d.procedures.find((p) => p.procedure.name === 'sg')!;
    const found = analyseEquilibria(d, sg, { points: 3, flows: 0, seed: 1 });
    expect(found.components.map((c) => c.id)).not.toContain('residual');
    expect(found.notes).toEqual([{ kind: 'projection', encoderKind: 'diagonal' }]);
    const other = found.components.find((c) => c.id === 'other')!;
    expect(other.points.some((p) => p.exact)).toBe(true);
  });
});

describe('sampled points are distinct', () => {
  it('a float point found twice (within 1e-7 relative) is kept once', () => {
    // Scalar 2×2 encoder with weight decay: the float samplers used to return the same point of
    // the "other" component three times, and the shares counted it three times.
    const model = parseSpec(
      'name: sc\nencoder: {kind: scalar, in: 2, out: 2}\npredictor: {kind: linear}\ndata: {covariance: [[1, 1/2], [1/2, 2]], noise: 1/3}\nweightDecay: 0.05\n',
      'sc.yaml',
    );
    const derivation = deriveModel(model);
    for (const d of derivation.procedures) {
      const eq = analyseEquilibria(derivation, d, { points: 3, flows: 4, seed: 1 });
      for (const c of eq.components) {
        const floats = c.points.filter((p) => !p.exact).map((p) => p.values as number[]);
        for (let i = 0; i < floats.length; i++) {
          for (let j = 0; j < i; j++) {
            const gap = Math.max(...floats[i]!.map((x, k) => Math.abs(x - floats[j]![k]!) / (1 + Math.abs(x))));
            expect(gap, `${d.procedure.name} ${c.id} points ${j + 1} and ${i + 1}`).toBeGreaterThan(1e-7);
          }
        }
      }
    }
  });
});

describe("Newton's method where no rational point exists", () => {
  it('SG on the scalar model with weight decay: float points with a = ±b and s b² − c b + λ = 0 (by hand)', () => {
    // ȧ = −a b (b s − c) − λ a, ḃ = −α(a² (b s − c) + λ b): with a ≠ 0, b(bs − c) = −λ and
    // a²(bs − c) = −λ b, so a² = b² and s b² − c b + λ = 0; here b = (2 ± √3)/5, irrational.
    const [s, c, lambda] = [5 / 2, 2, 1 / 10];
    const derivation = deriveModel(scalarModel(q(5, 2), q(2), { weightDecay: q(1, 10), predictorRate: q(3), procedures: ['sg'] }));
    const eq = analyseEquilibria(derivation, derivation.procedures[0]!, { points: 3, flows: 0, seed: 1 });
    const found = eq.components.flatMap((comp) => comp.points.filter((p) => !p.collapsed));
    expect(found.length).toBeGreaterThan(0);
    for (const p of found) {
      expect(p.exact).toBe(false);
      const [a, b] = p.values as number[];
      expect(Math.abs(a!)).toBeCloseTo(Math.abs(b!), 8);
      expect(s * b! * b! - c * b! + lambda).toBeCloseTo(0, 8);
    }
  });
});
