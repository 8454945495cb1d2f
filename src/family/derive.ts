/**
 * A family's objective, fields and Jacobians as exact polynomials in the state AND the symbols.
 * The symbols are ring variables that are never differentiated: the Jacobian is taken over the
 * state only. The fields come from the same procedure registry as a numeric model's, so a family
 * at given values of its symbols has exactly the numeric model's fields (tested).
 *
 * Example: for the scalar family (Σ1 = s, Σ12 = c) the objective is
 * `1/2*s*A_1_1^2*B_1_1^2 - c*A_1_1*B_1_1*T_1_1 + 1/2*s*T_1_1^2`.
 */
import { expectation, sampleLoss } from '../model/objective.js';
import { type Parametrization, parametrize } from '../model/parameters.js';
import { parsePoly } from '../poly/parse.js';
import { Poly } from '../poly/poly.js';
import { Rational } from '../exact/rational.js';
import type { Ring } from '../poly/ring.js';
import { derivationContext, jacobianOf } from '../procedures/derive.js';
import { getProcedure, type Procedure } from '../procedures/index.js';
import type { Coefficients } from '../procedures/procedure.js';
import type { Family } from './family.js';

export interface FamilyProcedure {
  procedure: Procedure;
  state: number[];
  stateNames: string[];
  /** Diagonal of the rate matrix P, polynomials in the symbols. */
  rates: Poly[];
  field: Poly[];
  /** ∂V_i/∂x_j over the state only. */
  jacobian: Poly[][];
}

export interface FamilyDerivation {
  family: Family;
  /** The ring: state (A, B, T), then the symbols, then the views. */
  params: Parametrization;
  /** Ring indices of the symbols, in the family's order. */
  symbols: number[];
  coefficients: Coefficients;
  objective: Poly;
  procedures: FamilyProcedure[];
}

/**
 * A polynomial of the family's symbol ring as one of `ring`, matched by variable name. Moments
 * and rates are a handful of short polynomials, so going through their printed form is cheap.
 */
export function embed(p: Poly, ring: Ring): Poly {
  return parsePoly(ring, p.toString());
}

export function deriveFamily(family: Family): FamilyDerivation {
  const params = parametrize(family, family.ring.names);
  const ring = params.ring;
  const into = (m: Poly[][]) => m.map((row) => row.map((e) => embed(e, ring)));
  const moments = { sigma1: into(family.moments.sigma1), sigma2: into(family.moments.sigma2), sigma12: into(family.moments.sigma12) };
  // The plain path (expand, then take expectations): families are small, and with polynomial
  // moments the pairwise shortcut of objective.ts would need polynomial coefficients throughout.
  const F = expectation(params, sampleLoss(params), { moments });
  const coefficients: Coefficients = {
    weightDecay: embed(family.weightDecay, ring),
    predictorRate: embed(family.predictorRate, ring),
    emaRate: embed(family.emaRate, ring),
  };
  const one = Poly.constant(ring, Rational.ONE);
  const context = derivationContext(coefficients, params, F);
  const procedures = family.procedures.map((name): FamilyProcedure => {
    const procedure = getProcedure(name);
    const state = procedure.state(params);
    const field = procedure.field(context);
    return {
      procedure,
      state,
      stateNames: state.map((v) => ring.names[v]!),
      rates: procedure.rates({ one, predictorRate: coefficients.predictorRate, emaRate: coefficients.emaRate }, params),
      field,
      jacobian: jacobianOf(field, state),
    };
  });
  return { family, params, symbols: family.ring.names.map((n) => ring.indexOf(n)), coefficients, objective: F, procedures };
}
