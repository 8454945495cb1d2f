/**
 * The normal form of a matrix expression: a sum of terms `c · s₁ ⋯ s_k · L₁ ⋯ L_n`, where `c`
 * is a scalar coefficient (a polynomial in λ, α, τ), the `sᵢ` are commuting scalar factors (1×1
 * symbols such as the scalar encoder `a`, and traces of words) and the `Lⱼ` are matrix letters
 * (a symbol or its transpose). Equal expressions that differ only by these rules have equal
 * normal forms:
 *
 * - distributivity, collecting like terms, (XY)ᵀ = YᵀXᵀ, Xᵀᵀ = X, I·X = X;
 * - Σᵀ = Σ for symbols marked symmetric;
 * - tr(XY) = tr(YX) and tr(Xᵀ) = tr(X): a trace is stored as the least of its rotations and
 *   the rotations of its transpose;
 * - a real number (a 1×1 product of view vectors, x1ᵀ M x2) equals its transpose.
 *
 * So `form.isZero()` is a proof that the expression vanishes for all matrices of these shapes
 * (and these symmetries); a nonzero form may still vanish at particular dimensions.
 *
 * Example:
 *   const S = MatrixForm.symbol;
 *   S(B).transpose().mul(S(B)).mul(S(A)).sub(S(B).transpose().mul(S(A)))   // BᵀBA − BᵀA
 */
import { Rational } from '../exact/rational.js';
import type { Poly } from '../poly/poly.js';
import { SCALAR_ONE, scalarConstant } from './scalars.js';
import { type Dim, type MatSymbol, SCALAR_SHAPE, type Shape, isScalarSymbol, sameSize, shapeText } from './symbols.js';

export interface Letter {
  sym: MatSymbol;
  /** Transposed. Always false for a symmetric symbol. */
  t: boolean;
}

export type Word = readonly Letter[];

export type ScalarFactor = { kind: 'symbol'; sym: MatSymbol } | { kind: 'trace'; word: Word };

export interface Term {
  coef: Poly;
  /** Sorted (see `compareScalars`). */
  scalars: readonly ScalarFactor[];
  word: Word;
}

export function letter(sym: MatSymbol, t = false): Letter {
  return { sym, t: sym.symmetric ? false : t };
}

export function letterKey(l: Letter): string {
  return l.t ? `${l.sym.id}'` : l.sym.id;
}

export function wordKey(w: Word): string {
  return w.map(letterKey).join(' ');
}

export function compareLetters(a: Letter, b: Letter): number {
  if (a.sym.rank !== b.sym.rank) return a.sym.rank - b.sym.rank;
  if (a.sym.id !== b.sym.id) return a.sym.id < b.sym.id ? -1 : 1;
  return Number(a.t) - Number(b.t);
}

export function compareWords(a: Word, b: Word): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareLetters(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

export function transposeWord(w: Word): Letter[] {
  return [...w].reverse().map((l) => letter(l.sym, !l.t));
}

/** The least of the rotations of `w` and of `wᵀ`: equal traces get equal words. */
export function canonicalTrace(w: Word): Letter[] {
  let best: Letter[] | null = null;
  for (const candidate of [[...w], transposeWord(w)]) {
    for (let k = 0; k < candidate.length; k++) {
      const rotated = [...candidate.slice(k), ...candidate.slice(0, k)];
      if (best === null || compareWords(rotated, best) < 0) best = rotated;
    }
  }
  return best ?? [];
}

function scalarKey(s: ScalarFactor): string {
  return s.kind === 'symbol' ? s.sym.id : `tr(${wordKey(s.word)})`;
}

export function compareScalars(a: ScalarFactor, b: ScalarFactor): number {
  if (a.kind !== b.kind) return a.kind === 'symbol' ? -1 : 1;
  if (a.kind === 'symbol' && b.kind === 'symbol') return compareLetters(letter(a.sym), letter(b.sym));
  return compareWords((a as { word: Word }).word, (b as { word: Word }).word);
}

function termKey(t: Term): string {
  return `${t.scalars.map(scalarKey).join(',')}|${wordKey(t.word)}`;
}

/** A 1×1 product of view vectors is a number: it equals its transpose. */
function isNumberShape(shape: Shape): boolean {
  return shape.rows.name === '1' && shape.cols.name === '1';
}

function normalizeTerm(shape: Shape, t: Term): Term {
  const scalars = t.scalars
    .map((s): ScalarFactor => (s.kind === 'trace' ? { kind: 'trace', word: canonicalTrace(s.word) } : s))
    .sort(compareScalars);
  let word: Letter[] = t.word.map((l) => letter(l.sym, l.t));
  if (isNumberShape(shape) && word.length > 0) {
    const flipped = transposeWord(word);
    if (compareWords(flipped, word) < 0) word = flipped;
  }
  return { coef: t.coef, scalars, word };
}

/** Number of state factors (A, B, T, a, t), counting those inside traces. */
export function stateDegree(t: Term): number {
  let d = 0;
  for (const s of t.scalars) {
    if (s.kind === 'symbol') d += s.sym.role === 'state' ? 1 : 0;
    else d += s.word.filter((l) => l.sym.role === 'state').length;
  }
  return d + t.word.filter((l) => l.sym.role === 'state').length;
}

/** Degree for display: a named residual (M) weighs as the products it stands for. */
function displayDegree(t: Term): number {
  return stateDegree(t) + 2 * t.word.filter((l) => l.sym.role === 'abbreviation').length;
}

/** Display order: higher degree first, terms without λ, α, τ first, longer words first, then by word and scalar factors. */
export function compareTerms(a: Term, b: Term): number {
  const d = displayDegree(b) - displayDegree(a);
  if (d !== 0) return d;
  const v = a.coef.variables().length - b.coef.variables().length;
  if (v !== 0) return v;
  const len = b.word.length - a.word.length;
  if (len !== 0) return len;
  const w = compareWords(a.word, b.word);
  if (w !== 0) return w;
  const n = Math.min(a.scalars.length, b.scalars.length);
  for (let i = 0; i < n; i++) {
    const c = compareScalars(a.scalars[i]!, b.scalars[i]!);
    if (c !== 0) return c;
  }
  return a.scalars.length - b.scalars.length;
}

export class MatrixForm {
  readonly shape: Shape;
  /** Term key → term with a nonzero coefficient. */
  readonly terms: ReadonlyMap<string, Term>;

  private constructor(shape: Shape, terms: Map<string, Term>) {
    this.shape = shape;
    this.terms = terms;
  }

  /** Builds a form from raw terms, normalizing and collecting them. */
  static fromTerms(shape: Shape, terms: Iterable<Term>): MatrixForm {
    const map = new Map<string, Term>();
    for (const raw of terms) {
      if (raw.coef.isZero()) continue;
      const t = normalizeTerm(shape, raw);
      const key = termKey(t);
      const old = map.get(key);
      if (!old) {
        map.set(key, t);
        continue;
      }
      const coef = old.coef.add(t.coef);
      if (coef.isZero()) map.delete(key);
      else map.set(key, { ...old, coef });
    }
    return new MatrixForm(shape, map);
  }

  static zero(shape: Shape): MatrixForm {
    return new MatrixForm(shape, new Map());
  }

  static identity(dim: Dim): MatrixForm {
    return MatrixForm.fromTerms({ rows: dim, cols: dim }, [{ coef: SCALAR_ONE, scalars: [], word: [] }]);
  }

  /** A scalar (1×1) form `c`. */
  static scalar(coef: Poly): MatrixForm {
    return MatrixForm.fromTerms(SCALAR_SHAPE, [{ coef, scalars: [], word: [] }]);
  }

  static symbol(sym: MatSymbol, transposed = false): MatrixForm {
    if (isScalarSymbol(sym)) {
      return MatrixForm.fromTerms(SCALAR_SHAPE, [{ coef: SCALAR_ONE, scalars: [{ kind: 'symbol', sym }], word: [] }]);
    }
    const shape = transposed ? { rows: sym.shape.cols, cols: sym.shape.rows } : sym.shape;
    return MatrixForm.fromTerms(shape, [{ coef: SCALAR_ONE, scalars: [], word: [letter(sym, transposed)] }]);
  }

  /** The product of the letters of `word` (the identity of `dim` when empty). */
  static word(word: Word, dim: Dim): MatrixForm {
    let out = MatrixForm.identity(dim);
    for (const l of word) out = out.mul(MatrixForm.symbol(l.sym, l.t));
    return out;
  }

  /** A scalar form: no matrix letters and a 1×1 shape named `1`. Multiplies anything. */
  isScalar(): boolean {
    if (!isNumberShape(this.shape)) return false;
    for (const t of this.terms.values()) if (t.word.length > 0) return false;
    return true;
  }

  isZero(): boolean {
    return this.terms.size === 0;
  }

  /** Terms in display order. */
  termList(): Term[] {
    return [...this.terms.values()].sort(compareTerms);
  }

  equals(o: MatrixForm): boolean {
    if (this.terms.size !== o.terms.size) return false;
    for (const [k, t] of this.terms) {
      const u = o.terms.get(k);
      if (!u || !u.coef.equals(t.coef)) return false;
    }
    return true;
  }

  private checkSameShape(o: MatrixForm, op: string): void {
    if (!sameSize(this.shape.rows, o.shape.rows) || !sameSize(this.shape.cols, o.shape.cols)) {
      throw new Error(`${op}: shapes ${shapeText(this.shape)} and ${shapeText(o.shape)} differ`);
    }
  }

  add(o: MatrixForm): MatrixForm {
    if (o.isZero()) return this;
    if (this.isZero()) return o;
    this.checkSameShape(o, 'add');
    return MatrixForm.fromTerms(this.shape, [...this.terms.values(), ...o.terms.values()]);
  }

  sub(o: MatrixForm): MatrixForm {
    return this.add(o.neg());
  }

  neg(): MatrixForm {
    return this.scale(scalarConstant(Rational.MINUS_ONE));
  }

  scale(c: Poly): MatrixForm {
    return MatrixForm.fromTerms(
      this.shape,
      [...this.terms.values()].map((t) => ({ ...t, coef: t.coef.mul(c) })),
    );
  }

  mul(o: MatrixForm): MatrixForm {
    if (this.isScalar() && !o.isScalar()) return o.scaledBy(this);
    if (o.isScalar() && !this.isScalar()) return this.scaledBy(o);
    if (!sameSize(this.shape.cols, o.shape.rows)) {
      throw new Error(`product of ${shapeText(this.shape)} and ${shapeText(o.shape)} matrices`);
    }
    const shape = { rows: this.shape.rows, cols: o.shape.cols };
    const terms: Term[] = [];
    for (const a of this.terms.values()) {
      for (const b of o.terms.values()) {
        terms.push({ coef: a.coef.mul(b.coef), scalars: [...a.scalars, ...b.scalars], word: [...a.word, ...b.word] });
      }
    }
    return MatrixForm.fromTerms(shape, terms);
  }

  /** This matrix times the scalar form `s`. */
  private scaledBy(s: MatrixForm): MatrixForm {
    const terms: Term[] = [];
    for (const a of this.terms.values()) {
      for (const b of s.terms.values()) {
        terms.push({ coef: a.coef.mul(b.coef), scalars: [...b.scalars, ...a.scalars], word: a.word });
      }
    }
    return MatrixForm.fromTerms(this.shape, terms);
  }

  transpose(): MatrixForm {
    const shape = { rows: this.shape.cols, cols: this.shape.rows };
    return MatrixForm.fromTerms(
      shape,
      [...this.terms.values()].map((t) => ({ ...t, word: transposeWord(t.word) })),
    );
  }

  trace(): MatrixForm {
    if (!sameSize(this.shape.rows, this.shape.cols)) throw new Error(`trace of a ${shapeText(this.shape)} matrix`);
    const size = scalarConstant(Rational.fromBigInt(BigInt(this.shape.rows.size)));
    const terms: Term[] = [...this.terms.values()].map((t) =>
      t.word.length === 0
        ? { coef: t.coef.mul(size), scalars: t.scalars, word: [] }
        : { coef: t.coef, scalars: [...t.scalars, { kind: 'trace', word: t.word }], word: [] },
    );
    return MatrixForm.fromTerms(SCALAR_SHAPE, terms);
  }

  /** Frobenius inner product ⟨X, Y⟩ = tr(XᵀY). */
  inner(o: MatrixForm): MatrixForm {
    if (this.isScalar() && o.isScalar()) return this.mul(o);
    return this.transpose().mul(o).trace();
  }

  /** Applies `f` to every coefficient (e.g. substituting λ = 0). */
  mapCoefficients(f: (c: Poly) => Poly): MatrixForm {
    return MatrixForm.fromTerms(
      this.shape,
      [...this.terms.values()].map((t) => ({ ...t, coef: f(t.coef) })),
    );
  }

  /** Ids of every symbol that occurs. */
  symbolIds(): Set<string> {
    const ids = new Set<string>();
    for (const t of this.terms.values()) {
      for (const s of t.scalars) {
        if (s.kind === 'symbol') ids.add(s.sym.id);
        else for (const l of s.word) ids.add(l.sym.id);
      }
      for (const l of t.word) ids.add(l.sym.id);
    }
    return ids;
  }

  /**
   * Replaces symbols by forms (`T ↦ A`, `B ↦ I`, `A ↦ aJ`), transposing where the letter is
   * transposed and recomputing traces.
   */
  substitute(values: ReadonlyMap<string, MatrixForm>): MatrixForm {
    const symbolForm = (sym: MatSymbol, t: boolean): MatrixForm => {
      const v = values.get(sym.id);
      if (!v) return MatrixForm.symbol(sym, t);
      return t ? v.transpose() : v;
    };
    const wordForm = (word: Word, dim: Dim): MatrixForm => {
      let out = MatrixForm.identity(dim);
      for (const l of word) out = out.mul(symbolForm(l.sym, l.t));
      return out;
    };
    let total = MatrixForm.zero(this.shape);
    for (const t of this.terms.values()) {
      let scalar = MatrixForm.scalar(t.coef);
      for (const s of t.scalars) {
        scalar =
          s.kind === 'symbol'
            ? scalar.mul(symbolForm(s.sym, false))
            : scalar.mul(wordForm(s.word, s.word[0]!.t ? s.word[0]!.sym.shape.cols : s.word[0]!.sym.shape.rows).trace());
      }
      total = total.add(scalar.mul(wordForm(t.word, this.shape.rows)));
    }
    return total;
  }
}
