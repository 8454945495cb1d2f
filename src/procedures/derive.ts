/**
 * From a model to every requested procedure's field and Jacobian, exactly.
 *
 * Example: `deriveModel(model).procedures[0].jacobian[i][j]` is ∂V_i/∂x_j as a polynomial.
 */
import type { Rational } from '../exact/rational.js';
import type { Model } from '../model/model.js';
import { objective } from '../model/objective.js';
import { type Parametrization, parametrize, targetToEncoder } from '../model/parameters.js';
import { type FloatField, compiledFloatField } from '../numeric/float-field.js';
import { Poly } from '../poly/poly.js';
import { modelCoefficients, modelRates, onlineField, onlineState } from './common.js';
import { getProcedure, type Procedure } from './index.js';
import type { Coefficients, DerivationContext } from './procedure.js';

/**
 * What every procedure's field offers the analyses: its state, its rates and float evaluation.
 * The float analyses (sampled curl, Newton's method, eigenvalues, flows) need no more.
 */
export interface ProcedureField {
  procedure: Procedure;
  /** Ring indices of the state coordinates. */
  state: number[];
  /** Names of the state coordinates (`A_1_2`, …). */
  stateNames: string[];
  /** Diagonal of the rate matrix P. */
  rates: Rational[];
  /** V and DV in floats. */
  float: FloatField;
}

/**
 * A field with its exact polynomial form, as every model of the linear family has: what the
 * exact analyses (certificates, potentials, equilibrium varieties, exact stability) need.
 */
export interface ProcedureDerivation extends ProcedureField {
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

/** Jacobian rows already computed, by component: GD and SG share their ψ components. */
const rowsOf = new WeakMap<Poly, { state: readonly number[]; row: readonly Poly[] }>();

const sameState = (a: readonly number[], b: readonly number[]) => a === b || (a.length === b.length && a.every((v, k) => v === b[k]));

/**
 * DV of a field over `state`, one gradient pass per component. A component that is the very
 * object of one differentiated before over the same state (GD's ψ components are SG's) gets
 * that row again, as a fresh array of the same (immutable) polynomials.
 */
export function jacobianOf(field: readonly Poly[], state: readonly number[]): Poly[][] {
  const known = field.map((v) => {
    const hit = rowsOf.get(v);
    return hit !== undefined && sameState(hit.state, state) ? hit.row : null;
  });
  const fresh = Poly.gradients(field.filter((_, k) => known[k] === null), state);
  let next = 0;
  return field.map((v, k) => {
    const row = known[k];
    if (row) return row.slice();
    const computed = fresh[next++]!;
    rowsOf.set(v, { state: [...state], row: computed });
    return computed.slice();
  });
}

/** The context every procedure derives from, with the shared online gradient computed lazily. */
export function derivationContext(coefficients: Coefficients, params: Parametrization, F: Poly): DerivationContext {
  let gradient: Poly[] | null = null;
  let field: Poly[] | null = null;
  let fieldAtTheta: Poly[] | null = null;
  const onlineGradient = () => (gradient ??= F.gradient(onlineState(params)));
  const sharedOnlineField = () => (field ??= onlineField(coefficients, params, onlineGradient()));
  return {
    coefficients,
    params,
    objective: F,
    onlineGradient,
    onlineField: sharedOnlineField,
    onlineFieldAtTheta: () => {
      const toEncoder = targetToEncoder(params);
      return (fieldAtTheta ??= sharedOnlineField().map((v) => v.renameVariables(toEncoder)));
    },
  };
}

export function deriveModel(model: Model): Derivation {
  const params = parametrize(model);
  const F = objective(model, params);
  const context = derivationContext(modelCoefficients(model, params), params, F);
  const procedures = model.procedures.map((name): ProcedureDerivation => {
    const procedure = getProcedure(name);
    const state = procedure.state(params);
    const field = procedure.field(context);
    const jacobian = jacobianOf(field, state);
    return {
      procedure,
      state,
      stateNames: state.map((v) => params.ring.names[v]!),
      rates: procedure.rates(modelRates(model), params),
      field,
      jacobian,
      float: compiledFloatField(field, jacobian, state),
    };
  });
  return { model, params, objective: F, procedures };
}
