/** "The objective": F(A, B, T) and E(A, B) = F(A, B, A) in closed form, in the symbols. */
import { math, paragraph, text } from '../../document.js';
import type { BuiltSection } from '../../context.js';
import { targetToEncoder } from '../../../model/parameters.js';
import type { FamilyReportContext } from '../context.js';
import { factoredLatex } from '../notation.js';

export function familyObjectiveSection(ctx: FamilyReportContext): BuiltSection {
  const d = ctx.check.derivation;
  const E = d.objective.renameVariables(targetToEncoder(d.params));
  const scalar = ctx.check.family.encoder.in === 1 && ctx.check.family.encoder.out === 1;
  const [A, B, T] = scalar ? ['a', 'b', '\\xi'] : ['A', 'B', 'T'];
  return {
    id: 'objective',
    title: 'The objective',
    blocks: [
      paragraph(
        text('The loss '),
        math(`F(${A}, ${B}, ${T}) = \\tfrac{1}{2}\\,\\mathbb{E}\\,\\lVert ${B} ${A} x_1 - ${T} x_2 \\rVert^2`),
        text(' takes expectations of products of view entries, which are the moments above; the original objective puts the target equal to the encoder:'),
      ),
      {
        kind: 'equation',
        rows: [
          { left: `F(${A}, ${B}, ${T})`, right: `= ${factoredLatex(d.objective, ctx.variable)}` },
          { left: `E(${A}, ${B}) = F(${A}, ${B}, ${A})`, right: `= ${factoredLatex(E, ctx.variable)}` },
        ],
      },
    ],
    data: { objective: d.objective.toString(), E: E.toString() },
  };
}
