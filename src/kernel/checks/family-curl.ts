/**
 * kind "family-curl" (issue 10): a family's field W (V or P⁻¹V) is not a gradient field for any
 * admissible value of the symbols. Evidence: two state coordinates i, j, a state monomial m, the
 * coefficient of m in the curl ∂W_i/∂x_j − ∂W_j/∂x_i (a polynomial in the symbols), and a
 * positivity certificate that the coefficient is > 0 (or < 0) on the declared domain.
 *
 * Why it is a proof. The kernel re-derives W_i and W_j from the model (symbols as undifferentiated
 * variables), forms the curl and reads off the coefficient of m itself. At any admissible value the
 * coefficient is nonzero (family.ts checks that the declarations imply the certificate's
 * assumptions), so the curl is a nonzero polynomial in the state and is nonzero at some point: DW
 * is not symmetric there, and by Schwarz's theorem W ≠ −∇Φ for every C² Φ.
 */
import { type KernelModel, fieldComponents } from '../field.js';
import { familyClaim, familyExpression, integrabilityField, signProof, stateCoefficient } from '../family.js';
import { Rational } from '../../exact/rational.js';
import { addScaled, partials } from '../poly.js';
import { type Json, Rejected, need } from '../read.js';

/** Evidence {i, j, monomial, coefficient, proof}. */
export function checkFamilyCurl(cert: Json, model: KernelModel): string {
  const { procedure, recipe, state, symbols, evidence } = familyClaim(cert, model);
  const { rateAdjusted, symbol } = integrabilityField(cert);
  const [i, j] = [evidence.i, evidence.j];
  need(typeof i === 'string' && typeof j === 'string', 'evidence.i, evidence.j', 'two coordinate names');
  if (!state.includes(i) || !state.includes(j) || i === j) throw new Rejected(`i and j must be two different state coordinates, got ${i}, ${j}`);
  const m = familyExpression(evidence.monomial, 'evidence.monomial', new Set(state));
  const [key, one] = [...m][0] ?? [];
  if (m.size !== 1 || !one!.isOne()) throw new Rejected('evidence.monomial must be one state monomial with coefficient 1, e.g. "A_1_1^2*B_1_1" or "1"');
  const claimed = familyExpression(evidence.coefficient, 'evidence.coefficient', new Set(symbols));
  const W = fieldComponents(model, recipe, [i, j], rateAdjusted);
  const curl = addScaled(partials(W.get(i)!).get(j) ?? new Map(), partials(W.get(j)!).get(i) ?? new Map(), Rational.MINUS_ONE);
  const isState = (v: string) => state.includes(v);
  const coefficient = stateCoefficient(curl, key!, isState);
  if (coefficient.size === 0) throw new Rejected(`the curl has no term in ${evidence.monomial}`);
  if (addScaled(coefficient, claimed, Rational.MINUS_ONE).size > 0) throw new Rejected(`the coefficient of ${evidence.monomial} in the curl is not ${String(evidence.coefficient).slice(0, 200)}`);
  const { conclusion, reason } = signProof(evidence.proof, 'evidence.proof', model, coefficient, ['positive', 'negative']);
  const curlText = `∂${symbol}[${i}]/∂${j} − ∂${symbol}[${j}]/∂${i}`;
  return `the ${procedure} field ${symbol} is not a gradient field for any admissible value of the parameters: the coefficient of ${evidence.monomial} in ${curlText} is ${conclusion} (${reason})`;
}
