/**
 * Evidence kinds: how a statement's verdict is read off the findings `checkModel` holds, off
 * those `checkFamily` holds for a family (a spec with symbols), and, for the kinds that can, off a
 * variant's certified curl and flow limits (`variant`). Each kind is one file in this
 * folder that registers itself here, and one line in index.ts. A kind names the analyses it reads
 * (so `prove` runs only those on each numeric model; a family is checked whole), checks its own
 * parameters in a statement file, and turns either kind of findings into a verdict — it decides
 * nothing the analyses did not.
 *
 * Example: `getEvidence('not-gradient').verdict(check, { procedure: 'sg' }).outcome === 'holds'` on
 * the scalar model, and `.family(familyCheck, { procedure: 'sg' })` is `holds`, proved for all
 * admissible values, on the scalar family.
 */
import type { ModelCheck, ProcedureCheck } from '../../analyses/check-model.js';
import type { Rational } from '../../exact/rational.js';
import type { FamilyCheck, FamilyProcedureCheck } from '../../family/check.js';
import { SpecError } from '../../model/spec-error.js';
import type { Poly } from '../../poly/poly.js';
import type { VariantCheck } from '../../variants/check.js';
import type { VariantDynamics } from '../../variants/claims.js';
import type { FamilyScope, StatementVerdict } from '../statement.js';

/** A family's verdict always says how far it reaches (statement.ts). */
export type FamilyVerdict = StatementVerdict & { scope: FamilyScope };

/** What `prove` holds on a variant (src/variants/): its check (certified curl) and its flow limits with the claims. */
export interface VariantFindings {
  check: VariantCheck;
  dynamics: VariantDynamics;
}

export interface EvidenceKind {
  name: string;
  /** One line for the user's guide and the report: what it reads. */
  summary: string;
  /** Checks the statement's parameters; throws a SpecError naming the field (`where` + key). */
  check(params: Record<string, unknown>, where: string): void;
  /** The registered analyses it reads (integrability always runs). */
  analyses(params: Record<string, unknown>): string[];
  /** A model or family the statement cannot be about (a procedure it lacks): a one-line reason, else null. */
  inapplicable?(subject: Subject, params: Record<string, unknown>): string | null;
  verdict(check: ModelCheck, params: Record<string, unknown>): StatementVerdict;
  /** The same question on a family, read off `checkFamily`'s findings; the verdict's scope says whether it covers every admissible value. */
  family(check: FamilyCheck, params: Record<string, unknown>): FamilyVerdict;
  /**
   * The same question on a variant, read off its certified curl and flow limits (certified or
   * numerical, never proved). Absent when the kind reads exact analyses a variant does not have:
   * its verdict on a variant is then undecided, saying so.
   */
  variant?(findings: VariantFindings, params: Record<string, unknown>): StatementVerdict;
}

/** What `inapplicable` looks at: the kind of spec, and its procedures (a variant's: gd, sg, ema or sg-online). */
export interface Subject {
  kind: 'model' | 'family' | 'variant';
  procedures: readonly string[];
}

const kinds = new Map<string, EvidenceKind>();

export function registerEvidence(kind: EvidenceKind): void {
  kinds.set(kind.name, kind);
}

export function getEvidence(name: string): EvidenceKind | undefined {
  return kinds.get(name);
}

export function allEvidence(): EvidenceKind[] {
  return [...kinds.values()];
}

/** The `procedure` parameter most kinds take: a procedure name such as gd, sg or ema. */
export function checkProcedureParam(params: Record<string, unknown>, where: string, extra: readonly string[] = []): void {
  for (const k of Object.keys(params)) if (k !== 'procedure' && !extra.includes(k)) throw new SpecError(`${where}${k}`, `unknown field; expected procedure${extra.map((e) => `, ${e}`).join('')}`);
  if (typeof params.procedure !== 'string' || !/^[a-z][a-z0-9-]*$/.test(params.procedure)) {
    throw new SpecError(`${where}procedure`, `expected a procedure name such as gd, sg or ema, got ${JSON.stringify(params.procedure) ?? 'nothing'}`);
  }
}

/** A model without the procedure cannot carry a statement about it. */
export function missingProcedure(subject: Subject, params: Record<string, unknown>): string | null {
  return subject.procedures.includes(params.procedure as string) ? null : `the model has no procedure ${String(params.procedure)} (its procedures: ${subject.procedures.join(', ')})`;
}

export function procedureOf(check: ModelCheck, params: Record<string, unknown>): ProcedureCheck {
  const p = check.procedures.find((x) => x.name === params.procedure);
  if (!p) throw new Error(`procedure ${String(params.procedure)} was not checked: internal error`);
  return p;
}

export function familyProcedureOf(check: FamilyCheck, params: Record<string, unknown>): FamilyProcedureCheck {
  const p = check.procedures.find((x) => x.fp.procedure.name === params.procedure);
  if (!p) throw new Error(`procedure ${String(params.procedure)} was not checked: internal error`);
  return p;
}

/**
 * The first of the family's seeded admissible values (`check.samples`, in their order) at which
 * one of `polys` (polynomials in the symbols only) is not zero, printed `alpha = 2`: an exact
 * counterexample for the family. Null when every one vanishes at every sample.
 */
export function sampleWhereNonzero(check: FamilyCheck, polys: readonly Poly[]): string | null {
  for (const values of check.samples) {
    const at = (p: Poly): Rational =>
      p.evaluate((v) => {
        const name = p.ring.names[v]!;
        const x = values.get(name);
        if (x === undefined) throw new Error(`${name} is not a symbol of the family: internal error`);
        return x;
      });
    if (polys.some((p) => !at(p).isZero())) return [...values].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, x]) => `${name} = ${x.toString()}`).join(', ');
  }
  return null;
}
