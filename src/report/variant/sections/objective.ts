/** "The objective": F(θ, ψ, ξ) in closed form, its common subexpressions named (or its size when too large). */
import type { BuiltSection } from '../../context.js';
import { type Block, math, paragraph, ref, text } from '../../document.js';
import { objectiveForm } from '../closed-forms.js';
import type { VariantReportContext } from '../context.js';
import { REPORT_RENDER_BUDGET, renderedRows, sizeInline } from '../notation.js';
import { VARIANT_READING } from './reading.js';

export function variantObjectiveSection(ctx: VariantReportContext): BuiltSection {
  const d = ctx.check.derivation;
  const r = objectiveForm(d, REPORT_RENDER_BUDGET);
  const set = d.layout.placeholders.length > 0;
  const blocks: Block[] = [
    paragraph(
      text('The average loss over the view pairs, as a function of the encoder, predictor and target entries'),
      ...(set ? [text(', with the set predictor '), math('B'), text(' written out in the encoder entries')] : []),
      text(' (names '),
      math('u_k'),
      text(': '),
      ref(VARIANT_READING.levels),
      text('):'),
    ),
    r.kind === 'rendered' ? { kind: 'equation', rows: renderedRows(r, ['F']) } : paragraph(...sizeInline(r)),
  ];
  return {
    id: 'objective',
    title: 'The objective',
    blocks,
    data: r.kind === 'rendered' ? { subexpressions: r.named.map((u) => ({ name: u.name, expression: u.text })), objective: r.roots[0]!.text } : { size: { nodes: r.nodes, named: r.named, budget: r.budget } },
  };
}
