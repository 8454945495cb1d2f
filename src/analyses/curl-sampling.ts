/**
 * The float verifier beside the exact one: the curl `DV − DVᵀ` (or `P⁻¹DV − (P⁻¹DV)ᵀ`) through
 * the compiled Jacobian at seeded standard-normal points. It must agree with the exact verdict:
 * an integrable field has zero curl everywhere; a non-integrable one has nonzero curl at almost
 * every point.
 */
import type { Rational } from '../exact/rational.js';
import { CompileBuffers, EVALUATION_BATCH, compilePolys } from '../poly/compile.js';
import type { Poly } from '../poly/poly.js';
import { CURL_VALUES_PER_POINT, curlOfBatch } from '../numeric/curl-batch.js';
import type { FloatField } from '../numeric/float-field.js';
import { type BatchScratch, batchScratch, curlAtPoints, type Parallelism, wantsWorker } from '../numeric/curl-points.js';
import { seededRandom } from '../numeric/random.js';

export interface SampledCurl {
  level: 'numerical';
  samples: number;
  seed: number;
  /** A point counts as nonzero when its largest |curl entry| exceeds tolerance · (1 + max |DV|). */
  tolerance: number;
  nonzeroPoints: number;
  nonzeroShare: number;
  /** The largest |curl entry| over all points. */
  maxCurl: number;
}

export const CURL_TOLERANCE = 1e-9;

function summary(options: { samples: number; seed: number }, t: { nonzero: number; max: number }): SampledCurl {
  return {
    level: 'numerical',
    samples: options.samples,
    seed: options.seed,
    tolerance: CURL_TOLERANCE,
    nonzeroPoints: t.nonzero,
    nonzeroShare: options.samples === 0 ? 0 : t.nonzero / options.samples,
    maxCurl: t.max,
  };
}

/**
 * Memory reused from one call to the next while a computation runs: the compiled Jacobian's term
 * arrays and this thread's batch scratch (about 110 MB at d = 16). Held through WeakRefs, so it
 * lives as long as the synchronous run that uses it and is then left to the collector.
 */
const reusable: { shared: WeakRef<CompileBuffers> | null; local: WeakRef<CompileBuffers> | null; scratch: WeakRef<BatchScratch> | null } = {
  shared: null,
  local: null,
  scratch: null,
};

function compileBuffers(shared: boolean): CompileBuffers {
  const held = (shared ? reusable.shared : reusable.local)?.deref();
  if (held) return held;
  const made = new CompileBuffers(shared);
  if (shared) reusable.shared = new WeakRef(made);
  else reusable.local = new WeakRef(made);
  return made;
}

/**
 * The curl tallies of V and, when `rates` is given, of P⁻¹V, at `options.samples` seeded
 * standard-normal points. `options.parallel` ('auto' by default) lets a worker thread evaluate
 * some of the points when the Jacobian is large; the result is the same either way.
 *
 * Example: `sampleCurl(d.jacobian, d.state, null, { samples: 64, seed: 1 }).euclidean.nonzeroPoints`.
 */
export function sampleCurl(
  jacobian: readonly Poly[][],
  state: readonly number[],
  rates: readonly Rational[] | null,
  options: { samples: number; seed: number; parallel?: Parallelism },
): { euclidean: SampledCurl; rateAdjusted: SampledCurl | null } {
  const n = state.length;
  const inverseRates = rates?.map((r) => 1 / r.toNumber()) ?? null;
  if (options.samples === 0) {
    const none = summary(options, { nonzero: 0, max: 0 });
    return { euclidean: none, rateAdjusted: inverseRates ? none : null };
  }
  // Entries row by row (a plain loop: Array.prototype.flat took 0.4 s on 590 000 entries).
  const entries: Poly[] = new Array(n * n);
  let terms = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const entry = jacobian[i]![j]!;
      entries[i * n + j] = entry;
      terms += entry.size;
    }
  }
  const parallel = options.parallel ?? 'auto';
  const shared = wantsWorker(terms, options.samples, parallel);
  const compiled = compilePolys(entries, state, { buffers: compileBuffers(shared) });
  // The points, drawn in order from the seeded generator: point k is points[k·n … (k+1)·n).
  const rng = seededRandom(options.seed);
  const points = new Float64Array(options.samples * n);
  for (let k = 0; k < points.length; k++) points[k] = rng.normal();
  const weights = inverseRates ? Float64Array.from(inverseRates) : null;
  const scratch = batchScratch(compiled.program, reusable.scratch?.deref());
  reusable.scratch = new WeakRef(scratch);
  const values = curlAtPoints({ program: compiled.program, n, weights, points, samples: options.samples }, parallel, scratch);
  return tallyCurl(values, weights !== null, options);
}

/** Counts the points whose curl exceeds the tolerance, from the per-point numbers of `curlOfBatch`. */
function tallyCurl(values: Float64Array, rateAdjusted: boolean, options: { samples: number; seed: number }): { euclidean: SampledCurl; rateAdjusted: SampledCurl | null } {
  const tallies = (rateAdjusted ? [0, 1] : [0]).map((k) => {
    const t = { nonzero: 0, max: 0 };
    for (let point = 0; point < options.samples; point++) {
      const curl = values[point * CURL_VALUES_PER_POINT + 2 * k]!;
      const scale = values[point * CURL_VALUES_PER_POINT + 2 * k + 1]!;
      if (curl > CURL_TOLERANCE * (1 + scale)) t.nonzero++;
      t.max = Math.max(t.max, curl);
    }
    return t;
  });
  return { euclidean: summary(options, tallies[0]!), rateAdjusted: tallies[1] ? summary(options, tallies[1]) : null };
}

/**
 * The same tallies for a field known only in floats (no polynomial form to compile into a batch
 * program): DV evaluated point by point through `field.jacobian`, at the same seeded points as
 * `sampleCurl`, each point's curl computed by the same `curlOfBatch` as a batch of one.
 *
 * Example: `sampleCurlOfField(d.float, d.rates, { samples: 64, seed: 1 })` equals `sampleCurl(d.jacobian, d.state, d.rates, …)`.
 */
export function sampleCurlOfField(
  field: FloatField,
  rates: readonly Rational[] | null,
  options: { samples: number; seed: number },
): { euclidean: SampledCurl; rateAdjusted: SampledCurl | null } {
  const n = field.dimension;
  const weights = rates ? Float64Array.from(rates, (r) => 1 / r.toNumber()) : null;
  const rng = seededRandom(options.seed);
  const points = new Float64Array(options.samples * n);
  for (let k = 0; k < points.length; k++) points[k] = rng.normal();
  const jacobian = new Float64Array(n * n);
  const batch = new Float64Array(n * n * EVALUATION_BATCH); // entry (i, j) of the one point at (i·n + j)·B
  const values = new Float64Array(options.samples * CURL_VALUES_PER_POINT);
  for (let point = 0; point < options.samples; point++) {
    field.jacobian(points.subarray(point * n, (point + 1) * n), jacobian);
    for (let e = 0; e < n * n; e++) batch[e * EVALUATION_BATCH] = jacobian[e]!;
    curlOfBatch(batch, n, 1, weights, values, point);
  }
  return tallyCurl(values, weights !== null, options);
}
