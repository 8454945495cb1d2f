/**
 * Everything `ncssl check` establishes for one model, as plain data: per procedure, the results
 * of the selected analyses (src/analyses/index.ts: integrability always, and the dynamical ones —
 * equilibria, stability, collapse, invariants, constant metrics — as selected), and the claims
 * of the theory read off them once, for every printer.
 */
import type { Model, ProcedureName } from '../model/model.js';
import { type Derivation, deriveModel } from '../procedures/derive.js';
import { type ProcedureRole, roleOf } from '../procedures/index.js';
import { type AnalysisResults, type AnalysisView, defaultAnalyses, normalizeAnalyses, runAnalyses } from './index.js';
import { type ClaimVerdict, assessClaims } from './claims.js';

export interface ProcedureCheck extends AnalysisView {
  name: ProcedureName;
  /** The procedure's words: short label ("SG") and title. */
  label: string;
  title: string;
  /** Its place in the claims (src/procedures/procedure.ts). */
  role: ProcedureRole;
  stateNames: string[];
  /** Rates of the state coordinates (diagonal of P), as exact text. */
  rates: string[];
  /** By analysis: `results.require(integrability)` (it always runs), `results.get(invariants)`. */
  results: AnalysisResults;
}

export interface ModelCheck {
  model: Model;
  derivation: Derivation;
  procedures: ProcedureCheck[];
  /** The names of the analyses that ran, in canonical order. */
  analyses: string[];
  /** The claims of docs/math.md §3 on this model, read off the results (claims.ts). */
  claims: ClaimVerdict[];
}

export interface CheckOptions {
  /** Random points of the float curl cross-check. */
  samples: number;
  seed: number;
  /** Analyses to run (with what they require; integrability always runs); default: `defaultAnalyses` of the largest state dimension. */
  analyses?: string[];
  /** Points sampled per equilibrium component (default 3). */
  points?: number;
  /** Random starts of the float flow per procedure (default: `defaultFlows` of the state dimension). */
  flows?: number;
}

/** Random starts of the float flow by default: 4 up to state dimension 18 (a 3×3 SG), else none. */
export function defaultFlows(stateDimension: number): number {
  return stateDimension <= 18 ? 4 : 0;
}

export function checkModel(model: Model, options: CheckOptions): ModelCheck {
  const derivation = deriveModel(model);
  const maxState = Math.max(0, ...derivation.procedures.map((d) => d.state.length));
  const analyses = normalizeAnalyses(options.analyses ?? defaultAnalyses(maxState));
  const procedures = derivation.procedures.map(
    (d): ProcedureCheck => ({
      name: d.procedure.name,
      label: d.procedure.words.label,
      title: d.procedure.words.title,
      role: roleOf(d.procedure.recipe),
      stateNames: d.stateNames,
      rates: d.rates.map((r) => r.toString()),
      results: runAnalyses(
        {
          derivation,
          procedure: d,
          options: { samples: options.samples, seed: options.seed, points: options.points ?? 3, flows: options.flows ?? defaultFlows(d.state.length) },
        },
        analyses,
      ),
    }),
  );
  return { model, derivation, procedures, analyses, claims: assessClaims({ procedures }) };
}
