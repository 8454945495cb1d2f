/**
 * Per procedure: the curl as the antisymmetric part of the Jacobian operator, and the verdict on
 * integrability from `checkModel` (a potential or a curl certificate, both exact), for V and, when
 * a rate differs from 1, for P⁻¹V.
 */
import { integrability } from '../../analyses/index.js';
import type { SymmetryVerdict } from '../../analyses/integrability.js';
import { coreCurl } from '../../matrix/consistency.js';
import type { CurlDerivation } from '../../matrix/curl.js';
import { Rational } from '../../exact/rational.js';
import { rationalLatex, variableLatex } from '../../notation/latex-poly.js';
import type { BuiltSection, ProcedureContext } from '../context.js';
import { type Block, type Inline, code, emph, math, paragraph, ref, text } from '../document.js';
import { CLOSED_FORMS, READING } from '../reading-ids.js';
import { polyRows } from '../equations.js';
import { dotLatex, presentMatrix, presentRows } from '../instantiated.js';
import { stepsBlock } from '../rules.js';
import { stateLayout } from './layout.js';
import { registerProcedureSection } from './registry.js';

function exact(textValue: string): string {
  return rationalLatex(Rational.parse(textValue)!);
}

function verdictBlocks(ctx: ProcedureContext, v: SymmetryVerdict, field: string, cd: CurlDerivation, id: string): { body: Block[]; appendix: BuiltSection[] } {
  const body: Block[] = [];
  const appendix: BuiltSection[] = [];
  if (v.integrable) {
    // The closed-form section states Φ = E factored when the potential is the objective itself.
    const closedForm = ctx.report.said.has(CLOSED_FORMS) && cd.variant === 'euclidean' && ctx.report.model.weightDecay.isZero() && ctx.core.procedure.recipe === 'identify-then-differentiate';
    body.push(
      paragraph(
        emph(`Verdict (${v.level}):`),
        text(' '),
        math(field),
        text(' is a gradient field: '),
        math(`\\nabla \\Phi = -${field}`),
        text(' holds exactly, as polynomials, for'),
        ...(cd.potential ? [text(' the trace form above evaluated with this model\'s matrices (compared exactly)')] : []),
        ...(closedForm ? [text(cd.potential ? ', ' : ' '), math('\\Phi = E'), text(' of '), ref(CLOSED_FORMS), text('.')] : [text(cd.potential ? ',' : '')]),
      ),
    );
    const shown = closedForm ? { body: [], appendix: [] } : presentRows({
      rows: polyRows('\\Phi', v.potential!),
      terms: v.potential!.size,
      what: 'The potential',
      appendixId: `${id}-potential`,
      appendixTitle: `${ctx.label} potential of ${cd.variant === 'euclidean' ? 'V' : 'the rate-adjusted field'}`,
      limits: ctx.report.limits,
    });
    body.push(...shown.body);
    appendix.push(...shown.appendix);
  } else {
    // One paragraph: what a certificate is and how it was re-checked is said once (Section READING.curl).
    const c = v.certificate!;
    // One formula per coordinate, so a long point breaks across lines.
    const point: Inline[] = ctx.core.stateNames.flatMap((name, k) => [...(k > 0 ? [text(', ')] : []), math(`${variableLatex(name)} = ${exact(c.point[name]!)}`)]);
    body.push(
      paragraph(
        emph(`Verdict (${v.level}):`),
        text(' '),
        math(field),
        text(' is not the gradient of any twice-differentiable function. Certificate: at '),
        ...point,
        text(', '),
        math(`\\partial_{${variableLatex(c.j)}} ${dotLatex(c.i)} = ${exact(c.dVi_dxj)} \\neq ${exact(c.dVj_dxi)} = \\partial_{${variableLatex(c.i)}} ${dotLatex(c.j)}`),
        text(' ('),
        ref(READING.curl),
        text(').'),
      ),
    );
  }
  return { body, appendix };
}

/**
 * What the matrix derivation took from this model besides shapes and kinds: the symmetries of
 * the moments it used and the rates it substituted (λ = 0, α = 1, τ = 1 are substituted; other
 * values stay symbols). A vanishing curl holds for every model that shares them.
 */
function assumptions(ctx: ProcedureContext): Inline[] {
  const mm = ctx.report.matrix.model;
  const out: string[] = [];
  if (mm.exchangeable) out.push('\\Sigma_1 = \\Sigma_2');
  if (mm.crossSymmetric) out.push('\\Sigma_{12} = \\Sigma_{12}^{\\top}');
  if (mm.values.lambda.isZero()) out.push('\\lambda = 0');
  if (mm.values.alpha.isOne()) out.push('\\alpha = 1');
  if (mm.values.tau.isOne() && ctx.core.procedure.recipe === 'moving-average') out.push('\\tau = 1');
  if (out.length === 0) return [text(', whatever the moments and rates.')];
  return [text(' with '), ...out.flatMap((a, k) => [...(k === 0 ? [] : [text(k === out.length - 1 ? ' and ' : ', ')]), math(a)]), text(' as here (the derivation above used them), whatever the other values.')];
}

function matrixLevel(ctx: ProcedureContext, cd: CurlDerivation, integrable: boolean, field: string): Block | null {
  if (cd.vanishes) {
    return paragraph(
      text('The curl vanishes as a matrix identity: '),
      math(field),
      text(' is a gradient field for every model of this shape and kind'),
      ...assumptions(ctx),
    );
  }
  if (integrable) {
    return paragraph(
      text('The curl is not zero as a formula in matrices, yet it vanishes at this model\'s dimensions and kinds: the exact test in coordinates below decides.'),
    );
  }
  // Not zero: the matrix in coordinates and the certificate below show it; nothing to add.
  return null;
}

function variant(ctx: ProcedureContext, cd: CurlDerivation, v: SymmetryVerdict): { blocks: Block[]; appendix: BuiltSection[] } {
  const adjusted = cd.variant === 'rate-adjusted';
  const field = adjusted ? 'P^{-1}V' : 'V';
  const id = `${ctx.name}-${cd.variant}`;
  const names = ctx.core.stateNames;
  const level = matrixLevel(ctx, cd, v.integrable, field);
  // For P⁻¹V after V the operator differs only by the rates; with the curl factored in the
  // closed-form section, its derivation would repeat the one above.
  const brief = adjusted && !v.integrable && ctx.report.said.has(CLOSED_FORMS);
  const blocks: Block[] = brief ? [] : [stepsBlock(cd.steps, { mm: ctx.report.matrix.model, procedure: ctx.core.procedure, rateAdjusted: adjusted, said: { first: ctx.report.said, here: `${ctx.name}-curl` } }), ...(level ? [level] : [])];
  const curl = coreCurl(ctx.core, adjusted);
  const zero = curl.every((row) => row.every((p) => p.isZero()));
  const agreement = ctx.report.agreements.find((a) => a.subject === `${ctx.name} ${cd.variant} curl`);
  let appendix: BuiltSection[] = [];
  if (brief) {
    // Nothing in coordinates either: the certificate below decides.
  } else if (!zero && agreement && ctx.report.said.has(CLOSED_FORMS)) {
    // The closed-form section gives the curl factored; the entries are in the JSON report.
    blocks.push(paragraph(text(`In coordinates the operator above gives the same ${agreement.entries} entries exactly (one of them factored in `), ref(CLOSED_FORMS), text('; each in the JSON report).')));
  } else if (zero) {
    blocks.push(paragraph(text('In coordinates the curl matrix is identically zero'), ...(agreement ? [text(', as is the operator above (compared exactly).')] : [text('.')])));
  } else {
    const shown = presentMatrix({
      m: curl,
      layout: stateLayout(ctx),
      left: 'C',
      caption: [text('The curl matrix '), math(`C = ${adjusted ? 'P^{-1}\\mathrm{D}V - (P^{-1}\\mathrm{D}V)^{\\top}' : '\\mathrm{D}V - \\mathrm{D}V^{\\top}'}`), text(' in coordinates, by blocks:')],
      entryLeft: (i, j) => `C_{${variableLatex(names[i]!)},\\, ${variableLatex(names[j]!)}}`,
      upperOnly: true,
      appendixId: null,
      elsewhere: [
        text('Its entries are those of '),
        math(adjusted ? 'P^{-1}\\mathrm{D}V - (P^{-1}\\mathrm{D}V)^{\\top}' : '\\mathrm{D}V - \\mathrm{D}V^{\\top}'),
        text(' from the Jacobian in coordinates; '),
        code('ncssl derive --json'),
        text(' lists the Jacobian entry by entry.'),
      ],
      appendixTitle: `${ctx.label} curl${adjusted ? ' of the rate-adjusted field' : ''} in coordinates`,
      limits: ctx.report.limits,
    });
    blocks.push(
      paragraph(
        text('In coordinates'),
        ...(agreement ? [text(` (the operator above gives the same ${agreement.entries} entries exactly)`)] : []),
        text(':'),
      ),
      ...shown.body,
    );
    appendix = shown.appendix;
  }
  const verdict = verdictBlocks(ctx, v, field, cd, id);
  blocks.push(...verdict.body);
  return { blocks, appendix: [...appendix, ...verdict.appendix] };
}

function build(ctx: ProcedureContext): BuiltSection {
  const finding = ctx.check.results.require(integrability);
  const euclidean = variant(ctx, ctx.matrix.curl, finding.euclidean);
  const blocks = [...euclidean.blocks];
  const appendix = [...euclidean.appendix];
  if (ctx.matrix.rateAdjustedCurl && finding.rateAdjusted) {
    const adjusted = variant(ctx, ctx.matrix.rateAdjustedCurl, finding.rateAdjusted);
    blocks.push(
      paragraph(emph('The rate-adjusted field'), text(': the same for '), math('P^{-1}V'), text(', each block divided by its rate ('), ref(READING.curl), text(').')),
      ...adjusted.blocks,
    );
    appendix.push(...adjusted.appendix);
  }
  return {
    id: `${ctx.name}-curl`,
    title: 'Curl and integrability',
    blocks,
    appendix,
    data: {
      integrable: finding.euclidean.integrable,
      level: finding.euclidean.level,
      ...(finding.euclidean.potential ? { potential: finding.euclidean.potential.toString() } : {}),
      ...(finding.euclidean.certificate ? { certificate: finding.euclidean.certificate } : {}),
      rateAdjusted: finding.rateAdjusted
        ? {
            integrable: finding.rateAdjusted.integrable,
            level: finding.rateAdjusted.level,
            ...(finding.rateAdjusted.potential ? { potential: finding.rateAdjusted.potential.toString() } : {}),
            ...(finding.rateAdjusted.certificate ? { certificate: finding.rateAdjusted.certificate } : {}),
          }
        : null,
      matrixCurlVanishes: ctx.matrix.curl.vanishes,
    },
  };
}

registerProcedureSection({ id: 'curl', order: 30, build });
