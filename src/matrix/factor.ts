/**
 * From a normal form to the display a reader expects: like terms collected (the normal form did
 * that), a common scalar pulled out (`−α(MAᵀ + λB)`), a common left or right factor pulled out
 * (`BᵀBAΣ − BᵀAΣ12 → Bᵀ(BAΣ − AΣ12)`), and named sub-expressions recognised (`→ BᵀM`).
 *
 * Example: `display(form, { abbreviations: [{ symbol: M, form: residual }] })`.
 *
 * Factoring is greedy: at each level the letter that starts (or ends) the most terms is pulled
 * out, if it is shared by at least two. The result always equals the input (tests re-expand it).
 */
import { Rational } from '../exact/rational.js';
import { factorsOf, monomialOfVariable, multiplyMonomials, type Monomial, ONE_MONOMIAL } from '../poly/monomial.js';
import { Poly } from '../poly/poly.js';
import { type MatExpr, coefficient, neg, product, sum, sym, trace, transpose } from './expr.js';
import { type Letter, MatrixForm, type ScalarFactor, type Term, compareScalars, letterKey } from './normal-form.js';
import { SCALAR_RING } from './scalars.js';
import type { MatSymbol, Shape } from './symbols.js';

export interface Abbreviation {
  symbol: MatSymbol;
  form: MatrixForm;
}

export interface DisplayOptions {
  abbreviations?: readonly Abbreviation[];
}

/** The display tree of a form. */
export function display(form: MatrixForm, options: DisplayOptions = {}): MatExpr {
  const abbreviations = options.abbreviations ?? [];
  const named = abbreviations.length > 0 ? useAbbreviations(form, abbreviations) : form;
  return build(named.termList(), named.shape, abbreviations);
}

/** Is `inner` a sub-multiset of `outer`? Returns the rest of `outer`, or null. */
function scalarsWithout(outer: readonly ScalarFactor[], inner: readonly ScalarFactor[]): ScalarFactor[] | null {
  const pool = [...outer];
  for (const s of inner) {
    const k = pool.findIndex((u) => compareScalars(u, s) === 0);
    if (k < 0) return null;
    pool.splice(k, 1);
  }
  return pool;
}

function wordsEqual(a: readonly Letter[], b: readonly Letter[]): boolean {
  return a.length === b.length && a.every((l, k) => letterKey(l) === letterKey(b[k]!));
}

/**
 * Rewrites `form` so that every occurrence of `c · s · L · (definition) · R` becomes the single
 * term `c · s · L · N · R` with N the abbreviation's symbol (or Nᵀ for the transposed definition),
 * greedily, the pattern covering the most terms first. The result is a form over the
 * abbreviation letters, equal to `form` once they are expanded.
 */
function useAbbreviations(form: MatrixForm, abbreviations: readonly Abbreviation[]): MatrixForm {
  let current = form;
  for (let guard = 0; guard < 64; guard++) {
    const terms = current.termList();
    let applied = false;
    for (const a of abbreviations) {
      for (const transposed of [false, true]) {
        const pattern = (transposed ? a.form.transpose() : a.form).termList();
        if (pattern.length < 2 || pattern.some((p) => !p.coef.isConstant())) continue;
        const anchor = pattern[0]!;
        for (const t of terms) {
          for (let k = 0; k + anchor.word.length <= t.word.length; k++) {
            if (!wordsEqual(t.word.slice(k, k + anchor.word.length), anchor.word)) continue;
            const others = scalarsWithout(t.scalars, anchor.scalars);
            if (!others) continue;
            const left = t.word.slice(0, k);
            const right = t.word.slice(k + anchor.word.length);
            const c = t.coef.scale(anchor.coef.constantTerm().inv());
            const wanted = pattern.map((p): Term => ({
              coef: c.mul(p.coef),
              scalars: [...others, ...p.scalars],
              word: [...left, ...p.word, ...right],
            }));
            const wantedForm = MatrixForm.fromTerms(current.shape, wanted);
            const covered = [...wantedForm.terms].every(([key, w]) => current.terms.get(key)?.coef.equals(w.coef));
            if (!covered || wantedForm.terms.size !== pattern.length) continue;
            const replacement: Term = { coef: c, scalars: others, word: [...left, { sym: a.symbol, t: transposed }, ...right] };
            current = MatrixForm.fromTerms(current.shape, [
              ...[...current.terms].filter(([key]) => !wantedForm.terms.has(key)).map(([, u]) => u),
              replacement,
            ]);
            applied = true;
            break;
          }
          if (applied) break;
        }
        if (applied) break;
      }
      if (applied) break;
    }
    if (!applied) return current;
  }
  return current;
}

export function letterExpr(l: Letter): MatExpr {
  return l.t ? transpose(sym(l.sym)) : sym(l.sym);
}

function scalarExpr(s: ScalarFactor): MatExpr {
  return s.kind === 'symbol' ? sym(s.sym) : trace(product(s.word.map(letterExpr)));
}

/** Scalar factors with repeats as powers: a, a, tr(X) ↦ a², tr(X). */
export function scalarFactorsExpr(scalars: readonly ScalarFactor[]): MatExpr[] {
  const out: MatExpr[] = [];
  let k = 0;
  while (k < scalars.length) {
    let n = 1;
    while (k + n < scalars.length && compareScalars(scalars[k]!, scalars[k + n]!) === 0) n++;
    const e = scalarExpr(scalars[k]!);
    out.push(n === 1 ? e : { kind: 'power', base: e, exponent: n });
    k += n;
  }
  return out;
}

/** A single-term coefficient as (rational, monomial in λ, α, τ); null for a sum such as 1 − α. */
function monomialCoefficient(c: Poly): [Rational, Monomial] | null {
  if (c.size !== 1) return null;
  const [[m, r]] = [...c.terms];
  return [r!, m!];
}

/** One term as a tree: sign, coefficient, scalar factors, letters. */
export function termExpr(t: Term, shape: Shape): MatExpr {
  const factors: MatExpr[] = [];
  let negative = false;
  const mono = monomialCoefficient(t.coef);
  if (mono) {
    negative = mono[0].sign() < 0;
    const magnitude = Poly.fromTerms(SCALAR_RING, [[mono[1], mono[0].abs()]]);
    if (!magnitude.equals(Poly.constant(SCALAR_RING, Rational.ONE))) factors.push(coefficient(magnitude));
  } else {
    // A sum such as 1 − α: print −(α − 1) rather than (−α + 1).
    const leading = t.coef.sortedTerms()[0]![1];
    negative = leading.sign() < 0;
    factors.push(coefficient(negative ? t.coef.neg() : t.coef));
  }
  factors.push(...scalarFactorsExpr(t.scalars), ...t.word.map(letterExpr));
  if (factors.length === 0) {
    factors.push(
      shape.rows.name === '1' && shape.cols.name === '1'
        ? coefficient(Poly.constant(SCALAR_RING, Rational.ONE))
        : { kind: 'identity', dim: shape.rows },
    );
  } else if (t.scalars.length + t.word.length === 0 && !(shape.rows.name === '1' && shape.cols.name === '1')) {
    factors.push({ kind: 'identity', dim: shape.rows });
  }
  const body = product(factors);
  return negative ? neg(body) : body;
}

function leadingNegative(terms: readonly Term[]): boolean {
  const mono = monomialCoefficient(terms[0]!.coef);
  return mono !== null && mono[0].sign() < 0;
}

function negateTerms(terms: readonly Term[]): Term[] {
  return terms.map((t) => ({ ...t, coef: t.coef.neg() }));
}

/** The scalar factors (and variable monomial) shared by every term, with the leading sign. */
function commonScalar(terms: readonly Term[]): { coef: Poly; scalars: ScalarFactor[] } | null {
  const monos = terms.map((t) => monomialCoefficient(t.coef));
  let common: Map<number, number> | null = null;
  if (monos.every((m) => m !== null)) {
    for (const m of monos) {
      const exps = new Map(factorsOf(m![1]));
      if (common === null) common = exps;
      else for (const [v, e] of common) common.set(v, Math.min(e, exps.get(v) ?? 0));
    }
  }
  let monomial: Monomial = ONE_MONOMIAL;
  for (const [v, e] of common ?? []) if (e > 0) monomial = multiplyMonomials(monomial, monomialOfVariable(v, e));
  // Scalar factors present in every term (as a multiset).
  let shared = [...terms[0]!.scalars];
  for (const t of terms.slice(1)) {
    const pool = [...t.scalars];
    shared = shared.filter((s) => {
      const k = pool.findIndex((u) => compareScalars(u, s) === 0);
      if (k < 0) return false;
      pool.splice(k, 1);
      return true;
    });
  }
  if (monomial === ONE_MONOMIAL && shared.length === 0) return null;
  const sign = leadingNegative(terms) ? Rational.MINUS_ONE : Rational.ONE;
  return { coef: Poly.fromTerms(SCALAR_RING, [[monomial, sign]]), scalars: shared };
}

function divideMonomial(c: Poly, by: Poly): Poly {
  const [[bm, br]] = [...by.terms];
  const out: Array<[Monomial, Rational]> = [];
  for (const [m, r] of c.terms) {
    const exps = new Map(factorsOf(m));
    for (const [v, e] of factorsOf(bm!)) exps.set(v, (exps.get(v) ?? 0) - e);
    let rest: Monomial = ONE_MONOMIAL;
    for (const [v, e] of exps) if (e > 0) rest = multiplyMonomials(rest, monomialOfVariable(v, e));
    out.push([rest, r.div(br!)]);
  }
  return Poly.fromTerms(SCALAR_RING, out);
}

function removeScalars(t: Term, scalars: readonly ScalarFactor[]): ScalarFactor[] {
  const pool = [...t.scalars];
  for (const s of scalars) pool.splice(pool.findIndex((u) => compareScalars(u, s) === 0), 1);
  return pool;
}

/** `L · inner`, moving a leading coefficient or sign of `inner` in front: −α·L(…). */
function multiplyOut(l: MatExpr, inner: MatExpr, side: 'left' | 'right'): MatExpr {
  if (inner.kind === 'neg') return neg(multiplyOut(l, inner.arg, side));
  if (inner.kind === 'product' && inner.factors[0]!.kind === 'coefficient' && side === 'left') {
    return product([inner.factors[0]!, l, product(inner.factors.slice(1))]);
  }
  return side === 'left' ? product([l, inner]) : product([inner, l]);
}

function matchAbbreviation(terms: readonly Term[], shape: Shape, abbreviations: readonly Abbreviation[]): MatExpr | null {
  if (terms.length < 2 || abbreviations.length === 0) return null;
  const form = MatrixForm.fromTerms(shape, terms);
  for (const a of abbreviations) {
    if (form.equals(a.form)) return sym(a.symbol);
    if (form.equals(a.form.neg())) return neg(sym(a.symbol));
  }
  return null;
}

function build(terms: readonly Term[], shape: Shape, abbreviations: readonly Abbreviation[]): MatExpr {
  if (terms.length === 0) return { kind: 'zero' };
  if (terms.length === 1) return termExpr(terms[0]!, shape);
  const named = matchAbbreviation(terms, shape, abbreviations);
  if (named) return named;

  const common = commonScalar(terms);
  if (common) {
    const rest = terms.map((t) => ({
      coef: divideMonomial(t.coef, common.coef),
      scalars: removeScalars(t, common.scalars),
      word: t.word,
    }));
    const inner = build(MatrixForm.fromTerms(shape, rest).termList(), shape, abbreviations);
    const outer = termExpr({ coef: common.coef, scalars: common.scalars, word: [] }, { rows: { name: '1', size: 1 }, cols: { name: '1', size: 1 } });
    return outer.kind === 'neg' ? neg(product([outer.arg, inner])) : product([outer, inner]);
  }

  const best = bestFactor(terms);
  if (best === null) return sum(terms.map((t) => termExpr(t, shape)));
  const { side, letter } = best;
  const key = letterKey(letter);
  const inGroup = (t: Term) =>
    t.word.length > 0 && letterKey(side === 'left' ? t.word[0]! : t.word[t.word.length - 1]!) === key;
  const group = terms.filter(inGroup);
  const rest = terms.filter((t) => !inGroup(t));
  const letterShape = letter.t ? { rows: letter.sym.shape.cols, cols: letter.sym.shape.rows } : letter.sym.shape;
  const innerShape: Shape = side === 'left' ? { rows: letterShape.cols, cols: shape.cols } : { rows: shape.rows, cols: letterShape.rows };
  let inner: Term[] = group.map((t) => ({ ...t, word: side === 'left' ? t.word.slice(1) : t.word.slice(0, -1) }));
  const negative = leadingNegative(MatrixForm.fromTerms(innerShape, inner).termList());
  if (negative) inner = negateTerms(inner);
  const innerExpr = build(MatrixForm.fromTerms(innerShape, inner).termList(), innerShape, abbreviations);
  let factored = multiplyOut(letterExpr(letter), innerExpr, side);
  if (negative) factored = factored.kind === 'neg' ? factored.arg : neg(factored);
  if (rest.length === 0) return factored;
  const restExpr = build(rest, shape, abbreviations);
  const restTerms = restExpr.kind === 'sum' ? restExpr.terms : [restExpr];
  return group.includes(terms[0]!) ? sum([factored, ...restTerms]) : sum([...restTerms, factored]);
}

/** The end letter shared by most terms (at least two); left wins ties. */
function bestFactor(terms: readonly Term[]): { side: 'left' | 'right'; letter: Letter } | null {
  let best: { side: 'left' | 'right'; letter: Letter; count: number } | null = null;
  for (const side of ['left', 'right'] as const) {
    const counts = new Map<string, { letter: Letter; count: number }>();
    for (const t of terms) {
      if (t.word.length === 0) continue;
      const l = side === 'left' ? t.word[0]! : t.word[t.word.length - 1]!;
      const entry = counts.get(letterKey(l)) ?? { letter: l, count: 0 };
      entry.count++;
      counts.set(letterKey(l), entry);
    }
    for (const { letter, count } of counts.values()) {
      // Pulling X out of X·Y + X would leave Y + I: keep such sums as they are.
      const leavesIdentity = terms.some((t) => t.word.length === 1 && letterKey(t.word[0]!) === letterKey(letter));
      if (count >= 2 && !leavesIdentity && (best === null || count > best.count)) best = { side, letter, count };
    }
  }
  return best;
}
