/**
 * kind "family-potential" (issue 10): a family's field W (V or P⁻¹V) is −∇Φ for every value of the
 * symbols. Evidence: Φ, a polynomial in the state and the symbols. The kernel re-derives W and checks
 * ∂Φ/∂x_i + W_i ≡ 0 for every state coordinate, identically in state and symbols — which is the
 * claim at every value, admissible or not (no assumption is used).
 */
import { Rational } from '../../exact/rational.js';
import { type KernelModel, fieldComponents } from '../field.js';
import { familyClaim, familyExpression, integrabilityField } from '../family.js';
import { addScaled, partials } from '../poly.js';
import { type Json, Rejected } from '../read.js';

export function checkFamilyPotential(cert: Json, model: KernelModel): string {
  const { procedure, recipe, state, all, evidence } = familyClaim(cert, model);
  const { rateAdjusted, symbol } = integrabilityField(cert);
  const gradient = partials(familyExpression(evidence.potential, 'evidence.potential', all));
  const W = fieldComponents(model, recipe, state, rateAdjusted);
  for (const v of state) {
    if (addScaled(gradient.get(v) ?? new Map(), W.get(v)!, Rational.ONE).size > 0) throw new Rejected(`∂Φ/∂${v} is not −${symbol}[${v}] identically in the state and the parameters`);
  }
  return `the ${procedure} field ${symbol} is a gradient field for every value of the parameters: it is −∇Φ for the given polynomial Φ, identically in the state and the parameters`;
}
