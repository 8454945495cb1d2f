/**
 * Exact stability certificates on square (3×3), rectangular (4→2) and diagonal models, checked
 * against computations that share no code with them: the field at each exact point by the matrix
 * formulas of MATH.md §4 (V_A = −BᵀM, V_B = −MAᵀ, V_T = τ(A − T)), the characteristic polynomial
 * by Bareiss determinants at n + 1 points, and the eigenvalues by ml-matrix in floats.
 */
import { describe, expect, it } from 'vitest';
import { q, Rational } from '../../src/exact/rational.js';
import { checkCharpoly } from '../../src/exact/determinant.js';
import type { EncoderKind, Model, PredictorKind, ProcedureName } from '../../src/model/model.js';
import { deriveModel, type ProcedureDerivation } from '../../src/procedures/derive.js';
import { analyseEquilibria, type EquilibriumPoint } from '../../src/analyses/equilibria.js';
import { analysePointStability, componentGeometry } from '../../src/analyses/stability.js';
import { compilePolys } from '../../src/poly/compile.js';
import { eigenvalues } from '../../src/numeric/eigenvalues.js';
import { add, mul, ratMatrix, sub, transpose } from '../helpers/models.js';
import { checkModel } from '../../src/analyses/check-model.js';
import { equilibria, stability } from '../../src/analyses/index.js';
import { certificatesOf } from '../../src/certificates/index.js';
import { knownProcedures } from '../../src/certificates/format.js';
import { verifyCertificate } from '../../src/kernel/check.js';

function noiseModel(x: Rational[][], noise: Rational, o: { q: number; encoder?: EncoderKind; predictor?: PredictorKind; procedures: ProcedureName[]; emaRate?: Rational }): Model {
  const p = x.length;
  const sigma = add(x, ratMatrix(p, p, (i, j) => (i === j ? noise : Rational.ZERO)));
  return {
    name: 'noise',
    encoder: { kind: o.encoder ?? 'linear', in: p, out: o.q },
    predictor: { kind: o.predictor ?? 'linear' },
    moments: { sigma1: sigma, sigma2: sigma, sigma12: x },
    data: { kind: 'noise', covariance: x, noise },
    weightDecay: Rational.ZERO,
    predictorRate: Rational.ONE,
    emaRate: o.emaRate ?? Rational.ONE,
    procedures: o.procedures,
  };
}

const M = (rows: number[][]) => rows.map((r) => r.map((v) => q(v)));
const diag = (xs: Rational[]) => ratMatrix(xs.length, xs.length, (i, j) => (i === j ? xs[i]! : Rational.ZERO));

/** The blocks A, B, T of a point, as exact matrices, from the coordinate names. */
function blocks(d: ProcedureDerivation, point: Rational[], model: Model) {
  const p = model.encoder.in;
  const qq = model.encoder.out;
  const get = (sym: string, i: number, j: number): Rational => {
    const k = d.stateNames.indexOf(`${sym}_${i + 1}_${j + 1}`);
    if (k >= 0) return point[k]!;
    const kind = sym === 'B' ? model.predictor.kind : model.encoder.kind;
    if (i !== j) return Rational.ZERO;
    if (kind === 'identity') return Rational.ONE;
    if (kind === 'scalar') return point[d.stateNames.indexOf(`${sym}_1_1`)]!;
    return Rational.ZERO; // diagonal entry beyond min(p, q) never happens; off-diagonal handled above
  };
  const A = ratMatrix(qq, p, (i, j) => get('A', i, j));
  const B = ratMatrix(qq, qq, (i, j) => get('B', i, j));
  const hasT = d.stateNames.some((n) => n.startsWith('T_'));
  const T = hasT ? ratMatrix(qq, p, (i, j) => get('T', i, j)) : A;
  return { A, B, T };
}

/** MATH.md §4 with λ = 0, α = 1: the field vanishes iff BᵀM, MAᵀ (projected) and T − A vanish. */
function fieldVanishesByFormula(d: ProcedureDerivation, point: Rational[], model: Model): boolean {
  const { A, B, T } = blocks(d, point, model);
  const { sigma1, sigma12 } = model.moments;
  const m = sub(mul(mul(B, A), sigma1), mul(T, transpose(sigma12)));
  const vA = mul(transpose(B), m);
  const vB = mul(m, transpose(A));
  // Only the entries that are free parameters count (the projection onto the parameters).
  const entryZero = (mat: Rational[][], sym: string) =>
    d.stateNames.filter((n) => n.startsWith(`${sym}_`)).every((n) => {
      const [, i, j] = n.split('_').map(Number);
      return mat[i! - 1]![j! - 1]!.isZero();
    });
  const tZero = T === A || A.every((row, i) => row.every((x, j) => x.equals(T[i]![j]!)));
  return entryZero(vA, 'A') && entryZero(vB, 'B') && tZero;
}

function checkProcedure(model: Model, d: ProcedureDerivation, derivation: ReturnType<typeof deriveModel>, expectNonCollapsed: boolean) {
  const eq = analyseEquilibria(derivation, d, { points: 2, flows: 0, seed: 5 });
  let exactNonCollapsed = 0;
  let certified = 0;
  const n = d.state.length;
  const jac = compilePolys(d.jacobian.flat(), d.state);
  for (const comp of eq.components) {
    const jg = componentGeometry(d, comp.equations);
    for (const p of comp.points) {
      if (!p.exact) continue;
      if (!p.collapsed) exactNonCollapsed++;
      if (d.procedure.name !== 'gd' && model.encoder.kind === 'linear') {
        expect(fieldVanishesByFormula(d, p.values, model)).toBe(true);
        // The formula check can fail: move B_1_1 off the equilibrium.
        const moved = p.values.slice();
        const k = d.stateNames.indexOf('B_1_1');
        moved[k] = moved[k]!.add(q(1));
        if (!p.collapsed) expect(fieldVanishesByFormula(d, moved, model)).toBe(false);
      }
      const st = analysePointStability(d, jg, p as EquilibriumPoint);
      const c = st.certificate!;
      // Bareiss re-check of the charpoly, on the Jacobian rebuilt in floats and exactly.
      const slot = new Map(d.state.map((v, k) => [v, k]));
      const exactJ = d.jacobian.map((row) => row.map((e) => e.evaluate((v) => p.values[slot.get(v)!]!)));
      const coefficients = Array.from({ length: n + 1 }, (_, i) => c.charpoly.terms.get(String.fromCharCode(0).repeat(n - i)) ?? Rational.ZERO);
      expect(checkCharpoly(exactJ, coefficients)).toBe(true);
      const out = new Float64Array(n * n);
      jac.evaluate(Float64Array.from(p.values, (x) => x.toNumber()), out);
      const floatJ = Array.from({ length: n }, (_, i) => Array.from(out.subarray(i * n, (i + 1) * n)));
      const ev = eigenvalues(floatJ);
      const scale = Math.max(1, ...floatJ.flat().map(Math.abs));
      const zeros = ev.filter((z) => Math.hypot(z.re, z.im) < 1e-7 * scale).length;
      if (st.level === 'proved' && st.verdict !== 'degenerate') {
        expect(zeros).toBe(c.zeroMultiplicity);
        const maxRe = Math.max(...ev.filter((z) => Math.hypot(z.re, z.im) >= 1e-7 * scale).map((z) => z.re), -Infinity);
        expect(maxRe < 0).toBe(st.verdict === 'transversally asymptotically stable');
        expect(st.numericalVerdict).toBe(st.verdict);
        certified++;
      }
    }
  }
  if (expectNonCollapsed) expect(exactNonCollapsed).toBeGreaterThan(0);
  expect(certified).toBeGreaterThan(0);
}

describe('exact certificates against independent float eigenvalues', () => {
  it('square 3×3 model (correlated features): SG and EMA', () => {
    const x = M([[2, 1, 0], [1, 2, 0], [0, 0, 1]]);
    const model = noiseModel(x, q(1, 2), { q: 3, procedures: ['sg', 'ema', 'gd'], emaRate: q(1, 2) });
    const derivation = deriveModel(model);
    for (const d of derivation.procedures) checkProcedure(model, d, derivation, d.procedure.name !== 'gd');
  });

  it('rectangular 4→2 model (diagonal covariance, rational eigenvectors)', () => {
    const model = noiseModel(diag([q(4), q(3), q(2), q(1)]), q(1, 2), { q: 2, procedures: ['sg', 'ema'] });
    const derivation = deriveModel(model);
    for (const d of derivation.procedures) checkProcedure(model, d, derivation, true);
  });

  it('diagonal encoder and predictor 3→2', () => {
    const model = noiseModel(diag([q(3), q(2), q(1)]), q(1), { q: 2, encoder: 'diagonal', predictor: 'diagonal', procedures: ['sg', 'ema', 'gd'] });
    const derivation = deriveModel(model);
    for (const d of derivation.procedures) checkProcedure(model, d, derivation, d.procedure.name !== 'gd');
  });
});

describe('points where components meet (MATH.md §6 needs the dimension of the equilibria there)', () => {
  // Identity predictor, Σ1 = I, Σ12 = diag(1, 1/2), SG: the equilibria are the line A_1_2 = 0; the
  // origin lies on it and on the collapsed component A = 0 (dimension 0 on its own). DV(0) has
  // eigenvalues {0, −1/2}: one zero eigenvalue for the one direction of the line, so stable.
  const model: Model = {
    name: 'identity-partial',
    encoder: { kind: 'linear', in: 2, out: 1 },
    predictor: { kind: 'identity' },
    moments: { sigma1: [[q(1), q(0)], [q(0), q(1)]], sigma2: [[q(1), q(0)], [q(0), q(1)]], sigma12: [[q(1), q(0)], [q(0), q(1, 2)]] },
    data: { kind: 'explicit' },
    weightDecay: Rational.ZERO,
    predictorRate: Rational.ONE,
    emaRate: Rational.ONE,
    procedures: ['sg'],
  };

  it('proves the origin stable through the manifold of the other component, and the certificate re-verifies', () => {
    const check = checkModel(model, { samples: 0, seed: 1 });
    const sg = check.procedures[0]!;
    const collapsed = sg.results.require(equilibria).components.findIndex((c) => c.id === 'collapsed');
    const origin = sg.results.require(stability)[collapsed]![0]!;
    expect(origin.zeroEigenvalues).toBe(1);
    expect(origin).toMatchObject({ verdict: 'transversally asymptotically stable', level: 'proved', componentDimension: 1 });
    expect(origin.manifold!.equations.map(String)).not.toEqual(['A_1_1', 'A_1_2']);
    // check --json carries the proof the verdict rests on.
    const json = equilibria.toJson(sg.results.require(equilibria), sg) as { equilibria: { components: Array<{ id: string; points: Array<{ manifold: { k: number; chart: number[]; equations: string[] } | null }> }> } };
    const originJson = json.equilibria.components.find((c) => c.id === 'collapsed')!.points[0]!;
    expect(originJson.manifold).toMatchObject({ k: 1, chart: [0] });
    expect(originJson.manifold!.equations).toEqual(origin.manifold!.equations.map(String));
    const certificates = certificatesOf(check, 'identity-partial').filter((c) => c.certificate.kind === 'stability');
    expect(certificates.length).toBeGreaterThan(0);
    for (const { name, certificate } of certificates) expect(verifyCertificate(JSON.stringify(certificate), { procedures: knownProcedures() }), name).toMatchObject({ status: 'accepted' });
  });
});
