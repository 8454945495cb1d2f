/**
 * From a model to every requested procedure's field and Jacobian, exactly.
 *
 * Example: `deriveModel(model).procedures[0].jacobian[i][j]` is ∂V_i/∂x_j as a polynomial.
 */
import type { Rational } from '../exact/rational.js';
import type { Model } from '../model/model.js';
import { objective } from '../model/objective.js';
import { type Parametrization, parametrize } from '../model/parameters.js';
import { Poly } from '../poly/poly.js';
import { onlineField, onlineState } from './common.js';
import { getProcedure, type Procedure } from './index.js';
import type { DerivationContext } from './procedure.js';

export interface ProcedureDerivation {
  procedure: Procedure;
  /** Ring indices of the state coordinates. */
  state: number[];
  /** Names of the state coordinates (`A_1_2`, …). */
  stateNames: string[];
  /** Diagonal of the rate matrix P. */
  rates: Rational[];
  /** V, one polynomial per state coordinate. */
  field: Poly[];
  /** DV: `jacobian[i][j] = ∂V_i/∂x_j`. */
  jacobian: Poly[][];
}

export interface Derivation {
  model: Model;
  params: Parametrization;
  /** F(θ, ψ, ξ). */
  objective: Poly;
  procedures: ProcedureDerivation[];
}

/** DV of a field over `state`, one gradient pass per component. */
export function jacobianOf(field: readonly Poly[], state: readonly number[]): Poly[][] {
  return Poly.gradients(field, state);
}

/** The context every procedure derives from, with the shared online gradient computed lazily. */
export function derivationContext(model: Model, params: Parametrization, F: Poly): DerivationContext {
  let gradient: Poly[] | null = null;
  let field: Poly[] | null = null;
  const onlineGradient = () => (gradient ??= F.gradient(onlineState(params)));
  return {
    model,
    params,
    objective: F,
    onlineGradient,
    onlineField: () => (field ??= onlineField(model, params, onlineGradient())),
  };
}

export function deriveModel(model: Model): Derivation {
  const params = parametrize(model);
  const F = objective(model, params);
  const context = derivationContext(model, params, F);
  const procedures = model.procedures.map((name): ProcedureDerivation => {
    const procedure = getProcedure(name);
    const state = procedure.state(params);
    const field = procedure.field(context);
    return {
      procedure,
      state,
      stateNames: state.map((v) => params.ring.names[v]!),
      rates: procedure.rates(model, params),
      field,
      jacobian: jacobianOf(field, state),
    };
  });
  return { model, params, objective: F, procedures };
}
