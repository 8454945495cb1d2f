/**
 * `conserves` {procedure, quantity}: every entry of a matrix quantity of the blocks (such as
 * `A A^T - B^T B`, matrix-quantity.ts) is constant along the procedure's flow. Read off the
 * invariants analysis, which finds a basis of all conserved polynomials of degree ≤ 2 (modulo
 * constants), proved complete: an entry of degree ≤ 2 is conserved exactly when, without its
 * constant term, it lies in the span of that basis — an exact rank test here.
 */
import { invariants } from '../../analyses/index.js';
import { type Matrix, rank } from '../../exact/linear-algebra.js';
import { Rational } from '../../exact/rational.js';
import { SpecError } from '../../model/spec-error.js';
import type { Poly } from '../../poly/poly.js';
import { QuantityError, parseQuantity, quantityEntries } from '../matrix-quantity.js';
import type { StatementVerdict } from '../statement.js';
import { checkProcedureParam, missingProcedure, procedureOf, registerEvidence } from './registry.js';

/** Whether `q` (constant term dropped) is a linear combination of `basis`, exactly. */
function inSpan(q: Poly, basis: readonly Poly[]): boolean {
  const rows = [...basis, q].map((p) => new Map(p.sortedTerms().filter(([m]) => m !== '')));
  const monomials = [...new Set(rows.flatMap((r) => [...r.keys()]))];
  const matrix: Matrix = rows.map((r) => monomials.map((m) => r.get(m) ?? Rational.ZERO));
  if (monomials.length === 0) return true; // a constant
  return rank(matrix.slice(0, -1)) === rank(matrix);
}

registerEvidence({
  name: 'conserves',
  summary: 'every entry of a matrix quantity of A, B, T (e.g. A A^T - B^T B) is conserved along the procedure’s flow (invariants)',
  check(params, where) {
    checkProcedureParam(params, where, ['quantity']);
    if (typeof params.quantity !== 'string') throw new SpecError(`${where}quantity`, `expected a matrix quantity such as "A A^T - B^T B", got ${JSON.stringify(params.quantity) ?? 'nothing'}`);
    try {
      parseQuantity(params.quantity);
    } catch (e) {
      if (e instanceof QuantityError) throw new SpecError(`${where}quantity`, e.message);
      throw e;
    }
  },
  analyses: () => ['invariants'],
  inapplicable: missingProcedure,
  verdict(check, params): StatementVerdict {
    const p = procedureOf(check, params);
    const finding = p.results.require(invariants);
    const quantity = params.quantity as string;
    const entries = quantityEntries(parseQuantity(quantity), check.derivation.params);
    if (entries === null) return { outcome: 'undecided', level: 'inconclusive', evidence: [`${quantity} is not defined on this model (the block shapes do not match)`] };
    if (finding.level !== 'proved') return { outcome: 'undecided', level: 'inconclusive', evidence: [`${p.label}: conserved quantities not found: ${finding.reason ?? 'inconclusive'}`] };
    const flat = entries.flatMap((row, i) => row.map((x, j) => ({ at: `(${i + 1},${j + 1})`, x })));
    if (flat.some(({ x }) => x.degree() > finding.maxDegree)) {
      return { outcome: 'undecided', level: 'inconclusive', evidence: [`${quantity} has entries of degree above ${finding.maxDegree}, the degree the invariants analysis searches`] };
    }
    const basisText = `the conserved polynomials of degree ≤ 2 of ${p.label} are spanned by ${finding.basis.length === 0 ? 'none (only constants)' : finding.basis.map(String).join(', ')}`;
    const notConserved = flat.filter(({ x }) => !inSpan(x, finding.basis));
    if (notConserved.length === 0) return { outcome: 'holds', level: 'proved', evidence: [`${p.label}: every entry of ${quantity} lies in their span; ${basisText} (proved)`] };
    const first = notConserved[0]!;
    return {
      outcome: 'fails',
      level: 'refuted',
      evidence: [`${p.label}: entry ${first.at} of ${quantity}, ${first.x.toString()}, is not conserved${notConserved.length > 1 ? ` (nor ${notConserved.length - 1} more)` : ''}: ${basisText} (proved)`],
    };
  },
});
