/**
 * Beyond the paper (issue 4, item 6): is the field a gradient for ANY constant metric? That is,
 * is there a symmetric G ≠ 0 with G · DV(x) symmetric for every x? (If G is invertible and
 * G·DV symmetric everywhere, then G·V = −∇Φ for some Φ and V = −G⁻¹∇Φ.)
 *
 * The condition is linear in the n(n+1)/2 entries of G. Its equations at random points are
 * reduced modulo primes (src/exact/modular-nullspace.ts): full rank modulo a prime proves that
 * only G = 0 remains; otherwise the candidate basis is verified as an exact polynomial identity.
 *
 * Example: GD with rates P has the metric P⁻¹ (and its multiples); SG on the scalar model has none.
 */
import { Rational } from '../exact/rational.js';
import { isPositiveDefinite, type Matrix } from '../exact/linear-algebra.js';
import { compilePolysMod } from '../exact/modular-poly.js';
import { modularNullspace } from '../exact/modular-nullspace.js';
import { Poly } from '../poly/poly.js';
import type { ProcedureDerivation } from '../procedures/derive.js';

export interface MetricFinding {
  level: 'proved' | 'inconclusive';
  /** True when some symmetric G ≠ 0 makes G·DV symmetric everywhere. */
  exists: boolean;
  /** A basis of the space of such G (empty when only G = 0), as exact matrices. */
  basis: Matrix[];
  /** Per basis element: is it positive definite (a genuine Riemannian metric)? */
  positiveDefinite: boolean[];
  /** True when the inverse rate matrix P⁻¹ is such a G (the metric of a preconditioned gradient). */
  inverseRatesWork: boolean;
  certificate: { unknowns: number; rank: number; primes: number[]; equations?: number };
  reason?: string;
}

/** Index of the unknown G_ij (i ≤ j) in the list of the n(n+1)/2 unknowns. */
function unknownIndex(n: number): (i: number, j: number) => number {
  const start: number[] = [];
  let k = 0;
  for (let i = 0; i < n; i++) {
    start.push(k - i);
    k += n - i;
  }
  return (i, j) => (i <= j ? start[i]! + j : start[j]! + i);
}

/** True when G·DV − (G·DV)ᵀ ≡ 0 as polynomials. */
export function isMetricOf(g: Matrix, d: ProcedureDerivation): boolean {
  const n = d.state.length;
  const ring = d.field[0]!.ring;
  const gdv = (i: number, j: number): Poly =>
    Poly.sum(
      ring,
      g[i]!.map((gik, k) => (gik.isZero() ? Poly.zero(ring) : d.jacobian[k]![j]!.scale(gik))),
    );
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (!gdv(i, j).equals(gdv(j, i))) return false;
  return true;
}

/** Most unknown entries of G attempted (dense modular elimination is cubic in them). */
export const MAX_METRIC_UNKNOWNS = 5000;

export function findConstantMetric(d: ProcedureDerivation, options: { seed: number }): MetricFinding {
  const n = d.state.length;
  const index = unknownIndex(n);
  const unknowns = (n * (n + 1)) / 2;
  if (unknowns > MAX_METRIC_UNKNOWNS) {
    return {
      level: 'inconclusive',
      exists: false,
      basis: [],
      positiveDefinite: [],
      inverseRatesWork: false,
      certificate: { unknowns, rank: 0, primes: [] },
      reason: `${unknowns} unknown entries of G exceed the limit of ${MAX_METRIC_UNKNOWNS}`,
    };
  }
  const toMatrix = (c: Rational[]): Matrix => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => c[index(i, j)]!));
  const result = modularNullspace(
    {
      unknowns,
      equations(p, rng) {
        const jac = compilePolysMod(d.jacobian.flat(), d.state, p);
        const x = d.state.map(() => rng.int(0, p - 1));
        const J = jac.evaluate(x); // J[k*n + j] = ∂V_k/∂x_j
        const rows: number[][] = [];
        // (G J)_ij − (G J)_ji = Σ_k G_ik J_kj − Σ_k G_jk J_ki for i < j.
        for (let i = 0; i < n; i++) {
          for (let j = i + 1; j < n; j++) {
            const row = new Array<number>(unknowns).fill(0);
            for (let k = 0; k < n; k++) {
              const a = index(i, k);
              row[a] = (row[a]! + J[k * n + j]!) % p;
              const b = index(j, k);
              row[b] = (row[b]! + p - J[k * n + i]!) % p;
            }
            rows.push(row);
          }
        }
        return rows;
      },
      verify: (c) => isMetricOf(toMatrix(c), d),
    },
    options.seed,
  );
  const inverseRates = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? d.rates[i]!.inv() : Rational.ZERO)));
  const inverseRatesWork = isMetricOf(inverseRates, d);
  if (result.status === 'inconclusive') {
    return {
      level: 'inconclusive',
      exists: inverseRatesWork,
      basis: [],
      positiveDefinite: [],
      inverseRatesWork,
      certificate: { unknowns, rank: result.rank, primes: result.primes },
      reason: result.reason,
    };
  }
  const basis = result.basis.map(toMatrix);
  return {
    level: 'proved',
    exists: basis.length > 0,
    basis,
    positiveDefinite: basis.map(isPositiveDefinite),
    inverseRatesWork,
    certificate: { unknowns, rank: result.rank, primes: result.primes, equations: result.equations },
  };
}
