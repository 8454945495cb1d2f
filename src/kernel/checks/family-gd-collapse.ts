/**
 * kind "family-gd-collapse" (issue 10, claim C3 for a family): every equilibrium of GD has A = 0,
 * for every admissible value of the symbols. The numeric argument (checks/gd-collapse.ts) with
 * each step an identity or a proved sign in the symbols:
 *  1. E = F(A, B, A) = ½ Σ_k y_k J y_kᵀ, y_k the k-th row of [B A, −A], J = [[Σ1, Σ12], [Σ12ᵀ, Σ2]]:
 *     how field.ts builds F, with the moments now polynomials in the symbols;
 *  2. Σ_u u·V_u + λ‖a‖² + 2E ≡ 0 over the encoder parameters u, identically in state and symbols
 *     (checked here with the kernel's own field), so 2E = −λ‖a‖² at every equilibrium;
 *  3. the leading principal minors of J's symmetric part, computed here, are each proved > 0 on the
 *     domain (Sylvester: J ≻ 0), and λ ≡ 0 or λ ≥ 0 is proved: 0 ≤ 2E = −λ‖a‖² ≤ 0 gives E = 0,
 *     so every y_k = 0 and A = 0.
 * Evidence: `minors` (one positivity certificate per order 1…2p) and `weightDecay` (a certificate
 * that λ ≥ 0, absent when λ ≡ 0).
 */
import { Rational } from '../../exact/rational.js';
import { type KernelModel, objective } from '../field.js';
import { fullField } from '../evidence.js';
import { familyClaim, signProof } from '../family.js';
import { type KPoly, addScaled, addTerm, mul, renamed, variable } from '../poly.js';
import { kernelCharpoly } from '../poly-linalg.js';
import { type Json, Rejected, need } from '../read.js';

/** det M = (−1)^n·c_n, c_n the constant term of det(λI − M). */
function determinant(M: KPoly[][]): KPoly {
  const c = kernelCharpoly(M);
  return M.length % 2 === 0 ? c[M.length]! : addScaled(new Map(), c[M.length]!, Rational.MINUS_ONE);
}

export function checkFamilyGdCollapse(cert: Json, model: KernelModel): string {
  const { procedure, recipe, state, evidence } = familyClaim(cert, model, ['identify-then-differentiate']);
  const { sigma1, sigma2, sigma12 } = model.moments;
  const p = sigma1.length;
  const J = (i: number, j: number): KPoly =>
    i < p ? (j < p ? sigma1[i]![j]! : sigma12[i]![j - p]!) : j < p ? sigma12[j]![i - p]! : sigma2[i - p]![j - p]!;
  const half = Rational.of(1, 2);
  const symmetric = Array.from({ length: 2 * p }, (_, i) => Array.from({ length: 2 * p }, (_, j) => addScaled(addScaled(new Map(), J(i, j), half), J(j, i), half)));
  need(Array.isArray(evidence.minors), 'evidence.minors', `a list of ${2 * p} positivity certificates`);
  const minors = evidence.minors as unknown[];
  if (minors.length !== 2 * p) throw new Rejected(`J is ${2 * p}×${2 * p}: expected ${2 * p} leading principal minors, got ${minors.length}`);
  minors.forEach((proof, k) => {
    const minor = determinant(symmetric.slice(0, k + 1).map((row) => row.slice(0, k + 1)));
    signProof(proof, `evidence.minors[${k}]`, model, minor, ['positive']);
  });
  const lambda = model.weightDecay;
  if (lambda.size > 0) signProof(evidence.weightDecay, 'evidence.weightDecay', model, lambda, ['nonnegative', 'positive']);
  const E = renamed(objective(model, () => true), (v) => (v[0] === 'T' ? `A${v.slice(1)}` : v));
  const V = fullField(model, recipe);
  const euler = addScaled(new Map(), E, Rational.of(2)); // Σ_u u·V_u + λ u² + 2E
  state.forEach((u, i) => {
    if (u[0] !== 'A') return;
    for (const [m, c] of mul(variable(u), addScaled(V[i]!, mul(variable(u), lambda), Rational.ONE))) addTerm(euler, m, c);
  });
  if (euler.size > 0) throw new Rejected('Σ_u u·V_u + λ‖a‖² + 2E is not identically 0 over the encoder parameters');
  const decay = lambda.size === 0 ? 'λ = 0' : 'λ ≥ 0 proved';
  return `every equilibrium of the ${procedure} field has A = 0 for every admissible value of the parameters: Σ_u u·V_u + λ‖a‖² + 2E ≡ 0, E = ½Σ_k y_k J y_kᵀ, all ${2 * p} leading principal minors of J proved > 0 (J ≻ 0) and ${decay}`;
}
