/**
 * The memory budget of a command, estimated from the spec before any derivation (issue 9): a
 * dense 16×16 model with fractional moments is a valid spec, yet `derive` and `report` on it ran
 * for minutes and died of "JavaScript heap out of memory". Every command now counts, from the
 * model's shape alone, upper bounds on the terms it will hold — the objective F, the fields, the
 * Jacobians (all procedures together) — and the size of their coefficients, turns them into an
 * estimated peak resident memory with constants measured on real runs (/usr/bin/time -f %M, see
 * CALIBRATION), and refuses in well under a second, with one line naming the estimate, the
 * ceiling and how to raise it, when the estimate is above the ceiling (NCSSL_MAX_MEMORY_MB,
 * limits.ts). The counting is O(q²·p) integer arithmetic: nothing is expanded.
 *
 * Example: `estimateWork(model, 'derive').memoryMB` for the dense 16×16 model is about 1600.
 */
import type { EncoderKind, Model, PredictorKind, RationalMatrix } from '../model/model.js';
import type { Rational } from '../exact/rational.js';
import { BudgetError } from './errors.js';
import { describeLimit, formatAmount, sizeLimit } from './limits.js';

export type BudgetedCommand = 'check' | 'derive' | 'report';

export interface WorkEstimate {
  /** Upper bound on the terms of F = ½E‖BAx₁ − Tx₂‖². */
  objectiveTerms: number;
  /** Upper bound on the terms of every procedure's field together. */
  fieldTerms: number;
  /** Upper bound on the terms of every procedure's Jacobian together (the largest object). */
  jacobianTerms: number;
  /** Bits of the largest numerator plus denominator among moments and rates (coefficients grow from these). */
  coefficientBits: number;
  /** Estimated bytes of the command's standard output. */
  outputBytes: number;
  /** Estimated peak resident memory, MB. */
  memoryMB: number;
}

/**
 * Constants of the memory estimate, fitted on runs of dense linear models (d = 4…16, Hilbert
 * moments 1/(i+j+1) with noise 1/3, weight decay 1/10, rates 2 and 1/2; and d = 6, 8 with 30-digit
 * fractional moments), peak RSS by /usr/bin/time -f %M on Node 20, 2 cores (docs/cli.md gives the
 * table). Peak memory is linear in the Jacobian terms: `bytesPerTerm` when coefficients are small
 * (held as doubles below 2^26 and shared), plus `bytesPerBigTerm` and `bytesPerCoefficientBit`
 * per term when they are BigInts. Measured: check 139/223/436/1571 MB at d = 8/10/12/16 and
 * 1826 MB on 35→10 (about 71 bytes per term), derive (streamed) 120/177/317/1012 MB and 1175 MB on
 * 35→10 (47 bytes per term), report 292/711/1649 MB at d = 8/10/12 (320 bytes per term), and with
 * 30-digit moments 100, 76 and 830 bytes per term. With the margin every estimate lies 5–30 %
 * above the measured peak (d = 16 check: 1650 MB estimated, 1571 measured).
 */
export const CALIBRATION = {
  baseMB: 90,
  check: { bytesPerTerm: 70, bytesPerBigTerm: 40, bytesPerCoefficientBit: 0.15 },
  derive: { bytesPerTerm: 50, bytesPerBigTerm: 40, bytesPerCoefficientBit: 0.15 },
  report: { bytesPerTerm: 330, bytesPerBigTerm: 300, bytesPerCoefficientBit: 1 },
  /** Printed bytes per Jacobian term (`derive --json`), besides the coefficient's digits (measured: 28 in all at d = 8…12). */
  outputBytesPerTerm: 14,
  margin: 1.1,
} as const;

/** Largest exponent of the small coefficient form (Rational holds |num|, den < 2^26 as doubles). */
const SMALL_BITS = 26;

function nonzero(kind: EncoderKind | PredictorKind, i: number, j: number): boolean {
  return kind === 'linear' || i === j;
}

/** bits of |x| (0 for 0). */
function bitLength(x: bigint): number {
  return x === 0n ? 0 : (x < 0n ? -x : x).toString(16).length * 4;
}

function largestBits(values: Iterable<Rational>): { num: number; den: number } {
  let num = 0;
  let den = 0;
  for (const r of values) {
    num = Math.max(num, bitLength(r.num));
    den = Math.max(den, bitLength(r.den));
  }
  return { num, den };
}

const entries = (m: RationalMatrix): Rational[] => m.flat();

/**
 * The term counts, from the residual r_k = Σ_l (BA)_kl x1_l − Σ_l T_kl x2_l of each code
 * coordinate k: with m1 monomials B_kj·A_jl and m2 entries T_kl in r_k, ½E[r_k²] has at most
 * C(m1+1, 2) + m1·m2 + C(m2+1, 2) terms, of degrees 4, 3 and 2. Differentiating a monomial of
 * degree e gives at most e field terms and e(e−1) Jacobian terms; each procedure's field comes
 * from F by such derivatives (after a substitution that can only merge terms), so the sums below
 * bound every procedure, and the EMA one (with T) is the largest.
 */
export function estimateWork(model: Model, command: BudgetedCommand): WorkEstimate {
  const { kind, in: p, out: q } = model.encoder;
  const predictor = model.predictor.kind;
  let objective = 0;
  let field = 0;
  let jacobian = 0;
  for (let k = 0; k < q; k++) {
    let m1 = 0;
    for (let j = 0; j < q; j++) {
      if (!nonzero(predictor, k, j)) continue;
      for (let l = 0; l < p; l++) if (nonzero(kind, j, l)) m1++;
    }
    let m2 = 0;
    for (let l = 0; l < p; l++) if (nonzero(kind, k, l)) m2++;
    const quartic = (m1 * (m1 + 1)) / 2;
    const cubic = m1 * m2;
    const quadratic = (m2 * (m2 + 1)) / 2;
    objective += quartic + cubic + quadratic;
    field += 4 * quartic + 3 * cubic + 2 * quadratic;
    jacobian += 12 * quartic + 6 * cubic + 2 * quadratic;
  }
  const procedures = model.procedures.length;
  const moments = largestBits([...entries(model.moments.sigma1), ...entries(model.moments.sigma2), ...entries(model.moments.sigma12)]);
  const rates = largestBits([model.weightDecay, model.predictorRate, model.emaRate]);
  // A Jacobian coefficient is a moment times a rate (and λ·α), times small integers.
  const num = moments.num + 2 * rates.num + 4;
  const den = moments.den + 2 * rates.den + 4;
  const coefficientBits = num + den;
  const big = num > SMALL_BITS || den > SMALL_BITS ? 1 : 0;
  const jacobianTerms = procedures * jacobian;
  const c = CALIBRATION[command];
  const perTerm = c.bytesPerTerm + big * (c.bytesPerBigTerm + c.bytesPerCoefficientBit * coefficientBits);
  const memoryMB = CALIBRATION.margin * (CALIBRATION.baseMB + (jacobianTerms * perTerm) / 1e6);
  const digits = Math.ceil((coefficientBits * Math.LN2) / Math.LN10);
  const printedTerms = command === 'derive' ? jacobianTerms + procedures * field + objective : 0;
  return {
    objectiveTerms: objective,
    fieldTerms: procedures * field,
    jacobianTerms,
    coefficientBits,
    outputBytes: printedTerms * (CALIBRATION.outputBytesPerTerm + digits),
    memoryMB,
  };
}

/**
 * Refuses, with one line, a command whose estimated memory is above the ceiling. `what` names the
 * spec. Called after the spec is read and before any derivation.
 */
export function enforceBudget(model: Model, command: BudgetedCommand, what: string): WorkEstimate {
  const estimate = estimateWork(model, command);
  const ceiling = sizeLimit('memory');
  if (estimate.memoryMB > ceiling) {
    const e = estimate;
    throw new BudgetError(
      `${what}: ${command} would need about ${formatAmount(Math.round(e.memoryMB))} MB ` +
        `(estimated from the spec: ${formatAmount(e.jacobianTerms)} Jacobian terms over ${model.procedures.length} procedures, coefficients of up to ${e.coefficientBits} bits), ` +
        `above ${describeLimit('memory', ceiling)}; a smaller model, fewer procedures or shorter moments also help`,
    );
  }
  return estimate;
}
