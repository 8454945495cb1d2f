/**
 * Conserved quantities (issue 4, item 5): every polynomial Q of degree ≤ 2 with ∇Q · V ≡ 0, found
 * exactly. Q = Σ c_m m over the monomials m of degree 1 and 2 in the state (constants are always
 * conserved and left out); ∇Q · V ≡ 0 is linear in the coefficients c. The system is solved by
 * modular linear algebra on its equations at random points and every basis element is verified
 * as an exact polynomial identity (src/exact/modular-nullspace.ts), so the basis is complete and
 * correct, not sampled.
 *
 * Example: for SG on the scalar model (docs/math.md §5) the basis is [A_1_1^2 - B_1_1^2].
 */
import { Rational } from '../exact/rational.js';
import { mulMod } from '../exact/modular.js';
import { compilePolysMod } from '../exact/modular-poly.js';
import { modularNullspace } from '../exact/modular-nullspace.js';
import { Poly } from '../poly/poly.js';
import { monomialOfVariable, multiplyMonomials } from '../poly/monomial.js';
import type { ProcedureDerivation } from '../procedures/derive.js';
import { primitive } from './poly-tools.js';

export interface InvariantsFinding {
  level: 'proved' | 'inconclusive';
  maxDegree: 2;
  /** A basis of the conserved polynomials of degree ≤ 2 (modulo constants), primitive integer form. */
  basis: Poly[];
  /** How it was found: unknown coefficients, rank of the system (over ℚ when proved), primes used. */
  certificate: { unknowns: number; rank: number; primes: number[]; equations?: number };
  /** Why the answer is inconclusive, when it is. */
  reason?: string;
}

/** The monomials of degree 1 and 2 in the state, as pairs of state positions (j = -1 for degree 1). */
function unknownMonomials(n: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) out.push([i, -1]);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) out.push([i, j]);
  return out;
}

/** ∇Q · V, exactly. Example: zero for Q = A_1_1^2 - B_1_1^2 under SG on the scalar model. */
export function derivativeAlongField(q: Poly, d: ProcedureDerivation): Poly {
  const grad = q.gradient(d.state);
  return Poly.sum(
    q.ring,
    grad.map((g, i) => (g.isZero() ? g : g.mul(d.field[i]!))),
  );
}

/** Most unknown coefficients attempted (dense modular elimination is cubic in them). */
export const MAX_INVARIANT_UNKNOWNS = 5000;

export function findInvariants(d: ProcedureDerivation, options: { seed: number }): InvariantsFinding {
  const n = d.state.length;
  const ring = d.field[0]!.ring;
  const monos = unknownMonomials(n);
  if (monos.length > MAX_INVARIANT_UNKNOWNS) {
    return {
      level: 'inconclusive',
      maxDegree: 2,
      basis: [],
      certificate: { unknowns: monos.length, rank: 0, primes: [] },
      reason: `${monos.length} unknown coefficients exceed the limit of ${MAX_INVARIANT_UNKNOWNS}`,
    };
  }
  const toPoly = (c: Rational[]): Poly =>
    Poly.fromTerms(
      ring,
      monos.map(([i, j], k) => [
        j < 0 ? monomialOfVariable(d.state[i]!) : multiplyMonomials(monomialOfVariable(d.state[i]!), monomialOfVariable(d.state[j]!)),
        c[k]!,
      ]),
    );
  const result = modularNullspace(
    {
      unknowns: monos.length,
      randomRows: true,
      equations(p, rng) {
        const field = compilePolysMod(d.field, d.state, p);
        const rows: number[][] = [];
        for (let e = 0; e < monos.length + 8; e++) {
          const x = d.state.map(() => rng.int(0, p - 1));
          const v = field.evaluate(x);
          // The coefficient of c_m in ∇Q·V at x is ∇m(x) · V(x).
          rows.push(
            monos.map(([i, j]) => {
              if (j < 0) return v[i]!;
              if (i === j) return mulMod(2, mulMod(x[i]!, v[i]!, p), p);
              return (mulMod(x[j]!, v[i]!, p) + mulMod(x[i]!, v[j]!, p)) % p;
            }),
          );
        }
        return rows;
      },
      verify: (c) => derivativeAlongField(toPoly(c), d).isZero(),
    },
    options.seed,
  );
  if (result.status === 'inconclusive') {
    return {
      level: 'inconclusive',
      maxDegree: 2,
      basis: [],
      certificate: { unknowns: monos.length, rank: result.rank, primes: result.primes },
      reason: result.reason,
    };
  }
  return {
    level: 'proved',
    maxDegree: 2,
    basis: result.basis.map((c) => primitive(toPoly(c))),
    certificate: { unknowns: monos.length, rank: result.rank, primes: result.primes, equations: result.equations },
  };
}
