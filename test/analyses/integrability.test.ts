/**
 * Integrability verdicts (MATH.md §3) against independent facts: GD's potential must equal
 * E + λ/2‖x‖² (the closed form of claim C1, built here from F without the engine's radial
 * integral), curl certificates must pass the derivative-free re-check, and tampering must fail it.
 */
import { describe, expect, it } from 'vitest';
import { Rational, q } from '../../src/exact/rational.js';
import { analyseIntegrability } from '../../src/analyses/integrability.js';
import { checkCurlCertificate } from '../../src/analyses/curl-certificate.js';
import { targetToEncoder } from '../../src/model/parameters.js';
import { deriveModel, type Derivation } from '../../src/procedures/derive.js';
import { Poly } from '../../src/poly/poly.js';
import { type ModelOptions, randomModel, scalarModel } from '../helpers/models.js';

const OPTIONS = { samples: 16, seed: 1 };

/** E + λ/2 ‖(θ, ψ)‖², the GD potential claimed by MATH.md §3 (with Φ(0) = 0). */
function closedFormPotential(d: Derivation): Poly {
  const E = d.objective.renameVariables(targetToEncoder(d.params));
  const vars = [...d.params.encoder.variables, ...d.params.predictor.variables];
  const norm = Poly.sum(d.params.ring, vars.map((v) => Poly.variable(d.params.ring, v).pow(2)));
  return E.add(norm.scale(d.model.weightDecay.div(q(2)))).sub(Poly.constant(d.params.ring, E.constantTerm()));
}

const procedure = (d: Derivation, name: string) => d.procedures.find((p) => p.procedure.name === name)!;

describe('integrability on the scalar model', () => {
  const d = deriveModel(scalarModel(q(5, 2), q(2)));
  it('GD is a gradient field with potential E', () => {
    const f = analyseIntegrability(procedure(d, 'gd'), OPTIONS);
    expect(f.euclidean.integrable).toBe(true);
    expect(f.euclidean.potential!.equals(closedFormPotential(d))).toBe(true);
    expect(f.rateAdjusted).toBeNull();
    expect(f.euclidean.sampled.nonzeroPoints).toBe(0);
  });
  it('SG and EMA are not gradient fields, with re-checked certificates', () => {
    for (const name of ['sg', 'ema']) {
      const p = procedure(d, name);
      const f = analyseIntegrability(p, OPTIONS);
      expect(f.euclidean.integrable).toBe(false);
      expect(checkCurlCertificate(p.field, p.stateNames, f.euclidean.certificate!)).toEqual({ ok: true });
      expect(f.euclidean.sampled.nonzeroShare).toBe(1);
    }
  });
  it('the SG certificate is the curl a·c of MATH.md §5', () => {
    const p = procedure(d, 'sg');
    const c = analyseIntegrability(p, OPTIONS).euclidean.certificate!;
    const a = Rational.parse(c.point.A_1_1!)!;
    const [i, j] = [c.i, c.j];
    expect([i, j]).toEqual(['A_1_1', 'B_1_1']);
    // ∂V_b/∂a − ∂V_a/∂b = a c
    expect(Rational.parse(c.dVj_dxi)!.sub(Rational.parse(c.dVi_dxj)!).equals(a.mul(q(2)))).toBe(true);
  });
  it('rejects tampered certificates', () => {
    const p = procedure(d, 'sg');
    const cert = analyseIntegrability(p, OPTIONS).euclidean.certificate!;
    const bump = (x: string) => Rational.parse(x)!.add(Rational.ONE).toString();
    const tampered = [
      { ...cert, dVi_dxj: bump(cert.dVi_dxj) },
      { ...cert, dVj_dxi: bump(cert.dVj_dxi) },
      { ...cert, point: { ...cert.point, A_1_1: bump(cert.point.A_1_1!) } },
      { ...cert, point: { B_1_1: '1' } },
      { ...cert, i: cert.j, j: cert.i },
    ];
    for (const t of tampered) expect(checkCurlCertificate(p.field, p.stateNames, t).ok).toBe(false);
    // A certificate for a point without curl is refused even when the values are right.
    const gd = procedure(d, 'gd');
    const gdValues = gd.jacobian[0]![1]!.evaluate(() => Rational.ONE).toString();
    const fake = { point: { A_1_1: '1', B_1_1: '1' }, i: 'A_1_1', j: 'B_1_1', dVi_dxj: gdValues, dVj_dxi: gdValues };
    expect(checkCurlCertificate(gd.field, gd.stateNames, fake)).toMatchObject({ ok: false });
  });
});

const shapes: ModelOptions[] = [
  { p: 2, q: 2 },
  { p: 3, q: 2, asymmetric: true, weightDecay: q(1, 4) },
  { p: 3, q: 3, encoder: 'diagonal', predictor: 'diagonal' },
  { p: 2, q: 2, predictor: 'identity' },
  { p: 2, q: 2, predictorRate: q(3), weightDecay: q(1, 10), emaRate: q(1, 2) },
];

describe.each(shapes)('integrability on random model %o', (options) => {
  const d = deriveModel(randomModel({ ...options, seed: 11 }));
  const rated = !(options.predictorRate ?? Rational.ONE).isOne();
  it('GD: gradient of E + λ/2‖x‖² (after rate adjustment when α ≠ 1)', () => {
    const f = analyseIntegrability(procedure(d, 'gd'), OPTIONS);
    const verdict = rated ? f.rateAdjusted! : f.euclidean;
    expect(verdict.integrable).toBe(true);
    expect(verdict.potential!.equals(closedFormPotential(d))).toBe(true);
    expect(verdict.sampled.nonzeroPoints).toBe(0);
    if (rated) {
      // With a faster predictor the plain field mixes metrics: not a Euclidean gradient.
      expect(f.euclidean.integrable).toBe(false);
      expect(f.euclidean.sampled.nonzeroPoints).toBeGreaterThan(0);
    }
  });
  it('SG and EMA: certificates of non-integrability that re-check', () => {
    for (const name of ['sg', 'ema']) {
      const p = procedure(d, name);
      const f = analyseIntegrability(p, OPTIONS);
      for (const v of [f.euclidean, f.rateAdjusted].filter((x) => x !== null)) {
        if (name === 'sg' && options.predictor === 'identity') {
          // With B = I the SG field is −(A Σ1 − A Σ12ᵀ) − λA: linear with a symmetric Jacobian
          // exactly when Σ12 is symmetric, which the random model's Σ12 is.
          expect(v.integrable).toBe(true);
          continue;
        }
        expect(v.integrable, name).toBe(false);
        expect(checkCurlCertificate(p.field.map((x, k) => (v === f.euclidean ? x : x.scale(p.rates[k]!.inv()))), p.stateNames, v.certificate!)).toEqual({ ok: true });
        expect(v.sampled.nonzeroPoints).toBe(v.sampled.samples);
      }
    }
  });
});
