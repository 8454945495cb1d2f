/**
 * The float verifier beside the exact one: the curl `DV − DVᵀ` (or `P⁻¹DV − (P⁻¹DV)ᵀ`) through
 * the compiled Jacobian at seeded standard-normal points. It must agree with the exact verdict:
 * an integrable field has zero curl everywhere; a non-integrable one has nonzero curl at almost
 * every point.
 */
import type { Rational } from '../exact/rational.js';
import { compilePolys } from '../poly/compile.js';
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
  const x = new Float64Array(n);
  const J = new Float64Array(n * n);
  const tally = (withRates: boolean) => ({ withRates, nonzero: 0, max: 0 });
  const tallies = inverseRates ? [tally(false), tally(true)] : [tally(false)];
  for (let s = 0; s < options.samples; s++) {
    for (let k = 0; k < n; k++) x[k] = rng.normal();
    compiled.evaluate(x, J);
    for (const t of tallies) {
      let curl = 0;
      let scale = 0;
      for (let i = 0; i < n; i++) {
        const ri = t.withRates ? inverseRates![i]! : 1;
        for (let j = 0; j < n; j++) {
          const a = ri * J[i * n + j]!;
          scale = Math.max(scale, Math.abs(a));
          if (j > i) {
            const rj = t.withRates ? inverseRates![j]! : 1;
            curl = Math.max(curl, Math.abs(a - rj * J[j * n + i]!));
          }
        }
      }
      if (curl > CURL_TOLERANCE * (1 + scale)) t.nonzero++;
      t.max = Math.max(t.max, curl);
    }
  }
  return { euclidean: summary(options, tallies[0]!), rateAdjusted: tallies[1] ? summary(options, tallies[1]) : null };
}
