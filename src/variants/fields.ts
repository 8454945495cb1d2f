/**
 * Each procedure's field V and Jacobian DV for a variant, as nodes of the objective's DAG, and
 * their float form (a `FloatField`, what the float analyses take). The recipes are those of
 * src/procedures/procedure.ts, applied to the DAG instead of polynomials, plus `target-branch`:
 *   identify-then-differentiate  V = −∇(θ,ψ) F(θ, ψ, θ)                 (GD on the original objective)
 *   differentiate-then-identify  V = −∂(θ,ψ) F at (θ, ψ, ξ), then ξ := θ  (SG, SimSiam)
 *   moving-average               the same at (θ, ψ, ξ), and ξ̇ = τ(θ − ξ)  (EMA, BYOL)
 *   target-branch                θ̇ = −∂ξ F at ξ := θ, ψ̇ gets no gradient (the stop gradient on the online side)
 * with weight decay and rates as in docs/math.md §2: θ̇ −= λθ, ψ̇ = −α(… + λψ). A predictor set
 * from the codes enters after differentiating (objective.ts).
 *
 * Example: `deriveVariant(v).fields[0].float.jacobian(x, out)` writes DV(x) row-major.
 */
import { Rational } from '../exact/rational.js';
import type { Dag, Node } from '../expr/dag.js';
import { Program } from '../expr/evaluate.js';
import type { FloatField } from '../numeric/float-field.js';
import { type VariantLayout, variantObjective } from './objective.js';
import type { Variant, VariantProcedure } from './variant.js';

export interface VariantField {
  /** The DAG V's nodes live in (the objective's, shared by every procedure of the variant). */
  dag: Dag;
  procedure: VariantProcedure;
  /** Names of the state coordinates; coordinate k is the DAG's variable k. */
  stateNames: string[];
  /** Diagonal of the rate matrix P: 1 for θ, α for ψ, τ for ξ. */
  rates: Rational[];
  /** V, one node per state coordinate. */
  field: Node[];
  /**
   * DV as nodes, `jacobian[i][j]` = ∂V_i/∂x_j, built on first read (for `derive` and the tests):
   * the analyses never read it, they differentiate V numerically (`float.jacobian`, and forward
   * mode over intervals in the certified curl), since the symbolic DV of a large variant has
   * millions of nodes.
   */
  readonly jacobian: Node[][];
  float: FloatField;
}

export interface VariantDerivation {
  variant: Variant;
  layout: VariantLayout;
  fields: VariantField[];
}

export function deriveVariant(variant: Variant): VariantDerivation {
  const layout = variantObjective(variant);
  return { variant, layout, fields: variant.procedures.map((p) => variantField(variant, layout, p)) };
}

function variantField(variant: Variant, layout: VariantLayout, procedure: VariantProcedure): VariantField {
  const { dag, encoder, predictor, target, placeholders, setPredictor, objective } = layout;
  const node = (v: number) => dag.variableNode(v);
  const toTheta = new Map<number, Node>(target.map((v, k) => [v, node(encoder[k]!)]));
  const toSet = new Map<number, Node>(placeholders.map((v, k) => [v, setPredictor[k]!]));
  const both = new Map([...toTheta, ...toSet]);
  const online = [...encoder, ...predictor];
  let gradient: Node[];
  switch (procedure.recipe) {
    case 'identify-then-differentiate': {
      const [E] = dag.substitute([objective], toTheta);
      gradient = dag.substitute(dag.gradient(E!, online), toSet);
      break;
    }
    case 'differentiate-then-identify':
      gradient = dag.substitute(dag.gradient(objective, online), both);
      break;
    case 'moving-average':
      gradient = dag.substitute(dag.gradient(objective, online), toSet);
      break;
    case 'target-branch':
      gradient = [...dag.substitute(dag.gradient(objective, target), both), ...predictor.map(() => dag.zero)];
      break;
  }
  const lambda = dag.constant(variant.weightDecay);
  const alpha = dag.constant(variant.predictorRate);
  const tau = dag.constant(variant.emaRate);
  const field = online.map((v, k) => {
    const decayed = dag.add(gradient[k]!, dag.mul(lambda, node(v)));
    return dag.neg(k < encoder.length ? decayed : dag.mul(alpha, decayed));
  });
  const state = [...online];
  const rates = [...encoder.map(() => Rational.ONE), ...predictor.map(() => variant.predictorRate)];
  if (procedure.recipe === 'moving-average') {
    target.forEach((xi, k) => field.push(dag.mul(tau, dag.sub(node(encoder[k]!), node(xi)))));
    state.push(...target);
    rates.push(...target.map(() => variant.emaRate));
  }
  // The FloatField reads x as the variables 0..n−1: the state must be exactly those.
  if (!state.every((v, k) => v === k)) throw new Error('variant state: expected the state coordinates to be the first variables, in order');
  let jacobian: Node[][] | null = null;
  return {
    procedure,
    dag,
    stateNames: state.map((v) => dag.variables[v]!),
    rates,
    field,
    get jacobian() {
      return (jacobian ??= field.map((v) => dag.gradient(v, state)));
    },
    float: dagFloatField(dag, field),
  };
}

/**
 * V in floats, and DV by forward mode over V's program (no symbolic DV), compiled on first use
 * and shared with the certified curl (`Program.of`).
 */
export function dagFloatField(dag: Dag, field: readonly Node[]): FloatField {
  let value: Program | null = null;
  let scratch: Float64Array | null = null;
  return {
    dimension: field.length,
    value(x, out) {
      value ??= Program.of(dag, field);
      value.floats(x, out, (scratch ??= new Float64Array(value.length)));
    },
    jacobian(x, out) {
      value ??= Program.of(dag, field);
      value.floatJacobian(x, field.length, out);
    },
  };
}
