/**
 * Equilibrium kinds. `equilibrium`: V(x) = 0 at an exact point, exactly; with the claim
 * "non-collapsed equilibrium" also some encoder coordinate A_r_c ≠ 0 there, which proves that
 * non-collapsed equilibria exist. `equilibrium-set`: V_i ≡ Σ_j h_ij·g_j for every coordinate i,
 * as polynomial identities, so V vanishes wherever all the equations g_j do.
 */
import type { KernelModel } from '../field.js';
import { claimOf, combination, fullField, readExpressions, readPoint, requireCoordinates, requireEquilibrium } from '../evidence.js';
import { addScaled } from '../poly.js';
import { Rational } from '../../exact/rational.js';
import { type Json, Rejected, choice, object } from '../read.js';

/** kind "equilibrium": evidence {point}; claim "equilibrium" or "non-collapsed equilibrium". */
export function checkEquilibrium(cert: Json, model: KernelModel): string {
  const { procedure, recipe, names, evidence } = claimOf(cert, model);
  const claim = choice(cert.claim, 'claim', ['equilibrium', 'non-collapsed equilibrium'] as const);
  const point = readPoint(evidence.point, 'evidence.point', names);
  requireEquilibrium(fullField(model, recipe), names, point, `${procedure} field`);
  if (claim === 'equilibrium') return `the point is an equilibrium of the ${procedure} field: every component of V is exactly 0 there`;
  const witness = names.find((v) => v[0] === 'A' && !point.get(v)!.isZero());
  if (witness === undefined) throw new Rejected('the point is collapsed: every encoder coordinate is 0');
  return `non-collapsed equilibria of the ${procedure} field exist: V is exactly 0 at the point, where ${witness} = ${point.get(witness)} ≠ 0`;
}

/** kind "equilibrium-set": evidence {equations, cofactors: {coordinate: {index: h}}}. */
export function checkEquilibriumSet(cert: Json, model: KernelModel): string {
  const { procedure, recipe, names, evidence } = claimOf(cert, model);
  const equations = readExpressions(evidence.equations, 'evidence.equations', names);
  const cofactors = object(evidence.cofactors, 'evidence.cofactors');
  requireCoordinates(cofactors, 'evidence.cofactors', names);
  fullField(model, recipe).forEach((f, i) => {
    const v = names[i]!;
    const sum = v in cofactors ? combination(cofactors[v], `evidence.cofactors.${v}`, equations, names, () => true) : new Map();
    if (addScaled(f, sum, Rational.MINUS_ONE).size > 0) throw new Rejected(`V[${v}] is not the given combination of the equations`);
  });
  return `every common zero of the ${equations.length} given equations is an equilibrium of the ${procedure} field: each component of V is a polynomial combination of them`;
}
