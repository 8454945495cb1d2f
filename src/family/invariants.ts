/**
 * Quadratic conserved quantities of a family's field, for all values of the symbols at once.
 *
 * Ansatz: Q = Σ q_{m,σ}·σ·m over the degree-2 monomials m of the state and σ ∈ {1} ∪ symbols,
 * with rational q. Q is conserved for all values iff ∇Q·V ≡ 0 as a polynomial in state AND
 * symbols: linear equations in q over ℚ, solved exactly. Symbols in the coefficients find
 * quantities such as α a² − b², whose form depends on a rate. A quantity with constant
 * coefficients found first is not repeated as its multiples by a symbol.
 * Each quantity is checked again by recomputing ∇Q·V ≡ 0 before it is reported.
 *
 * Example: SG on the scalar family conserves a² − b² (α = 1): d/dt(a² − b²) ≡ 0.
 */
import { type Matrix, nullspace, rank } from '../exact/linear-algebra.js';
import { Rational } from '../exact/rational.js';
import { Poly } from '../poly/poly.js';
import { primitive } from '../analyses/poly-tools.js';
import type { FamilyDerivation, FamilyProcedure } from './derive.js';

/** Above this many unknowns the symbol-weighted ansatz is skipped (constant coefficients only). */
const MAX_UNKNOWNS = 400;

export interface FamilyInvariants {
  quantities: Poly[];
  /** Whether the ansatz allowed symbols in the coefficients. */
  symbolCoefficients: boolean;
}

function quadraticMonomials(d: FamilyDerivation, state: readonly number[]): Poly[] {
  const ring = d.params.ring;
  const out: Poly[] = [];
  for (let i = 0; i < state.length; i++) for (let j = i; j < state.length; j++) out.push(Poly.variable(ring, state[i]!).mul(Poly.variable(ring, state[j]!)));
  return out;
}

/** Nullspace of the map q ↦ ∇(Σ q_k basis_k)·V, as vectors of q. */
function conservedCombinations(fp: FamilyProcedure, basis: Poly[]): Rational[][] {
  const derivatives = basis.map((b) => Poly.sum(b.ring, fp.state.map((v, k) => (b.derivative(v).isZero() ? b.derivative(v) : b.derivative(v).mul(fp.field[k]!)))));
  const rows = new Map<string, Rational[]>();
  derivatives.forEach((p, k) => {
    for (const [m, c] of p.terms) {
      if (!rows.has(m)) rows.set(m, basis.map(() => Rational.ZERO));
      rows.get(m)![k] = c;
    }
  });
  const matrix: Matrix = [...rows.values()];
  return matrix.length === 0 ? basis.map((_, k) => basis.map((__, j) => (j === k ? Rational.ONE : Rational.ZERO))) : nullspace(matrix, basis.length);
}

export function familyInvariants(d: FamilyDerivation, fp: FamilyProcedure): FamilyInvariants {
  const ring = d.params.ring;
  const monomials = quadraticMonomials(d, fp.state);
  const combine = (basis: Poly[], q: Rational[]) => Poly.linearCombination(ring, basis.map((b, k) => [b, q[k]!] as const));
  const constant = conservedCombinations(fp, monomials).map((q) => combine(monomials, q));
  const weights = [Poly.constant(ring, Rational.ONE), ...d.symbols.map((s) => Poly.variable(ring, s))];
  let quantities = constant;
  const symbolCoefficients = monomials.length * weights.length <= MAX_UNKNOWNS && d.symbols.length > 0;
  if (symbolCoefficients) {
    const weighted = weights.flatMap((w) => monomials.map((m) => w.mul(m)));
    const found = conservedCombinations(fp, weighted).map((q) => combine(weighted, q));
    // Keep what the constant ones and their multiples by one symbol do not span.
    const spanned = weights.flatMap((w) => constant.map((c) => w.mul(c)));
    const kept: Poly[] = [];
    for (const f of found) {
      const candidate = [...spanned, ...kept, f];
      if (independent(candidate)) kept.push(f);
    }
    quantities = [...constant, ...kept];
  }
  quantities = quantities.map(primitive);
  for (const Q of quantities) {
    const rate = Poly.sum(ring, fp.state.map((v, k) => Q.derivative(v).mul(fp.field[k]!)));
    if (!rate.isZero()) throw new Error('family invariant: ∇Q·V ≠ 0 (internal error)');
  }
  return { quantities, symbolCoefficients };
}

/** Whether the polynomials are linearly independent over ℚ. */
function independent(polys: Poly[]): boolean {
  const monomials = [...new Set(polys.flatMap((p) => [...p.terms.keys()]))];
  const matrix = polys.map((p) => monomials.map((m) => p.terms.get(m) ?? Rational.ZERO));
  return rank(matrix) === polys.length;
}
