/**
 * The words for each derivation rule (src/matrix/steps.ts), with the identities they rest on as
 * inline math. The matrix layer records which rule a step used; this file says it to a reader.
 *
 * Example: `stepsBlock(field.steps, { mm, procedure: getProcedure('sg') })` is a `steps` block to print.
 */
import type { MatExpr } from '../matrix/expr.js';
import type { MatrixModel } from '../matrix/linear-model.js';
import type { Step } from '../matrix/steps.js';
import type { Procedure } from '../procedures/index.js';
import { matrixLatex } from '../notation/latex-matrix.js';
import { rationalLatex } from '../notation/latex-poly.js';
import { type Block, type DerivationStep, type Inline, math, ref, text } from './document.js';
import { READING } from './reading-ids.js';
import { expressionRows, stepRows } from './equations.js';
import { withMath } from './words.js';

export interface RuleContext {
  mm: MatrixModel;
  procedure?: Procedure;
  /** For curl steps: the field P⁻¹V rather than V. */
  rateAdjusted?: boolean;
  /** The report's record of explanations given (ReportContext.said) and the section being built. */
  said?: { first: Map<string, string>; here: string };
}

/**
 * The section that already explained `key`, or null after recording that this section does.
 * A rule's identities are printed the first time only; later steps cite that section.
 */
function explainedIn(ctx: RuleContext, key: string): string | null {
  if (!ctx.said) return null;
  const first = ctx.said.first.get(key);
  if (first !== undefined && first !== ctx.said.here) return first;
  ctx.said.first.set(key, ctx.said.here);
  return null;
}

function symbolsOf(step: Step): string[] {
  return (step.varying ?? []).map((s) => s.latex);
}

function momentsWords(mm: MatrixModel): Inline[] {
  const s1 = mm.sigma1.latex;
  const s2 = mm.sigma2.latex;
  const s12 = mm.sigma12.latex;
  const cross = mm.sigma12.symmetric ? s12 : `${s12}^{\\top}`;
  const out: Inline[] = [
    text('Take expectations with '),
    math(`\\mathbb{E}[x_i^{\\top} M x_j] = \\operatorname{tr}(M\\, \\mathbb{E}[x_j x_i^{\\top}])`),
    text(' and the moments '),
    math(`\\mathbb{E}[x_1 x_1^{\\top}] = ${s1}`),
    text(', '),
    math(`\\mathbb{E}[x_2 x_2^{\\top}] = ${s2}`),
    text(', '),
    math(`\\mathbb{E}[x_2 x_1^{\\top}] = ${cross}`),
  ];
  if (mm.sigma12.symmetric) out.push(text(" (this model's "), math(s12), text(' is symmetric)'));
  out.push(text(':'));
  return out;
}

function kindWords(step: Step): Inline[] {
  const out: Inline[] = [text("Express F in this model's free parameters: ")];
  (step.substitutions ?? []).forEach(([a, b], k) => {
    if (k > 0) out.push(text(', '));
    out.push(math(`${matrixLatex(a)} = ${matrixLatex(b)}`));
  });
  out.push(text('.'));
  return out;
}

function fieldWords(step: Step, ctx: RuleContext): Inline[] {
  const out: Inline[] = ctx.procedure ? withMath(ctx.procedure.words.field) : [text('The field')];
  out.push(text(', with weight decay '), math('\\lambda'));
  if (ctx.mm.predictor.state) out.push(text(' and predictor rate '), math('\\alpha'));
  if (targetIsState(ctx)) out.push(text(' and EMA rate '), math('\\tau'));
  out.push(text('.'));
  if (ctx.mm.encoder.kind === 'diagonal' || ctx.mm.predictor.kind === 'diagonal') {
    out.push(
      text(' A diagonal block moves only along its diagonal entries, so its field is the diagonal part '),
      math('\\operatorname{Diag}(\\cdot)'),
      text(' of the gradient.'),
    );
  }
  if (ctx.mm.encoder.kind === 'scalar') {
    out.push(text(' The scalar encoder moves along its one parameter, so its field is a partial derivative.'));
  }
  if (step.where && step.where.length > 0) out.push(text(' Written with the residual:'));
  return out;
}

/** Whether the target T is a state of its own (a moving average), with rate τ. */
const targetIsState = (ctx: RuleContext): boolean => ctx.procedure?.recipe === 'moving-average';

function specializeWords(step: Step): Inline[] {
  const v = step.values ?? {};
  const parts: string[] = [];
  if (v.lambda) parts.push(`\\lambda = ${rationalLatex(v.lambda)}`);
  if (v.alpha) parts.push(`\\alpha = ${rationalLatex(v.alpha)}`);
  if (v.tau) parts.push(`\\tau = ${rationalLatex(v.tau)}`);
  const out: Inline[] = [text("With this model's values ")];
  parts.forEach((s, k) => {
    if (k > 0) out.push(text(k === parts.length - 1 ? ' and ' : ', '));
    out.push(math(s));
  });
  out.push(text(':'));
  return out;
}

/** The justification of one step. */
export function because(step: Step, ctx: RuleContext): Inline[] {
  switch (step.rule) {
    case 'definition':
      return [
        text('The objective: the mean squared distance between the predicted code of view '),
        math('x_1'),
        text(' and the target code of view '),
        math('x_2'),
        text(':'),
      ];
    case 'expand-square':
      return [
        text('Expand the square, '),
        math('\\lVert v \\rVert^{2} = v^{\\top} v'),
        text('; the two cross terms are equal, since a number is its own transpose:'),
      ];
    case 'expectation':
      return momentsWords(ctx.mm);
    case 'trace-cyclic': {
      const out: Inline[] = [text('Rotate each trace, '), math('\\operatorname{tr}(XY) = \\operatorname{tr}(YX)'), text(' and '), math('\\operatorname{tr}(X^{\\top}) = \\operatorname{tr}(X)')];
      const sym = [ctx.mm.sigma1, ctx.mm.sigma2, ctx.mm.sigma12].filter((s, k, all) => s.symmetric && all.indexOf(s) === k);
      if (sym.length > 0) out.push(text(', using '), math(sym.map((s) => `${s.latex}^{\\top} = ${s.latex}`).join(',\\ ')));
      out.push(text(':'));
      return out;
    }
    case 'kind':
      return kindWords(step);
    case 'product-rule': {
      const out: Inline[] = [text('Differentiate in ')];
      symbolsOf(step).forEach((s, k, all) => {
        if (k > 0) out.push(text(k === all.length - 1 ? ' and ' : ', '));
        out.push(math(s));
      });
      if (ctx.procedure && ctx.procedure.recipe !== 'identify-then-differentiate') out.push(text(', holding the target '), math('T'), text(' fixed,'));
      const earlier = explainedIn(ctx, 'product-rule');
      if (earlier) return [...out, text(' by the product rule as in '), ref(earlier), text(':')];
      out.push(
        text(' by the product rule '),
        math('\\mathrm{d}(XY) = \\mathrm{d}X\\, Y + X\\, \\mathrm{d}Y'),
        text(' and '),
        math('\\mathrm{d}\\operatorname{tr}(X) = \\operatorname{tr}(\\mathrm{d}X)'),
        text('; each trace is rotated so that the differential comes last:'),
      );
      return out;
    }
    case 'inner-product': {
      const earlier = explainedIn(ctx, 'inner-product');
      if (earlier) return [text('Read each term as an inner product and collect the terms of each differential, as in '), ref(earlier), text(':')];
      return [
        text('Write each term as an inner product '),
        math('\\langle G, H \\rangle = \\operatorname{tr}(G^{\\top} H)'),
        text(', by '),
        math('\\operatorname{tr}(W\\, \\mathrm{d}X) = \\langle W^{\\top}, \\mathrm{d}X \\rangle'),
        text(' and '),
        math('\\operatorname{tr}(W\\, \\mathrm{d}X^{\\top}) = \\langle W, \\mathrm{d}X \\rangle'),
        text(', and collect the terms of each differential:'),
      ];
    }
    case 'read-gradient':
      return [
        text('The differential is '),
        math('\\langle G, \\mathrm{d}X \\rangle'),
        text(' for every '),
        math('\\mathrm{d}X'),
        text(', so the gradient is '),
        math(ctx.procedure?.recipe === 'identify-then-differentiate' ? '\\nabla_X E = G' : '\\nabla_X F = G'),
        text(':'),
      ];
    case 'original-objective':
      return [
        text('Gradient descent on the original objective sets the target to the encoder before differentiating, '),
        math('T := A'),
        text(':'),
      ];
    case 'field':
      return fieldWords(step, ctx);
    case 'stop-gradient':
      return [
        text('Stop gradient: substitute '),
        math('T := A'),
        text(' only after differentiating, so that no gradient flows through the target:'),
      ];
    case 'specialize':
      return specializeWords(step);
    case 'directional':
      return [
        text('The Jacobian as a linear operator: the directional derivative of the field along '),
        math(`\\delta = (${ctxDirections(ctx)})`),
        text(', by the product rule'),
        ...(step.where && step.where.length > 0 ? [text(', with the variation of the residual')] : []),
        text(':'),
      ];
    case 'vec':
      return vecWords(ctx);
    case 'curl-form':
      return [
        text('The curl form '),
        math('\\omega(\\delta, \\varepsilon) = \\langle \\varepsilon, C[\\delta] \\rangle'),
        ...(ctx.rateAdjusted ? [text(' of the rate-adjusted field '), math('P^{-1}V')] : []),
        text(' ('),
        ref(READING.curl),
        text(')'),
        ...(ctx.mm.encoder.kind === 'diagonal' || ctx.mm.predictor.kind === 'diagonal'
          ? [text(' (diagonal directions give '), math('\\langle \\varepsilon A, \\operatorname{Diag}(Y) \\rangle = \\langle \\varepsilon A, Y \\rangle'), text(')')]
          : []),
        text(':'),
      ];
    case 'curl-operator':
      return [text('Collecting the terms of '), math('\\omega'), text(' by the direction '), math('\\varepsilon'), text(':')];
    case 'radial-potential': {
      const earlier = explainedIn(ctx, 'radial-potential');
      if (earlier) return [text('The curl form vanishes identically; the potential follows by the radial integral, as in '), ref(earlier), text(':')];
      return [
        text('The curl form vanishes identically, so the field is '),
        math(ctx.rateAdjusted ? 'P^{-1}V = -\\nabla \\Phi' : 'V = -\\nabla \\Phi'),
        text(' with '),
        math('\\Phi(x) = -\\int_0^1 \\langle x, V(tx) \\rangle\\, \\mathrm{d}t'),
        text(': a term of degree '),
        math('k'),
        text(' of '),
        math('\\langle x, V(x) \\rangle'),
        text(' contributes '),
        math('-1/k'),
        text(' times itself:'),
      ];
    }
  }
}

function ctxDirections(ctx: RuleContext): string {
  const states = [ctx.mm.encoder, ctx.mm.predictor, ...(targetIsState(ctx) ? [ctx.mm.target] : [])]
    .filter((b) => b.state !== null)
    .map((b) => `\\delta ${b.state!.latex}`);
  return states.join(', ');
}

function vecWords(ctx: RuleContext): Inline[] {
  const earlier = explainedIn(ctx, 'vec');
  if (earlier) return [text('In Kronecker form, by the identities of '), ref(earlier), text(', the nonzero blocks are:')];
  const out: Inline[] = [
    text('In Kronecker form, by '),
    math('\\operatorname{vec}(XYZ) = (Z^{\\top} \\otimes X) \\operatorname{vec} Y'),
    text(' and '),
    math('\\operatorname{vec}(Y^{\\top}) = K \\operatorname{vec} Y'),
    text(' ('),
    math('K_{m,n}'),
    text(' the commutation matrix, '),
    math('\\operatorname{vec}'),
    text(' stacking columns)'),
  ];
  if (ctx.mm.encoder.kind === 'scalar') {
    out.push(text(', and '), math('\\operatorname{tr}(W\\, \\delta Y) = \\operatorname{vec}(W^{\\top})^{\\top} \\operatorname{vec} \\delta Y'), text(' for the scalar encoder'));
  }
  if (ctx.mm.encoder.kind === 'diagonal' || ctx.mm.predictor.kind === 'diagonal') {
    out.push(text('; a diagonal block keeps its diagonal entries through the 0/1 selection matrix '), math('S_X'), text(' with '), math('\\operatorname{vec} \\delta X = S_X\\, \\delta x'));
  }
  out.push(
    text('. The state lists the entries of a full block row by row, a permutation of the column-major order used here. The nonzero blocks are:'),
  );
  return out;
}

/** Does the expression mention the symbol `id`? */
function mentions(e: MatExpr, id: string): boolean {
  if (e.kind === 'symbol') return e.sym.id === id;
  return Object.values(e).some((v) =>
    Array.isArray(v)
      ? v.some((x) => (Array.isArray(x) ? x.some((y) => isExpr(y) && mentions(y, id)) : isExpr(x) && mentions(x, id)))
      : isExpr(v) && mentions(v, id),
  );
}

function isExpr(v: unknown): v is MatExpr {
  return typeof v === 'object' && v !== null && 'kind' in v && typeof (v as { kind: unknown }).kind === 'string';
}

/**
 * A `steps` block from derivation steps. A name (M, δM) is defined under the first step that
 * uses it, and not again. A run of steps that an earlier section printed word for word (SG and
 * EMA differentiate F with the target held fixed the same way) is printed once: here it becomes
 * one step citing that section and stating only its result, the last row of the run. The curl
 * form's split by blocks repeats its definition (Section READING.curl), so it is shown once.
 */
export function stepsBlock(steps: readonly Step[], ctx: RuleContext): Block {
  const defined = new Set<string>();
  const out: DerivationStep[] = [];
  let repeated: { from: string; step: Step } | null = null;
  const flush = () => {
    if (!repeated) return;
    const { from, step } = repeated;
    repeated = null;
    out.push(derivationStep(step, [text('As derived in '), ref(from), text(':')], defined));
  };
  for (const s of steps) {
    const earlier = explainedIn(ctx, `step:${stepKey(s, ctx)}`);
    if (earlier && (!repeated || repeated.from === earlier)) {
      repeated = { from: earlier, step: s };
      continue;
    }
    flush();
    if (earlier) {
      repeated = { from: earlier, step: s };
      continue;
    }
    if (s.rule === 'curl-form' && explainedIn(ctx, 'curl-form')) continue;
    out.push(derivationStep(s, because(s, ctx), defined));
  }
  flush();
  return { kind: 'steps', steps: out };
}

/**
 * What a step prints, as a key: the same rule and the same rows read the same — except the field
 * step, which opens with the procedure's own words and so is never "the same" as another's.
 */
function stepKey(s: Step, ctx: RuleContext): string {
  const words = s.rule === 'field' ? (ctx.procedure?.words.field ?? null) : null;
  return JSON.stringify([s.rule, stepRows(s.rows), (s.where ?? []).map((w) => expressionRows(w.symbol.latex, w.definition)), words]);
}

function derivationStep(s: Step, words: Inline[], defined: Set<string>): DerivationStep {
  const where = (s.where ?? []).filter((w) => !defined.has(w.symbol.id) && s.rows.some((r) => mentions(r.rhs, w.symbol.id)));
  where.forEach((w) => defined.add(w.symbol.id));
  return {
    because: words,
    rows: stepRows(s.rows),
    ...(where.length > 0 ? { where: where.flatMap((w) => expressionRows(w.symbol.latex, w.definition)) } : {}),
  };
}
