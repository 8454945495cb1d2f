/** "The family": the model, the symbols and what is assumed of them, what is proved of the moments. */
import { type Block, code, math, paragraph, text } from '../../document.js';
import type { FamilyReportContext } from '../context.js';
import { factoredLatex, symbolLatex } from '../notation.js';
import type { Poly } from '../../../poly/poly.js';
import { polyLatex } from '../../../notation/latex-poly.js';
import type { BuiltSection } from '../../context.js';
import { withMath } from '../../words.js';

const matrixLatex = (m: Poly[][], variable: (n: string) => string) =>
  m.length === 1 ? polyLatex(m[0]![0]!, { variable }) : `\\begin{bmatrix} ${m.map((row) => row.map((e) => polyLatex(e, { variable })).join(' & ')).join(' \\\\ ')} \\end{bmatrix}`;

export function familySection(ctx: FamilyReportContext): BuiltSection {
  const f = ctx.check.family;
  const v = ctx.variable;
  const { encoder: e, predictor } = f;
  const sign = (s: (typeof f.symbols)[number]) =>
    s.sign === 'positive' ? `${symbolLatex(s.name)} > 0` : s.sign === 'nonnegative' ? `${symbolLatex(s.name)} \\ge 0` : `${symbolLatex(s.name)} \\in \\mathbb{R}`;
  const inequalities = f.inequalities.map((q) => `${polyLatex(q.lhs, { variable: v })} ${q.strict ? '<' : '\\le'} ${polyLatex(q.rhs, { variable: v })}`);
  const scalar = e.in === 1 && e.out === 1;
  const blocks: Block[] = [
    paragraph(
      text(`The encoder `),
      math(`A \\in \\mathbb{R}^{${e.out} \\times ${e.in}}`),
      text(` is ${e.kind}, the predictor `),
      math(`B`),
      text(` ${predictor.kind}, and the target `),
      math('T'),
      text(` has the encoder's shape. `),
      ...(scalar ? [text('Each block has a single entry, written '), math('a, b, \\xi'), text(' for '), math('A, B, T'), text('. ')] : []),
      text('The moments and rates are polynomials in the symbols '),
      math(f.ring.names.map(symbolLatex).join(', ')),
      text(', and every result below holds for all their '),
      { kind: 'emph', text: 'admissible' },
      text(' values: '),
      math([...f.symbols.map(sign), ...inequalities].join(',\\ ')),
      text('.'),
    ),
    {
      kind: 'equation',
      rows: [
        { left: '\\Sigma_1 = \\mathbb{E}[x_1 x_1^{\\top}]', right: `= ${matrixLatex(f.moments.sigma1, v)}` },
        { left: '\\Sigma_2 = \\mathbb{E}[x_2 x_2^{\\top}]', right: `= ${matrixLatex(f.moments.sigma2, v)}` },
        { left: '\\Sigma_{12} = \\mathbb{E}[x_1 x_2^{\\top}]', right: `= ${matrixLatex(f.moments.sigma12, v)}` },
        { left: '(\\lambda, \\alpha, \\tau)', right: `= (${[f.weightDecay, f.predictorRate, f.emaRate].map((p) => factoredLatex(p, v)).join(', ')})` },
      ],
    },
  ];
  const { proved, hypotheses } = ctx.check.validity;
  blocks.push(paragraph(...withMath(`Proved for every admissible value: ${proved.join('; ') || 'nothing'}.`)));
  if (hypotheses.length > 0) blocks.push(paragraph(...withMath(`Assumed, not proved (every verdict below holds under these): ${hypotheses.join('; ')}.`)));
  blocks.push(paragraph(text('Source: '), code(ctx.source), text('.')));
  return { id: 'family', title: 'The family', blocks };
}
