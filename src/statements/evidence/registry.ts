/**
 * Evidence kinds: how a statement's verdict is read off the findings `checkModel` holds. Each kind
 * is one file in this folder that registers itself here, and one line in index.ts. A kind names
 * the analyses it reads (so `prove` runs only those on each model), checks its own parameters in
 * a statement file, and turns a model's findings into a verdict — it decides nothing the analyses
 * did not.
 *
 * Example: `getEvidence('not-gradient').verdict(check, { procedure: 'sg' }).outcome === 'holds'` on
 * the scalar model.
 */
import type { ModelCheck, ProcedureCheck } from '../../analyses/check-model.js';
import type { Model } from '../../model/model.js';
import { SpecError } from '../../model/spec-error.js';
import type { StatementVerdict } from '../statement.js';

export interface EvidenceKind {
  name: string;
  /** One line for the user's guide and the report: what it reads. */
  summary: string;
  /** Checks the statement's parameters; throws a SpecError naming the field (`where` + key). */
  check(params: Record<string, unknown>, where: string): void;
  /** The registered analyses it reads (integrability always runs). */
  analyses(params: Record<string, unknown>): string[];
  /** A model the statement cannot be about (a procedure it lacks): a one-line reason, else null. */
  inapplicable?(model: Model, params: Record<string, unknown>): string | null;
  verdict(check: ModelCheck, params: Record<string, unknown>): StatementVerdict;
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
export function missingProcedure(model: Model, params: Record<string, unknown>): string | null {
  return model.procedures.includes(params.procedure as string) ? null : `the model has no procedure ${String(params.procedure)} (its procedures: ${model.procedures.join(', ')})`;
}

export function procedureOf(check: ModelCheck, params: Record<string, unknown>): ProcedureCheck {
  const p = check.procedures.find((x) => x.name === params.procedure);
  if (!p) throw new Error(`procedure ${String(params.procedure)} was not checked: internal error`);
  return p;
}
