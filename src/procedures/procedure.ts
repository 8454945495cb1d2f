/**
 * A training procedure is a vector field on its state (MATH.md §2). Each procedure lives in its
 * own file and registers itself here, so adding one never touches a central switch.
 *
 * Example: `getProcedure('sg').field(context)` is the SimSiam field `(Ȧ, Ḃ)` as polynomials.
 */
import type { Rational } from '../exact/rational.js';
import type { Model, ProcedureName } from '../model/model.js';
import type { Parametrization } from '../model/parameters.js';
import type { Poly } from '../poly/poly.js';

export interface DerivationContext {
  model: Model;
  params: Parametrization;
  /** The general objective F(θ, ψ, ξ). */
  objective: Poly;
  /**
   * ∂F/∂(θ, ψ) at (θ, ψ, ξ), in the order of the online state; computed once and shared, since
   * SG and EMA both start from it.
   */
  onlineGradient(): Poly[];
  /**
   * `onlineField(model, params, onlineGradient())` (common.ts): the online part of the field at
   * (θ, ψ, ξ), shared like the gradient. EMA uses it as is; SG renames ξ := θ in it, which
   * commutes with the decay and the rates (they involve θ and ψ only).
   */
  onlineField(): Poly[];
  /** `onlineField()` with ξ := θ: the stop-gradient field, shared by SG and GD. */
  onlineFieldAtTheta(): Poly[];
}

export interface Procedure {
  name: ProcedureName;
  /** A short title for reports: "stop gradient (SimSiam)". */
  title: string;
  /** One sentence saying how the field is obtained from F. */
  rule: string;
  /** Ring indices of the state coordinates, in order. */
  state(params: Parametrization): number[];
  /** The diagonal of the rate matrix P (one entry per state coordinate). */
  rates(model: Model, params: Parametrization): Rational[];
  /** The field V, one polynomial per state coordinate. */
  field(context: DerivationContext): Poly[];
}

const registry = new Map<ProcedureName, Procedure>();

export function registerProcedure(procedure: Procedure): void {
  if (registry.has(procedure.name)) throw new Error(`procedure ${procedure.name} registered twice`);
  registry.set(procedure.name, procedure);
}

export function getProcedure(name: ProcedureName): Procedure {
  const p = registry.get(name);
  if (!p) throw new Error(`unknown procedure ${name}`);
  return p;
}
