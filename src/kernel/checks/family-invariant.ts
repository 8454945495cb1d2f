/**
 * kind "family-invariant" (issue 10): each given Q, a polynomial in the state and the symbols, is
 * conserved along the family's flow for every value of the symbols: ∇Q·V ≡ 0 (∇ over the state)
 * identically in state and symbols, so d/dt Q(x(t)) = 0 at every value, admissible or not.
 */
import { Rational } from '../../exact/rational.js';
import { type KernelModel, fieldComponents } from '../field.js';
import { familyClaim, familyExpression } from '../family.js';
import { type KPoly, addTerm, mul, partials } from '../poly.js';
import { type Json, Rejected, need } from '../read.js';

/** Evidence {conserved: [Q, …]}, each Q non-constant in the state. */
export function checkFamilyInvariant(cert: Json, model: KernelModel): string {
  const { procedure, recipe, state, all, evidence } = familyClaim(cert, model);
  need(Array.isArray(evidence.conserved), 'evidence.conserved', 'a list of expression strings');
  const conserved = (evidence.conserved as unknown[]).map((e, k) => familyExpression(e, `evidence.conserved[${k}]`, all));
  if (conserved.length === 0) throw new Rejected('no conserved quantity is given');
  conserved.forEach((Q, k) => {
    const gradient = [...partials(Q)].filter(([v]) => state.includes(v));
    if (gradient.length === 0) throw new Rejected(`conserved[${k}] does not depend on the state: trivially conserved, not a finding`);
    const V = fieldComponents(model, recipe, gradient.map(([v]) => v), false);
    const derivative: KPoly = new Map<string, Rational>(); // ∇Q·V
    for (const [v, dQ] of gradient) for (const [m, c] of mul(dQ, V.get(v)!)) addTerm(derivative, m, c);
    if (derivative.size > 0) throw new Rejected(`conserved[${k}] is not conserved: ∇Q·V is not identically 0`);
  });
  return `${conserved.length === 1 ? 'the given polynomial is' : `all ${conserved.length} given polynomials are`} conserved along the ${procedure} flow for every value of the parameters: ∇Q·V ≡ 0 in the state and the parameters`;
}
