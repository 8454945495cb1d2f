/**
 * kind "gd-collapse" (docs/math.md C3): every equilibrium of GD has A = 0. With E(A, B) = F(A, B, A):
 *  1. E = ½ Σ_k y_k J y_kᵀ with y_k the k-th row of [B A, −A] and J = [[Σ1, Σ12], [Σ12ᵀ, Σ2]]: this
 *     is how field.ts builds F (½ r_k² with r_k = y_k·(x1, x2), expectation by the moments), so
 *     E ≥ 0 when J (its symmetric part) is PSD, and E = 0 forces every y_k = 0, so A = 0, when J ≻ 0.
 *  2. Σ_u u·V_u + λ‖a‖² + 2E ≡ 0 over the encoder parameters u (E is 2-homogeneous in them):
 *     checked here as a polynomial identity with the kernel's own gd field. At an equilibrium
 *     V = 0, so 2E = −λ‖a‖².
 *  3. λ > 0 and J PSD: 0 ≤ 2E = −λ‖a‖² ≤ 0 forces a = 0. λ = 0 and J ≻ 0: E = 0 forces A = 0.
 * Definiteness by the kernel's own LDLᵀ (linalg.ts).
 */
import { Rational } from '../../exact/rational.js';
import { type KernelModel, constantValue, objective } from '../field.js';
import { claimOf, fullField } from '../evidence.js';
import { definiteness } from '../linalg.js';
import { type KPoly, addScaled, addTerm, mul, renamed, variable } from '../poly.js';
import { type Json, Malformed, Rejected, choice } from '../read.js';

/** Evidence {jointMoments: "positive definite" | "positive semidefinite"}, the fact the proof uses. */
export function checkGdCollapse(cert: Json, model: KernelModel): string {
  // The proof rests on V being −∇E − λθ on the encoder: only gradient descent on E qualifies.
  const { procedure, recipe, names, evidence } = claimOf(cert, model, ['identify-then-differentiate']);
  const claimed = choice(evidence.jointMoments, 'evidence.jointMoments', ['positive definite', 'positive semidefinite'] as const);
  const lambda = numeric(model.weightDecay);
  if (lambda.isZero() && claimed !== 'positive definite') throw new Rejected('without weight decay the proof needs J positive definite');
  const [sigma1, sigma2, sigma12] = [model.moments.sigma1, model.moments.sigma2, model.moments.sigma12].map((m) => m.map((row) => row.map(numeric)));
  const p = sigma1.length;
  const J = (i: number, j: number): Rational =>
    i < p ? (j < p ? sigma1[i]![j]! : sigma12[i]![j - p]!) : j < p ? sigma12[j]![i - p]! : sigma2[i - p]![j - p]!;
  const half = Rational.of(1, 2);
  const symmetric = Array.from({ length: 2 * p }, (_, i) => Array.from({ length: 2 * p }, (_, j) => J(i, j).add(J(j, i)).mul(half)));
  const actual = definiteness(symmetric);
  if (actual === 'indefinite' || (claimed === 'positive definite' && actual !== claimed)) throw new Rejected(`J = [[Σ1, Σ12], [Σ12ᵀ, Σ2]] is ${actual === 'indefinite' ? 'not positive semidefinite' : actual + ', not positive definite'}`);
  const E = renamed(objective(model, () => true), (v) => (v[0] === 'T' ? `A${v.slice(1)}` : v));
  const V = fullField(model, recipe);
  const euler = addScaled(new Map(), E, Rational.of(2)); // Σ_u u·V_u + λ u² + 2E
  names.forEach((u, i) => {
    if (u[0] !== 'A') return;
    for (const [m, c] of mul(variable(u), addScaled(V[i]!, variable(u), lambda))) addTerm(euler, m, c);
  });
  if (euler.size > 0) throw new Rejected('Σ_u u·V_u + λ‖a‖² + 2E is not identically 0 over the encoder parameters');
  const reason = lambda.isZero() ? 'λ = 0 gives E = 0 at equilibria, and J ≻ 0 then forces A = 0' : `λ = ${lambda} > 0 and E ≥ 0 force ‖a‖² = 0`;
  return `every equilibrium of the ${procedure} field has A = 0: Σ_u u·V_u + λ‖a‖² + 2E ≡ 0, E = ½Σ_k y_k J y_kᵀ with J ${actual}; ${reason}`;
}

/** A numeric model's number (check.ts gives this kind numeric models only; family-gd-collapse takes symbols). */
function numeric(p: KPoly): Rational {
  const value = constantValue(p);
  if (value === null) throw new Malformed('model: expected exact numbers for this kind (symbols need family-gd-collapse)');
  return value;
}
