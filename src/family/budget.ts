/**
 * How large a family the symbolic analyses take. Their cost is not that of a numeric model: a
 * characteristic polynomial over ℚ[symbols] of an n×n Jacobian has coefficients whose size grows
 * quickly with n and with the number of symbols, so a family is refused, before any work, when
 * its largest state is beyond what finishes in seconds (docs/benchmarks.md: the 2×2 rows).
 */
import { BudgetError } from '../limits/errors.js';
import { encoderParameterCount, predictorParameterCount } from '../model/spec.js';
import type { Family } from './family.js';

/** Largest state dimension of a family's procedures (the EMA state of a 2×2 linear model is 12). */
export const MAX_FAMILY_STATE = 12;

export function enforceFamilyBudget(family: Family, what: string): void {
  const e = encoderParameterCount(family.encoder.kind, family.encoder.in, family.encoder.out);
  const b = predictorParameterCount(family.predictor.kind, family.encoder.out);
  const state = 2 * e + b;
  if (state > MAX_FAMILY_STATE) {
    throw new BudgetError(
      `${what}: a family (a spec with symbols) is analysed symbolically up to a state dimension of ${MAX_FAMILY_STATE} (2·(encoder parameters) + (predictor parameters)), got 2·${e} + ${b} = ${state}; give the moments as numbers, or use a smaller encoder`,
    );
  }
}
