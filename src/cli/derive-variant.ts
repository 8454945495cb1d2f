/**
 * `ncssl derive` on a variant: the objective and each procedure's field as expressions with their
 * common subexpressions named (src/expr/render.ts), as text, or as JSON shaped like the linear
 * family's (`objective`, `procedures.<name>.state/field/jacobian`) with each block's named
 * subexpressions beside it. Blocks over the size budget print their size instead.
 *
 * Example: `variantDeriveText(deriveVariant(v))` starts with `v: variant — cosine loss, …`.
 */
import { DEFAULT_RENDER_BUDGET, type ExpressionRendering } from '../expr/render.js';
import { fieldForms, objectiveForm } from '../report/variant/closed-forms.js';
import type { VariantDerivation } from '../variants/fields.js';
import { RECIPE_WORDS, describeVariant } from '../variants/words.js';

const sizeLine = (r: Extract<ExpressionRendering, { kind: 'too-large' }>) =>
  `not printed: ${r.nodes} nodes with ${r.named} named subexpressions, more than ${r.budget} characters`;

function blockLines(r: ExpressionRendering, lefts: readonly string[], indent: string): string[] {
  if (r.kind === 'too-large') return [`${indent}${lefts.join(', ')}: ${sizeLine(r)}`];
  return [...r.named.map((u) => `${indent}${u.name} = ${u.text}`), ...lefts.map((left, k) => `${indent}${left} = ${r.roots[k]!.text}`)];
}

export function variantDeriveText(d: VariantDerivation, budget = DEFAULT_RENDER_BUDGET): string {
  const v = d.variant;
  const lines = [`${v.name}: variant — ${describeVariant(v)}`];
  lines.push('  u_k names a subexpression used more than once; each block (F, then each field) names its own, each before its use.');
  if (d.layout.placeholders.length > 0) lines.push('  The predictor is set from the codes: B(θ) is written out in F and in the fields.');
  lines.push('  F(θ, ψ, ξ), the loss averaged over the view pairs:', ...blockLines(objectiveForm(d, budget), ['F'], '    '));
  for (const f of d.fields) {
    lines.push(`  ${f.procedure.name}: ${RECIPE_WORDS[f.procedure.recipe]}; state ${f.stateNames.length}, rates ${f.rates.map(String).join(', ')}`);
    lines.push(...blockLines(fieldForms(d, f, { budget, jacobian: false }).rendering, f.stateNames.map((n) => `d${n}/dt`), '    '));
  }
  return lines.join('\n') + '\n';
}

const named = (r: ExpressionRendering) => (r.kind === 'rendered' ? r.named.map((u) => ({ name: u.name, expression: u.text })) : []);
const size = (r: ExpressionRendering) => (r.kind === 'too-large' ? { nodes: r.nodes, named: r.named, budget: r.budget } : null);

export function variantDeriveJson(d: VariantDerivation, budget = DEFAULT_RENDER_BUDGET): Record<string, unknown> {
  const F = objectiveForm(d, budget);
  const procedures: Record<string, unknown> = {};
  for (const f of d.fields) {
    const forms = fieldForms(d, f, { budget, jacobian: true });
    const r = forms.rendering;
    const n = f.stateNames.length;
    const texts = r.kind === 'rendered' ? r.roots.map((x) => x.text) : null;
    procedures[f.procedure.name] = {
      recipe: f.procedure.recipe,
      state: f.stateNames,
      rates: f.rates.map(String),
      subexpressions: named(r),
      field: texts ? texts.slice(0, n) : null,
      jacobian: texts && forms.jacobian === 'included' ? Array.from({ length: n }, (_, i) => texts.slice(n + i * n, n + (i + 1) * n)) : null,
      ...(r.kind === 'too-large' ? { size: size(r) } : {}),
      ...(forms.jacobian === 'included' || forms.jacobian === 'not asked' ? {} : { jacobianOmitted: typeof forms.jacobian === 'string' ? forms.jacobian : { reason: 'too large', ...size(forms.jacobian) } }),
    };
  }
  return {
    model: d.variant.name,
    kind: 'variant',
    description: describeVariant(d.variant),
    objectiveSubexpressions: named(F),
    objective: F.kind === 'rendered' ? F.roots[0]!.text : null,
    ...(F.kind === 'too-large' ? { objectiveSize: size(F) } : {}),
    procedures,
  };
}
