/** "The model": the variant in words, its encoder, predictor and loss as formulas, the view pairs, the rates, the procedures. */
import type { Rational } from '../../../exact/rational.js';
import { rationalLatex } from '../../../notation/latex-poly.js';
import type { Variant } from '../../../variants/variant.js';
import { RECIPE_WORDS, describeVariant } from '../../../variants/words.js';
import type { BuiltSection } from '../../context.js';
import { type Block, type Inline, code, math, paragraph, text } from '../../document.js';
import type { VariantReportContext } from '../context.js';
import { coordinateLatex, variantProse } from '../notation.js';

/** View pairs listed in the body; the JSON data holds them all. */
const LISTED_PAIRS = 12;

function encoderInline(v: Variant): Inline[] {
  const e = v.encoder;
  if (e.kind !== 'mlp') {
    const shape = { linear: 'a full matrix', diagonal: 'a diagonal matrix (only the entries A_ii are free)', scalar: 'a multiple of the identity, A = a I' }[e.kind];
    return [text('The encoder is '), math(`f_\\theta(x) = A x`), text(` with `), math(`A \\in \\mathbb{R}^{${e.out} \\times ${e.in}}`), text(` ${shape}; its entries are `), math('\\theta'), text('.')];
  }
  const L = e.layers.length - 1;
  const bias = (k: string) => (e.bias ? ` + a^{(${k})}` : '');
  const sigma = e.activation === null ? '' : '\\sigma';
  const hidden = L > 1 ? `h_k = ${sigma}\\left(A^{(k)} h_{k-1}${bias('k')}\\right)\\ (1 \\le k < ${L}),\\ ` : '';
  const activation = e.activation === null ? [] : [text(', with '), math(`\\sigma = ${e.activation === 'tanh' ? '\\tanh' : `\\operatorname{${e.activation}}`}`), text(' applied entrywise')];
  return [
    text(`The encoder is a ${L}-layer perceptron of widths ${e.layers.join(', ')}: `),
    math(`h_0 = x,\\ ${hidden}f_\\theta(x) = A^{(${L})} h_{${L - 1}}${bias(String(L))}`),
    ...activation,
    text('; '),
    math('\\theta'),
    text(` holds the weights `),
    math('A^{(k)}'),
    text(e.bias ? ' and the biases ' : ' (no biases)'),
    ...(e.bias ? [math('a^{(k)}')] : []),
    text('.'),
  ];
}

function predictorInline(v: Variant): Inline[] {
  const p = v.predictor;
  const q = v.encoder.out;
  switch (p.kind) {
    case 'directcopy':
      return [text('The predictor is set from the codes, not trained (DirectCopy): '), math(`B = \\hat{F} + ${rationalLatex(p.eps)}\\, I`), text(' with '), math('\\hat{F}'), text(' the mean of '), math('z z^{\\top}'), text(' over the online codes '), math('z = f_\\theta(x_1)'), text(' of the first views; no gradient flows through the setting.')];
    case 'directpred':
      return [
        text('The predictor is set from the codes, not trained (DirectPred): with '),
        math('\\hat{F} = \\sum_k s_k\\, v_k v_k^{\\top}'),
        text(' ('),
        math('s_1 \\ge s_2 \\ge \\dots \\ge 0'),
        text(') the mean of '),
        math('z z^{\\top}'),
        text(' over the online codes '),
        math('z = f_\\theta(x_1)'),
        text(' of the first views, '),
        math(`B = \\sum_k p_k\\, v_k v_k^{\\top}`),
        text(' with '),
        math(`p_k = (s_k / s_1)^{${rationalLatex(p.power)}} + ${rationalLatex(p.eps)}`),
        text('; no gradient flows through the setting.'),
      ];
    case 'identity':
      return [text('The predictor is fixed, '), math('B = I'), text('.')];
    default:
      return [text(`The predictor is ${p.kind === 'linear' ? 'a full' : `a ${p.kind}`} matrix `), math(`B \\in \\mathbb{R}^{${q} \\times ${q}}`), text(', trained; its free entries are '), math('\\psi'), text('.')];
  }
}

function lossInline(v: Variant): Inline[] {
  const loss = v.loss === 'squared' ? '\\tfrac{1}{2}\\lVert p - z \\rVert^{2}' : '2 - 2\\,\\frac{\\langle p, z \\rangle}{\\lVert p \\rVert\\, \\lVert z \\rVert}';
  return [
    text('Each pair '),
    math('(x_1, x_2)'),
    text(' costs '),
    math(`\\ell = ${loss}`),
    text(' with the prediction '),
    math('p = B f_\\theta(x_1)'),
    text(' and the target code '),
    math('z = f_\\xi(x_2)'),
    text(', where the target '),
    math('\\xi'),
    text(" has the encoder's shape (its entries are written T, t where the encoder's are A, a). The objective "),
    math('F(\\theta, \\psi, \\xi)'),
    text(' is the exact average of '),
    math('\\ell'),
    text(` over the ${v.data.pairs.length} pairs.`),
  ];
}

const vectorLatex = (xs: readonly Rational[]) => `(${xs.map(rationalLatex).join(',\\ ')})`;

export function variantModelSection(ctx: VariantReportContext): BuiltSection {
  const v = ctx.check.variant;
  const pairs = v.data.pairs;
  const blocks: Block[] = [
    paragraph(text('The variant: '), ...variantProse(describeVariant(v)), text('.')),
    paragraph(...encoderInline(v)),
    paragraph(...predictorInline(v)),
    paragraph(...lossInline(v)),
    paragraph(text(pairs.length > LISTED_PAIRS ? `The first ${LISTED_PAIRS} of the ${pairs.length} view pairs:` : 'The view pairs:')),
    {
      kind: 'table',
      header: [[text('pair')], [math('x_1')], [math('x_2')]],
      rows: pairs.slice(0, LISTED_PAIRS).map((pair, k) => [[text(String(k + 1))], [math(vectorLatex(pair.x1))], [math(vectorLatex(pair.x2))]]),
    },
    paragraph(
      text('Weight decay, predictor rate and EMA rate: '),
      math(`(\\lambda, \\alpha, \\tau) = (${[v.weightDecay, v.predictorRate, v.emaRate].map(rationalLatex).join(', ')})`),
      text('. The rates make the matrix '),
      math('P'),
      text(': 1 on the encoder, '),
      math('\\alpha'),
      text(' on the predictor, '),
      math('\\tau'),
      text(' on the target.'),
    ),
    paragraph(text('The procedures, each a vector field '), math('V'), text(' on its state:')),
    {
      kind: 'list',
      items: ctx.check.procedures.map((p): Inline[] => {
        const f = p.field;
        const names = f.stateNames;
        // One math piece per coordinate, so that a line can break between them.
        const shown = names.length <= 8 ? names : [names[0]!, names[names.length - 1]!];
        const list = shown.flatMap((name, k): Inline[] => [...(k > 0 ? [text(names.length <= 8 ? ', ' : ', ..., ')] : []), math(coordinateLatex(name))]);
        return [code(f.procedure.name), text(`: ${RECIPE_WORDS[f.procedure.recipe]}; state of dimension ${names.length}: `), ...list, text('.')];
      }),
    },
    paragraph(text('Source: '), code(ctx.source), text('.')),
  ];
  return {
    id: 'model',
    title: 'The model',
    blocks,
    data: {
      description: describeVariant(v),
      loss: v.loss,
      encoder: v.encoder,
      predictor: v.predictor.kind === 'linear' || v.predictor.kind === 'diagonal' || v.predictor.kind === 'identity' || v.predictor.kind === 'symmetric' ? v.predictor : { ...v.predictor, ...Object.fromEntries(Object.entries(v.predictor).filter(([k]) => k !== 'kind').map(([k, x]) => [k, String(x)])) },
      pairs: pairs.map((p) => ({ x1: p.x1.map(String), x2: p.x2.map(String) })),
      weightDecay: String(v.weightDecay),
      predictorRate: String(v.predictorRate),
      emaRate: String(v.emaRate),
      procedures: ctx.check.procedures.map((p) => ({ name: p.field.procedure.name, recipe: p.field.procedure.recipe, state: p.field.stateNames, rates: p.field.rates.map(String) })),
    },
  };
}
