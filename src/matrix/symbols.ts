/**
 * Matrix symbols: the parameter matrices (A, B, T), the moments (Σ1, Σ2, Σ12), the views
 * (x1, x2), their differentials and directions, and named abbreviations (the residual M).
 *
 * Example: `matrixSymbol({ id: 'A', latex: 'A', rows: Q, cols: P, role: 'state', rank: 1 })`.
 *
 * Dimensions are concrete (a report is about one model) but keep a name (`p`, `q`, `1`) for
 * display and for one rule: a product whose shape is 1×1 *because of view vectors* (name `1`) is
 * a real number and equals its transpose. A 1×1 parameter matrix of a p = q = 1 model is still a
 * matrix and keeps its written order.
 */
export interface Dim {
  name: string;
  size: number;
}

export interface Shape {
  rows: Dim;
  cols: Dim;
}

/** A scalar slot: dimension named `1`, size 1. */
export const SCALAR_DIM: Dim = { name: '1', size: 1 };
export const SCALAR_SHAPE: Shape = { rows: SCALAR_DIM, cols: SCALAR_DIM };

export type SymbolRole =
  /** A state variable: A, B, T, or the scalar a, t of a scalar-kind encoder. */
  | 'state'
  /** A constant of the model: Σ1, Σ2, Σ12, the rectangular identity J. */
  | 'constant'
  /** A random view x1, x2 (only before the expectation is taken). */
  | 'view'
  /** A differential dA, a direction δA or a second direction εA. */
  | 'variation'
  /** A name for a sub-expression, such as the residual M; never instantiated directly. */
  | 'abbreviation';

export interface MatSymbol {
  /** Unique key, e.g. `A`, `d:A`, `delta:A`, `Sigma12`. */
  id: string;
  /** LaTeX of the symbol, e.g. `\Sigma_{12}`, `\mathrm{d}A`. */
  latex: string;
  shape: Shape;
  /** Xᵀ = X (moments; square diagonal parameter matrices and their variations). */
  symmetric: boolean;
  role: SymbolRole;
  /** Order used by canonical forms and display: smaller first. */
  rank: number;
  /** For a variation: the id of the symbol it varies. */
  base?: string;
  /** For a variation: which kind (`d`, `delta`, `eps`). */
  variation?: VariationKind;
}

export type VariationKind = 'd' | 'delta' | 'eps';

export function matrixSymbol(s: MatSymbol): MatSymbol {
  if (s.symmetric && s.shape.rows.size !== s.shape.cols.size) {
    throw new Error(`symbol ${s.id}: a symmetric matrix must be square`);
  }
  return Object.freeze({ ...s });
}

/** True for 1×1 symbols, which commute with everything (scalar parameters a, t and their variations). */
export function isScalarSymbol(s: MatSymbol): boolean {
  return s.shape.rows.name === '1' && s.shape.cols.name === '1';
}

const VARIATION_PREFIX: Record<VariationKind, { latex: string; rank: number }> = {
  d: { latex: '\\mathrm{d}', rank: 0.3 },
  delta: { latex: '\\delta ', rank: 0.2 },
  eps: { latex: '\\varepsilon ', rank: 0.1 },
};

/**
 * The variation of a symbol: `variationOf(A, 'd')` is dA, `variationOf(A, 'delta')` is δA.
 * It has A's shape and symmetry (a variation of a diagonal matrix is diagonal).
 */
export function variationOf(base: MatSymbol, kind: VariationKind): MatSymbol {
  const v = VARIATION_PREFIX[kind];
  return matrixSymbol({
    id: `${kind}:${base.id}`,
    latex: `${v.latex}${base.latex}`,
    shape: base.shape,
    symmetric: base.symmetric,
    role: 'variation',
    rank: base.rank + v.rank,
    base: base.id,
    variation: kind,
  });
}

export function sameSize(a: Dim, b: Dim): boolean {
  return a.size === b.size;
}

export function shapeText(s: Shape): string {
  return `${s.rows.size}×${s.cols.size}`;
}
