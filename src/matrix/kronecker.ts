/**
 * Kronecker forms of a linear operator δ ↦ DV[δ] written as a normal form: each term
 * `W₁ δY W₂` becomes a block of ∂vec V / ∂vec Y through
 *
 *     vec(W₁ δY W₂)  = (W₂ᵀ ⊗ W₁) vec δY,        vec(W₁ δYᵀ W₂) = (W₂ᵀ ⊗ W₁) K vec δY,
 *     tr(W δY)       = vec(Wᵀ)ᵀ vec δY,          tr(W δYᵀ)      = vec(W)ᵀ vec δY,
 *
 * with K the commutation matrix (K vec X = vec Xᵀ) and vec stacking columns. A scalar direction δa
 * (scalar encoder) gives a column vec(W); a scalar field row gives a row.
 *
 * Example: the SG block ∂vec Ȧ / ∂vec A is `−Σ ⊗ BᵀB + Σ12 ⊗ Bᵀ` for Ȧ = −Bᵀ(BAΣ − AΣ12ᵀ).
 */
import { Rational } from '../exact/rational.js';
import { factorsOf, monomialOfVariable, multiplyMonomials, ONE_MONOMIAL } from '../poly/monomial.js';
import { Poly } from '../poly/poly.js';
import { occurrence } from './calculus.js';
import { type MatExpr, neg, product, sum, sym } from './expr.js';
import { display, type DisplayOptions, termExpr } from './factor.js';
import { MatrixForm, type ScalarFactor, type Term, type Word, transposeWord, wordKey } from './normal-form.js';
import { SCALAR_ONE, SCALAR_RING } from './scalars.js';
import { type Dim, type MatSymbol, SCALAR_SHAPE, type Shape } from './symbols.js';

export type KronTerm =
  /** coef · s · (left ⊗ right) [· K]: left = W₂ᵀ, right = W₁. */
  | { kind: 'kron'; coef: Poly; scalars: ScalarFactor[]; left: Word; leftShape: Shape; right: Word; rightShape: Shape; commute: boolean }
  /** coef · s · vec(word): a matrix field's response to a scalar direction. */
  | { kind: 'column'; coef: Poly; scalars: ScalarFactor[]; word: Word; dim: Dim }
  /** coef · s · vec(word)ᵀ: a scalar field's response to a matrix direction. */
  | { kind: 'row'; coef: Poly; scalars: ScalarFactor[]; word: Word; dim: Dim }
  /** coef · s · vec(column) vec(row)ᵀ. */
  | { kind: 'outer'; coef: Poly; scalars: ScalarFactor[]; column: Word; columnDim: Dim; row: Word; rowDim: Dim }
  /** coef · s: a scalar field's response to a scalar direction. */
  | { kind: 'scalar'; coef: Poly; scalars: ScalarFactor[] };

export interface KronBlock {
  /** The direction δY this block multiplies. */
  direction: MatSymbol;
  terms: KronTerm[];
}

/** One term of the operator as a Kronecker, column, row or outer-product term. */
function kronTerm(t: Term, field: Shape, directions: ReadonlySet<string>): { direction: MatSymbol; term: KronTerm } {
  const o = occurrence(t, (s) => directions.has(s.id));
  const fieldIsScalar = field.rows.name === '1' && field.cols.name === '1';
  const dir = o.variation;
  const base = { coef: t.coef, scalars: o.others };
  if (o.kind === 'word') {
    const dirShape = o.transposed ? { rows: dir.shape.cols, cols: dir.shape.rows } : dir.shape;
    return {
      direction: dir,
      term: {
        kind: 'kron',
        ...base,
        left: transposeWord(o.after),
        leftShape: { rows: field.cols, cols: dirShape.cols },
        right: o.before,
        rightShape: { rows: field.rows, cols: dirShape.rows },
        commute: o.transposed && !dir.symmetric,
      },
    };
  }
  if (o.kind === 'scalar') {
    return {
      direction: dir,
      term: fieldIsScalar ? { kind: 'scalar', ...base } : { kind: 'column', ...base, word: t.word, dim: field.rows },
    };
  }
  // Trace: tr(rest · δY) = vec(restᵀ)ᵀ vec δY; tr(rest · δYᵀ) = vec(rest)ᵀ vec δY.
  const row = o.transposed ? o.rest : transposeWord(o.rest);
  if (fieldIsScalar) return { direction: dir, term: { kind: 'row', ...base, word: row, dim: dir.shape.rows } };
  return {
    direction: dir,
    term: { kind: 'outer', ...base, column: t.word, columnDim: field.rows, row, rowDim: dir.shape.rows },
  };
}

/**
 * Splits an operator (a form linear in `directions`) into one Kronecker block per direction that
 * occurs, keyed by the direction's base id.
 */
export function kroneckerBlocks(operator: MatrixForm, directions: readonly MatSymbol[]): Map<string, KronBlock> {
  const ids = new Set(directions.map((d) => d.id));
  const out = new Map<string, KronBlock>();
  for (const t of operator.termList()) {
    const { direction, term } = kronTerm(t, operator.shape, ids);
    const key = direction.base!;
    if (!out.has(key)) out.set(key, { direction, terms: [] });
    out.get(key)!.terms.push(term);
  }
  return out;
}

interface KronGroup {
  left: MatrixForm;
  right: MatrixForm;
  commute: boolean;
}

/**
 * Groups Kronecker terms on a shared factor, by the right factors ((Σ Lᵢ) ⊗ R) or by the left
 * ones (L ⊗ (Σ Rᵢ)), whichever leaves fewer products.
 */
function groupKron(terms: ReadonlyArray<Extract<KronTerm, { kind: 'kron' }>>): KronGroup[] {
  const by = (side: 'left' | 'right'): KronGroup[] => {
    const groups = new Map<string, { shared: Word; sharedShape: Shape; summed: Term[]; summedShape: Shape; commute: boolean }>();
    for (const t of terms) {
      const shared = side === 'right' ? t.right : t.left;
      const key = `${wordKey(shared)}|${t.commute}`;
      if (!groups.has(key)) {
        groups.set(key, {
          shared,
          sharedShape: side === 'right' ? t.rightShape : t.leftShape,
          summed: [],
          summedShape: side === 'right' ? t.leftShape : t.rightShape,
          commute: t.commute,
        });
      }
      groups.get(key)!.summed.push({ coef: t.coef, scalars: t.scalars, word: side === 'right' ? t.left : t.right });
    }
    return [...groups.values()]
      .map((g) => {
        const summed = MatrixForm.fromTerms(g.summedShape, g.summed);
        const shared = MatrixForm.word(g.shared, g.sharedShape.rows);
        return side === 'right' ? { left: summed, right: shared, commute: g.commute } : { left: shared, right: summed, commute: g.commute };
      })
      .filter((g) => !g.left.isZero() && !g.right.isZero());
  };
  const byRight = by('right');
  const byLeft = by('left');
  return byLeft.length < byRight.length ? byLeft : byRight;
}

/** Splits a displayed factor into its scalar coefficient and the rest: −αX ↦ (−α, X). */
function splitCoefficient(e: MatExpr): [Poly, MatExpr] {
  if (e.kind === 'neg') {
    const [c, rest] = splitCoefficient(e.arg);
    return [c.neg(), rest];
  }
  if (e.kind === 'sum' && e.terms[0]!.kind === 'neg') {
    // −X − Y ↦ (−1, X + Y)
    return [SCALAR_ONE.neg(), sum(e.terms.map((t) => (t.kind === 'neg' ? t.arg : neg(t))))];
  }
  if (e.kind === 'coefficient' && e.value.size === 1) return [e.value, { kind: 'identity', dim: { name: '', size: 0 } }];
  if (e.kind === 'product' && e.factors[0]!.kind === 'coefficient' && e.factors[0]!.value.size === 1) {
    return [e.factors[0]!.value, product(e.factors.slice(1))];
  }
  return [SCALAR_ONE, e];
}

function isIdentity(e: MatExpr): boolean {
  return e.kind === 'identity';
}

/** c · body, with the sign in front: −α(X ⊗ Y). */
function scaled(c: Poly, body: MatExpr | null): MatExpr {
  return termWith(c, body);
}

function termWith(c: Poly, body: MatExpr | null): MatExpr {
  const shape = { rows: { name: '', size: 0 }, cols: { name: '', size: 0 } };
  const head = termExpr({ coef: c, scalars: [], word: [] }, shape);
  if (body === null) return head;
  const negative = head.kind === 'neg';
  const h = negative ? (head as { arg: MatExpr }).arg : head;
  const factors = h.kind === 'identity' ? [body] : h.kind === 'product' ? [...h.factors.filter((f) => f.kind !== 'identity'), body] : [h, body];
  const out = product(factors);
  return negative ? neg(out) : out;
}

/** The display of a block: Kronecker products grouped by a shared factor, vec rows and columns. */
export function kroneckerDisplay(block: KronBlock, options: DisplayOptions = {}): MatExpr {
  const items: Array<{ coef: Poly; body: MatExpr | null }> = [];
  const krons = block.terms.filter((t): t is Extract<KronTerm, { kind: 'kron' }> => t.kind === 'kron');
  for (const g of groupKron(krons)) {
    const [cl, L] = splitCoefficient(display(g.left, options));
    const [cr, R] = splitCoefficient(display(g.right, options));
    const whole = isIdentity(L) && isIdentity(R) && !g.commute;
    const kron: MatExpr = whole ? { kind: 'identity', dim: { name: '', size: 0 } } : { kind: 'kron', left: L, right: R };
    const body = g.commute ? product([kron, { kind: 'commutation', rows: block.direction.shape.rows, cols: block.direction.shape.cols }]) : kron;
    items.push({ coef: cl.mul(cr), body });
  }
  for (const t of block.terms) {
    if (t.kind === 'kron') continue;
    const head = termExpr({ coef: SCALAR_ONE, scalars: t.scalars, word: [] }, SCALAR_SHAPE);
    const scalarsPart = t.scalars.length > 0 ? [head] : [];
    const vecOf = (w: Word, dim: Dim, transposed: boolean): MatExpr => {
      const v: MatExpr = { kind: 'vec', arg: w.length === 0 ? { kind: 'identity', dim } : product(w.map((l) => (l.t ? { kind: 'transpose', arg: sym(l.sym) } : sym(l.sym)))) };
      return transposed ? { kind: 'transpose', arg: v } : v;
    };
    let body: MatExpr[];
    if (t.kind === 'scalar') body = [];
    else if (t.kind === 'column') body = [vecOf(t.word, t.dim, false)];
    else if (t.kind === 'row') body = [vecOf(t.word, t.dim, true)];
    else body = [vecOf(t.column, t.columnDim, false), vecOf(t.row, t.rowDim, true)];
    const factors = [...scalarsPart, ...body];
    items.push({ coef: t.coef, body: factors.length === 0 ? null : product(factors) });
  }
  // A scalar shared by every product (α in −α(X ⊗ Y + …)) goes in front.
  const common = sharedMonomial(items.map((i) => i.coef));
  if (common && items.length > 1) {
    const inner = sum(items.map((i) => scaled(divideBy(i.coef, common), i.body)));
    return termWith(common, inner);
  }
  return sum(items.map((i) => scaled(i.coef, i.body)));
}

/** The monomial (with the first one's sign) dividing every coefficient, if it is not ±1. */
function sharedMonomial(coefs: readonly Poly[]): Poly | null {
  if (coefs.length === 0 || coefs.some((c) => c.size !== 1)) return null;
  let exps: Map<number, number> | null = null;
  for (const c of coefs) {
    const [m] = [...c.terms.keys()];
    const e = new Map(factorsOf(m!));
    if (exps === null) exps = e;
    else for (const [v, k] of exps) exps.set(v, Math.min(k, e.get(v) ?? 0));
  }
  let monomial = ONE_MONOMIAL;
  for (const [v, k] of exps ?? []) if (k > 0) monomial = multiplyMonomials(monomial, monomialOfVariable(v, k));
  if (monomial === ONE_MONOMIAL) return null;
  const sign = [...coefs[0]!.terms.values()][0]!.sign() < 0 ? Rational.MINUS_ONE : Rational.ONE;
  return Poly.fromTerms(SCALAR_RING, [[monomial, sign]]);
}

function divideBy(c: Poly, by: Poly): Poly {
  const [[bm, br]] = [...by.terms];
  const [[m, r]] = [...c.terms];
  const e = new Map(factorsOf(m!));
  for (const [v, k] of factorsOf(bm!)) e.set(v, (e.get(v) ?? 0) - k);
  let rest = ONE_MONOMIAL;
  for (const [v, k] of e) if (k > 0) rest = multiplyMonomials(rest, monomialOfVariable(v, k));
  return Poly.fromTerms(SCALAR_RING, [[rest, r!.div(br!)]]);
}

/** c when the form is c·I (a single term without letters or scalar factors), else null. */
function identityCoefficient(f: MatrixForm): Poly | null {
  if (f.terms.size !== 1) return null;
  const [t] = [...f.terms.values()];
  return t!.word.length === 0 && t!.scalars.length === 0 ? t!.coef : null;
}

/** True when the block has no terms (the field does not depend on that state block). */
export function isEmptyBlock(block: KronBlock | undefined): boolean {
  return !block || block.terms.length === 0;
}
