/**
 * GD collapses (claim C3) for every admissible value of a family's symbols. The argument is the
 * numeric one (src/analyses/collapse.ts), each step now an identity or a sign in the symbols:
 *  1. E(A, B) = ½ Σ_k y_k J y_kᵀ, y_k the k-th row of Y = [B A, −A], J = [[Σ1, Σ12], [Σ12ᵀ, Σ2]]
 *     (a polynomial identity in state and symbols);
 *  2. Σ_{u ∈ A} u·V_u + λ‖A‖² + 2E ≡ 0 (Euler: E is quadratic in A), so 2E = −λ‖A‖² at an
 *     equilibrium;
 *  3. J ≻ 0 for every admissible value (its leading principal minors proved positive) and λ ≥ 0:
 *     then 0 ≤ 2E = −λ‖A‖² ≤ 0 gives E = 0, hence Y = 0 and A = 0.
 * When a step is not proved the claim is left undecided for the family (the numeric instances
 * still decide it at their values, and a counterexample there refutes "for all values").
 *
 * Example: the scalar family has J = [[s, c], [c, s]], minors s and s² − c², positive for c < s.
 */
import { Rational } from '../exact/rational.js';
import { targetToEncoder } from '../model/parameters.js';
import { Poly } from '../poly/poly.js';
import type { FamilyDerivation, FamilyProcedure } from './derive.js';
import { embed } from './derive.js';
import { proveSign } from './domain.js';
import { determinantOf } from './poly-matrix.js';
import type { PositivityCertificate, PositivityContext } from './positivity.js';

export interface FamilyGdCollapse {
  proved: boolean;
  quadraticForm: boolean;
  euler: boolean;
  /** Leading principal minors of J with their positivity proofs. */
  minors: Array<{ minor: Poly; proof: PositivityCertificate | null }>;
  weightDecay: { nonnegative: boolean; proof: PositivityCertificate | null };
  /** Where the argument stops, or why it holds. */
  reason: string;
}

/** J, the joint second-moment matrix, in the derivation's ring. */
export function jointMoments(d: FamilyDerivation): Poly[][] {
  const ring = d.params.ring;
  const { sigma1, sigma2, sigma12 } = d.family.moments;
  const p = sigma1.length;
  const at = (m: Poly[][], i: number, j: number) => embed(m[i]![j]!, ring);
  return Array.from({ length: 2 * p }, (_, i) =>
    Array.from({ length: 2 * p }, (_, j) => {
      if (i < p && j < p) return at(sigma1, i, j);
      if (i >= p && j >= p) return at(sigma2, i - p, j - p);
      return i < p ? at(sigma12, i, j - p) : at(sigma12, j, i - p);
    }),
  );
}

export function familyGdCollapse(d: FamilyDerivation, fp: FamilyProcedure, domain: PositivityContext): FamilyGdCollapse {
  const ring = d.params.ring;
  const A = d.params.encoder.matrix;
  const B = d.params.predictor.matrix;
  const E = d.objective.renameVariables(targetToEncoder(d.params));
  const J = jointMoments(d);
  const half = Rational.of(1, 2);
  // Y = [B A, −A], row by row.
  const rows = A.map((_, i) => [
    ...A[0]!.map((__, l) => Poly.sum(ring, B[i]!.map((b, k) => b.mul(A[k]![l]!)))),
    ...A[i]!.map((a) => a.neg()),
  ]);
  const quadratic = Poly.sum(
    ring,
    rows.map((y) => Poly.sum(ring, y.flatMap((yi, i) => y.map((yj, j) => yi.mul(J[i]![j]!).mul(yj))))),
  ).scale(half);
  const quadraticForm = quadratic.equals(E);
  const encoderVars = d.params.encoder.variables;
  const lambda = d.coefficients.weightDecay;
  const euler = Poly.sum(ring, encoderVars.map((u) => Poly.variable(ring, u).mul(fp.field[fp.state.indexOf(u)]!)))
    .add(lambda.mul(Poly.sum(ring, encoderVars.map((u) => Poly.variable(ring, u).pow(2)))))
    .add(E.scale(Rational.of(2)))
    .isZero();
  const minors = J.map((_, k) => {
    const minor = determinantOf(J.slice(0, k + 1).map((row) => row.slice(0, k + 1)));
    return { minor, proof: proveSign(minor, domain, 'positive') };
  });
  const decayProof = lambda.isZero() ? null : proveSign(lambda, domain, 'nonnegative');
  const weightDecay = { nonnegative: lambda.isZero() || decayProof !== null, proof: decayProof };
  const definite = minors.every((m) => m.proof !== null);
  const proved = quadraticForm && euler && definite && weightDecay.nonnegative;
  const firstOpen = minors.findIndex((m) => m.proof === null);
  const reason = proved
    ? 'J is positive definite and λ ≥ 0 for every admissible value, so every GD equilibrium has A = 0'
    : !quadraticForm || !euler
      ? 'an identity of the argument does not hold for this field'
      : !weightDecay.nonnegative
        ? 'λ ≥ 0 is not proved on the domain'
        : `the leading principal minor of order ${firstOpen + 1} of J, ${minors[firstOpen]!.minor.toString()}, is not proved positive on the domain`;
  return { proved, quadraticForm, euler, minors, weightDecay, reason };
}
