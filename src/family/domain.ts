/**
 * The assumed domain of a family as the sign prover sees it: each symbol's sign class, the
 * substitutions its inequalities allow (`c < s` gives s = c + d with d > 0), and state variables
 * a statement is made for (a ≠ 0 on a component, b real on a line). Every sign a family analysis
 * claims for all admissible values goes through `proveSign`, so it comes with a certificate.
 *
 * Example: `proveSign(s^2 - c^2, domainOf(family), 'positive')` for `c: [positive, c < s]`.
 */
import type { Poly } from '../poly/poly.js';
import type { Family } from './family.js';
import {
  type Conclusion,
  type PositivityCertificate,
  type PositivityContext,
  type SignClass,
  type Substitution,
  inequalitySubstitution,
  provePositivity,
} from './positivity.js';

/** The family's domain, with `state` classes for state variables the statement ranges over. */
export function domainOf(family: Family, state: ReadonlyMap<string, SignClass> = new Map()): PositivityContext {
  const signs = new Map<string, SignClass>(family.symbols.map((s) => [s.name, s.sign]));
  for (const [name, sign] of state) signs.set(name, sign);
  const substitutions: Substitution[] = [];
  family.inequalities.forEach((q, k) => {
    const fresh = `d_${k + 1}`; // underscore: no symbol can be named so
    const lesser = q.lhs.toString();
    const greater = q.rhs.toString();
    const s = inequalitySubstitution(lesser, greater, q.strict, fresh);
    if (s !== null) substitutions.push(s);
  });
  return { signs, substitutions };
}

/** A certificate that `p` has sign `want` on the domain, or null (see positivity.ts). */
export function proveSign(p: Poly, domain: PositivityContext, want: Conclusion | 'nonzero'): PositivityCertificate | null {
  if (p.isZero()) return want === 'nonnegative' || want === 'nonpositive' ? provePositivity(p, domain, want) : null;
  return provePositivity(p, domain, want);
}
