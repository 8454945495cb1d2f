/**
 * The float verifier beside the exact one: the curl `DV − DVᵀ` (or `P⁻¹DV − (P⁻¹DV)ᵀ`) through
 * the compiled Jacobian at seeded standard-normal points. It must agree with the exact verdict:
 * an integrable field has zero curl everywhere; a non-integrable one has nonzero curl at almost
 * every point.
 */
import type { Rational } from '../exact/rational.js';
import { compilePolys, EVALUATION_BATCH } from '../poly/compile.js';
import type { Poly } from '../poly/poly.js';
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

export function sampleCurl(
  jacobian: readonly Poly[][],
  state: readonly number[],
  rates: readonly Rational[] | null,
  options: { samples: number; seed: number },
): { euclidean: SampledCurl; rateAdjusted: SampledCurl | null } {
  const n = state.length;
  const inverseRates = rates?.map((r) => 1 / r.toNumber()) ?? null;
  if (options.samples === 0) {
    const none = summary(options, { nonzero: 0, max: 0 });
    return { euclidean: none, rateAdjusted: inverseRates ? none : null };
  }
  const compiled = compilePolys(jacobian.flat(), state);
  const rng = seededRandom(options.seed);
  const w = inverseRates;
  const tallies = (w ? [0, 1] : [0]).map(() => ({ nonzero: 0, max: 0 }));
  // Points are drawn in order and evaluated B = EVALUATION_BATCH at a time (the same bits as one
  // by one): the compiled Jacobian is read once per batch instead of once per point. Entry (i, j)
  // at the batch's point b is J[(i·n + j)·B + b]. One pass over the pairs i ≤ j serves both
  // tallies (V and P⁻¹V); maxima do not depend on the order they are taken in.
  const B = EVALUATION_BATCH;
  const xs = new Float64Array(B * n);
  const J = new Float64Array(n * n * B);
  const [curlV, scaleV, curlW, scaleW] = [0, 1, 2, 3].map(() => new Float64Array(B)) as [Float64Array, Float64Array, Float64Array, Float64Array];
  for (let first = 0; first < options.samples; first += B) {
    const count = Math.min(B, options.samples - first);
    for (let k = 0; k < count * n; k++) xs[k] = rng.normal();
    compiled.evaluateBatch(xs, count, J);
    for (const a of [curlV, scaleV, curlW, scaleW]) a.fill(0);
    for (let i = 0; i < n; i++) {
      const ri = w ? w[i]! : 1;
      const diagonal = (i * n + i) * B;
      for (let b = 0; b < count; b++) {
        const u = J[diagonal + b]!;
        scaleV[b] = Math.max(scaleV[b]!, Math.abs(u));
        if (w) scaleW[b] = Math.max(scaleW[b]!, Math.abs(ri * u));
      }
      for (let j = i + 1; j < n; j++) {
        const rj = w ? w[j]! : 1;
        const at = (i * n + j) * B;
        const back = (j * n + i) * B;
        for (let b = 0; b < count; b++) {
          const u = J[at + b]!;
          const v = J[back + b]!;
          scaleV[b] = Math.max(scaleV[b]!, Math.abs(u), Math.abs(v));
          curlV[b] = Math.max(curlV[b]!, Math.abs(u - v));
          if (w) {
            const uw = ri * u;
            const vw = rj * v;
            scaleW[b] = Math.max(scaleW[b]!, Math.abs(uw), Math.abs(vw));
            curlW[b] = Math.max(curlW[b]!, Math.abs(uw - vw));
          }
        }
      }
    }
    tallies.forEach((t, k) => {
      const [curl, scale] = k === 0 ? [curlV, scaleV] : [curlW, scaleW];
      for (let b = 0; b < count; b++) {
        if (curl[b]! > CURL_TOLERANCE * (1 + scale[b]!)) t.nonzero++;
        t.max = Math.max(t.max, curl[b]!);
      }
    });
  }
  return { euclidean: summary(options, tallies[0]!), rateAdjusted: tallies[1] ? summary(options, tallies[1]) : null };
}
