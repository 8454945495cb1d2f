/**
 * Scalar coefficients of matrix expressions: exact polynomials in the model's constants
 * λ (weight decay), α (predictor rate) and τ (EMA rate), so a derivation can keep them as
 * symbols and substitute their values at the end.
 *
 * Example: `scalarConstant(q(1, 2)).mul(scalarSymbol('alpha'))` is α/2.
 */
import { Rational } from '../exact/rational.js';
import { Poly } from '../poly/poly.js';
import { Ring } from '../poly/ring.js';

export type ScalarName = 'lambda' | 'alpha' | 'tau';

/** The ring of scalar coefficients; shared by every matrix expression. */
export const SCALAR_RING = new Ring(['lambda', 'alpha', 'tau']);

export const SCALAR_LATEX: Record<ScalarName, string> = { lambda: '\\lambda', alpha: '\\alpha', tau: '\\tau' };

export function scalarConstant(c: Rational): Poly {
  return Poly.constant(SCALAR_RING, c);
}

export function scalarSymbol(name: ScalarName): Poly {
  return Poly.variable(SCALAR_RING, SCALAR_RING.indexOf(name));
}

export const SCALAR_ONE = scalarConstant(Rational.ONE);

/** Values of the scalar constants; a missing name stays symbolic. */
export type ScalarValues = Partial<Record<ScalarName, Rational>>;

/** Substitutes the given values into a coefficient. */
export function substituteScalars(c: Poly, values: ScalarValues): Poly {
  let out = c;
  for (const [name, value] of Object.entries(values) as Array<[ScalarName, Rational | undefined]>) {
    if (value !== undefined) out = out.substitute(SCALAR_RING.indexOf(name), scalarConstant(value));
  }
  return out;
}

/** The value of a coefficient once every constant is known; throws if one is missing. */
export function evaluateScalar(c: Poly, values: Required<ScalarValues>): Rational {
  return c.evaluate((v) => values[SCALAR_RING.names[v] as ScalarName]);
}
