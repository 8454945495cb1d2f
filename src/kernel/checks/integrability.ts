/**
 * Integrability kinds (docs/math.md §3). `curl`: one point where ∂V_i/∂x_j ≠ ∂V_j/∂x_i, so DV is not
 * symmetric there and, by Schwarz's theorem, V ≠ −∇Φ for every C² Φ. `potential`: ∂Φ/∂x_i + V_i ≡ 0
 * for every coordinate, which is V = −∇Φ. With `field: "P^-1 V"` both are said of P⁻¹V.
 */
import { Rational } from '../../exact/rational.js';
import { type KernelModel, fieldComponents } from '../field.js';
import { claimOf, readExpression, readPoint, valueAt } from '../evidence.js';
import { addScaled, partials } from '../poly.js';
import { type Json, Rejected, choice, need, rational } from '../read.js';

/** What every integrability certificate names: the procedure, which field, and the state. */
function integrabilityClaim(cert: Json, model: KernelModel) {
  const claim = claimOf(cert, model);
  const field = choice(cert.field, 'field', ['V', 'P^-1 V'] as const);
  const symbol = field === 'V' ? 'V' : '(P⁻¹V)';
  return { ...claim, rateAdjusted: field !== 'V', symbol, label: `the ${claim.procedure} field ${symbol}` };
}

/** kind "curl": evidence {point, i, j, dVi_dxj, dVj_dxi}; proves V has no potential. */
export function checkCurl(cert: Json, model: KernelModel): string {
  const { recipe, rateAdjusted, symbol, label, names, evidence } = integrabilityClaim(cert, model);
  const [i, j] = [evidence.i, evidence.j];
  need(typeof i === 'string' && typeof j === 'string', 'evidence.i, evidence.j', 'two coordinate names');
  const claimed = [rational(evidence.dVi_dxj, 'evidence.dVi_dxj'), rational(evidence.dVj_dxi, 'evidence.dVj_dxi')];
  const point = readPoint(evidence.point, 'evidence.point', names);
  if (!names.includes(i) || !names.includes(j) || i === j) throw new Rejected(`i and j must be two different state coordinates, got ${i}, ${j}`);
  const V = fieldComponents(model, recipe, [i, j], rateAdjusted);
  const actual = [valueAt(partials(V.get(i)!).get(j) ?? new Map(), point), valueAt(partials(V.get(j)!).get(i) ?? new Map(), point)];
  const what = [`∂${symbol}[${i}]/∂${j}`, `∂${symbol}[${j}]/∂${i}`];
  for (const k of [0, 1]) if (!actual[k]!.equals(claimed[k]!)) throw new Rejected(`${what[k]} at the point is ${actual[k]}, not ${claimed[k]}`);
  if (actual[0]!.equals(actual[1]!)) throw new Rejected('the two derivatives are equal: no curl at this point');
  return `${label} is not the gradient of any C² function: ${what[0]} = ${actual[0]} ≠ ${actual[1]} = ${what[1]} at the point`;
}

/** kind "potential": evidence {potential}; proves V = −∇Φ (or P⁻¹V = −∇Φ). */
export function checkPotential(cert: Json, model: KernelModel): string {
  const { recipe, rateAdjusted, label, names, evidence } = integrabilityClaim(cert, model);
  const gradient = partials(readExpression(evidence.potential, 'evidence.potential', names));
  const V = fieldComponents(model, recipe, names, rateAdjusted);
  for (const v of names) {
    if (addScaled(gradient.get(v) ?? new Map(), V.get(v)!, Rational.ONE).size > 0) throw new Rejected(`∂Φ/∂${v} is not −V[${v}]`);
  }
  return `${label} is a gradient field: it is −∇Φ for the given polynomial Φ`;
}
