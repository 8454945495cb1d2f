/**
 * A variant's exact data as the kernel reads it from a `variant-curl` certificate's `model`
 * (docs/certificates.md), and the kernel's own layout of its parameters: which coordinate is
 * which entry of which matrix, and the coordinate names the certificate must use.
 *
 * Names. Encoder (θ): one matrix `A_r_c` (linear: every entry; diagonal: `A_i_i`; scalar: `A_1_1`
 * repeated on the diagonal), or an MLP's layer k weights `A{k}_r_c` then biases `a{k}_r`; the
 * target twin ξ uses `T`/`t`. A trained predictor (ψ): `B_r_c` for every entry (linear), the
 * diagonal (diagonal), the upper triangle shared with the lower (symmetric), none (identity); a
 * predictor set from the codes (directcopy, directpred) has no coordinates. Rows and columns from
 * 1; each block row by row, layers in order. The state is θ, ψ, then ξ for the moving-average recipe.
 *
 * Example: a `{kind: mlp, layers: [2, 3, 1], bias: true}` encoder has θ = A1_1_1 … A1_3_2,
 * a1_1 … a1_3, A2_1_1 … A2_1_3, a2_1.
 */
import { Rational } from '../../exact/rational.js';
import { type Json, Rejected, choice, need, object, rational } from '../read.js';

/** The kernel's own bounds, restated (src/model/model.ts LIMITS and the variant reader's). */
const MAX_WIDTH = 64;
const MAX_LAYERS = 16;
const MAX_STATE = 800;
const MAX_PAIRS = 100_000;
/** DirectPred's power k/2^j: the kernel takes j square roots then the k-th power. */
const MAX_ROOTS = 16;
const MAX_POWER = 1024;

export type Activation = 'tanh' | 'softplus' | 'relu';

export interface KernelVariant {
  loss: 'squared' | 'cosine';
  /** Widths [p, …, q]; a one-matrix encoder is a single layer without bias or activation. */
  encoder: { kind: 'linear' | 'diagonal' | 'scalar' | 'mlp'; layers: number[]; activation: Activation | null; bias: boolean };
  predictor:
    | { kind: 'linear' | 'diagonal' | 'identity' | 'symmetric' }
    | { kind: 'directcopy'; eps: Rational }
    | { kind: 'directpred'; power: Rational; roots: number; exponent: number; eps: Rational };
  pairs: Array<[Rational[], Rational[]]>;
  weightDecay: Rational;
  predictorRate: Rational;
  emaRate: Rational;
}

/** One layer of the encoder: each weight is a θ index or null (a fixed 0); biases likewise. */
export interface KernelLayer {
  weights: Array<Array<number | null>>;
  bias: number[] | null;
}

export interface KernelLayout {
  layers: KernelLayer[];
  /** θ names (online); the target's twin names are `targetNames`, same order. */
  encoderNames: string[];
  targetNames: string[];
  /** q×q: a ψ index, 'one' (identity's diagonal) or null (0); null for a set predictor. */
  predictor: Array<Array<number | 'one' | null>> | null;
  predictorNames: string[];
}

function width(x: unknown, path: string): number {
  need(Number.isInteger(x) && (x as number) >= 1 && (x as number) <= MAX_WIDTH, path, `an integer from 1 to ${MAX_WIDTH}`);
  return x as number;
}

function nonnegative(x: unknown, path: string, positive = false): Rational {
  const r = rational(x, path);
  need(r.sign() > (positive ? 0 : -1), path, positive ? 'a number > 0' : 'a number ≥ 0');
  return r;
}

function readEncoder(x: unknown): KernelVariant['encoder'] {
  const e = object(x, 'model.encoder');
  const kind = choice(e.kind, 'model.encoder.kind', ['linear', 'diagonal', 'scalar', 'mlp'] as const);
  if (kind !== 'mlp') {
    const [p, q] = [width(e.in, 'model.encoder.in'), width(e.out, 'model.encoder.out')];
    need(kind !== 'scalar' || p === q, 'model.encoder.out', 'out = in for a scalar encoder');
    return { kind, layers: [p, q], activation: null, bias: false };
  }
  need(Array.isArray(e.layers) && e.layers.length >= 2 && e.layers.length <= MAX_LAYERS, 'model.encoder.layers', `a list of 2 to ${MAX_LAYERS} widths`);
  const layers = (e.layers as unknown[]).map((w, k) => width(w, `model.encoder.layers[${k}]`));
  need(e.in === layers[0] && e.out === layers[layers.length - 1], 'model.encoder.in, model.encoder.out', 'the first and last widths of layers');
  const hidden = layers.length > 2;
  const activation = hidden ? choice(e.activation, 'model.encoder.activation', ['tanh', 'softplus', 'relu'] as const) : null;
  need(hidden || e.activation === null || e.activation === undefined, 'model.encoder.activation', 'null without hidden layers');
  need(typeof e.bias === 'boolean', 'model.encoder.bias', 'true or false');
  return { kind, layers, activation, bias: e.bias as boolean };
}

function readPredictor(x: unknown): KernelVariant['predictor'] {
  const b = object(x, 'model.predictor');
  const kind = choice(b.kind, 'model.predictor.kind', ['linear', 'diagonal', 'identity', 'symmetric', 'directcopy', 'directpred'] as const);
  if (kind === 'directcopy') return { kind, eps: nonnegative(b.eps, 'model.predictor.eps') };
  if (kind !== 'directpred') return { kind };
  const power = nonnegative(b.power, 'model.predictor.power', true);
  // power = k / 2^j: j square roots, then the k-th power (what the kernel can evaluate exactly as a rule).
  let roots = 0;
  let den = power.den;
  while (den % 2n === 0n && roots <= MAX_ROOTS) [den, roots] = [den / 2n, roots + 1];
  if (den !== 1n || roots > MAX_ROOTS || power.num > BigInt(MAX_POWER)) {
    throw new Rejected(`DirectPred's power ${power} is not k/2^j with k ≤ ${MAX_POWER}, j ≤ ${MAX_ROOTS}: the kernel does not evaluate it`);
  }
  return { kind, power, roots, exponent: Number(power.num), eps: nonnegative(b.eps, 'model.predictor.eps') };
}

function readPairs(x: unknown, p: number): KernelVariant['pairs'] {
  need(Array.isArray(x) && x.length >= 1 && x.length <= MAX_PAIRS, 'model.pairs', `a list of 1 to ${MAX_PAIRS} view pairs [x1, x2]`);
  return (x as unknown[]).map((pair, k) => {
    const path = `model.pairs[${k}]`;
    need(Array.isArray(pair) && pair.length === 2, path, 'a pair [x1, x2]');
    const view = (v: unknown, s: number): Rational[] => {
      need(Array.isArray(v) && v.length === p, `${path}[${s}]`, `a view of ${p} exact numbers`);
      return (v as unknown[]).map((e, m) => rational(e, `${path}[${s}][${m}]`));
    };
    return [view(pair[0], 0), view(pair[1], 1)];
  });
}

export function readVariantModel(x: unknown): KernelVariant {
  const m = object(x, 'model');
  const encoder = readEncoder(m.encoder);
  const predictor = readPredictor(m.predictor);
  const variant: KernelVariant = {
    loss: choice(m.loss, 'model.loss', ['squared', 'cosine'] as const),
    encoder,
    predictor,
    pairs: readPairs(m.pairs, encoder.layers[0]!),
    weightDecay: nonnegative(m.weightDecay, 'model.weightDecay'),
    predictorRate: nonnegative(m.predictorRate, 'model.predictorRate', true),
    emaRate: nonnegative(m.emaRate, 'model.emaRate', true),
  };
  const layout = variantLayout(variant);
  const state = 2 * layout.encoderNames.length + layout.predictorNames.length;
  need(state <= MAX_STATE, 'model', `an EMA state dimension of at most ${MAX_STATE}, got ${state}`);
  return variant;
}

/** Index of a name in `names`, adding it when new. */
function indexIn(names: string[], name: string): number {
  const k = names.indexOf(name);
  return k >= 0 ? k : names.push(name) - 1;
}

function encoderLayers(v: KernelVariant, W: string, b: string, names: string[]): KernelLayer[] {
  const { kind, layers } = v.encoder;
  if (kind !== 'mlp') {
    const [p, q] = [layers[0]!, layers[1]!];
    const weights = Array.from({ length: q }, (_, r) =>
      Array.from({ length: p }, (_, c) => {
        if (kind === 'linear') return indexIn(names, `${W}_${r + 1}_${c + 1}`);
        if (r !== c) return null;
        return indexIn(names, kind === 'diagonal' ? `${W}_${r + 1}_${r + 1}` : `${W}_1_1`);
      }),
    );
    return [{ weights, bias: null }];
  }
  return layers.slice(1).map((rows, k) => {
    const weights = Array.from({ length: rows }, (_, r) => Array.from({ length: layers[k]! }, (_, c) => indexIn(names, `${W}${k + 1}_${r + 1}_${c + 1}`)));
    const bias = v.encoder.bias ? Array.from({ length: rows }, (_, r) => indexIn(names, `${b}${k + 1}_${r + 1}`)) : null;
    return { weights, bias };
  });
}

export function variantLayout(v: KernelVariant): KernelLayout {
  const encoderNames: string[] = [];
  const targetNames: string[] = [];
  const layers = encoderLayers(v, 'A', 'a', encoderNames);
  encoderLayers(v, 'T', 't', targetNames);
  const q = v.encoder.layers[v.encoder.layers.length - 1]!;
  const kind = v.predictor.kind;
  const predictorNames: string[] = [];
  const predictor =
    kind === 'directcopy' || kind === 'directpred'
      ? null
      : Array.from({ length: q }, (_, r) =>
          Array.from({ length: q }, (_, c): number | 'one' | null => {
            if (kind === 'linear') return indexIn(predictorNames, `B_${r + 1}_${c + 1}`);
            if (kind === 'symmetric') return indexIn(predictorNames, `B_${Math.min(r, c) + 1}_${Math.max(r, c) + 1}`);
            if (r !== c) return null;
            return kind === 'diagonal' ? indexIn(predictorNames, `B_${r + 1}_${r + 1}`) : 'one';
          }),
        );
  // Symmetric: names were met as (r, c) with r ≤ c first on row r, so the order is the upper triangle by rows.
  return { layers, encoderNames, targetNames, predictor, predictorNames };
}
