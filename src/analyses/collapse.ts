/**
 * Collapse (docs/math.md C2–C3, issue 4, item 4).
 *
 * GD: a proof, derived from the field and the moments, that every equilibrium is collapsed:
 *  1. E(A, B) = F(A, B, A) = ½ tr(Y J Yᵀ) with Y = [B A, −A] and J = [[Σ1, Σ12], [Σ12ᵀ, Σ2]]
 *     the joint moment matrix (checked as a polynomial identity); so E ≥ 0 when J is PSD.
 *  2. E is homogeneous of degree 2 in the encoder parameters, so Σ_u u·∂_u E = 2E; GD has
 *     V_u = −∂_u E − λu, hence Σ_u u·V_u + λ‖a‖² + 2E ≡ 0 (checked as a polynomial identity).
 *     At an equilibrium V = 0, so 2E = −λ‖a‖².
 *  3. λ > 0: 0 ≤ 2E = −λ‖a‖² ≤ 0 forces a = 0. λ = 0: E = 0, so Y J Yᵀ has zero trace; with J
 *     positive definite this forces Y = 0, so A = 0. With J singular and λ = 0 the argument stops:
 *     inconclusive (E = 0 can then hold off A = 0).
 * When the argument stops and the samplers found an exact equilibrium with A ≠ 0, the claim is
 * refuted on this variant, with that point as the counterexample.
 * Which collapsed equilibria attract is read off the stability verdicts at the sampled collapsed
 * points. SG and EMA: whether non-collapsed equilibria exist (proved by an exact rational point
 * with A ≠ 0 where V = 0), which are stable, and the share of each kind among the sampled points.
 *
 * Example: GD on the scalar model is proved to collapse (J = [[5/2, 2], [2, 5/2]] ≻ 0).
 */
import { Rational } from '../exact/rational.js';
import { isPositiveDefinite } from '../exact/linear-algebra.js';
import { psdCheck } from '../exact/psd.js';
import { targetToEncoder, type Parametrization } from '../model/parameters.js';
import type { Model } from '../model/model.js';
import { Poly } from '../poly/poly.js';
import type { Derivation, ProcedureDerivation } from '../procedures/derive.js';
import type { ComponentId, EquilibriaFinding, FlowSummary } from './equilibria.js';
import type { Level } from './finding.js';
import type { PointStability, StabilityVerdict } from './stability.js';

/**
 * The steps of the GD collapse proof, in order: E as a quadratic form in J, the definiteness of
 * J, Euler's identity, and the conclusion by weight decay or by J ≻ 0 (when the proof completes).
 */
export type GdCollapseStepId = 'quadratic-form' | 'joint-moments' | 'euler' | 'weight-decay' | 'definite-moments';

export interface GdCollapseProof {
  claim: string;
  level: Level;
  /** Each step with whether it was checked exactly; `id` says which step it is. */
  steps: Array<{ id: GdCollapseStepId; statement: string; checked: boolean }>;
  jointMoments: 'positive definite' | 'positive semidefinite, singular' | 'not positive semidefinite';
  /** Why the proof holds, or where it stops. */
  reason: string;
  /** With level 'refuted': the exact non-collapsed equilibrium that refutes the claim. */
  counterexample?: string;
}

export interface ComponentShare {
  component: ComponentId;
  title: string;
  points: number;
  exactPoints: number;
  verdicts: Record<StabilityVerdict, number>;
}

export interface CollapseFinding {
  /** For GD: the proof (or why it stops). Null for SG and EMA. */
  gd: GdCollapseProof | null;
  /** Do non-collapsed equilibria exist? proved by an exact witness, numerical by a float one. */
  nonCollapsed: { exists: boolean | null; level: Level; evidence: string };
  /** Share of sampled equilibria of each component, with their stability verdicts. */
  shares: ComponentShare[];
  /** Float flows from random starts: how many ended collapsed. */
  flows: FlowSummary | null;
}

function jointMomentMatrix(model: Model): Rational[][] {
  const { sigma1, sigma2, sigma12 } = model.moments;
  const p = sigma1.length;
  return Array.from({ length: 2 * p }, (_, i) =>
    Array.from({ length: 2 * p }, (_, j) => {
      if (i < p && j < p) return sigma1[i]![j]!;
      if (i >= p && j >= p) return sigma2[i - p]![j - p]!;
      return i < p ? sigma12[i]![j - p]! : sigma12[j]![i - p]!;
    }),
  );
}

/** ½ tr(Y J Yᵀ) with Y = [B A, −A], as a polynomial in the GD state. */
function quadraticForm(params: Parametrization, J: Rational[][]): Poly {
  const ring = params.ring;
  const A = params.encoder.matrix;
  const B = params.predictor.matrix;
  const q = A.length;
  const p = A[0]!.length;
  const BA = B.map((row) => Array.from({ length: p }, (_, j) => Poly.sum(ring, row.map((b, k) => (b.isZero() ? b : b.mul(A[k]![j]!))))));
  const Y = Array.from({ length: q }, (_, i) => [...BA[i]!, ...A[i]!.map((a) => a.neg())]);
  const terms: Poly[] = [];
  for (const row of Y) {
    for (let a = 0; a < 2 * p; a++) {
      if (row[a]!.isZero()) continue;
      const jy = Poly.sum(ring, row.map((y, b) => (J[a]![b]!.isZero() || y.isZero() ? Poly.zero(ring) : y.scale(J[a]![b]!))));
      terms.push(row[a]!.mul(jy));
    }
  }
  return Poly.sum(ring, terms).scale(Rational.of(1, 2));
}

export function proveGdCollapse(derivation: Derivation, d: ProcedureDerivation): GdCollapseProof {
  const { model, params } = derivation;
  const ring = params.ring;
  const E = derivation.objective.renameVariables(targetToEncoder(params));
  const J = jointMomentMatrix(model);
  const formHolds = quadraticForm(params, J).equals(E);
  const encoder = d.state.flatMap((v, k) => (params.encoder.variables.includes(v) ? [k] : []));
  const lambda = model.weightDecay;
  const euler = Poly.sum(
    ring,
    encoder.map((k) => {
      const u = Poly.variable(ring, d.state[k]!);
      return u.mul(d.field[k]!).add(u.mul(u).scale(lambda));
    }),
  ).add(E.scale(Rational.of(2)));
  const eulerHolds = euler.isZero();
  const psd = psdCheck(J).psd;
  const pd = psd && isPositiveDefinite(J);
  const jointMoments = pd ? 'positive definite' : psd ? 'positive semidefinite, singular' : 'not positive semidefinite';
  const steps: GdCollapseProof['steps'] = [
    { id: 'quadratic-form', statement: 'E(A, B) = F(A, B, A) = ½ tr(Y J Yᵀ) with Y = [B A, −A] and J = [[Σ1, Σ12], [Σ12ᵀ, Σ2]]', checked: formHolds },
    { id: 'joint-moments', statement: `J is ${jointMoments}`, checked: true },
    {
      id: 'euler',
      statement: 'Σ_u u·V_u + λ‖a‖² + 2E ≡ 0 over the encoder parameters u (Euler: E is 2-homogeneous in A), so 2E = −λ‖a‖² at every equilibrium',
      checked: eulerHolds,
    },
  ];
  const claim = 'every equilibrium of GD is collapsed (A = 0)';
  if (!formHolds || !eulerHolds) {
    return { claim, level: 'inconclusive', steps, jointMoments, reason: 'an identity the argument needs does not hold for this field' };
  }
  if (!psd) {
    return { claim, level: 'inconclusive', steps, jointMoments, reason: 'the joint moment matrix is not PSD, so E ≥ 0 is not available' };
  }
  if (lambda.sign() > 0) {
    steps.push({ id: 'weight-decay', statement: 'λ > 0 and E ≥ 0: 0 ≤ 2E = −λ‖a‖² ≤ 0 forces a = 0', checked: true });
    return { claim, level: 'proved', steps, jointMoments, reason: 'weight decay with E ≥ 0' };
  }
  if (!pd) {
    return { claim, level: 'inconclusive', steps, jointMoments, reason: 'λ = 0 gives E = 0 at equilibria, but J is singular, so E = 0 does not force A = 0' };
  }
  steps.push({ id: 'definite-moments', statement: 'λ = 0: E = ½ tr(Y J Yᵀ) = 0 with J ≻ 0 forces Y = 0, so A = 0', checked: true });
  return { claim, level: 'proved', steps, jointMoments, reason: 'E vanishes at every equilibrium and J is positive definite' };
}

const emptyVerdicts = (): Record<StabilityVerdict, number> => ({
  'transversally asymptotically stable': 0,
  unstable: 0,
  degenerate: 0,
  inconclusive: 0,
});

export function analyseCollapse(
  derivation: Derivation,
  d: ProcedureDerivation,
  equilibria: EquilibriaFinding,
  stability: PointStability[][],
): CollapseFinding {
  const shares: ComponentShare[] = equilibria.components.map((c, i) => {
    const verdicts = emptyVerdicts();
    for (const s of stability[i] ?? []) verdicts[s.verdict]++;
    return { component: c.id, title: c.title, points: c.points.length, exactPoints: c.points.filter((p) => p.exact).length, verdicts };
  });
  const points = equilibria.components.flatMap((c) => c.points);
  const exactWitness = points.find((p) => p.exact && !p.collapsed);
  const floatWitness = points.find((p) => !p.exact && !p.collapsed);
  let gd = d.procedure.recipe === 'identify-then-differentiate' ? proveGdCollapse(derivation, d) : null;
  if (gd && gd.level !== 'proved' && exactWitness) {
    // C3 fails on this variant: an exact equilibrium with A ≠ 0 is a counterexample (e.g. views
    // with Σ1 = Σ2 = Σ12, where B = I makes E vanish for every A).
    const i = equilibria.components.findIndex((c) => c.points.includes(exactWitness));
    const stable = stability[i]?.[equilibria.components[i]!.points.indexOf(exactWitness)];
    const at = d.stateNames.map((n, k) => `${n} = ${(exactWitness.values[k] as Rational).toString()}`).join(', ');
    gd = {
      ...gd,
      level: 'refuted',
      counterexample: `${at} is an equilibrium with A ≠ 0 (every component of V is exactly 0 there)${stable ? `, ${stable.verdict} (${stable.level})` : ''}`,
    };
  }
  let nonCollapsed: CollapseFinding['nonCollapsed'];
  if (exactWitness) {
    nonCollapsed = { exists: true, level: 'proved', evidence: 'a rational point with A ≠ 0 where every component of V is exactly 0' };
  } else if (gd && gd.level === 'proved') {
    nonCollapsed = { exists: false, level: 'proved', evidence: 'GD collapse proof' };
  } else if (floatWitness) {
    nonCollapsed = { exists: true, level: 'numerical', evidence: `a float point with A ≠ 0 and max |V_i| = ${floatWitness.residual.toExponential(2)}` };
  } else {
    nonCollapsed = { exists: null, level: 'inconclusive', evidence: 'no non-collapsed equilibrium was found by the samplers' };
  }
  return { gd, nonCollapsed, shares, flows: equilibria.flows };
}
