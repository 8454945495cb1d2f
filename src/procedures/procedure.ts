/**
 * A training procedure is a vector field on its state. Each procedure lives in its own file and
 * registers itself here with everything the rest of ncssl needs to know about it — its field, how
 * the field is made from F (`recipe`: the independent certificate kernel re-derives the field from
 * it, the report's matrix-level derivation follows it, and it fixes the procedure's role in the
 * claims), and its words — so adding a procedure is one new file plus its line in index.ts.
 *
 * Example: `getProcedure('sg').field(context)` is the SimSiam field `(Ȧ, Ḃ)` as polynomials.
 */
import type { ProcedureName } from '../model/model.js';
import type { Parametrization } from '../model/parameters.js';
import type { Poly } from '../poly/poly.js';

/**
 * Weight decay λ and the rates α (predictor) and τ (EMA target) as polynomials of the
 * derivation's ring: constants for a model, polynomials in the symbols for a family.
 */
export interface Coefficients {
  weightDecay: Poly;
  predictorRate: Poly;
  emaRate: Poly;
}

/** The diagonal rates of P as numbers (a model) or polynomials (a family): 1, α and τ. */
export interface Rates<T> {
  one: T;
  predictorRate: T;
  emaRate: T;
}

export interface DerivationContext {
  coefficients: Coefficients;
  params: Parametrization;
  /** The general objective F(θ, ψ, ξ). */
  objective: Poly;
  /**
   * ∂F/∂(θ, ψ) at (θ, ψ, ξ), in the order of the online state; computed once and shared, since
   * SG and EMA both start from it.
   */
  onlineGradient(): Poly[];
  /**
   * `onlineField(coefficients, params, onlineGradient())` (common.ts): the online part of the field at
   * (θ, ψ, ξ), shared like the gradient. EMA uses it as is; SG renames ξ := θ in it, which
   * commutes with the decay and the rates (they involve θ and ψ only).
   */
  onlineField(): Poly[];
  /** `onlineField()` with ξ := θ: the stop-gradient field, shared by SG and GD. */
  onlineFieldAtTheta(): Poly[];
}

/**
 * How the field is made from F(θ, ψ, ξ), in the three ways the theory knows; the certificate
 * kernel (src/kernel/field.ts) re-derives a field from this tag alone, with its own code.
 *  - `identify-then-differentiate`: E(θ, ψ) = F(θ, ψ, θ), the field is −∇E (gradient through the target);
 *  - `differentiate-then-identify`: −∂F at (θ, ψ, θ), the target held fixed while differentiating;
 *  - `moving-average`: −∂F at (θ, ψ, ξ), and the target is state with ξ̇ = τ(θ − ξ).
 * Weight decay λ and the rates (α for ψ, τ for ξ) enter the same way in all three.
 */
export const FIELD_RECIPES = ['identify-then-differentiate', 'differentiate-then-identify', 'moving-average'] as const;
export type FieldRecipe = (typeof FIELD_RECIPES)[number];

/**
 * The procedure's place in the claims: `original-objective` is minimization of E itself (claims
 * C1 "is a gradient field" and C3 "collapses"); `non-contrastive` is a procedure the theory says
 * avoids collapse without minimizing E (C1 "is not a gradient field", C2, C4). It follows from the
 * recipe — only gradient descent on E minimizes E — so it is derived, never declared.
 */
export type ProcedureRole = 'original-objective' | 'non-contrastive';

export function roleOf(recipe: FieldRecipe): ProcedureRole {
  return recipe === 'identify-then-differentiate' ? 'original-objective' : 'non-contrastive';
}

/**
 * Everything said about a procedure, in one place. Strings for reports may hold TeX math between
 * dollar signs (`$T = A$`); report/words.ts splits them into text and math.
 */
export interface ProcedureWords {
  /** Short name in running text, tables and claims: "SG". */
  label: string;
  /** Title for headings: "stop gradient (SimSiam)". */
  title: string;
  /** One plain sentence for `check`: how the field is obtained from F. */
  rule: string;
  /** For the report's procedure section: how the field is obtained from F (a clause). */
  how: string;
  /** Opening of the field's derivation in the report (a clause; rates and decay are appended). */
  field: string;
}

export interface Procedure {
  name: ProcedureName;
  recipe: FieldRecipe;
  words: ProcedureWords;
  /** Ring indices of the state coordinates, in order. */
  state(params: Parametrization): number[];
  /** The diagonal of the rate matrix P (one entry per state coordinate). */
  rates<T>(rates: Rates<T>, params: Parametrization): T[];
  /** The field V, one polynomial per state coordinate. */
  field(context: DerivationContext): Poly[];
}

const registry = new Map<ProcedureName, Procedure>();

const NAME = /^[a-z][a-z0-9-]{0,19}$/;

export function registerProcedure(procedure: Procedure): void {
  // Names appear in file names (`<model>.<procedure>.curl.json`) and in the spec.
  if (!NAME.test(procedure.name)) throw new Error(`procedure name ${JSON.stringify(procedure.name)}: expected lower-case letters, digits and '-'`);
  if (registry.has(procedure.name)) throw new Error(`procedure ${procedure.name} registered twice`);
  registry.set(procedure.name, procedure);
}

export function getProcedure(name: ProcedureName): Procedure {
  const p = registry.get(name);
  if (!p) throw new Error(`unknown procedure ${name}`);
  return p;
}

/** Every registered procedure, in registration order (index.ts): the spec's default list. */
export function allProcedures(): Procedure[] {
  return [...registry.values()];
}
