/**
 * The matrix closed forms, derived by the matrix calculus, instantiated at concrete dimensions
 * and compared EXACTLY with the polynomial core (src/procedures): objective, fields, Jacobians
 * (through the Kronecker forms and, independently, through the operator δ ↦ DV[δ] applied to
 * each basis direction), curls and potentials — on square, rectangular, diagonal, scalar and
 * identity-predictor models with asymmetric moments, weight decay and rates.
 */
import { describe, expect, it } from 'vitest';
import { Rational, q } from '../../src/exact/rational.js';
import { analyseIntegrability } from '../../src/analyses/integrability.js';
import {
  compareCurl,
  compareField,
  compareJacobian,
  compareObjective,
  comparePotential,
} from '../../src/matrix/consistency.js';
import { deriveMatrixModel } from '../../src/matrix/derive.js';
import { type PolyMatrix, constantMatrix, instantiate, matMul, matTranspose, vec } from '../../src/matrix/instantiate.js';
import { environment, parameterBlock, selection } from '../../src/matrix/linear-model.js';
import { variationOf } from '../../src/matrix/symbols.js';
import { matrixLatex } from '../../src/notation/latex-matrix.js';
import { deriveModel } from '../../src/procedures/derive.js';
import { type ModelOptions, randomModel } from '../helpers/models.js';

const shapes: Array<[string, ModelOptions]> = [
  ['square 2×2', { p: 2, q: 2 }],
  ['square 3×3 with decay and rates', { p: 3, q: 3, weightDecay: q(1, 10), predictorRate: q(3), emaRate: q(1, 4) }],
  ['rectangular 4→2, asymmetric moments', { p: 4, q: 2, asymmetric: true, weightDecay: q(1, 3), predictorRate: q(1, 2) }],
  ['rectangular 2→3', { p: 2, q: 3, asymmetric: true }],
  ['diagonal encoder and predictor 3→2', { p: 3, q: 2, encoder: 'diagonal', predictor: 'diagonal', asymmetric: true, weightDecay: q(1, 5) }],
  ['diagonal encoder 2×2, linear predictor', { p: 2, q: 2, encoder: 'diagonal', asymmetric: true, emaRate: q(2) }],
  ['identity predictor 3×3', { p: 3, q: 3, predictor: 'identity', weightDecay: q(1, 2) }],
  ['identity predictor 2→3, asymmetric', { p: 2, q: 3, predictor: 'identity', asymmetric: true, emaRate: q(3, 2) }],
  ['scalar encoder 2×2', { p: 2, q: 2, encoder: 'scalar', asymmetric: true, predictorRate: q(2) }],
  ['scalar encoder 3→2 with decay', { p: 3, q: 2, encoder: 'scalar', asymmetric: true, weightDecay: q(1, 4), emaRate: q(1, 3) }],
  ['scalar model 1×1', { p: 1, q: 1, weightDecay: q(1, 7), predictorRate: q(5, 2) }],
];

describe.each(shapes)('matrix closed forms equal the polynomial core: %s', (_, options) => {
  const model = randomModel({ ...options, seed: options.p * 10 + options.q });
  const core = deriveModel(model);
  const md = deriveMatrixModel(model);
  const mm = md.model;

  it('objective', () => {
    for (const a of compareObjective(mm, md.objective, core)) expect(a, a.mismatch).toMatchObject({ ok: true });
  });

  for (const p of md.procedures) {
    const c = core.procedures.find((x) => x.procedure.name === p.name)!;
    it(`${p.name}: field, Jacobian (Kronecker form), curls`, () => {
      expect(compareField(mm, p.field, c, core.params)).toMatchObject({ ok: true });
      expect(compareJacobian(mm, p.jacobian, c, core.params, p.name)).toMatchObject({ ok: true });
      expect(compareCurl(mm, p.curl, c, core.params, p.name)).toMatchObject({ ok: true });
      if (c.rates.some((r) => !r.isOne())) {
        expect(p.rateAdjustedCurl).not.toBeNull();
        expect(compareCurl(mm, p.rateAdjustedCurl!, c, core.params, p.name)).toMatchObject({ ok: true });
      } else {
        expect(p.rateAdjustedCurl).toBeNull();
      }
    });

    it(`${p.name}: the operator DV[δ] at each basis direction is the Jacobian's column`, () => {
      const env = environment(mm, core.params);
      const blocks = p.jacobian.blocks;
      const sel = blocks.map((b) => selection(b.field.block, parameterBlock(b.field.block, core.params), core.params));
      let column = 0;
      blocks.forEach((colBlock, j) => {
        const count = sel[j]![0]?.length ?? 0;
        for (let k = 0; k < count; k++, column++) {
          const symbols = new Map(env.symbols);
          blocks.forEach((b, i) => {
            const s = b.field.state;
            const rows = s.shape.rows.size;
            const cols = s.shape.cols.size;
            // δY = S_Y e_k reshaped from column-major vec; the other directions are zero.
            const direction: PolyMatrix = constantMatrix(core.params.ring, rows, cols, (r, cc) =>
              i === j ? sel[j]![cc * rows + r]![k]!.constantTerm() : Rational.ZERO,
            );
            symbols.set(variationOf(s, 'delta').id, direction);
          });
          const envAt = { ...env, symbols };
          const got = blocks.flatMap((b, i) => {
            const v = instantiate(b.operator, envAt);
            if (b.field.state.id !== b.field.block.matrix.id) return [v[0]![0]!];
            return matMul(core.params.ring, matTranspose(sel[i]!), vec(v)).map((r) => r[0]!);
          });
          const expected = c.jacobian.map((row) => row[column]!);
          expect(got.map(String), `column ${c.stateNames[column]}`).toEqual(expected.map(String));
          void colBlock;
        }
      });
    });

    it(`${p.name}: the matrix-level potential (when the curl form vanishes) is the core's`, () => {
      for (const cd of [p.curl, p.rateAdjustedCurl]) {
        if (!cd) continue;
        if (!cd.vanishes) continue;
        const finding = analyseIntegrability(c, { samples: 4, seed: 1 });
        const verdict = cd.variant === 'euclidean' ? finding.euclidean : finding.rateAdjusted ?? finding.euclidean;
        expect(verdict.integrable).toBe(true);
        expect(comparePotential(mm, cd, verdict.potential!, core.params, p.name)).toMatchObject({ ok: true });
      }
    });
  }
});

describe('the closed forms read as in MATH.md §4', () => {
  const model = randomModel({ p: 3, q: 3, asymmetric: true });
  const md = deriveMatrixModel(model);
  const rows = (name: string) => md.procedures.find((p) => p.name === name)!.field.steps.flatMap((s) => s.rows);
  const latex = (name: string, rule: string) =>
    md.procedures
      .find((p) => p.name === name)!
      .field.steps.filter((s) => s.rule === rule)
      .flatMap((s) => s.rows.map((r) => matrixLatex(r.rhs)));

  it('objective: ½ tr(BAΣ1AᵀBᵀ) − tr(BAΣ12Tᵀ) + ½ tr(TΣ2Tᵀ)', () => {
    const last = md.objective.steps.find((s) => s.rule === 'trace-cyclic')!.rows[0]!.rhs;
    expect(matrixLatex(last)).toBe(
      '\\tfrac{1}{2} \\operatorname{tr}(B A \\Sigma_{1} A^{\\top} B^{\\top}) - \\operatorname{tr}(B A \\Sigma_{12} T^{\\top}) + \\tfrac{1}{2} \\operatorname{tr}(T \\Sigma_{2} T^{\\top})',
    );
  });

  it('SG: Ȧ = −BᵀM, Ḃ = −MAᵀ with M = BAΣ1 − AΣ12ᵀ; EMA uses R with T', () => {
    expect(latex('sg', 'specialize')).toEqual(['-B^{\\top} M', '-M A^{\\top}']);
    const sg = md.procedures.find((p) => p.name === 'sg')!;
    expect(matrixLatex(sg.field.steps.find((s) => s.rule === 'stop-gradient')!.where![0]!.definition)).toBe(
      'B A \\Sigma_{1} - A \\Sigma_{12}^{\\top}',
    );
    expect(latex('ema', 'specialize')).toEqual(['-B^{\\top} R', '-R A^{\\top}', 'A - T']);
    expect(rows('gd').length).toBeGreaterThan(0);
  });

  it('GD: Ȧ = −BᵀM − AΣ2 + BAΣ12 (asymmetric Σ12 keeps its transposes)', () => {
    expect(latex('gd', 'specialize')[0]).toBe('-B^{\\top} M + B A \\Sigma_{12} - A \\Sigma_{2}');
  });

  it('the curl form vanishes identically for GD and not for SG or EMA', () => {
    const vanishes = Object.fromEntries(md.procedures.map((p) => [p.name, p.curl.vanishes]));
    expect(vanishes).toEqual({ gd: true, sg: false, ema: false });
  });

  it('with α ≠ 1 only the rate-adjusted GD field is a gradient at matrix level', () => {
    const m2 = deriveMatrixModel(randomModel({ p: 2, q: 2, predictorRate: q(2), procedures: ['gd'] }));
    expect(m2.procedures[0]!.curl.vanishes).toBe(false);
    expect(m2.procedures[0]!.rateAdjustedCurl!.vanishes).toBe(true);
  });
});
