/**
 * A model variant beyond the linear family (issue 12): the cosine loss, MLP encoders, predictors
 * set from the codes (DirectPred, DirectCopy) or constrained (symmetric), the stop gradient on
 * either side or none, and a finite set of view pairs as data. Produced by `parseVariant`
 * (spec.ts); its objective and fields are expression DAGs (objective.ts, fields.ts), evaluated in
 * floats or intervals, never exact polynomials, so only the float and certified analyses apply.
 *
 * Example: `parseVariant('loss: cosine\nencoder: {kind: linear, in: 1, out: 1}\n' +
 *   'predictor: {kind: linear}\ndata: {pairs: [[[1], [2]]]}', 'v').loss === 'cosine'`.
 */
import type { Rational } from '../exact/rational.js';
import type { FieldRecipe } from '../procedures/procedure.js';

export type Loss = 'squared' | 'cosine';
export type Activation = 'tanh' | 'softplus' | 'relu';

/** A one-matrix encoder as in the linear family, or a multi-layer perceptron. */
export type VariantEncoder =
  | { kind: 'linear' | 'diagonal' | 'scalar'; in: number; out: number }
  /** `layers` [p, h1, …, q]; the activation acts after every layer but the last (null: no hidden layer). */
  | { kind: 'mlp'; in: number; out: number; layers: number[]; activation: Activation | null; bias: boolean };

/**
 * Trained predictors (a q×q matrix B with free, diagonal, symmetric or no entries) and the two
 * set from the code correlation F̂ = E[z zᵀ], z = f_θ(x1), with no gradient through the setting
 * (Tian et al. 2021): DirectPred B = F̂^power (eigendecomposition, normalised, + eps), DirectCopy
 * B = F̂ + eps·I.
 */
export type VariantPredictor =
  | { kind: 'linear' | 'diagonal' | 'identity' | 'symmetric' }
  | { kind: 'directpred'; power: Rational; eps: Rational }
  | { kind: 'directcopy'; eps: Rational };

/**
 * How a procedure's field is made: the three recipes of src/procedures/ and `target-branch`, the
 * stop gradient on the online side (`stopGradient: online`): the gradient reaches the encoder only
 * through the target branch, and the predictor none at all.
 */
export type VariantRecipe = FieldRecipe | 'target-branch';

export interface VariantProcedure {
  /** A registered procedure's name (gd, sg, ema) or `sg-online` for the wrong-side stop gradient. */
  name: string;
  recipe: VariantRecipe;
}

/** One pair of views (x1, x2), each of length p, exactly as written. */
export interface ViewPair {
  x1: Rational[];
  x2: Rational[];
}

/** The view pairs the objective averages over, exactly; `origin` says how drawn pairs were made (src/variants/data.ts). */
export interface VariantData {
  kind: 'pairs';
  pairs: ViewPair[];
  origin?: string;
}

export interface Variant {
  name: string;
  loss: Loss;
  encoder: VariantEncoder;
  predictor: VariantPredictor;
  data: VariantData;
  weightDecay: Rational;
  predictorRate: Rational;
  emaRate: Rational;
  procedures: VariantProcedure[];
  /**
   * False when a ReLU makes the field non-differentiable where a pre-activation is 0: a Jacobian
   * there does not exist, so no exact or certified claim resting on DV is made (float evidence only).
   */
  smooth: boolean;
}
