/**
 * `ncssl check --json` on a family: the findings of `checkFamily` as plain data, expressions as
 * strings in the derive syntax (parseable by src/poly/parse.ts with the state and symbol names).
 */
import type { FamilyCheck } from './check.js';
import { pointCoordinates } from './points.js';
import { plainText } from './text.js';

export function familyCheckJson(check: FamilyCheck, source: string): Record<string, unknown> {
  const f = check.family;
  const str = (p: { toString(): string }) => p.toString();
  return {
    source,
    name: f.name,
    family: true,
    symbols: f.symbols.map((s) => ({ name: s.name, sign: s.sign })),
    inequalities: f.inequalities.map((q) => ({ lhs: str(q.lhs), rhs: str(q.rhs), strict: q.strict })),
    // Plain words here; the report typesets the same statements' TeX.
    validity: { proved: check.validity.proved.map(plainText), hypotheses: check.validity.hypotheses.map(plainText) },
    objective: str(check.derivation.objective),
    procedures: check.procedures.map((p) => ({
      name: p.fp.procedure.name,
      state: p.fp.stateNames,
      rates: p.fp.rates.map(str),
      field: p.fp.field.map(str),
      integrability:
        p.integrability.kind === 'gradient'
          ? { kind: 'gradient', rateScaled: p.integrability.rateScaled, potential: str(p.integrability.potential), isObjectivePlusDecay: p.integrability.isObjectivePlusDecay }
          : {
              kind: 'not-gradient',
              rateScaled: p.integrability.rateScaled,
              everywhere: p.integrability.everywhere,
              curl: { i: p.fp.stateNames[p.integrability.witness.i], j: p.fp.stateNames[p.integrability.witness.j], value: str(p.integrability.witness.curl) },
              coefficient: { monomial: p.integrability.witness.monomial, value: str(p.integrability.witness.coefficient), proof: p.integrability.witness.proof },
              exceptional: p.integrability.exceptional.map(str),
            },
      conserved: p.invariants.quantities.map(str),
      collapse: p.collapse && {
        proved: p.collapse.proved,
        reason: p.collapse.reason,
        minors: p.collapse.minors.map((m) => ({ minor: str(m.minor), proof: m.proof })),
      },
      equilibria: p.points.map(({ point, stability }) => ({
        component: point.component,
        coordinates: pointCoordinates(point, p.fp.state),
        free: point.free.map((x) => ({ variable: p.fp.field[0]!.ring.names[x.variable], sign: x.sign })),
        sampled: point.sampled.map((x) => ({ variable: p.fp.field[0]!.ring.names[x.variable], value: str(x.value) })),
        stability: {
          verdict: stability.verdict,
          reason: stability.reason,
          zeroEigenvalues: stability.kernel,
          r: stability.reduced.map(str),
          conditions: stability.conditions.map((c) => ({ positive: str(c.polynomial), proof: c.proof, provedNegative: c.negative !== null, holdsAtSamples: c.holdsAtSamples })),
        },
      })),
    })),
    claims: check.claims,
  };
}
