/**
 * kind "invariant": each given polynomial Q is conserved along the flow ẋ = V(x), because
 * d/dt Q(x(t)) = ∇Q·V ≡ 0 as a polynomial identity (checked here with the kernel's own ∂ and field).
 */
import { Rational } from '../../exact/rational.js';
import { type KernelModel, fieldComponents } from '../field.js';
import { claimOf, readExpressions } from '../evidence.js';
import { addTerm, mul, partials } from '../poly.js';
import { type Json, Rejected } from '../read.js';

/** Evidence {conserved: [Q, …]}, each Q a non-constant polynomial in the state coordinates. */
export function checkInvariant(cert: Json, model: KernelModel): string {
  const { procedure, recipe, names, evidence } = claimOf(cert, model);
  const conserved = readExpressions(evidence.conserved, 'evidence.conserved', names);
  if (conserved.length === 0) throw new Rejected('no conserved quantity is given');
  conserved.forEach((Q, k) => {
    const gradient = partials(Q);
    if (gradient.size === 0) throw new Rejected(`conserved[${k}] is a constant: trivially conserved, not a finding`);
    const V = fieldComponents(model, recipe, [...gradient.keys()], false);
    const derivative = new Map<string, Rational>(); // ∇Q·V
    for (const [v, dQ] of gradient) for (const [m, c] of mul(dQ, V.get(v)!)) addTerm(derivative, m, c);
    if (derivative.size > 0) throw new Rejected(`conserved[${k}] is not conserved: ∇Q·V is not identically 0`);
  });
  return `${conserved.length === 1 ? 'the given polynomial is' : `all ${conserved.length} given polynomials are`} conserved along the ${procedure} flow: ∇Q·V ≡ 0`;
}
