/**
 * Pieces shared by the matrix-level field derivations (one file per recipe of
 * src/procedures/procedure.ts): differentiating the objective by differentials, reading gradients off, the
 * decayed and rate-scaled online field `Ẋ = −r(∇_X + λX)`, and how each block is displayed.
 */
import { Rational } from '../../exact/rational.js';
import type { Poly } from '../../poly/poly.js';
import { differentialDisplay, gradients, innerProductsDisplay, vary } from '../calculus.js';
import { type MatExpr, type NamedQuantity, call, coefficient, neg, product, sum, sym } from '../expr.js';
import { type Abbreviation, display } from '../factor.js';
import { type MatrixBlock, type MatrixModel, kindSubstitutions, targetToEncoder } from '../linear-model.js';
import { MatrixForm } from '../normal-form.js';
import type { ObjectiveDerivation } from '../objective.js';
import { SCALAR_ONE, SCALAR_RING, type ScalarValues, scalarSymbol, substituteScalars } from '../scalars.js';
import type { Step, StepRow } from '../steps.js';
import { type MatSymbol, matrixSymbol, variationOf } from '../symbols.js';

export interface FieldBlock {
  block: MatrixBlock;
  /** The state symbol (A, B, T, or a, t for a scalar encoder). */
  state: MatSymbol;
  /** 1 for the encoder, α for the predictor, τ for the target. */
  rate: Poly;
  /** The loss gradient at this block, in the state symbols (online blocks only). */
  gradient: MatrixForm | null;
  /** The field in matrix form, before restricting to the block's kind: −r(G + λX), or τ(A − T). */
  field: MatrixForm;
  /** The rate-adjusted field P⁻¹V: −(G + λX), or A − T. */
  adjusted: MatrixForm;
}

export interface FieldDerivation {
  blocks: FieldBlock[];
  steps: Step[];
  /** The residual named in the displays (M at T = A, or R), and its definition. */
  residual: Abbreviation;
}

export const RATE = { encoder: SCALAR_ONE, predictor: scalarSymbol('alpha'), target: scalarSymbol('tau') };
export const LAMBDA = scalarSymbol('lambda');

/** The online blocks that carry state: the encoder, and the predictor unless it is fixed. */
export function onlineBlocks(mm: MatrixModel): MatrixBlock[] {
  return [mm.encoder, mm.predictor].filter((b) => b.state !== null);
}

/**
 * The residual `BAΣ1 − TΣ12ᵀ` in the state symbols, named R; with T := A it is named M
 * (docs/math.md §4).
 */
export function residual(mm: MatrixModel, atEncoder: boolean): Abbreviation {
  const { encoder: A, predictor: B, target: T } = mm;
  const general = MatrixForm.symbol(B.matrix)
    .mul(MatrixForm.symbol(A.matrix))
    .mul(MatrixForm.symbol(mm.sigma1))
    .sub(MatrixForm.symbol(T.matrix).mul(MatrixForm.symbol(mm.sigma12, true)));
  let form = general.substitute(kindSubstitutions(mm));
  if (atEncoder) form = form.substitute(targetToEncoder(mm));
  const name = atEncoder ? 'M' : 'R';
  const symbol = matrixSymbol({ id: name, latex: name, shape: A.matrix.shape, symmetric: false, role: 'abbreviation', rank: 3 });
  return { symbol, form };
}

/** The variation of an abbreviation along δ: δM = DM[δ], itself a named abbreviation. */
export function variedAbbreviation(a: Abbreviation, kind: 'delta' | 'eps', states: readonly MatSymbol[]): Abbreviation {
  const v = variationOf(a.symbol, kind);
  const symbol = matrixSymbol({ ...v, role: 'abbreviation' });
  const form = vary(a.form, new Map(states.map((s) => [s.id, variationOf(s, kind)])));
  return { symbol, form };
}

export interface Differentiated {
  dF: MatrixForm;
  variations: MatSymbol[];
  gradients: Map<string, MatrixForm>;
}

/** dF along the given state symbols (the others held fixed), and the gradients read off it. */
export function differentiate(F: MatrixForm, states: readonly MatSymbol[]): Differentiated {
  const variations = states.map((s) => variationOf(s, 'd'));
  const dF = vary(F, new Map(states.map((s, k) => [s.id, variations[k]!])));
  return { dF, variations, gradients: gradients(dF, variations) };
}

/** The three steps from F to its gradients: product rule, inner products, ∇ read off. */
export function gradientSteps(name: 'F' | 'E', d: Differentiated, states: readonly MatSymbol[], abbreviations: Abbreviation[]): Step[] {
  const dName: NamedQuantity = name === 'F' ? 'dF' : 'dE';
  const shown = states.map((s) => ({ gradient: display(d.gradients.get(s.id)!, { abbreviations }), variation: variationOf(s, 'd') }));
  const residualDefs = abbreviations.map((a) => ({ symbol: a.symbol, definition: display(a.form) }));
  return [
    { rule: 'product-rule', rows: [{ lhs: call(dName), rhs: differentialDisplay(d.dF, d.variations) }], varying: [...states] },
    { rule: 'inner-product', rows: [{ lhs: null, rhs: innerProductsDisplay(shown) }], where: residualDefs },
    {
      rule: 'read-gradient',
      rows: states.map((s, k): StepRow => ({ lhs: { kind: 'gradient', of: name, wrt: sym(s) }, rhs: shown[k]!.gradient })),
    },
  ];
}

/** The online field −r(G + λX) and its rate-adjusted form −(G + λX). */
export function onlineFieldBlock(block: MatrixBlock, rate: Poly, gradient: MatrixForm): FieldBlock {
  const state = block.state!;
  const adjusted = gradient.add(MatrixForm.symbol(state).scale(LAMBDA)).neg();
  return { block, state, rate, gradient, field: adjusted.scale(rate), adjusted };
}

/** The EMA target block Ṫ = τ(A − T) (t and a for a scalar encoder). */
export function targetFieldBlock(mm: MatrixModel): FieldBlock {
  const adjusted = MatrixForm.symbol(mm.encoder.state!).sub(MatrixForm.symbol(mm.target.state!));
  return { block: mm.target, state: mm.target.state!, rate: RATE.target, gradient: null, field: adjusted.scale(RATE.target), adjusted };
}

/** −e, distributing over a sum so that it reads −X − λA rather than −(X + λA). */
export function negate(e: MatExpr): MatExpr {
  if (e.kind === 'sum') return sum(e.terms.map(negate));
  if (e.kind === 'neg') return e.arg;
  return neg(e);
}

function isOne(c: Poly): boolean {
  return c.isConstant() && c.constantTerm().isOne();
}

/** X ↦ λX as displayed (nothing when λ = 0). */
function decayExpr(lambda: Poly, x: MatSymbol): MatExpr | null {
  if (lambda.isZero()) return null;
  return isOne(lambda) ? sym(x) : product([coefficient(lambda), sym(x)]);
}

/** Diag(X), keeping a leading sign outside. */
function diagOf(e: MatExpr): MatExpr {
  return e.kind === 'neg' ? neg({ kind: 'diag', arg: e.arg }) : { kind: 'diag', arg: e };
}

/** `−r(P(G) + λX)` from displayed parts, P the restriction to the block's kind. */
function shapeOnline(block: MatrixBlock, g: MatExpr, rate: Poly, lambda: Poly, x: MatSymbol): MatExpr {
  const restricted = block.kind === 'diagonal' ? diagOf(g) : g;
  const decay = decayExpr(lambda, x);
  const inner = decay ? sum([restricted, decay]) : restricted;
  if (isOne(rate)) return negate(inner);
  return neg(product([coefficient(rate), inner]));
}

/**
 * How a field block is displayed with the given scalar values substituted (none, or the
 * trivial ones): the full-matrix form factored, or `−r(Diag(G) + λA)` for a diagonal block.
 */
export function fieldBlockDisplay(fb: FieldBlock, abbreviations: readonly Abbreviation[], values: ScalarValues): MatExpr {
  const specialize = (f: MatrixForm) => f.mapCoefficients((c) => substituteScalars(c, values));
  if (fb.gradient === null || fb.block.kind !== 'diagonal') return display(specialize(fb.field), { abbreviations });
  const g = display(specialize(fb.gradient), { abbreviations });
  return shapeOnline(fb.block, g, substituteScalars(fb.rate, values), substituteScalars(LAMBDA, values), fb.state);
}

/** The field's definition in terms of gradients, e.g. Ȧ = −∇_A F|_{T=A} − λA. */
export function fieldDefinition(fb: FieldBlock, name: 'F' | 'E', at: Array<[MatExpr, MatExpr]>): MatExpr {
  const grad: MatExpr = { kind: 'gradient', of: name, wrt: sym(fb.state) };
  const g = at.length > 0 ? ({ kind: 'at', arg: grad, substitutions: at } as MatExpr) : grad;
  return shapeOnline(fb.block, g, fb.rate, LAMBDA, fb.state);
}

/** Values of λ, α, τ that simplify the formulas (λ = 0, α = 1, τ = 1); the others stay symbols. */
export function trivialValues(mm: MatrixModel): ScalarValues {
  const out: ScalarValues = {};
  if (mm.values.lambda.isZero()) out.lambda = Rational.ZERO;
  if (mm.values.alpha.isOne()) out.alpha = Rational.ONE;
  if (mm.values.tau.isOne()) out.tau = Rational.ONE;
  return out;
}

/** The rows `Ẋ = …` of every block, displayed with `values` substituted. */
export function fieldRows(blocks: readonly FieldBlock[], abbreviations: readonly Abbreviation[], values: ScalarValues): StepRow[] {
  return blocks.map((fb) => ({ lhs: { kind: 'rate', sym: fb.state }, rhs: fieldBlockDisplay(fb, abbreviations, values) }));
}

/** A `specialize` step when the model's λ, α, τ simplify something that was displayed. */
export function specializeStep(mm: MatrixModel, blocks: readonly FieldBlock[], abbreviations: readonly Abbreviation[]): Step | null {
  // Only the constants that occur in these fields (SG has no τ).
  const used = new Set(blocks.flatMap((fb) => fb.field.termList().flatMap((t) => t.coef.variables().map((v) => SCALAR_RING.names[v]!))));
  const values = Object.fromEntries(Object.entries(trivialValues(mm)).filter(([name]) => used.has(name))) as ScalarValues;
  const changes = blocks.some((fb) => !fb.field.mapCoefficients((c) => substituteScalars(c, values)).equals(fb.field));
  if (!changes) return null;
  return { rule: 'specialize', rows: fieldRows(blocks, abbreviations, values), values };
}

/** `M = BAΣ1 − AΣ12ᵀ` as a `where` entry of a step. */
export function definitionOf(a: Abbreviation): { symbol: MatSymbol; definition: MatExpr } {
  return { symbol: a.symbol, definition: display(a.form) };
}

/** The substitution T := A (t := a) as displayed. */
export function targetIsEncoder(mm: MatrixModel): Array<[MatExpr, MatExpr]> {
  return [[sym(mm.target.state!), sym(mm.encoder.state!)]];
}

/** The rows `Ẋ = definition` of the `field` step. */
export function definitionRows(blocks: readonly FieldBlock[], name: 'F' | 'E', at: Array<[MatExpr, MatExpr]>): StepRow[] {
  return blocks.map((fb) => ({ lhs: { kind: 'rate', sym: fb.state }, rhs: fieldDefinition(fb, name, at) }));
}

/** Definition rows interleaved with their results: Ẋ = −∇F − λX, then = −BᵀR − λX under it. */
export function definitionThenResult(definitions: readonly StepRow[], results: readonly StepRow[]): StepRow[] {
  return definitions.flatMap((d, k) => (k < results.length ? [d, { lhs: null, rhs: results[k]!.rhs }] : [d]));
}
