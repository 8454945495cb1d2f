/**
 * Non-integrability certified at a point: the curl entry `∂V_i/∂x_j − ∂V_j/∂x_i` (or, with the
 * rates, `(P⁻¹DV)_ij − (P⁻¹DV)_ji`) enclosed by interval arithmetic over a small box around the
 * point. An enclosure that excludes 0 proves the curl nonzero on the whole box, so V (or P⁻¹V) is
 * the gradient of no C² function there, hence nowhere globally (docs/math.md §3, C1) — verdict
 * level "certified". The float Jacobian only picks which entry to try (the largest curl).
 *
 * A field with ReLUs is smooth only where no pre-activation vanishes: when the argument of any
 * ReLU or of its step derivative in DV may be 0 on the box, V is not C¹ there and no certificate
 * is given.
 *
 * Example: `certifyCurlAt(dag, jacobian, rates, x, { radius: 2 ** -20 })` →
 *   `{ level: 'certified', i, j, enclosure: {lo, hi}, … }` or `{ level: 'inconclusive', reason }`.
 */
import { Rational } from '../exact/rational.js';
import { type Dag, type Node, Op } from '../expr/dag.js';
import { Program } from '../expr/evaluate.js';
import { seededRandom } from '../numeric/random.js';
import { type Interval, enclose, intervalArithmetic, nextDown, nextUp, signOf } from './interval.js';

export type CurlCertificate =
  | {
      level: 'certified';
      /** The box's centre, and its half-width relative to 1 + |x_k| in each coordinate. */
      point: number[];
      radius: number;
      /** The curl entry (i < j) and its enclosure over the box, which excludes 0. */
      i: number;
      j: number;
      enclosure: Interval;
      rateAdjusted: boolean;
    }
  | { level: 'inconclusive'; point: number[]; reason: 'zero-float-curl' | 'enclosure-contains-zero' | 'not-smooth-on-box'; enclosure?: Interval };

export interface CurlOptions {
  /** Half-width of the box relative to 1 + |x_k|; default 2⁻²⁰. */
  radius?: number;
  /** Divide row i of DV by rate i first (the curl of P⁻¹V). */
  rates?: readonly Rational[] | null;
}

/** The box x_k ± radius·(1 + |x_k|), its ends rounded outward. */
export function boxAround(x: Float64Array, radius: number): Interval[] {
  return Array.from(x, (c) => {
    const r = radius * (1 + Math.abs(c));
    return { lo: nextDown(c - r), hi: nextUp(c + r) };
  });
}

export function certifyCurlAt(dag: Dag, jacobian: readonly (readonly Node[])[], x: Float64Array, options: CurlOptions = {}): CurlCertificate {
  const n = jacobian.length;
  const radius = options.radius ?? 2 ** -20;
  const rates = options.rates ?? null;
  const at = Array.from(x);
  const dv = new Program(dag, jacobian.flat()).floats(x);
  const weight = (i: number) => (rates ? 1 / rates[i]!.toNumber() : 1);
  let best = { i: -1, j: -1, size: 0 };
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const size = Math.abs(weight(i) * dv[i * n + j]! - weight(j) * dv[j * n + i]!);
      if (size > best.size) best = { i, j, size };
    }
  }
  if (!(best.size > 0)) return { level: 'inconclusive', point: at, reason: 'zero-float-curl' };
  const { i, j } = best;
  const box = boxAround(x, radius);
  if (!smoothOnBox(dag, jacobian, box)) return { level: 'inconclusive', point: at, reason: 'not-smooth-on-box' };
  const [a, b] = new Program(dag, [jacobian[i]![j]!, jacobian[j]![i]!]).run(intervalArithmetic, box);
  const scaled = (v: Interval, k: number) => (rates ? intervalArithmetic.mul(v, enclose(Rational.ONE.div(rates[k]!))) : v);
  const enclosure = intervalArithmetic.add(scaled(a!, i), intervalArithmetic.neg(scaled(b!, j)));
  if (signOf(enclosure) === 0) return { level: 'inconclusive', point: at, reason: 'enclosure-contains-zero', enclosure };
  return { level: 'certified', point: at, radius, i, j, enclosure, rateAdjusted: rates !== null };
}

/** Whether no ReLU or step argument reachable from DV can vanish on the box (true when there are none). */
function smoothOnBox(dag: Dag, jacobian: readonly (readonly Node[])[], box: Interval[]): boolean {
  const kinks = dag.reachable(jacobian.flat()).filter((n) => dag.op[n] === Op.RELU || dag.op[n] === Op.STEP).map((n) => dag.a[n]!);
  if (kinks.length === 0) return true;
  return new Program(dag, kinks).run(intervalArithmetic, box).every((v) => signOf(v) !== 0);
}

export interface CertifiedCurlSummary {
  samples: number;
  seed: number;
  certifiedPoints: number;
  /** The first certificate found, in sampling order (null when none). */
  first: CurlCertificate | null;
  /** Why the other points were not certified, by reason. */
  inconclusive: Record<string, number>;
}

/**
 * Tries the certificate at seeded standard-normal points (the points of the float curl check,
 * `sampleCurlOfField`), all of them, so the summary says how widely the curl is certified.
 */
export function certifyCurlAtSamples(dag: Dag, jacobian: readonly (readonly Node[])[], options: CurlOptions & { samples: number; seed: number }): CertifiedCurlSummary {
  const n = jacobian.length;
  const rng = seededRandom(options.seed);
  const points = new Float64Array(options.samples * n);
  for (let k = 0; k < points.length; k++) points[k] = rng.normal();
  let first: CurlCertificate | null = null;
  let certifiedPoints = 0;
  const inconclusive: Record<string, number> = {};
  for (let s = 0; s < options.samples; s++) {
    const c = certifyCurlAt(dag, jacobian, points.subarray(s * n, (s + 1) * n), options);
    if (c.level === 'certified') {
      certifiedPoints++;
      first ??= c;
    } else inconclusive[c.reason] = (inconclusive[c.reason] ?? 0) + 1;
  }
  return { samples: options.samples, seed: options.seed, certifiedPoints, first, inconclusive };
}
