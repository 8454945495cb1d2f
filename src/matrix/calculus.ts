/**
 * Matrix calculus on normal forms, by differentials:
 * - `vary`: the product rule d(XY) = dX·Y + X·dY and d tr(X) = tr(dX), applied to every
 *   occurrence of the varied symbols (also used for directional derivatives, with δ in place of d);
 * - `gradients`: read ∇_X F off a scalar differential written as Σ tr(W dX):
 *   tr(W dX) = ⟨Wᵀ, dX⟩ and tr(W dXᵀ) = ⟨W, dX⟩, so ⟨G, dX⟩ ⇒ ∇_X F = G.
 *
 * Example: for F = ½ tr(A Σ Aᵀ), `gradients(vary(F, {A ↦ dA}), [dA])` maps A to AΣ.
 */
import { Rational } from '../exact/rational.js';
import { Poly } from '../poly/poly.js';
import { type MatExpr, neg, product, sum, sym, trace } from './expr.js';
import { letterExpr, termExpr } from './factor.js';
import { type Letter, MatrixForm, type ScalarFactor, type Term, type Word } from './normal-form.js';
import { SCALAR_RING } from './scalars.js';
import { type MatSymbol, SCALAR_SHAPE, isScalarSymbol } from './symbols.js';

/** Variation map: id of a symbol → its variation symbol (dA, δA, εA). */
export type Variations = ReadonlyMap<string, MatSymbol>;

export function variationMap(pairs: Iterable<[MatSymbol, MatSymbol]>): Map<string, MatSymbol> {
  return new Map([...pairs].map(([s, v]) => [s.id, v]));
}

/**
 * The first-order variation of `form` when each symbol of `variations` moves: the sum over every
 * occurrence of the form with that one occurrence replaced by its variation.
 */
export function vary(form: MatrixForm, variations: Variations): MatrixForm {
  const out: Term[] = [];
  for (const t of form.terms.values()) {
    t.scalars.forEach((s, i) => {
      const replace = (scalar: ScalarFactor) => out.push({ ...t, scalars: t.scalars.map((u, k) => (k === i ? scalar : u)) });
      if (s.kind === 'symbol') {
        const v = variations.get(s.sym.id);
        if (v) replace({ kind: 'symbol', sym: v });
      } else {
        s.word.forEach((l, j) => {
          const v = variations.get(l.sym.id);
          if (v) replace({ kind: 'trace', word: s.word.map((u, k) => (k === j ? { sym: v, t: u.t } : u)) });
        });
      }
    });
    t.word.forEach((l, j) => {
      const v = variations.get(l.sym.id);
      if (v) out.push({ ...t, word: t.word.map((u, k) => (k === j ? { sym: v, t: u.t } : u)) });
    });
  }
  return MatrixForm.fromTerms(form.shape, out);
}

/** Where the (single) variation occurs in a term. */
export type Occurrence =
  | { kind: 'scalar'; variation: MatSymbol; others: ScalarFactor[] }
  | { kind: 'trace'; variation: MatSymbol; transposed: boolean; rest: Letter[]; others: ScalarFactor[] }
  | { kind: 'word'; variation: MatSymbol; transposed: boolean; before: Letter[]; after: Letter[]; others: ScalarFactor[] };

/**
 * Finds the one occurrence of a variation in `t`; for a trace, rotates it so the variation comes
 * last: tr(rest · dX) or tr(rest · dXᵀ). Throws if the term is not linear in the variations.
 */
export function occurrence(t: Term, isVariation: (s: MatSymbol) => boolean): Occurrence {
  const found: Occurrence[] = [];
  t.scalars.forEach((s, i) => {
    const others = t.scalars.filter((_, k) => k !== i);
    if (s.kind === 'symbol') {
      if (isVariation(s.sym)) found.push({ kind: 'scalar', variation: s.sym, others });
      return;
    }
    s.word.forEach((l, j) => {
      if (!isVariation(l.sym)) return;
      const rest = [...s.word.slice(j + 1), ...s.word.slice(0, j)];
      found.push({ kind: 'trace', variation: l.sym, transposed: l.t, rest, others });
    });
  });
  t.word.forEach((l, j) => {
    if (!isVariation(l.sym)) return;
    found.push({ kind: 'word', variation: l.sym, transposed: l.t, before: t.word.slice(0, j), after: t.word.slice(j + 1), others: [...t.scalars] });
  });
  if (found.length !== 1) throw new Error(`expected a term linear in the variations, found ${found.length} occurrences`);
  return found[0]!;
}

function scalarForm(coef: Poly, scalars: readonly ScalarFactor[]): MatrixForm {
  return MatrixForm.fromTerms(SCALAR_SHAPE, [{ coef, scalars, word: [] }]);
}

/**
 * ∇_X F for each varied X, from the differential `dF` (a scalar form linear in the variations
 * `variations`): returns base id → gradient (X's shape; a scalar form for a scalar X).
 */
export function gradients(dF: MatrixForm, variations: readonly MatSymbol[]): Map<string, MatrixForm> {
  const ids = new Set(variations.map((v) => v.id));
  const out = new Map<string, MatrixForm>();
  for (const v of variations) out.set(v.base!, MatrixForm.zero(v.shape));
  for (const t of dF.terms.values()) {
    if (t.word.length > 0) throw new Error('gradients: the differential must be a scalar');
    const o = occurrence(t, (s) => ids.has(s.id));
    const base = o.variation.base!;
    const scale = scalarForm(t.coef, o.others);
    let g: MatrixForm;
    if (o.kind === 'scalar') g = scale;
    else if (o.kind === 'trace') {
      // tr(rest · dX) = ⟨restᵀ, dX⟩ ;  tr(rest · dXᵀ) = ⟨rest, dX⟩.
      const rest = MatrixForm.word(o.rest, o.transposed ? o.variation.shape.rows : o.variation.shape.cols);
      g = scale.mul(o.transposed ? rest : rest.transpose());
    } else throw new Error('gradients: a variation outside a trace');
    out.set(base, out.get(base)!.add(g));
  }
  return out;
}

/**
 * The differential as printed in a derivation: each term `c · tr(W dX)` with the variation
 * rotated to the end of its trace (tr(XY) = tr(YX)).
 */
export function differentialDisplay(dF: MatrixForm, variations: readonly MatSymbol[]): MatExpr {
  const ids = new Set(variations.map((v) => v.id));
  const terms = dF.termList().map((t): MatExpr => {
    const o = occurrence(t, (s) => ids.has(s.id));
    if (o.kind === 'scalar') return termExpr(t, SCALAR_SHAPE);
    if (o.kind !== 'trace') throw new Error('differentialDisplay: a variation outside a trace');
    const head = termExpr({ coef: t.coef, scalars: o.others, word: [] }, SCALAR_SHAPE);
    const tr = trace(product([...o.rest.map(letterExpr), letterExpr({ sym: o.variation, t: o.transposed })]));
    const one = Poly.constant(SCALAR_RING, Rational.ONE);
    const isUnit = t.coef.equals(one) || t.coef.equals(one.neg());
    const factors = o.others.length === 0 && isUnit ? [tr] : [head.kind === 'neg' ? head.arg : head, tr];
    const body = product(factors);
    return head.kind === 'neg' ? neg(body) : body;
  });
  return sum(terms);
}

/** `⟨G_A, dA⟩ + ⟨G_B, dB⟩ + …` (or `g · da` for a scalar parameter), from displayed gradients. */
export function innerProductsDisplay(parts: ReadonlyArray<{ gradient: MatExpr; variation: MatSymbol }>): MatExpr {
  return sum(
    parts.map(({ gradient, variation }): MatExpr =>
      isScalarSymbol(variation)
        ? product([gradient.kind === 'sum' ? gradient : gradient, sym(variation)])
        : { kind: 'inner', left: gradient, right: sym(variation) },
    ),
  );
}

/** The letters of a word as a form of the given row dimension (exported for the Kronecker forms). */
export function wordForm(word: Word, rows: MatSymbol['shape']['rows']): MatrixForm {
  return MatrixForm.word(word, rows);
}
