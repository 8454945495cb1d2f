/**
 * The playground's formulas (src/playground/latex.ts): every one typesets in KaTeX's strict mode
 * on every model and procedure, both curl choices and at a point; and the words carry the
 * engine's findings: SG's curl certificate at (1, 1) on the scalar model is ∂ȧ/∂b = −(2 s a b − c a) = −3
 * beside ∂ḃ/∂a = −2 a (s b − c) = −1 (docs/math.md §5), and GD's potential is E.
 */
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { exactStateAt, explore } from '../../src/playground/explore.js';
import { curlMapLatex, curlParagraphs, equilibriaParagraphs, fieldParagraphs, formulasOf, modelParagraphs, pointParagraphs, verdictParagraphs } from '../../src/playground/latex.js';
import { spectrumAt } from '../../src/playground/explore.js';
import { PLAYGROUND_MODELS, buildModel, exactDecimal, playgroundModel, presetValues } from '../../src/playground/models.js';

describe('playground formulas', () => {
  it('typeset in KaTeX (strict) for every model, procedure and curl choice', () => {
    for (const m of PLAYGROUND_MODELS) {
      for (const procedure of ['gd', 'sg', 'ema']) {
        const values = presetValues(m);
        values.set('alpha', exactDecimal('1.5', 'alpha'));
        const e = explore(buildModel(m, values, procedure).model);
        const paragraphs = [
          ...modelParagraphs(e),
          ...fieldParagraphs(e),
          ...curlParagraphs(e, false),
          ...curlParagraphs(e, true),
          ...verdictParagraphs(e),
          ...equilibriaParagraphs(e),
          ...pointParagraphs(e, spectrumAt(e, exactStateAt(e, '0.5', '-1.25'))),
        ];
        const formulas = [...formulasOf(paragraphs), curlMapLatex(e, false, 'signed'), curlMapLatex(e, true, 'largest entry')];
        expect(formulas.length).toBeGreaterThan(8);
        for (const f of formulas) expect(() => katex.renderToString(f, { strict: 'error', throwOnError: true }), `${m.id} ${procedure}: ${f}`).not.toThrow();
      }
    }
  });

  it('state the engine’s verdicts: SG’s certificate on the scalar model, GD’s potential', () => {
    const scalar = playgroundModel('scalar');
    const sg = explore(buildModel(scalar, presetValues(scalar), 'sg').model);
    const words = verdictParagraphs(sg)[0]!;
    expect(words[0]).toBe('V is not the gradient of any C² function (proved): at ');
    expect(formulasOf([words])).toEqual([
      '(A_{1,1}, B_{1,1}) = (1, 1)',
      '\\frac{\\partial \\dot{A}_{1,1}}{\\partial B_{1,1}} = -3 \\neq -1 = \\frac{\\partial \\dot{B}_{1,1}}{\\partial A_{1,1}}',
    ]);
    const gd = explore(buildModel(scalar, presetValues(scalar), 'gd').model);
    // E(a, b) = ½ a² (s b² − 2 c b + s) with s = 5/2, c = 2.
    expect(formulasOf([verdictParagraphs(gd)[0]!])).toEqual(['V = -\\nabla \\Phi,\\quad \\Phi = \\tfrac{5}{4} A_{1,1}^{2} B_{1,1}^{2} - 2 A_{1,1}^{2} B_{1,1} + \\tfrac{5}{4} A_{1,1}^{2}']);
    expect(formulasOf(curlParagraphs(sg, false))).toEqual(['\\frac{\\partial \\dot{B}_{1,1}}{\\partial A_{1,1}} - \\frac{\\partial \\dot{A}_{1,1}}{\\partial B_{1,1}} = 2 A_{1,1}']);
  });
});
