/**
 * The curl certificate of non-integrability (docs/math.md §3) and its independent re-check.
 *
 * A certificate is a rational point x and a pair (i, j) with ∂V_i/∂x_j(x) ≠ ∂V_j/∂x_i(x): by
 * Schwarz's theorem no C² function Φ has V = −∇Φ. The re-check below never differentiates
 * symbolically: it evaluates the field exactly along the line x + h·e_j at h = 0, 1, …, n (n the
 * degree) and reads the derivative at h = 0 off the forward differences, which is exact for a
 * polynomial of degree ≤ n. So a bug in the Jacobian code cannot confirm its own certificate.
 */
import { Rational } from '../exact/rational.js';
import type { Poly } from '../poly/poly.js';
import type { ExactPoint } from './finding.js';

export interface CurlCertificate {
  point: ExactPoint;
  /** Names of the two coordinates x_i, x_j. */
  i: string;
  j: string;
  /** ∂V_i/∂x_j at the point. */
  dVi_dxj: string;
  /** ∂V_j/∂x_i at the point. */
  dVj_dxi: string;
}

/**
 * ∂f/∂x_dir at `point`, exactly, from values of f only: with Δ the forward difference of step 1,
 * f'(0) = Σ_{k=1..n} (−1)^{k+1} Δ^k f(0) / k for any polynomial of degree ≤ n in h.
 */
export function derivativeByDifferences(f: Poly, point: Map<number, Rational>, dir: number): Rational {
  const n = Math.max(f.degree(), 1);
  const values: Rational[] = [];
  for (let h = 0; h <= n; h++) {
    const shift = Rational.fromBigInt(BigInt(h));
    values.push(
      f.evaluate((v) => {
        const x = point.get(v);
        if (x === undefined) throw new Error(`no value for ${f.ring.names[v]}`);
        return v === dir ? x.add(shift) : x;
      }),
    );
  }
  let diffs = values;
  let total = Rational.ZERO;
  for (let k = 1; k <= n; k++) {
    diffs = diffs.slice(1).map((d, idx) => d.sub(diffs[idx]!));
    const term = diffs[0]!.div(Rational.fromBigInt(BigInt(k)));
    total = k % 2 === 1 ? total.add(term) : total.sub(term);
  }
  return total;
}

export type CheckResult = { ok: true } | { ok: false; reason: string };

/**
 * Re-checks a curl certificate against the field alone (`field[k]` is V for coordinate
 * `names[k]`). Accepts only when both claimed derivatives are recomputed exactly and differ.
 * The field may be given as a function of k, so that a caller holding V can check W·V without
 * building every component: only the two the certificate names are read.
 */
export function checkCurlCertificate(
  field: readonly Poly[] | ((k: number) => Poly),
  names: readonly string[],
  cert: CurlCertificate,
): CheckResult {
  const component = typeof field === 'function' ? field : (k: number) => field[k]!;
  const ring = (typeof field === 'function' ? (names.length > 0 ? field(0) : undefined) : field[0])?.ring;
  if (!ring) return { ok: false, reason: 'empty field' };
  const point = new Map<number, Rational>();
  for (const name of names) {
    const text = cert.point[name];
    const value = text === undefined ? null : Rational.parse(text);
    if (value === null) return { ok: false, reason: `point has no rational value for ${name}` };
    point.set(ring.indexOf(name), value);
  }
  const i = names.indexOf(cert.i);
  const j = names.indexOf(cert.j);
  if (i < 0 || j < 0) return { ok: false, reason: 'unknown coordinate in certificate' };
  const dij = derivativeByDifferences(component(i), point, ring.indexOf(cert.j));
  const dji = derivativeByDifferences(component(j), point, ring.indexOf(cert.i));
  if (dij.toString() !== cert.dVi_dxj) return { ok: false, reason: `∂V_${cert.i}/∂${cert.j} is ${dij}, not ${cert.dVi_dxj}` };
  if (dji.toString() !== cert.dVj_dxi) return { ok: false, reason: `∂V_${cert.j}/∂${cert.i} is ${dji}, not ${cert.dVj_dxi}` };
  if (dij.equals(dji)) return { ok: false, reason: 'the two derivatives are equal: no curl at this point' };
  return { ok: true };
}
