/**
 * `conserves` {procedure, quantity}: every entry of a matrix quantity of the blocks (such as
 * `A A^T - B^T B`, matrix-quantity.ts) is constant along the procedure's flow. Read off the
 * invariants analysis, which finds a basis of all conserved polynomials of degree ≤ 2 (modulo
 * constants), proved complete: an entry of degree ≤ 2 is conserved exactly when, without its
 * constant term, it lies in the span of that basis — an exact rank test here.
 *
 * On a family: the family's invariants analysis finds every quadratic form with rational
 * coefficients conserved for all values of the symbols (besides those whose coefficients carry a
 * symbol), so an entry that is a quadratic form is conserved for all values exactly when it lies
 * in the span of what was found. When one is not, d/dt of it along the family's field is a nonzero
 * polynomial whose coefficients in the state, polynomials in the symbols, vanish exactly where it
 * is conserved: a coefficient proved nonzero on the domain refutes the statement for every
 * admissible value, one nonzero at a sampled admissible value refutes it there.
 */
import { invariants } from '../../analyses/index.js';
import { primitive } from '../../analyses/poly-tools.js';
import { type Matrix, rank } from '../../exact/linear-algebra.js';
import { Rational } from '../../exact/rational.js';
import type { FamilyCheck } from '../../family/check.js';
import { proveSign } from '../../family/domain.js';
import { stateCoefficients } from '../../family/integrability.js';
import { SpecError } from '../../model/spec-error.js';
import { forEachFactor } from '../../poly/monomial.js';
import { Poly } from '../../poly/poly.js';
import { QuantityError, parseQuantity, quantityEntries } from '../matrix-quantity.js';
import type { StatementVerdict } from '../statement.js';
import { type FamilyVerdict, checkProcedureParam, familyProcedureOf, missingProcedure, procedureOf, registerEvidence, sampleWhereNonzero } from './registry.js';

/** Whether `q` (constant term dropped) is a linear combination of `basis`, exactly. */
function inSpan(q: Poly, basis: readonly Poly[]): boolean {
  const rows = [...basis, q].map((p) => new Map(p.sortedTerms().filter(([m]) => m !== '')));
  const monomials = [...new Set(rows.flatMap((r) => [...r.keys()]))];
  const matrix: Matrix = rows.map((r) => monomials.map((m) => r.get(m) ?? Rational.ZERO));
  if (monomials.length === 0) return true; // a constant
  return rank(matrix.slice(0, -1)) === rank(matrix);
}

/** Whether every term of p has total degree 2 in the state (a quadratic form in it). */
function quadraticForm(p: Poly, state: ReadonlySet<number>): boolean {
  return [...p.terms.keys()].every((m) => {
    let degree = 0;
    forEachFactor(m, (v, e) => {
      degree += state.has(v) ? e : 0;
    });
    return degree === 2;
  });
}

function familyVerdict(check: FamilyCheck, params: Record<string, unknown>): FamilyVerdict {
  const p = familyProcedureOf(check, params);
  const quantity = params.quantity as string;
  const entries = quantityEntries(parseQuantity(quantity), check.derivation.params);
  if (entries === null) return { outcome: 'undecided', level: 'inconclusive', scope: 'all', evidence: [`${quantity} is not defined on this family (the block shapes do not match)`] };
  const state = new Set(p.fp.state);
  const flat = entries.flatMap((row, i) => row.map((x, j) => ({ at: `(${i + 1},${j + 1})`, x }))).filter(({ x }) => !x.isZero());
  if (!flat.every(({ x }) => quadraticForm(x, state))) {
    return { outcome: 'undecided', level: 'inconclusive', scope: 'all', evidence: [`${quantity} has entries that are not quadratic forms in the state, the only kind the family's invariants analysis searches`] };
  }
  const found = p.invariants.quantities;
  const basisText = `the family's conserved quadratic forms of ${p.label} are spanned by ${found.length === 0 ? 'none' : found.map(String).join(', ')}`;
  const notConserved = flat.filter(({ x }) => !inSpan(x, found));
  if (notConserved.length === 0) return { outcome: 'holds', level: 'proved', scope: 'all', evidence: [`${p.label}: every entry of ${quantity} lies in their span for every admissible value; ${basisText} (proved)`] };
  const first = notConserved[0]!;
  const rate = Poly.sum(first.x.ring, p.fp.state.map((v, k) => first.x.derivative(v).mul(p.fp.field[k]!)));
  const where = dedupe([...stateCoefficients(rate, state).values()].map(primitive));
  // The analysis finds every such form conserved for all values, so this one's rate is not ≡ 0.
  if (where.length === 0) throw new Error(`${quantity}: conserved for all values but not in the span of the family's invariants: internal error`);
  const entry = `${p.label}: entry ${first.at} of ${quantity}, ${first.x.toString()}, is not conserved for all values of the symbols`;
  const exactly = `it is conserved exactly where ${where.map((g) => `${g.toString()} = 0`).join(' and ')}; ${basisText} (proved)`;
  const nonzero = where.find((g) => proveSign(g, check.domain, 'nonzero') !== null);
  if (nonzero) return { outcome: 'fails', level: 'refuted', scope: 'all', evidence: [`${entry}: for no admissible value, since ${nonzero.toString()} ≠ 0 on the domain (proved); ${basisText} (proved)`] };
  const at = sampleWhereNonzero(check, where);
  if (at !== null) return { outcome: 'fails', level: 'refuted', scope: 'sampled', evidence: [`${entry}: not at ${at}, a sampled admissible value; ${exactly}`] };
  return { outcome: 'undecided', level: 'inconclusive', scope: 'sampled', evidence: [`${entry}: ${exactly}, which holds at every sampled admissible value`] };
}

function dedupe(polys: Poly[]): Poly[] {
  const out: Poly[] = [];
  for (const p of polys) if (!out.some((q) => q.equals(p))) out.push(p);
  return out;
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
  family: familyVerdict,
});
