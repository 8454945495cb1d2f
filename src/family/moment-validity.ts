/**
 * Are a family's moments those of a real pair of views for every admissible value? The joint
 * matrix J = [[Σ1, Σ12], [Σ12ᵀ, Σ2]] must be positive semidefinite, i.e. every principal minor
 * ≥ 0. With data given as {covariance X, noise σ²}, J = [[X, X], [X, X]] + σ²I, so X PSD and
 * σ² ≥ 0 suffice and only X's minors are needed. Each minor goes to the sign prover; what it
 * cannot prove is stated as a hypothesis of every verdict (rates likewise: α > 0, τ > 0, λ ≥ 0).
 *
 * Example: `noise: sigma2` with `sigma2: positive` and `covariance: [[x]]`, `x: positive` is
 * proved valid: the minors are x and σ².
 */
import type { Poly } from '../poly/poly.js';
import type { FamilyDerivation } from './derive.js';
import { embed } from './derive.js';
import { jointMoments } from './collapse.js';
import { proveSign } from './domain.js';
import { determinantOf } from './poly-matrix.js';
import type { PositivityContext } from './positivity.js';

/** Above this size the principal minors are too many (2^n − 1) to prove one by one. */
const MAX_MINOR_ORDER = 8;

/**
 * Statements proved for every admissible value, and those assumed (every verdict holds under
 * them). Each is words with TeX math between dollar signs ("the weight decay $\\lambda \\ge 0$"):
 * the report typesets it, `check` prints it plainly (text.ts).
 */
export interface MomentValidity {
  proved: string[];
  hypotheses: string[];
}

function principalMinors(m: Poly[][]): Array<{ indices: number[]; minor: Poly }> {
  const n = m.length;
  const out: Array<{ indices: number[]; minor: Poly }> = [];
  for (let mask = 1; mask < 1 << n; mask++) {
    const indices = Array.from({ length: n }, (_, i) => i).filter((i) => mask & (1 << i));
    out.push({ indices, minor: determinantOf(indices.map((i) => indices.map((j) => m[i]![j]!))) });
  }
  return out;
}

export function momentValidity(d: FamilyDerivation, domain: PositivityContext): MomentValidity {
  const proved: string[] = [];
  const hypotheses: string[] = [];
  const ring = d.params.ring;
  const sign = (p: Poly, want: 'positive' | 'nonnegative', what: string) => {
    if (p.isConstant() ? (want === 'positive' ? p.constantTerm().sign() > 0 : p.constantTerm().sign() >= 0) : proveSign(p, domain, want) !== null) proved.push(what);
    else hypotheses.push(what);
  };
  const data = d.family.data;
  const matrix = data.kind === 'noise' ? data.covariance.map((row) => row.map((e) => embed(e, ring))) : jointMoments(d);
  const what = data.kind === 'noise' ? 'the clean covariance $X$ is positive semidefinite' : 'the joint moment matrix $J$ is positive semidefinite';
  if (matrix.length > MAX_MINOR_ORDER) hypotheses.push(what);
  else {
    const open = principalMinors(matrix).filter(({ minor }) => !(minor.isConstant() ? minor.constantTerm().sign() >= 0 : proveSign(minor, domain, 'nonnegative') !== null));
    (open.length === 0 ? proved : hypotheses).push(what);
  }
  if (data.kind === 'noise') sign(embed(data.noise, ring), 'nonnegative', 'the noise variance $\\sigma^2 \\ge 0$');
  sign(d.coefficients.weightDecay, 'nonnegative', 'the weight decay $\\lambda \\ge 0$');
  sign(d.coefficients.predictorRate, 'positive', 'the predictor rate $\\alpha > 0$');
  if (d.procedures.some((p) => p.procedure.recipe === 'moving-average')) sign(d.coefficients.emaRate, 'positive', 'the EMA rate $\\tau > 0$');
  return { proved, hypotheses };
}
