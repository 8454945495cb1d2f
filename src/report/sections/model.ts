/** Section "Model": dimensions, parameter kinds, how the moments arise, the moments, λ, α, τ. */
import type { Model, RationalMatrix } from '../../model/model.js';
import { variableLatex, rationalLatex } from '../../notation/latex-poly.js';
import { latexWidth } from '../../notation/latex-width.js';
import type { BuiltSection, ReportContext } from '../context.js';
import { type Block, type EquationRow, type Inline, math, paragraph, text } from '../document.js';
import { DISPLAY_WIDTH, rationalMatrixLatex } from '../equations.js';
import { registerSection } from './registry.js';

const ENCODER_WORDS = {
  linear: [text('a full matrix '), math('A \\in \\mathbb{R}^{q \\times p}')],
  diagonal: [text('a diagonal matrix '), math('A \\in \\mathbb{R}^{q \\times p}'), text(' (only '), math('A_{i,i}'), text(' are free)')],
  scalar: [text('a multiple of the identity, '), math('A = a I_{q \\times p}')],
} satisfies Record<Model['encoder']['kind'], Inline[]>;

const PREDICTOR_WORDS = {
  linear: [text('a full matrix '), math('B \\in \\mathbb{R}^{q \\times q}')],
  diagonal: [text('a diagonal matrix '), math('B \\in \\mathbb{R}^{q \\times q}')],
  identity: [text('fixed to the identity, '), math('B = I'), text(', with no parameters')],
} satisfies Record<Model['predictor']['kind'], Inline[]>;

function momentRows(name: string, m: RationalMatrix): EquationRow[] | null {
  const latex = rationalMatrixLatex(m);
  const colWidth = m[0]!.map((_, j) => Math.max(...m.map((row) => latexWidth(rationalLatex(row[j]!)))));
  const width = latexWidth(name) + colWidth.reduce((a, b) => a + b + 1.5, 2);
  return width <= DISPLAY_WIDTH ? [{ left: name, right: `= ${latex}` }] : null;
}

/** Rows of a wide matrix, one display row per matrix row: `(Σ)_{i,·} = (…)`. */
function momentRowsByRow(name: string, m: RationalMatrix): EquationRow[] {
  return m.map((row, i) => ({ left: `(${name})_{${i + 1},\\cdot}`, right: `= (${row.map(rationalLatex).join(',\\ ')})` }));
}

function build(ctx: ReportContext): BuiltSection {
  const { model } = ctx;
  const mm = ctx.matrix.model;
  const blocks: Block[] = [
    paragraph(
      text('A linear encoder codes each view in '),
      math(`q = ${mm.q.size}`),
      text(' dimensions from '),
      math(`p = ${mm.p.size}`),
      text(' inputs: the encoder is '),
      ...ENCODER_WORDS[model.encoder.kind],
      text('; the predictor is '),
      ...PREDICTOR_WORDS[model.predictor.kind],
      text('; the moving-average target '),
      math('T'),
      text(' has the encoder\'s shape and kind.'),
    ),
  ];
  if (model.data.kind === 'noise') {
    blocks.push(
      paragraph(
        text('The views are '),
        math('x_i = x + \\epsilon_i'),
        text(' with '),
        math('\\mathbb{E}[x x^{\\top}] = X'),
        text(' and independent noise of covariance '),
        math(`\\sigma^2 I`),
        text(', '),
        math(`\\sigma^2 = ${rationalLatex(model.data.noise)}`),
        text(', so '),
        math('\\Sigma_1 = \\Sigma_2 = X + \\sigma^2 I'),
        text(' and '),
        math('\\Sigma_{12} = X'),
        text(':'),
      ),
    );
  } else {
    blocks.push(paragraph(text('The second moments of the views are given explicitly:')));
  }
  const moments: Array<[string, RationalMatrix]> = mm.exchangeable
    ? [[mm.sigma1.latex, model.moments.sigma1]]
    : [
        [mm.sigma1.latex, model.moments.sigma1],
        [mm.sigma2.latex, model.moments.sigma2],
      ];
  moments.push([mm.sigma12.latex, model.moments.sigma12]);
  const rows = moments.map(([n, m]) => momentRows(n, m));
  if (rows.every((r) => r !== null)) blocks.push({ kind: 'equation', rows: rows.flat() as EquationRow[] });
  else for (const [n, m] of moments) blocks.push({ kind: 'equation', rows: momentRowsByRow(n, m) });
  const notes: Inline[] = [];
  if (mm.exchangeable) notes.push(text('The views are exchangeable ('), math('\\Sigma_1 = \\Sigma_2'), text('), written '), math('\\Sigma'), text('. '));
  notes.push(
    text(mm.crossSymmetric ? 'The cross moment is symmetric, ' : 'The cross moment is not symmetric, '),
    math(mm.crossSymmetric ? '\\Sigma_{12}^{\\top} = \\Sigma_{12}' : '\\Sigma_{12}^{\\top} \\neq \\Sigma_{12}'),
    text(mm.crossSymmetric ? ', which the derivations below use.' : ', so transposes of it are kept.'),
  );
  notes.push(
    text(' Weight decay '),
    math(`\\lambda = ${rationalLatex(model.weightDecay)}`),
    text(', predictor learning-rate ratio '),
    math(`\\alpha = ${rationalLatex(model.predictorRate)}`),
    text(', EMA rate of the target '),
    math(`\\tau = ${rationalLatex(model.emaRate)}`),
    text('.'),
  );
  blocks.push(paragraph(...notes));
  const params = ctx.check.derivation.params;
  const coords = [params.encoder, params.predictor, params.target]
    .filter((b) => b.variables.length > 0)
    .map((b) => `${b.symbol}: ${b.variables.length}`);
  const first = params.ring.names[params.encoder.variables[0]!]!;
  blocks.push(
    paragraph(
      text('Coordinates: the free entries of each block, named like '),
      math(variableLatex(first)),
      text(` (row, column; ${coords.join(', ')}). Procedures analysed: ${ctx.check.procedures.map((p) => p.label).join(', ')}.`),
    ),
  );
  return {
    id: 'model',
    title: 'Model',
    blocks,
    data: {
      name: model.name,
      source: ctx.source,
      encoder: model.encoder,
      predictor: model.predictor,
      moments: {
        sigma1: model.moments.sigma1.map((r) => r.map(String)),
        sigma2: model.moments.sigma2.map((r) => r.map(String)),
        sigma12: model.moments.sigma12.map((r) => r.map(String)),
      },
      weightDecay: model.weightDecay.toString(),
      predictorRate: model.predictorRate.toString(),
      emaRate: model.emaRate.toString(),
      procedures: model.procedures,
    },
  };
}

registerSection({ id: 'model', order: 10, build });
