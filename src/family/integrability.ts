/**
 * Is a family's field a gradient field (up to its rates), for which values of the symbols?
 *
 * W = P⁻¹V (each component divided by its rate 1, α or τ, exactly). W is a gradient field at given
 * values of the symbols iff every curl entry ∂W_i/∂x_j − ∂W_j/∂x_i vanishes identically in the
 * state there, i.e. iff every coefficient (a polynomial in the symbols) of every curl entry, read
 * as a polynomial in the state, vanishes. So:
 *  - all curl entries ≡ 0: W = −∇Φ for all values, with Φ(x) = −∫₀¹ W(tx)·x dt (checked:
 *    −∇Φ ≡ W), and Φ compared with E + λ/2‖x‖² (docs/math.md §4);
 *  - otherwise not a gradient field wherever one chosen coefficient is ≠ 0; when that coefficient
 *    is proved nonzero on the whole domain, for every admissible value (proved). The exceptional
 *    values are the common zeros of all coefficients; they are named when none is proved nonzero.
 *
 * Example: SG on the scalar family has curl_{A_1_1,B_1_1} = −c·a (as W): the coefficient −c is
 * negative for every c > 0, so SG is not a gradient field for any admissible s, c.
 */
import { Rational } from '../exact/rational.js';
import { forEachFactor } from '../poly/monomial.js';
import { Poly } from '../poly/poly.js';
import { targetToEncoder } from '../model/parameters.js';
import type { FamilyDerivation, FamilyProcedure } from './derive.js';
import { proveSign } from './domain.js';
import { divideExact } from './poly-matrix.js';
import type { PositivityCertificate, PositivityContext } from './positivity.js';

export interface CurlWitness {
  /** State coordinates i < j (indices into the procedure's state). */
  i: number;
  j: number;
  /** ∂W_i/∂x_j − ∂W_j/∂x_i. */
  curl: Poly;
  /** The state monomial whose coefficient is used, printed (`A_1_1`), and that coefficient. */
  monomial: string;
  coefficient: Poly;
  /** coefficient ≠ 0 on the domain, when proved. */
  proof: PositivityCertificate | null;
}

export type FamilyIntegrability =
  | { kind: 'gradient'; rateScaled: boolean; potential: Poly; isObjectivePlusDecay: boolean }
  | { kind: 'not-gradient'; rateScaled: boolean; witness: CurlWitness; everywhere: boolean; exceptional: Poly[] };

/** W = P⁻¹V when every component divides exactly by its rate, else V itself. */
function rateScaledField(fp: FamilyProcedure): { field: Poly[]; scaled: boolean } {
  const W: Poly[] = [];
  for (let k = 0; k < fp.field.length; k++) {
    const rate = fp.rates[k]!;
    if (rate.isConstant() && rate.constantTerm().isOne()) W.push(fp.field[k]!);
    else {
      const q = divideExact(fp.field[k]!, rate);
      if (q === null) return { field: fp.field, scaled: false };
      W.push(q);
    }
  }
  return { field: W, scaled: fp.rates.some((r) => !(r.isConstant() && r.constantTerm().isOne())) };
}

/** The coefficients of p as a polynomial in the state, keyed by the state monomial. */
export function stateCoefficients(p: Poly, state: ReadonlySet<number>): Map<string, Poly> {
  const ring = p.ring;
  const parts = new Map<string, Array<[string, Rational]>>();
  for (const [m, c] of p.terms) {
    let inState = '';
    let rest = '';
    forEachFactor(m, (v, e) => {
      const piece = String.fromCharCode(v).repeat(e);
      if (state.has(v)) inState += piece;
      else rest += piece;
    });
    if (!parts.has(inState)) parts.set(inState, []);
    parts.get(inState)!.push([rest, c]);
  }
  return new Map([...parts].map(([m, terms]) => [m, Poly.fromTerms(ring, terms)]));
}

/** Prints a state monomial (its variables' names). */
function monomialName(m: string, names: readonly string[]): string {
  const out: string[] = [];
  forEachFactor(m, (v, e) => out.push(e === 1 ? names[v]! : `${names[v]!}^${e}`));
  return out.join('*') || '1';
}

/** Φ with −∇Φ = W, by Φ(x) = −Σ_i Σ_terms c·x_i·m / (deg m + 1), degrees in the state only. */
function potentialOf(W: Poly[], state: readonly number[]): Poly {
  const ring = W[0]!.ring;
  const set = new Set(state);
  const parts: Array<readonly [Poly, Rational]> = [];
  state.forEach((v, i) => {
    const xi = Poly.variable(ring, v);
    for (const [m, c] of W[i]!.terms) {
      let degree = 0;
      forEachFactor(m, (u, e) => {
        if (set.has(u)) degree += e;
      });
      parts.push([xi.mul(Poly.fromTerms(ring, [[m, Rational.ONE]])), c.neg().div(Rational.of(degree + 1))]);
    }
  });
  return Poly.linearCombination(ring, parts);
}

export function familyIntegrability(d: FamilyDerivation, fp: FamilyProcedure, domain: PositivityContext): FamilyIntegrability {
  const { field: W, scaled } = rateScaledField(fp);
  const n = fp.state.length;
  const DW = W.map((w) => fp.state.map((v) => w.derivative(v)));
  const state = new Set(fp.state);
  const candidates: Array<Omit<CurlWitness, 'proof'>> = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const curl = DW[i]![j]!.sub(DW[j]![i]!);
      if (curl.isZero()) continue;
      for (const [m, coefficient] of stateCoefficients(curl, state)) {
        candidates.push({ i, j, curl, monomial: monomialName(m, d.params.ring.names), coefficient });
      }
    }
  }
  if (candidates.length === 0) {
    const potential = potentialOf(W, fp.state);
    const check = fp.state.every((v, k) => potential.derivative(v).neg().equals(W[k]!));
    if (!check) throw new Error('family potential: −∇Φ ≠ W (internal error)');
    return { kind: 'gradient', rateScaled: scaled, potential, isObjectivePlusDecay: isObjectivePlusDecay(d, fp, potential) };
  }
  // Prefer a coefficient proved nonzero, then the shortest.
  candidates.sort((a, b) => a.coefficient.size - b.coefficient.size || a.curl.size - b.curl.size);
  for (const c of candidates) {
    const proof = proveSign(c.coefficient, domain, 'nonzero');
    if (proof !== null) return { kind: 'not-gradient', rateScaled: scaled, witness: { ...c, proof }, everywhere: true, exceptional: [] };
  }
  const exceptional = dedupe(candidates.map((c) => c.coefficient));
  return { kind: 'not-gradient', rateScaled: scaled, witness: { ...candidates[0]!, proof: null }, everywhere: false, exceptional };
}

function dedupe(polys: Poly[]): Poly[] {
  const out: Poly[] = [];
  for (const p of polys) if (!out.some((q) => q.equals(p) || q.equals(p.neg()))) out.push(p);
  return out;
}

/** Φ = E + λ/2·‖x‖² with E(θ, ψ) = F(θ, ψ, θ): what the theory says GD's potential is. */
function isObjectivePlusDecay(d: FamilyDerivation, fp: FamilyProcedure, potential: Poly): boolean {
  if (fp.procedure.recipe !== 'identify-then-differentiate') return false;
  const ring = d.params.ring;
  const E = d.objective.renameVariables(targetToEncoder(d.params));
  const norm = Poly.sum(ring, fp.state.map((v) => Poly.variable(ring, v).pow(2)));
  const expected = E.add(d.coefficients.weightDecay.mul(norm).scale(Rational.of(1, 2)));
  return potential.sub(expected).isConstant();
}
