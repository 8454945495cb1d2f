/**
 * Everything `ncssl check` establishes for one model, as plain data: per procedure, the
 * integrability verdicts. Later analyses add their findings beside it.
 */
import type { Model, ProcedureName } from '../model/model.js';
import { type Derivation, deriveModel } from '../procedures/derive.js';
import { type IntegrabilityFinding, type IntegrabilityOptions, analyseIntegrability } from './integrability.js';

export interface ProcedureCheck {
  name: ProcedureName;
  title: string;
  stateNames: string[];
  /** Rates of the state coordinates (diagonal of P), as exact text. */
  rates: string[];
  integrability: IntegrabilityFinding;
}

export interface ModelCheck {
  model: Model;
  derivation: Derivation;
  procedures: ProcedureCheck[];
}

export type CheckOptions = IntegrabilityOptions;

export function checkModel(model: Model, options: CheckOptions): ModelCheck {
  const derivation = deriveModel(model);
  const procedures = derivation.procedures.map(
    (d): ProcedureCheck => ({
      name: d.procedure.name,
      title: d.procedure.title,
      stateNames: d.stateNames,
      rates: d.rates.map((r) => r.toString()),
      integrability: analyseIntegrability(d, options),
    }),
  );
  return { model, derivation, procedures };
}
