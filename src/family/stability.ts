/**
 * Stability at a closed-form equilibrium of a family (docs/math.md §6), for all admissible values.
 *
 * At x = N/D the Jacobian is DV(x) = Q / D^K with Q polynomial in the symbols and the free state
 * variables, so its eigenvalues are λ = μ / D^K for the roots μ of
 *   det(μI − Q) = μ^k · r(μ),
 * k the number of trailing coefficients that vanish identically. Substituting μ = D^K·λ in r and
 * removing the common factor gives r as a polynomial in λ with coefficients in the symbols: the
 * form a paper states (`sλ² + (a²s² + c² + sτ)λ + a²s²τ` for EMA). Then:
 *  - stable (transversally, for all admissible values): r(0) and every Hurwitz determinant of r
 *    proved positive on the domain, and the points form a k-dimensional set of equilibria — shown
 *    when exactly k state variables are free: the point is then a parametrisation of equilibria by
 *    them (an immersion: the free variables are coordinates);
 *  - unstable (for all admissible values): a coefficient of r proved negative (with r monic, a
 *    root then has positive real part);
 *  - otherwise the Hurwitz conditions are stated as the conditions under which the points are
 *    stable, and each is also evaluated at seeded admissible values (numerical, with its level).
 *
 * Example: the EMA scalar family's residual point (a, c/s, a) gives k = 1 and
 * r(λ) = sλ² + (a²s² + c² + sτ)λ + a²s²τ, whose Hurwitz determinants are positive for a ≠ 0 and s, c, τ > 0.
 */
import { Rational } from '../exact/rational.js';
import type { Poly } from '../poly/poly.js';
import type { FamilyProcedure } from './derive.js';
import { proveSign } from './domain.js';
import type { ParametricPoint } from './points.js';
import { clearedAt } from './points.js';
import { charpolyOf, commonFactor, hurwitzDeterminants } from './poly-matrix.js';
import { charpoly, splitZeroRoot } from '../exact/charpoly.js';
import { routhTest } from '../exact/hurwitz.js';
import { type ConditionRegion, type SquareProof, conditionRegion, proveBySquare, withoutPositiveFactors } from './condition-region.js';
import type { PositivityCertificate, PositivityContext, SignClass } from './positivity.js';

/**
 * `sampled`: the state is too large to form r in the symbols; the Jacobian is decided exactly at
 * each sampled admissible value instead (`atSamples`), free coordinates at 1.
 */
export type FamilyStabilityVerdict = 'stable' | 'unstable' | 'conditional' | 'sampled';

export interface Condition {
  /** Must be > 0. */
  polynomial: Poly;
  /** Proved > 0 (or < 0) on the domain. */
  proof: PositivityCertificate | null;
  negative: PositivityCertificate | null;
  /** At the seeded admissible values (symbols), with free variables at their probe values. */
  holdsAtSamples: { holds: number; of: number };
  /** A coefficient of r (negative: a root with positive real part) or a Hurwitz determinant. */
  kind: 'coefficient' | 'hurwitz';
  /** The same condition with factors positive on the domain removed, for reading. */
  display: Poly;
  /** Where it holds along one free coordinate, when derived (condition-region.ts). */
  region: ConditionRegion | null;
  /** Proved for every value of a free coordinate by completing the square (no kernel certificate). */
  square: SquareProof | null;
}

export interface FamilyStability {
  verdict: FamilyStabilityVerdict;
  /** det(μI − Q), coefficients leading first; μ = D^K·λ. */
  charpoly: Poly[];
  /** Multiplicity of μ = 0 as an identical factor. */
  kernel: number;
  /** r in λ (the eigenvalue variable of DV itself), a common factor removed, leading first. */
  reduced: Poly[];
  /** r's coefficients and Hurwitz determinants as conditions > 0. */
  conditions: Condition[];
  /** Why the verdict holds or what is missing. */
  reason: string;
  /** With `conditional`: at how many sampled values every condition holds (free coordinates at 1), exactly. */
  stableAtSamples?: { holds: number; of: number };
  /** With `sampled`: at how many sampled values the nonzero eigenvalues have negative real part, and the zero eigenvalues' multiplicities seen. */
  atSamples?: { hurwitz: number; of: number; kernels: number[] };
}

/** Above this state dimension r is not formed in the symbols: points are decided at sampled values. */
const MAX_SYMBOLIC_STATE = 6;

/** The exact Jacobian at the point for given symbol values (free variables at 1). */
function jacobianAt(fp: FamilyProcedure, point: ParametricPoint, values: ReadonlyMap<string, Rational>): Rational[][] | null {
  const ring = fp.field[0]!.ring;
  const symbol = (v: number) => values.get(ring.names[v]!) ?? Rational.ONE;
  const D = point.denominator.evaluate(symbol);
  if (D.isZero()) return null;
  const x = new Map(fp.state.map((v, k) => [v, point.numerators[k]!.evaluate(symbol).div(D)] as const));
  const at = (v: number) => x.get(v) ?? symbol(v);
  return fp.jacobian.map((row) => row.map((e) => (e.isZero() ? Rational.ZERO : e.evaluate(at))));
}

function sampledStability(fp: FamilyProcedure, point: ParametricPoint, samples: ReadonlyArray<ReadonlyMap<string, Rational>>): FamilyStability {
  let hurwitz = 0;
  let of = 0;
  const kernels = new Set<number>();
  for (const values of samples) {
    const J = jacobianAt(fp, point, values);
    if (J === null) continue;
    of++;
    const { k, rest } = splitZeroRoot(charpoly(J));
    kernels.add(k);
    if (rest.length === 1 || routhTest(rest).hurwitz) hurwitz++;
  }
  return {
    verdict: 'sampled',
    charpoly: [],
    kernel: kernels.size === 0 ? 0 : Math.min(...kernels),
    reduced: [],
    conditions: [],
    reason: `decided at ${of} sampled admissible values, exactly at each: the nonzero eigenvalues have negative real part at ${hurwitz} of them`,
    atSamples: { hurwitz, of, kernels: [...kernels].sort() },
  };
}

export function familyStability(
  fp: FamilyProcedure,
  point: ParametricPoint,
  domain: PositivityContext,
  samples: ReadonlyArray<ReadonlyMap<string, Rational>>,
): FamilyStability {
  if (fp.state.length > MAX_SYMBOLIC_STATE) return sampledStability(fp, point, samples);
  const ring = fp.field[0]!.ring;
  const K = Math.max(0, point.degree - 1);
  const Q = fp.jacobian.map((row) => row.map((e) => clearedAt(e, point, fp.state, K)));
  const charpoly = charpolyOf(Q);
  const n = charpoly.length - 1;
  let kernel = 0;
  while (kernel < n && charpoly[n - kernel]!.isZero()) kernel++;
  const d = n - kernel;
  // r(μ) = Σ c_i μ^(d−i) with μ = D^K·λ: r(D^K λ) = Σ c_i D^(K(d−i)) λ^(d−i), whose roots are
  // exactly the nonzero eigenvalues of DV(x); a common factor (free of λ) changes no root.
  const scale = (i: number) => point.denominator.pow(K * (d - i));
  const reduced = commonFactor(charpoly.slice(0, d + 1).map((c, i) => c.mul(scale(i)))).primitive;
  const signs = new Map(domain.signs);
  for (const f of point.free) signs.set(ring.names[f.variable]!, f.sign);
  const dom: PositivityContext = { ...domain, signs };
  const hurwitz = reduced.length > 1 ? hurwitzDeterminants(reduced) : [];
  // With a0 > 0: Hurwitz ⇔ a1, …, ad > 0 and Δ2, …, Δ(d−1) > 0 (Δ1 = a1, Δd = ad·Δ(d−1)).
  const polys = [...reduced.slice(1), ...hurwitz.slice(1, -1)];
  const evaluateAt = (p: Poly, values: ReadonlyMap<string, Rational>): Rational => p.evaluate((v) => values.get(ring.names[v]!) ?? freeProbe());
  const conditions: Condition[] = dedupe(polys).map((p) => ({
    polynomial: p,
    kind: reduced.slice(1).some((c) => c.equals(p)) ? ('coefficient' as const) : ('hurwitz' as const),
    proof: proveSign(p, dom, 'positive'),
    negative: proveSign(p, dom, 'negative'),
    holdsAtSamples: { holds: samples.filter((s) => evaluateAt(p, s).sign() > 0).length, of: samples.length },
    display: withoutPositiveFactors(p, dom),
    region: conditionRegion(withoutPositiveFactors(p, dom), point.free.filter((f) => f.sign === 'real').map((f) => f.variable), dom),
    square: proveBySquare(p, point.free.map((f) => f.variable), dom),
  }));
  const leadPositive = reduced[0]!.isConstant() ? reduced[0]!.constantTerm().sign() > 0 : proveSign(reduced[0]!, dom, 'positive') !== null;
  const allProved = leadPositive && conditions.every((c) => c.proof !== null || c.square !== null);
  const someNegative = leadPositive && reduced.slice(1).some((p) => proveSign(p, dom, 'negative') !== null);
  const manifold = point.free.length === kernel && point.sampled.length === 0;
  const exists = point.denominator.isConstant() || point.denominatorSign !== null;
  let verdict: FamilyStabilityVerdict;
  let reason: string;
  if (someNegative) {
    verdict = 'unstable';
    reason = 'a coefficient of r is negative for every admissible value, so r has a root with positive real part';
  } else if (allProved && manifold) {
    verdict = 'stable';
    reason =
      kernel === 0
        ? 'every Hurwitz determinant of the characteristic polynomial is positive for every admissible value'
        : `every Hurwitz determinant of r is positive for every admissible value, and the points form a ${kernel}-dimensional set of equilibria parametrised by the free coordinate${kernel > 1 ? 's' : ''}, which carries the zero eigenvalue${kernel > 1 ? 's' : ''}`;
  } else if (allProved) {
    verdict = 'conditional';
    reason = `the nonzero eigenvalues have negative real part for every admissible value; stability also needs a ${kernel}-dimensional set of equilibria through the point, which is not shown here`;
  } else {
    verdict = 'conditional';
    reason = 'stable exactly where every listed condition is positive, which is not proved on the whole domain';
  }
  if (!exists && verdict !== 'conditional') reason += ` (where ${point.denominator} ≠ 0)`;
  const everyCondition = (values: ReadonlyMap<string, Rational>) => evaluateAt(reduced[0]!, values).sign() > 0 && conditions.every((c) => evaluateAt(c.polynomial, values).sign() > 0);
  const stableAtSamples = verdict === 'conditional' ? { stableAtSamples: { holds: samples.filter(everyCondition).length, of: samples.length } } : {};
  return { verdict, charpoly, kernel, reduced, conditions, reason, ...stableAtSamples };
}

/** Free variables take the value 1 in the numeric samples (a ≠ 0 holds there). */
function freeProbe(): Rational {
  return Rational.ONE;
}

function dedupe(polys: Poly[]): Poly[] {
  const out: Poly[] = [];
  for (const p of polys) if (!out.some((q) => q.equals(p))) out.push(p);
  return out;
}

export type { SignClass };
