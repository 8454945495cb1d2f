/**
 * Non-integrability certified at a point: the curl entry `∂V_i/∂x_j − ∂V_j/∂x_i` (or, with the
 * rates, `(P⁻¹DV)_ij − (P⁻¹DV)_ji`) enclosed by interval arithmetic over a small box around the
 * point. An enclosure that excludes 0 proves the curl nonzero on the whole box, so V (or P⁻¹V) is
 * the gradient of no C² function there, hence nowhere globally (docs/math.md §3, C1) — verdict
 * level "certified". Floats only pick which entry to try (a large curl entry, found without DV).
 *
 * A field with ReLUs is smooth only where no pre-activation vanishes: when the argument of any
 * ReLU or step in V (hence in DV) may be 0 on the box, V is not C¹ there and no certificate
 * is given.
 *
 * Example: `certifyCurlAt(dag, field, x, { radius: 2 ** -20, rates })` →
 *   `{ level: 'certified', i, j, enclosure: {lo, hi}, … }` or `{ level: 'inconclusive', reason }`.
 */
import { Rational } from '../exact/rational.js';
import { type Dag, type Node, Op } from '../expr/dag.js';
import { Program } from '../expr/evaluate.js';
import { seededRandom } from '../numeric/random.js';
import { type Interval, enclose, intervalArithmetic, nextDown, nextUp, signOf } from './interval.js';
import { IntervalPartials } from './partials.js';

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

export function certifyCurlAt(dag: Dag, field: readonly Node[], x: Float64Array, options: CurlOptions = {}): CurlCertificate {
  return curlCertifier(dag, field)(x, options);
}

/**
 * The certificate as a function of the point, with what every point shares made once: V's
 * program, its interval pass and the ReLU arguments. DV is never built as nodes: the float DV (to
 * pick the entry) is forward and reverse mode over V in floats, and the two entries of the chosen
 * curl are forward mode over V in intervals (partials.ts), ∂V_i/∂x_j over the nodes V_i needs and
 * ∂V_j/∂x_i over those V_j needs, which encloses both over the box.
 */
function curlCertifier(dag: Dag, field: readonly Node[]): (x: Float64Array, options: CurlOptions) => CurlCertificate {
  const n = field.length;
  const values = Program.of(dag, field); // the FloatField's, when it was compiled already
  const partials = new IntervalPartials(values);
  const nodes = new Float64Array(values.length); // the float values of V's nodes at the point
  const kinks = kinksOf(dag, field);
  return (x, options) => {
    const radius = options.radius ?? 2 ** -20;
    const rates = options.rates ?? null;
    const at = Array.from(x);
    const best = largeCurlEntry(values, x, n, rates ? rates.map((r) => 1 / r.toNumber()) : null, nodes);
    if (!(best.size > 0)) return { level: 'inconclusive', point: at, reason: 'zero-float-curl' };
    const { i, j } = best;
    const box = boxAround(x, radius);
    if (kinks && !kinks.run(intervalArithmetic, box).every((v) => signOf(v) !== 0)) return { level: 'inconclusive', point: at, reason: 'not-smooth-on-box' };
    const [a, b] = partials.at(box, [
      { root: i, variable: j }, // ∂V_i/∂x_j
      { root: j, variable: i }, // ∂V_j/∂x_i
    ]);
    const scaled = (v: Interval, k: number) => (rates ? intervalArithmetic.mul(v, enclose(Rational.ONE.div(rates[k]!))) : v);
    const enclosure = intervalArithmetic.add(scaled(a!, i), intervalArithmetic.neg(scaled(b!, j)));
    if (signOf(enclosure) === 0) return { level: 'inconclusive', point: at, reason: 'enclosure-contains-zero', enclosure };
    return { level: 'certified', point: at, radius, i, j, enclosure, rateAdjusted: rates !== null };
  };
}

/**
 * A large entry of the float curl C = W·DV − (W·DV)ᵀ (W the inverse rates), found in four passes
 * over V instead of one per coordinate: the row i where C·w is largest for a seeded w (forward
 * mode gives DV·w, reverse mode wᵀDV), then the largest entry of row i (DV·e_i and e_iᵀDV). Any
 * entry whose enclosure excludes 0 certifies; the largest is only the likeliest to.
 */
function largeCurlEntry(values: Program, x: Float64Array, n: number, weights: number[] | null, buffer: Float64Array): { i: number; j: number; size: number } {
  const nodes = values.nodeValues(x, buffer); // one pass of the values for the four derivative passes
  const rowOfC = (direction: Float64Array): Float64Array => {
    // (W·DV·d)_k − (DVᵀ·W·d)_k: forward along d, reverse with the weights W·d.
    const forward = values.floatJacobianVector(x, direction, nodes);
    const weighted = Float64Array.from(direction, (d, k) => (weights ? weights[k]! * d : d));
    const reverse = values.floatVectorJacobian(x, weighted, n, nodes);
    return Float64Array.from(forward, (f, k) => (weights ? weights[k]! * f : f) - reverse[k]!);
  };
  const rng = seededRandom(0x5eed);
  const w = Float64Array.from({ length: n }, () => rng.normal());
  const i = argmaxAbs(rowOfC(w));
  const unit = new Float64Array(n);
  unit[i] = 1;
  const column = rowOfC(unit); // C·e_i, the column i of C, which is minus its row i
  const j = argmaxAbs(column);
  const size = Math.abs(column[j]!);
  return i < j ? { i, j, size } : { i: j, j: i, size };
}

function argmaxAbs(v: Float64Array): number {
  let best = 0;
  for (let k = 1; k < v.length; k++) if (Math.abs(v[k]!) > Math.abs(v[best]!)) best = k;
  return best;
}

/**
 * The arguments of the ReLUs and steps V depends on, as one program (null when there are none).
 * DV has no others: differentiating relu(a) or step(a) brings in step(a) or nothing, at the same a.
 */
export function kinksOf(dag: Dag, field: readonly Node[]): Program | null {
  const kinks = dag.reachable(field).filter((m) => dag.op[m] === Op.RELU || dag.op[m] === Op.STEP).map((m) => dag.a[m]!);
  return kinks.length === 0 ? null : new Program(dag, kinks);
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
export function certifyCurlAtSamples(dag: Dag, field: readonly Node[], options: CurlOptions & { samples: number; seed: number }): CertifiedCurlSummary {
  const n = field.length;
  const certify = curlCertifier(dag, field);
  const rng = seededRandom(options.seed);
  const points = new Float64Array(options.samples * n);
  for (let k = 0; k < points.length; k++) points[k] = rng.normal();
  let first: CurlCertificate | null = null;
  let certifiedPoints = 0;
  const inconclusive: Record<string, number> = {};
  for (let s = 0; s < options.samples; s++) {
    const c = certify(points.subarray(s * n, (s + 1) * n), options);
    if (c.level === 'certified') {
      certifiedPoints++;
      first ??= c;
    } else inconclusive[c.reason] = (inconclusive[c.reason] ?? 0) + 1;
  }
  return { samples: options.samples, seed: options.seed, certifiedPoints, first, inconclusive };
}
