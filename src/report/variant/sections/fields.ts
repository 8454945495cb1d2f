/**
 * "The fields": each procedure's vector field V in closed form, how it is made from F (the
 * procedure's recipe), its common subexpressions named per procedure (or its size when too large).
 */
import type { BuiltSection } from '../../context.js';
import { type Block, math, paragraph, text } from '../../document.js';
import { fieldForms } from '../closed-forms.js';
import type { VariantReportContext } from '../context.js';
import { REPORT_RENDER_BUDGET, dotLatex, renderedRows, sizeInline } from '../notation.js';

/** How each recipe makes V from F, in LaTeX (θ encoder, ψ predictor, ξ target; λ weight decay, α predictor rate, τ EMA rate). */
const RECIPE_LATEX: Record<string, string> = {
  'identify-then-differentiate': '(\\dot\\theta, \\dot\\psi) = -\\big(\\nabla_\\theta E + \\lambda\\theta,\\ \\alpha(\\nabla_\\psi E + \\lambda\\psi)\\big),\\quad E(\\theta, \\psi) = F(\\theta, \\psi, \\theta)',
  'differentiate-then-identify': '(\\dot\\theta, \\dot\\psi) = -\\big(\\partial_\\theta F + \\lambda\\theta,\\ \\alpha(\\partial_\\psi F + \\lambda\\psi)\\big)\\ \\text{at}\\ \\xi = \\theta',
  'moving-average': '(\\dot\\theta, \\dot\\psi) = -\\big(\\partial_\\theta F + \\lambda\\theta,\\ \\alpha(\\partial_\\psi F + \\lambda\\psi)\\big),\\quad \\dot\\xi = \\tau(\\theta - \\xi)',
  'target-branch': '\\dot\\theta = -(\\partial_\\xi F + \\lambda\\theta)\\ \\text{at}\\ \\xi = \\theta,\\quad \\dot\\psi = -\\alpha\\lambda\\psi',
};

export function variantFieldsSection(ctx: VariantReportContext): BuiltSection {
  const d = ctx.check.derivation;
  const subsections = ctx.check.procedures.map((p): BuiltSection => {
    const f = p.field;
    const forms = fieldForms(d, f, { budget: REPORT_RENDER_BUDGET, jacobian: false });
    const r = forms.rendering;
    const blocks: Block[] = [
      paragraph(text('The rule: '), math(RECIPE_LATEX[f.procedure.recipe] ?? 'V'), text(d.layout.placeholders.length > 0 ? ', with the set predictor put in after differentiating. Entry by entry:' : '. Entry by entry:')),
      r.kind === 'rendered' ? { kind: 'equation', rows: renderedRows(r, f.stateNames.map(dotLatex)) } : paragraph(...sizeInline(r)),
    ];
    return {
      id: `field-${f.procedure.name}`,
      title: `The field of ${f.procedure.name}`,
      blocks,
      data: r.kind === 'rendered' ? { state: f.stateNames, subexpressions: r.named.map((u) => ({ name: u.name, expression: u.text })), field: r.roots.map((x) => x.text) } : { state: f.stateNames, size: { nodes: r.nodes, named: r.named, budget: r.budget } },
    };
  });
  return {
    id: 'fields',
    title: 'The fields',
    blocks: [paragraph(text('Each procedure differentiates '), math('F'), text(' its own way; the gradients are taken symbolically on the expression graph of '), math('F'), text('.'))],
    subsections,
  };
}
