/**
 * Display trees of matrix expressions: what a derivation step shows. A tree is built from a
 * normal form (factor.ts) or by hand for statements such as `F(A, B, T) = ½ E‖BAx1 − Tx2‖²`;
 * printers (src/notation/latex-matrix.ts) turn it into text. The tree never knows how it is printed.
 *
 * Example: `product([transpose(sym(B)), sym(M)])` is BᵀM.
 */
import type { Poly } from '../poly/poly.js';
import type { Dim, MatSymbol } from './symbols.js';

/** F the objective, E the original objective, their differentials, Φ a potential, ω the curl form. */
export type NamedQuantity = 'F' | 'E' | 'dF' | 'dE' | 'Phi' | 'omega';

export type MatExpr =
  | { kind: 'symbol'; sym: MatSymbol }
  /** The identity matrix I of size `dim`. */
  | { kind: 'identity'; dim: Dim }
  | { kind: 'zero' }
  /** A scalar coefficient: a polynomial in λ, α, τ (printed in parentheses when it has several terms). */
  | { kind: 'coefficient'; value: Poly }
  | { kind: 'transpose'; arg: MatExpr }
  /** A scalar factor raised to a power: a². */
  | { kind: 'power'; base: MatExpr; exponent: number }
  | { kind: 'product'; factors: MatExpr[] }
  | { kind: 'sum'; terms: MatExpr[] }
  | { kind: 'neg'; arg: MatExpr }
  | { kind: 'trace'; arg: MatExpr }
  /** The diagonal part of a matrix (zero off the diagonal). */
  | { kind: 'diag'; arg: MatExpr }
  /** ⟨X, Y⟩ = tr(XᵀY). */
  | { kind: 'inner'; left: MatExpr; right: MatExpr }
  /** E[·] over the views. */
  | { kind: 'expect'; arg: MatExpr }
  /** ‖v‖². */
  | { kind: 'sqnorm'; arg: MatExpr }
  | { kind: 'kron'; left: MatExpr; right: MatExpr }
  /** The commutation matrix K_{m,n}: K vec X = vec Xᵀ for X of size m×n. */
  | { kind: 'commutation'; rows: Dim; cols: Dim }
  | { kind: 'vec'; arg: MatExpr }
  /** X restricted at substitutions: `X |_{T = A}`. */
  | { kind: 'at'; arg: MatExpr; substitutions: Array<[MatExpr, MatExpr]> }
  /** A named quantity, applied to arguments when there are any: F(A, B, T), dF, ω(δ, ε). */
  | { kind: 'call'; name: NamedQuantity; args: MatExpr[] }
  /** ∇_X F. */
  | { kind: 'gradient'; of: NamedQuantity; wrt: MatExpr }
  /** The time derivative Ẋ of a state symbol. */
  | { kind: 'rate'; sym: MatSymbol }
  /** The directional derivative DẊ[δ] of a field block (or of a named expression). */
  | { kind: 'directional'; of: MatExpr; direction: MatExpr }
  /** ∂ vec(of) / ∂ vec(wrt), a block of the Jacobian. */
  | { kind: 'jacobianBlock'; of: MatExpr; wrt: MatExpr }
  /** The curl operator C_X[δ] = (DV − DV*)_X[δ] of a block. */
  | { kind: 'curl'; block: MatSymbol; direction: MatExpr }
  /** The selection matrix S_X of a block's free parameters. */
  | { kind: 'selection'; sym: MatSymbol };

export const sym = (s: MatSymbol): MatExpr => ({ kind: 'symbol', sym: s });
export const transpose = (arg: MatExpr): MatExpr => ({ kind: 'transpose', arg });
export const neg = (arg: MatExpr): MatExpr => ({ kind: 'neg', arg });
export const trace = (arg: MatExpr): MatExpr => ({ kind: 'trace', arg });
export const coefficient = (value: Poly): MatExpr => ({ kind: 'coefficient', value });

export function product(factors: MatExpr[]): MatExpr {
  const flat = factors.flatMap((f) => (f.kind === 'product' ? f.factors : [f]));
  if (flat.length === 1) return flat[0]!;
  return { kind: 'product', factors: flat };
}

export function sum(terms: MatExpr[]): MatExpr {
  const flat = terms.flatMap((t) => (t.kind === 'sum' ? t.terms : [t]));
  if (flat.length === 0) return { kind: 'zero' };
  if (flat.length === 1) return flat[0]!;
  return { kind: 'sum', terms: flat };
}

/** Splits a top-level sum into its terms (for line breaking). */
export function summands(e: MatExpr): MatExpr[] {
  return e.kind === 'sum' ? e.terms : [e];
}

export const call = (name: NamedQuantity, args: MatExpr[] = []): MatExpr => ({ kind: 'call', name, args });
