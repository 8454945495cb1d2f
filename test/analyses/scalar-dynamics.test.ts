/**
 * MATH.md §5 on the scalar model (Σ = s, Σ12 = c): the equilibrium sets, the eigenvalues at the
 * SG line b = c/s, the EMA characteristic polynomial, and GD collapse — each compared with the
 * closed form written out by hand, not with anything the analyses compute.
 */
import { describe, expect, it } from 'vitest';
import { q, Rational } from '../../src/exact/rational.js';
import { deriveModel } from '../../src/procedures/derive.js';
import { parsePoly } from '../../src/poly/parse.js';
import { analyseEquilibria, type EquilibriumPoint } from '../../src/analyses/equilibria.js';
import { analysePointStability, componentGeometry, LAMBDA_RING } from '../../src/analyses/stability.js';
import { collapse, equilibria, runAnalyses, stability } from '../../src/analyses/index.js';
import { proveGdCollapse } from '../../src/analyses/collapse.js';
import { scalarModel } from '../helpers/models.js';

const s = q(5, 2);
const c = q(2);
const tau = q(1, 2);
const model = scalarModel(s, c, { emaRate: tau });
const derivation = deriveModel(model);
const byName = Object.fromEntries(derivation.procedures.map((p) => [p.procedure.name, p]));
const options = { points: 4, flows: 0, seed: 3 };
const exactPoint = (values: Rational[]): EquilibriumPoint => ({ exact: true, values, residual: 0, collapsed: values[0]!.isZero(), origin: { kind: 'collapsed' } });

describe('SG (MATH.md §5)', () => {
  const sg = byName.sg!;
  const eq = analyseEquilibria(derivation, sg, options);

  it('has the collapsed line a = 0 and the line b = c/s', () => {
    expect(eq.components.map((x) => x.id)).toEqual(['collapsed', 'residual']);
    expect(eq.components[0]!.equations.map(String)).toEqual(['A_1_1']);
    // M = b a s − a c, up to a constant factor.
    const m = eq.components[1]!.equations;
    expect(m.length).toBe(1);
    const expected = parsePoly(sg.field[0]!.ring, `A_1_1*B_1_1*${s} - A_1_1*${c}`);
    expect(m[0]!.scale(expected.terms.values().next().value!.div(m[0]!.terms.values().next().value!)).equals(expected)).toBe(true);
    const line = eq.components[1]!.points;
    expect(line.length).toBe(4);
    for (const p of line) {
      expect(p.exact).toBe(true);
      if (p.exact) expect(p.values[1]!.equals(c.div(s))).toBe(true);
      expect(p.collapsed).toBe(false);
    }
  });

  it('at (a, c/s) the eigenvalues are {0, −a²s}: charpoly λ(λ + a²s), transversally stable (proved)', () => {
    const comp = eq.components[1]!;
    const jg = componentGeometry(sg, comp.equations);
    for (const p of comp.points) {
      if (!p.exact) continue;
      const a = p.values[0]!;
      const st = analysePointStability(sg, jg, p);
      const a2s = a.mul(a).mul(s);
      expect(st.certificate!.charpoly.equals(parsePoly(LAMBDA_RING, `lambda^2 + ${a2s}*lambda`))).toBe(true);
      expect(st).toMatchObject({ componentDimension: 1, zeroEigenvalues: 1, verdict: 'transversally asymptotically stable', level: 'proved' });
      const ev = st.eigenvalues.map((z) => z.re).sort((x, y) => x - y);
      expect(ev[0]).toBeCloseTo(-a2s.toNumber(), 9);
      expect(Math.abs(ev[1]!)).toBeLessThan(1e-12);
      // Discrete loop: η < 2/(a²s).
      expect(st.largestStableLearningRate).toBeCloseTo(2 / a2s.toNumber(), 9);
      // The same spectrum and rate exactly: DV = [[0, −ac], [0, −a²s]] at (a, c/s).
      expect(st.exactSpectrum).toMatchObject({ zeros: 1, floats: [] });
      expect(st.exactSpectrum!.exact.map(String)).toEqual([a2s.neg().toString()]);
      expect(st.exactSpectrum!.learningRate!.toString()).toBe(q(2).div(a2s).toString());
    }
  });

  it('collapsed points (0, b) attract exactly when b(bs − c) > 0', () => {
    const comp = eq.components[0]!;
    const jg = componentGeometry(sg, comp.equations);
    for (const [b, verdict] of [
      [q(-1), 'transversally asymptotically stable'],
      [q(1, 2), 'unstable'],
      [q(2), 'transversally asymptotically stable'],
    ] as const) {
      const st = analysePointStability(sg, jg, exactPoint([q(0), b]));
      expect(st.verdict).toBe(verdict);
      expect(st.level).toBe('proved');
    }
  });

  it('at the origin DV = 0: two zero eigenvalues on a line of equilibria, which the exact tools cannot pin down, so inconclusive', () => {
    // Truly degenerate (the equilibria near 0 are the line a = 0, one dimension for two zero
    // eigenvalues), but dim ker DV = 2 is the only upper bound on their dimension that ncssl
    // proves; claiming "degenerate (proved)" from the component's own equations was unsound.
    const st = analysePointStability(sg, componentGeometry(sg, eq.components[0]!.equations), exactPoint([q(0), q(0)]));
    expect(st.zeroEigenvalues).toBe(2);
    expect(st.kernelDimension).toBe(2);
    expect(st.verdict).toBe('inconclusive');
    expect(st.level).toBe('inconclusive');
  });
});

describe('EMA (MATH.md §5)', () => {
  it('at (a, c/s, a) the characteristic polynomial is λ(sλ² + (a²s² + c² + sτ)λ + a²s²τ)/s', () => {
    const ema = byName.ema!;
    const eq = analyseEquilibria(derivation, ema, options);
    const comp = eq.components.find((x) => x.id === 'residual')!;
    const jg = componentGeometry(ema, comp.equations);
    expect(comp.points.length).toBeGreaterThan(0);
    for (const p of comp.points) {
      if (!p.exact) continue;
      const a = p.values[0]!;
      expect(p.values[1]!.equals(c.div(s)) && p.values[2]!.equals(a)).toBe(true);
      const a2 = a.mul(a);
      const b1 = a2.mul(s).mul(s).add(c.mul(c)).add(s.mul(tau)).div(s);
      const b0 = a2.mul(s).mul(tau);
      const st = analysePointStability(ema, jg, p);
      expect(st.certificate!.charpoly.equals(parsePoly(LAMBDA_RING, `lambda^3 + ${b1}*lambda^2 + ${b0}*lambda`))).toBe(true);
      expect(st).toMatchObject({ componentDimension: 1, zeroEigenvalues: 1, verdict: 'transversally asymptotically stable', level: 'proved' });
    }
  });
});

describe('GD collapse (MATH.md §5, C3)', () => {
  it('is proved, every sampled equilibrium is collapsed and attracting, and the flows collapse', () => {
    const gd = byName.gd!;
    const proof = proveGdCollapse(derivation, gd);
    expect(proof.level).toBe('proved');
    expect(proof.jointMoments).toBe('positive definite');
    expect(proof.steps.every((x) => x.checked)).toBe(true);
    const f = runAnalyses({ derivation, procedure: gd, options: { samples: 4, points: 3, flows: 4, seed: 1 } }, ['collapse']);
    expect(f.require(equilibria).components.map((x) => x.id)).toEqual(['collapsed']);
    expect(f.require(collapse).nonCollapsed).toMatchObject({ exists: false, level: 'proved' });
    expect(f.require(equilibria).flows).toMatchObject({ starts: 4, atRest: 4, collapsed: 4, nonCollapsed: 0 });
    for (const st of f.require(stability)[0]!) expect(st.verdict).toBe('transversally asymptotically stable');
    // Since b²s − 2bc + s ≥ s − c²/s > 0, the transversal eigenvalue −(b²s − 2bc + s) is negative everywhere.
  });
});
