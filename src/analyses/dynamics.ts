/**
 * The dynamical analyses of one procedure (issue 4), run as selected: equilibria (components and
 * sampled points), stability at every point, collapse, invariants and the constant-metric
 * question. Plain data in, plain data out: renderers read the result, nothing here formats text.
 *
 * Example: `analyseDynamics(derivation, derivation.procedures[0], { analyses: ['equilibria',
 * 'stability'], points: 3, flows: 0, seed: 1 }).equilibria.components[0].id === 'collapsed'`.
 */
import type { Derivation, ProcedureDerivation } from '../procedures/derive.js';
import { analyseCollapse, type CollapseFinding } from './collapse.js';
import { analyseEquilibria, type EquilibriaFinding } from './equilibria.js';
import { findInvariants, type InvariantsFinding } from './invariants.js';
import { findConstantMetric, type MetricFinding } from './metric.js';
import { analysePointStability, componentGeometry, type PointStability } from './stability.js';

export const ANALYSIS_NAMES = ['integrability', 'equilibria', 'stability', 'collapse', 'invariants', 'metric'] as const;
export type AnalysisName = (typeof ANALYSIS_NAMES)[number];

/** Largest state dimension for which the default run includes the dynamical analyses. */
export const DEFAULT_DYNAMICS_MAX_STATE = 36;

export interface DynamicsOptions {
  analyses: readonly AnalysisName[];
  /** Points sampled per equilibrium component. */
  points: number;
  /** Random starts of the float flow (0: none). */
  flows: number;
  seed: number;
}

export interface DynamicsFindings {
  /** Components and points; `stability[c][i]` belongs to point i of component c (when selected). */
  equilibria?: { finding: EquilibriaFinding; stability: PointStability[][] | null };
  collapse?: CollapseFinding;
  invariants?: InvariantsFinding;
  metric?: MetricFinding;
}

/**
 * The selection in canonical order, with what each analysis needs: integrability always runs,
 * collapse needs stability, stability needs equilibria.
 * Example: `normalizeAnalyses(['collapse'])` is ['integrability', 'equilibria', 'stability', 'collapse'].
 */
export function normalizeAnalyses(selected: readonly AnalysisName[]): AnalysisName[] {
  const s = new Set<AnalysisName>(['integrability', ...selected]);
  if (s.has('collapse')) s.add('stability');
  if (s.has('stability')) s.add('equilibria');
  return ANALYSIS_NAMES.filter((n) => s.has(n));
}

/** The analyses a default `check` runs for a model whose largest state dimension is `maxState`. */
export function defaultAnalyses(maxState: number): AnalysisName[] {
  return maxState <= DEFAULT_DYNAMICS_MAX_STATE ? [...ANALYSIS_NAMES] : ['integrability'];
}

/** Random starts of the float flow by default: 4 up to state dimension 18 (a 3×3 SG), else none. */
export function defaultFlows(stateDimension: number): number {
  return stateDimension <= 18 ? 4 : 0;
}

export function analyseDynamics(derivation: Derivation, d: ProcedureDerivation, options: DynamicsOptions): DynamicsFindings {
  const selected = normalizeAnalyses(options.analyses);
  const wants = (name: AnalysisName) => selected.includes(name);
  const out: DynamicsFindings = {};
  // Stability and collapse are statements about sampled equilibria, so they bring them along.
  if (wants('equilibria')) {
    const finding = analyseEquilibria(derivation, d, options);
    let stability: PointStability[][] | null = null;
    if (wants('stability')) {
      const geometries = finding.components.map((c) => componentGeometry(d, c.equations));
      stability = finding.components.map((c, i) => c.points.map((p) => analysePointStability(d, geometries[i]!, p, { others: geometries })));
    }
    out.equilibria = { finding, stability };
    if (wants('collapse')) out.collapse = analyseCollapse(derivation, d, finding, stability!);
  }
  if (wants('invariants')) out.invariants = findInvariants(d, { seed: options.seed });
  if (wants('metric')) out.metric = findConstantMetric(d, { seed: options.seed });
  return out;
}
