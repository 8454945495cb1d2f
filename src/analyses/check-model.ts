/**
 * Everything `ncssl check` establishes for one model, as plain data: per procedure, the
 * integrability verdicts and the dynamical findings (equilibria, stability, collapse, invariants,
 * constant metrics; see dynamics.ts) that the options select.
 */
import type { Model, ProcedureName } from '../model/model.js';
import { type Derivation, deriveModel } from '../procedures/derive.js';
import { type AnalysisName, type DynamicsFindings, analyseDynamics, defaultAnalyses, defaultFlows, normalizeAnalyses } from './dynamics.js';
import { type IntegrabilityFinding, type IntegrabilityOptions, analyseIntegrability } from './integrability.js';

export interface ProcedureCheck {
  name: ProcedureName;
  title: string;
  stateNames: string[];
  /** Rates of the state coordinates (diagonal of P), as exact text. */
  rates: string[];
  /** Always computed: it is cheap, and certificates and `verify` build on it. */
  integrability: IntegrabilityFinding;
  dynamics: DynamicsFindings;
}

export interface ModelCheck {
  model: Model;
  derivation: Derivation;
  procedures: ProcedureCheck[];
  /** The analyses that ran. */
  analyses: AnalysisName[];
}

export interface CheckOptions extends IntegrabilityOptions {
  /** Analyses to run (integrability always runs); default: `defaultAnalyses` of the largest state dimension. */
  analyses?: AnalysisName[];
  /** Points sampled per equilibrium component (default 3). */
  points?: number;
  /** Random starts of the float flow per procedure (default: `defaultFlows` of the state dimension). */
  flows?: number;
}

export function checkModel(model: Model, options: CheckOptions): ModelCheck {
  const derivation = deriveModel(model);
  const maxState = Math.max(0, ...derivation.procedures.map((d) => d.state.length));
  const analyses = normalizeAnalyses(options.analyses ?? defaultAnalyses(maxState));
  const procedures = derivation.procedures.map(
    (d): ProcedureCheck => ({
      name: d.procedure.name,
      title: d.procedure.title,
      stateNames: d.stateNames,
      rates: d.rates.map((r) => r.toString()),
      integrability: analyseIntegrability(d, options),
      dynamics: analyseDynamics(derivation, d, {
        analyses,
        points: options.points ?? 3,
        flows: options.flows ?? defaultFlows(d.state.length),
        seed: options.seed,
      }),
    }),
  );
  return { model, derivation, procedures, analyses };
}
