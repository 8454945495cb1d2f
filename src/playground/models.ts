/**
 * The models a learner can pick in the playground: each one's online state has two coordinates,
 * so GD's and SG's phase portraits are the whole picture (EMA adds the target, shown on the slice
 * T = A). A model is built from the sliders' values as exact rationals, the way the spec reader
 * builds one from a file, and its moments are checked the same way (the joint matrix
 * [[Σ1, Σ12], [Σ12ᵀ, Σ2]] must be positive semidefinite for the moments to be those of real views).
 *
 * This module is pure (no DOM, no Node): the page and the tests both import it.
 *
 * Example: `buildModel(PLAYGROUND_MODELS[0], presetValues(PLAYGROUND_MODELS[0]), 'sg').model` is
 * the scalar model of proofs/models/scalar.yaml restricted to SG.
 */
import { Rational } from '../exact/rational.js';
import { psdCheck, transpose } from '../exact/psd.js';
import type { EncoderKind, Model, PredictorKind, ProcedureName, RationalMatrix } from '../model/model.js';

/** One slider: its id (also the key of its value), its label in TeX, range and step as decimals. */
export interface SliderSpec {
  id: string;
  label: string;
  min: string;
  max: string;
  step: string;
  /** Its value when the model is picked. */
  preset: string;
}

export interface PlaygroundModel {
  id: string;
  /** Shown in the model picker. */
  title: string;
  /** One sentence on what to look for. */
  note: string;
  encoder: { kind: EncoderKind; in: number; out: number };
  predictor: { kind: PredictorKind };
  /** The moment sliders. */
  moments: SliderSpec[];
  /** Σ1, Σ2 and Σ12 from the moment sliders' values. */
  momentsOf(values: ReadonlyMap<string, Rational>): Model['moments'];
  /** Half-width of the square of the plane shown first. */
  view: string;
}

/** λ, α, τ: the same sliders for every model. */
export const RATE_SLIDERS: SliderSpec[] = [
  { id: 'lambda', label: '\\lambda', min: '0', max: '1', step: '0.05', preset: '0' },
  { id: 'alpha', label: '\\alpha', min: '0.1', max: '3', step: '0.1', preset: '1' },
  { id: 'tau', label: '\\tau', min: '0.1', max: '3', step: '0.1', preset: '0.5' },
];

const get = (values: ReadonlyMap<string, Rational>, id: string): Rational => {
  const v = values.get(id);
  if (v === undefined) throw new Error(`playground: no value for slider ${id}`);
  return v;
};

/** Σ1 = Σ2 = [[s11, s12], [s12, s22]] and Σ12 = [[c11, c12], [c21, c22]]: sliders of a model with p = 2. */
const TWO_BY_TWO_MOMENTS: SliderSpec[] = [
  { id: 's11', label: '(\\Sigma_1)_{11}', min: '0', max: '3', step: '0.05', preset: '2' },
  { id: 's12', label: '(\\Sigma_1)_{12}', min: '-2', max: '2', step: '0.05', preset: '0.5' },
  { id: 's22', label: '(\\Sigma_1)_{22}', min: '0', max: '3', step: '0.05', preset: '1.5' },
  { id: 'c11', label: '(\\Sigma_{12})_{11}', min: '-3', max: '3', step: '0.05', preset: '1.5' },
  { id: 'c12', label: '(\\Sigma_{12})_{12}', min: '-2', max: '2', step: '0.05', preset: '0.5' },
  { id: 'c21', label: '(\\Sigma_{12})_{21}', min: '-2', max: '2', step: '0.05', preset: '0' },
  { id: 'c22', label: '(\\Sigma_{12})_{22}', min: '-3', max: '3', step: '0.05', preset: '1' },
];

function twoByTwoMoments(values: ReadonlyMap<string, Rational>): Model['moments'] {
  const sigma: RationalMatrix = [
    [get(values, 's11'), get(values, 's12')],
    [get(values, 's12'), get(values, 's22')],
  ];
  const sigma12: RationalMatrix = [
    [get(values, 'c11'), get(values, 'c12')],
    [get(values, 'c21'), get(values, 'c22')],
  ];
  return { sigma1: sigma, sigma2: sigma.map((row) => row.slice()), sigma12 };
}

export const PLAYGROUND_MODELS: PlaygroundModel[] = [
  {
    id: 'scalar',
    title: 'scalar: encoder a, predictor b (proofs/models/scalar.yaml)',
    note: 'docs/math.md §5: Σ1 = Σ2 = s, Σ12 = c. SG conserves a² − b²; its equilibria are the lines a = 0 and b = c/s.',
    encoder: { kind: 'linear', in: 1, out: 1 },
    predictor: { kind: 'linear' },
    moments: [
      // scalar.yaml: covariance X = 2 and noise 1/2, so s = X + σ² = 5/2 and c = X = 2.
      { id: 's', label: 's', min: '0', max: '4', step: '0.05', preset: '2.5' },
      { id: 'c', label: 'c', min: '-4', max: '4', step: '0.05', preset: '2' },
    ],
    momentsOf: (values) => ({ sigma1: [[get(values, 's')]], sigma2: [[get(values, 's')]], sigma12: [[get(values, 'c')]] }),
    view: '2',
  },
  {
    id: 'row-identity',
    title: 'row encoder (a₁, a₂), identity predictor',
    note: 'A 1×2 encoder with B = 1: every field is linear. GD is always a gradient field; SG is one exactly when Σ12 is symmetric.',
    encoder: { kind: 'linear', in: 2, out: 1 },
    predictor: { kind: 'identity' },
    moments: TWO_BY_TWO_MOMENTS,
    momentsOf: twoByTwoMoments,
    view: '2',
  },
  {
    id: 'diagonal-identity',
    title: 'diagonal encoder diag(a₁, a₂), identity predictor',
    note: 'A diagonal 2×2 encoder with B = I: only the diagonals of the moments enter, each coordinate on its own.',
    encoder: { kind: 'diagonal', in: 2, out: 2 },
    predictor: { kind: 'identity' },
    moments: TWO_BY_TWO_MOMENTS,
    momentsOf: twoByTwoMoments,
    view: '2',
  },
];

export function playgroundModel(id: string): PlaygroundModel {
  const m = PLAYGROUND_MODELS.find((x) => x.id === id);
  if (!m) throw new Error(`playground: unknown model ${id}`);
  return m;
}

/** Every slider of the model (moments, then λ, α, τ) at its preset, as exact rationals. */
export function presetValues(m: PlaygroundModel): Map<string, Rational> {
  return new Map([...m.moments, ...RATE_SLIDERS].map((s) => [s.id, exactDecimal(s.preset, s.id)]));
}

/** A slider's value (a decimal such as "2.35") as the exact rational it names. */
export function exactDecimal(text: string, id: string): Rational {
  const r = Rational.parse(text);
  if (r === null) throw new Error(`playground: slider ${id}: expected a decimal number, got ${JSON.stringify(text)}`);
  return r;
}

export interface BuiltModel {
  model: Model;
  /**
   * Null when the moments are those of real views; else why not, in one line. The field is
   * still drawn (the algebra does not care), with this warning beside it.
   */
  invalid: string | null;
}

/** The model at the sliders' values, for one procedure. */
export function buildModel(m: PlaygroundModel, values: ReadonlyMap<string, Rational>, procedure: ProcedureName): BuiltModel {
  const moments = m.momentsOf(values);
  const model: Model = {
    name: m.id,
    encoder: { ...m.encoder },
    predictor: { ...m.predictor },
    moments,
    data: { kind: 'explicit' },
    weightDecay: get(values, 'lambda'),
    predictorRate: get(values, 'alpha'),
    emaRate: get(values, 'tau'),
    procedures: [procedure],
  };
  return { model, invalid: momentProblem(moments) };
}

/** Why the moments are not those of any pair of views, or null: the spec reader's joint check. */
function momentProblem({ sigma1, sigma2, sigma12 }: Model['moments']): string | null {
  const top = sigma1.map((row, i) => [...row, ...sigma12[i]!]);
  const bottom = transpose(sigma12).map((row, i) => [...row, ...sigma2[i]!]);
  const joint = psdCheck([...top, ...bottom]);
  if (joint.psd) return null;
  return `these are not the moments of any pair of views: the joint matrix [[Σ1, Σ12], [Σ12ᵀ, Σ2]] is not positive semidefinite (${joint.witness})`;
}
