import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/analyses/check-model.js';
import { equilibria, stability } from '../../src/analyses/index.js';
import { largestStableLearningRate } from '../../src/numeric/eigenvalues.js';
import { type VariantField, deriveVariant } from '../../src/variants/fields.js';
import { NEWTON_RESIDUAL, cosineNorms, refine, variantLimits } from '../../src/variants/limits.js';
import { parseVariant } from '../../src/variants/spec.js';
import { stabilityWords } from '../../src/variants/output.js';
import { lossSingular, transversalStability } from '../../src/variants/stability.js';
import { momentModel } from './moment-model.js';

/**
 * The worked scalar example of docs/math.md §5 as a variant: two pairs (2, 1) and (1, 2) give
 * s = E x1² = E x2² = 5/2 and c = E x1 x2 = 2, no weight decay. SG: ȧ = −ab(bs − c), ḃ = −a²(bs − c);
 * its equilibria are the lines a = 0 and b = c/s = 4/5, on which DV is known in closed form.
 */
const scalar = (procedures: string) =>
  parseVariant(`loss: squared\n${procedures}\nencoder: {kind: linear, in: 1, out: 1}\npredictor: {kind: linear}\ndata: {pairs: [[[2], [1]], [[1], [2]]]}\n`, 'scalar');
const [s, c] = [5 / 2, 2];
const sg = deriveVariant(scalar('stopGradient: target\nema: off')).fields[0]!;
const ema = deriveVariant(scalar('stopGradient: target\nema: on')).fields[0]!;

const at = (field: VariantField, point: number[]) => {
  const x = Float64Array.from(point);
  const out = new Float64Array(field.float.dimension);
  field.float.value(x, out);
  const residual = Math.max(...Array.from(out, Math.abs));
  return transversalStability(field, x, { residual, newtonResidual: NEWTON_RESIDUAL, project: (y) => refine(field, y, true), singular: false });
};

describe('local dimension and the transversal verdict against the scalar example in closed form', () => {
  it('SG on the line b = c/s: k = 1, one zero eigenvalue, the other −a²s; loop stable exactly for η < 2/(a²s)', () => {
    expect(sg.stateNames).toEqual(['A_1_1', 'B_1_1']);
    for (const a of [0.5, 1.5, -2]) {
      const v = at(sg, [a, c / s]);
      expect([v.kernelDimension, v.localDimension, v.zeroEigenvalues]).toEqual([1, 1, 1]);
      expect(v.verdict).toBe('transversally asymptotically stable');
      expect(v.level).toBe('numerical');
      expect(v.transversalMaxRe).toBeCloseTo(-a * a * s, 10);
      expect(v.largestStableLearningRate).toBeCloseTo(2 / (a * a * s), 10);
    }
  });

  it('SG on the collapsed line a = 0: DV = diag(−b(bs − c), 0), stable for b > c/s or b < 0, unstable for 0 < b < c/s', () => {
    for (const b of [2, -1]) {
      const v = at(sg, [0, b]);
      expect([v.localDimension, v.zeroEigenvalues, v.verdict]).toEqual([1, 1, 'transversally asymptotically stable']);
      expect(v.transversalMaxRe).toBeCloseTo(-b * (b * s - c), 10);
    }
    const v = at(sg, [0, 1 / 2]);
    expect(v.verdict).toBe('unstable');
    expect(v.maxRe).toBeCloseTo(-(1 / 2) * ((1 / 2) * s - c), 10);
  });

  it('SG where the two lines meet, (0, 4/5): DV = 0 has two zero eigenvalues, the set is a cross of lines: degenerate', () => {
    const v = at(sg, [0, c / s]);
    expect(v.zeroEigenvalues).toBe(2);
    expect(v.kernelDimension).toBe(2);
    // Both lines pass through it, each one-dimensional: no 2-dimensional piece.
    expect(v.localDimension).toBe(1);
    expect(v.verdict).toBe('degenerate');
  });

  it('SG at the origin: V vanishes to second order along a, so only the line a = 0 is found (k = 1 < 2 zero eigenvalues)', () => {
    const v = at(sg, [0, 0]);
    expect([v.zeroEigenvalues, v.kernelDimension, v.localDimension, v.verdict]).toEqual([2, 2, 1, 'degenerate']);
  });

  it('EMA at (a, c/s, a): k = 1 and the other roots are those of sλ² + (a²s² + c² + sτ)λ + a²s²τ (τ = 1); η bound by the formula', () => {
    expect(ema.stateNames).toEqual(['A_1_1', 'B_1_1', 'T_1_1']);
    const a = 1.2;
    const v = at(ema, [a, c / s, a]);
    expect([v.localDimension, v.zeroEigenvalues, v.verdict]).toEqual([1, 1, 'transversally asymptotically stable']);
    const [p, q, r] = [s, a * a * s * s + c * c + s, a * a * s * s];
    const disc = q * q - 4 * p * r;
    const roots = disc >= 0 ? [(-q + Math.sqrt(disc)) / (2 * p), (-q - Math.sqrt(disc)) / (2 * p)].map((re) => ({ re, im: 0 })) : [{ re: -q / (2 * p), im: Math.sqrt(-disc) / (2 * p) }, { re: -q / (2 * p), im: -Math.sqrt(-disc) / (2 * p) }];
    expect(v.transversalMaxRe).toBeCloseTo(Math.max(...roots.map((z) => z.re)), 9);
    const bound = Math.min(...roots.map((z) => (-2 * z.re) / (z.re * z.re + z.im * z.im)));
    expect(v.largestStableLearningRate).toBeCloseTo(bound, 9);
    expect(largestStableLearningRate(roots)).toBeCloseTo(bound, 12);
  });

  it('the step bound is where the discrete loop x + ηV(x) stops returning to the line b = c/s', () => {
    const a = 1;
    const bound = at(sg, [a, c / s]).largestStableLearningRate!;
    const offLine = (eta: number) => {
      const x = Float64Array.from([a, c / s + 1e-6]);
      const v = new Float64Array(2);
      for (let k = 0; k < 60; k++) {
        sg.float.value(x, v);
        for (let i = 0; i < 2; i++) x[i] += eta * v[i]!;
      }
      return Math.abs(x[1]! - c / s);
    };
    // Across the line the step multiplies the offset by 1 + ημ, μ = −a²s: 0.8 in size at 0.9·bound, 1.2 at 1.1·bound.
    expect(offLine(0.9 * bound)).toBeLessThan(1e-9);
    expect(offLine(1.1 * bound)).toBeGreaterThan(1e-5);
  });
});

describe('local dimension against the exact engine on the linear twin of a variant', () => {
  // The polynomial core samples points on each equilibrium component, with n − rank Dg of the
  // component's equations and, at exact points, a proved manifold (chart and cofactors).
  for (const [name, decay, k] of [['simsiam', '0', 4], ['byol', '1/20', 1]] as const) {
    it(`${name} with weight decay ${decay}: k, the zero count and the verdict equal the exact engine's at every sampled point (non-collapsed sets of dimension ${k})`, () => {
      const v = parseVariant(readFileSync(`proofs/variants/${name}.yaml`, 'utf8').replace('weightDecay: 1/20', `weightDecay: ${decay}`), name);
      const field = deriveVariant(v).fields[0]!;
      const procedure = checkModel(momentModel(v), { samples: 4, seed: 1, analyses: ['equilibria', 'stability'] }).procedures[0]!;
      const verdicts = procedure.results.require(stability);
      const points = procedure.results.require(equilibria).components.flatMap((c, i) => c.points.map((point, j) => ({ point, exact: verdicts[i]![j]! })));
      expect(points.length).toBeGreaterThan(4);
      for (const { point, exact } of points) {
        const mine = at(field, point.exact ? point.values.map((x) => x.toNumber()) : point.values);
        expect([mine.localDimension, mine.zeroEigenvalues, mine.verdict]).toEqual([exact.componentDimension, exact.zeroEigenvalues, exact.verdict]);
        if (exact.manifold) expect(mine.localDimension).toBe(exact.manifold.dimension);
        if (!point.collapsed) expect(mine.localDimension).toBe(k);
      }
      expect(points.some(({ exact }) => exact.verdict === 'transversally asymptotically stable')).toBe(true);
    });
  }
});

describe('bundled variants', () => {
  const load = (name: string) => parseVariant(readFileSync(`proofs/variants/${name}.yaml`, 'utf8'), name);

  it('SimSiam and BYOL: every non-collapsed limit transversally asymptotically stable, k = 1 (rotations of the codes), margin = weight decay', () => {
    for (const name of ['simsiam', 'byol']) {
      const v = load(name);
      const limits = variantLimits(v, deriveVariant(v).fields[0]!, { flows: 4, seed: 1 }).limits.filter((x) => x.kind !== 'collapsed');
      expect(limits.length).toBeGreaterThan(0);
      for (const x of limits) {
        expect([x.stability!.verdict, x.stability!.localDimension, x.stability!.zeroEigenvalues]).toEqual(['transversally asymptotically stable', 1, 1]);
        expect(x.stability!.transversalMaxRe).toBeCloseTo(-1 / 20, 8);
      }
    }
  });

  it('cosine linear, flow 6: a genuine unstable equilibrium (two predictions against their targets, ‖p‖ ≈ 2.3e-3), not a singularity', () => {
    const v = load('cosine-linear');
    const field = deriveVariant(v).fields[0]!;
    const x = variantLimits(v, field, { flows: 6, seed: 1 }).limits[5]!;
    expect(x.residual).toBeLessThanOrEqual(NEWTON_RESIDUAL);
    expect(x.cosine!.prediction).toBeCloseTo(2.27e-3, 4);
    expect(x.cosine!.antiAligned).toBe(2);
    expect(lossSingular(x.cosine!)).toBe(false);
    expect(x.stability!.verdict).toBe('unstable');
    expect(x.stability!.maxRe).toBeGreaterThan(1e5);
  });

  it('the cosine loss is singular where a prediction vanishes: B = 0 gives p = 0 for every pair', () => {
    const v = load('cosine-linear');
    const names = deriveVariant(v).fields[0]!.stateNames;
    const norms = cosineNorms(v, names, Float64Array.from([1, 0, 0, 1, 0, 0, 0, 0]));
    expect(norms.prediction).toBe(0);
    expect(lossSingular(norms)).toBe(true);
    expect(lossSingular(cosineNorms(v, names, Float64Array.from([1, 0, 0, 1, 1, 0, 0, 1])))).toBe(false);
    // With EMA the codes z are the target's, f_ξ(x2): ξ = 0 makes every z vanish while A and B do not.
    const byol = parseVariant(readFileSync('proofs/variants/cosine-linear.yaml', 'utf8').replace('stopGradient: target', 'stopGradient: target\nema: on'), 'c');
    const emaNames = deriveVariant(byol).fields[0]!.stateNames;
    expect(emaNames.slice(8)).toEqual(['T_1_1', 'T_1_2', 'T_2_1', 'T_2_2']);
    const target = cosineNorms(byol, emaNames, Float64Array.from([1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 0]));
    expect([target.code, target.prediction! > 0.5, lossSingular(target)]).toEqual([0, true, true]);
  });
});

describe('the stability line of check', () => {
  const base = { level: 'numerical' as const, maxRe: -0.05, zeroEigenvalues: 1, kernelDimension: 1, localDimension: 1, transversalMaxRe: -0.05, largestStableLearningRate: 40, tolerance: 1e-6, followed: [1, 1] };
  it('says each verdict in one short line with what it rests on', () => {
    expect(stabilityWords({ ...base, verdict: 'transversally asymptotically stable' }, null)).toBe('transversally asymptotically stable (numerical): k = 1, 0 of multiplicity 1, margin 0.0500, η < 40.0');
    expect(stabilityWords({ ...base, verdict: 'unstable', maxRe: 746130.8 }, null)).toBe('unstable (numerical): max Re λ 7.46e+5');
    expect(stabilityWords({ ...base, verdict: 'degenerate', zeroEigenvalues: 2, kernelDimension: 2 }, null)).toBe('degenerate (numerical): 0 of multiplicity 2 > k = 1 (kernel 2): no linear test');
    expect(stabilityWords({ ...base, verdict: 'singular' }, { prediction: 0, code: 0.5, largest: 2, antiAligned: 0 })).toBe('at a singularity of the cosine loss (min ‖p‖ 0, min ‖z‖ 0.500): no linear test');
  });
});
