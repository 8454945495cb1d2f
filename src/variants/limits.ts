/**
 * Where a variant's flows come to rest (issue 12, item 4), from its FloatField alone: seeded flows
 * to rest (flowToRest, the one flow rule of ncssl), each limit refined by Newton's least-squares
 * steps on V, its residual, the rank of the code map there, and the float eigenvalues of DV with
 * a verdict at level numerical. The fields are not polynomials, so nothing here is exact.
 *
 * Collapse is judged on the codes, not on the parameters: an MLP with biases can send every input
 * to one nonzero code. The code map's rank is the numerical rank of the centred matrix of the
 * codes of all views (rows f_θ(x) − mean); rank 0 (or the encoder's parameters at 0, flowToRest's
 * rule) is *collapsed*, a rank below min(q, the data's own rank) *dimensionally collapsed*.
 *
 * Example: `variantLimits(v, deriveVariant(v).fields[0], { flows: 8, seed: 1 }).collapsedShare`.
 */
import { MAX_CERTIFIED_STABILITY_STATE, type StabilityCertificate, certifyStabilityAt } from '../interval/certified-stability.js';
import { kinksOf } from '../interval/certified-curl.js';
import { LOG_TIME_STEP, TRAJECTORY_MAX_STEPS, flowToRest } from '../analyses/trajectories.js';
import { Program } from '../expr/evaluate.js';
import { wilson } from '../experiments/collapse-share.js';
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { leastSquares, nullOnOverflow } from '../numeric/eigenvalues.js';
import { seededRandom } from '../numeric/random.js';
import type { VariantField } from './fields.js';
import { type CosineNorms, type LimitStability, SINGULAR_NORM, jacobianRows, lossSingular, transversalStability, truncatedLeastSquares } from './stability.js';
import type { Variant } from './variant.js';

export { type CosineNorms, type LimitStability, ZERO_EIGENVALUE_TOLERANCE } from './stability.js';

/** Newton stops at this residual max |V_i|, or after NEWTON_STEPS steps that do not improve it. */
export const NEWTON_RESIDUAL = 1e-10;
const NEWTON_STEPS = 20;
/** A singular value of the centred codes counts as zero at or below this times max(1, the largest singular value). */
export const RANK_TOLERANCE = 1e-6;
export type LimitKind = 'collapsed' | 'dimensionally collapsed' | 'full rank' | 'not at rest';

export interface VariantLimit {
  start: number;
  status: 'rest' | 'diverged' | 'budget';
  kind: LimitKind;
  /** max |V_i| at the flow's end and after Newton. */
  flowResidual: number;
  residual: number;
  newtonSteps: number;
  codeRank: number;
  maxRank: number;
  /** At rest only: the transversal verdict of stability.ts (null when the flow did not come to rest). */
  stability: LimitStability | null;
  /** Cosine loss, at rest only: the smallest prediction and code norms over the pairs (null otherwise). */
  cosine: CosineNorms | null;
  /** The refined point x* in state order (the flow's end when it did not come to rest). */
  point: number[];
  /**
   * Where the limit is stable with no zero eigenvalue (an isolated equilibrium): the certified
   * stability of src/interval/certified-stability.ts, stable or inconclusive with its reason;
   * null where it was not attempted (not at rest, not numerically stable, or on a continuum).
   */
  certified: StabilityCertificate | null;
  /**
   * A ReLU variant at rest only: the smallest |pre-activation| of a ReLU at x* over the views (null
   * otherwise). At most SINGULAR_NORM·max(1, the largest) the field is not differentiable there: singular.
   */
  kink: number | null;
  /** The flow as (t, spread of the codes) at steps one LOG_TIME_STEP apart on log10(1 + t), and its end: the report's figure. */
  path: Array<[number, number]>;
}

export interface VariantLimits {
  procedure: string;
  seed: number;
  limits: VariantLimit[];
  /** Flows that came to rest, those among them collapsed, and the Wilson 95% interval of the share. */
  atRest: number;
  collapsed: number;
  interval: [number, number];
}

function residualOf(field: VariantField, x: Float64Array, out: Float64Array): number {
  field.float.value(x, out);
  let r = 0;
  for (const v of out) r = Math.max(r, Math.abs(v));
  return Number.isFinite(r) ? r : Infinity;
}

/**
 * Newton's least-squares steps x ← x − DV⁺V while the residual falls; the best point kept. With
 * `truncate`, DV⁺ ignores the singular values that count as 0 (stability.ts): the projection onto
 * V = 0 of the local-dimension test, which must not slide along a near-kernel direction (on a
 * scale-invariant loss the plain step runs off to large parameters, where V is small).
 */
export function refine(field: VariantField, x0: Float64Array, truncate = false): { x: Float64Array; residual: number; steps: number } {
  const out = new Float64Array(field.float.dimension);
  let x = x0;
  let residual = residualOf(field, x, out);
  let steps = 0;
  while (residual > NEWTON_RESIDUAL && steps < NEWTON_STEPS) {
    const step = nullOnOverflow(() => (truncate ? truncatedLeastSquares : leastSquares)(jacobianRows(field, x), Array.from(out)));
    if (!step) break;
    const next = x.map((v, k) => v - step[k]!);
    const r = residualOf(field, next, out);
    steps++;
    if (!(r < residual)) break;
    x = next;
    residual = r;
  }
  residualOf(field, x, out);
  return { x, residual, steps };
}

/**
 * Float codes of the encoder at an input, read from the state by the parameter names of
 * objective.ts: the online encoder f_θ (A, a), or with `target` the EMA target f_ξ (T, t).
 */
export function codesOf(variant: Variant, names: readonly string[], x: Float64Array, input: readonly number[], target = false): number[] {
  return encoderOf(variant, names, target)(x, input);
}

/** The encoder as a function of (state, input), with the state slots of its weights looked up once. */
export function encoderOf(variant: Variant, names: readonly string[], target = false): (x: Float64Array, input: readonly number[]) => number[] {
  const slot = new Map(names.map((n, k) => [n, k]));
  const at = (name: string) => slot.get(name)!;
  const [W, b] = target ? ['T', 't'] : ['A', 'a'];
  const e = variant.encoder;
  if (e.kind !== 'mlp') {
    const weight = Array.from({ length: e.out }, (_, i) =>
      e.kind === 'linear' ? Array.from({ length: e.in }, (_, j) => at(`${W}_${i + 1}_${j + 1}`)) : i < e.in ? [at(e.kind === 'diagonal' ? `${W}_${i + 1}_${i + 1}` : `${W}_1_1`)] : [],
    );
    return (x, input) =>
      weight.map((row, i) => (e.kind === 'linear' ? row.reduce((s, k, j) => s + x[k]! * input[j]!, 0) : row.length ? x[row[0]!]! * input[i]! : 0));
  }
  const layers = e.layers.slice(1).map((rows, k) => ({
    weight: Array.from({ length: rows }, (_, i) => Array.from({ length: e.layers[k]! }, (_, j) => at(`${W}${k + 1}_${i + 1}_${j + 1}`))),
    bias: e.bias ? Array.from({ length: rows }, (_, i) => at(`${b}${k + 1}_${i + 1}`)) : null,
  }));
  return (x, input) => {
    let h = [...input];
    layers.forEach((layer, k) => {
      const next = layer.weight.map((row, i) => row.reduce((s, slotOf, j) => s + x[slotOf]! * h[j]!, layer.bias ? x[layer.bias[i]!]! : 0));
      h = k === layers.length - 1 ? next : next.map((v) => activate(e.activation!, v));
    });
    return h;
  };
}

/** The spread of the codes over the views: √(mean ‖z − z̄‖²), 0 exactly when every view has one code (collapse). */
export function codeSpread(encoder: (x: Float64Array, input: readonly number[]) => number[], x: Float64Array, inputs: readonly (readonly number[])[]): number {
  const codes = inputs.map((input) => encoder(x, input));
  const mean = codes[0]!.map((_, j) => codes.reduce((s, z) => s + z[j]!, 0) / codes.length);
  return Math.sqrt(codes.reduce((s, z) => s + z.reduce((t, v, j) => t + (v - mean[j]!) ** 2, 0), 0) / codes.length);
}

/**
 * The predictor's matrix B at the state (q×q): a trained one read by its names (objective.ts),
 * DirectCopy's F̂ + εI from the online codes of the first views; null for DirectPred, whose
 * eigendecomposition is not repeated here.
 */
function predictorMatrix(variant: Variant, names: readonly string[], x: Float64Array): number[][] | null {
  const q = variant.encoder.out;
  const value = new Map(names.map((n, k) => [n, x[k]!]));
  const pr = variant.predictor;
  if (pr.kind === 'directpred') return null;
  if (pr.kind === 'directcopy') {
    const codes = variant.data.pairs.map((p) => codesOf(variant, names, x, p.x1.map((r) => r.toNumber())));
    const eps = pr.eps.toNumber();
    return Array.from({ length: q }, (_, i) => Array.from({ length: q }, (_, j) => codes.reduce((s, z) => s + z[i]! * z[j]!, 0) / codes.length + (i === j ? eps : 0)));
  }
  return Array.from({ length: q }, (_, i) =>
    Array.from({ length: q }, (_, j) => {
      if (pr.kind === 'linear') return value.get(`B_${i + 1}_${j + 1}`)!;
      if (pr.kind === 'symmetric') return value.get(`B_${Math.min(i, j) + 1}_${Math.max(i, j) + 1}`)!;
      if (i !== j) return 0;
      return pr.kind === 'diagonal' ? value.get(`B_${i + 1}_${i + 1}`)! : 1;
    }),
  );
}

/** Cosine loss: the smallest ‖p‖ and ‖z‖ over the pairs at x, and the pairs whose p points away from z. */
export function cosineNorms(variant: Variant, names: readonly string[], x: Float64Array): CosineNorms {
  const B = predictorMatrix(variant, names, x);
  const target = names.some((n) => /^[Tt]\d*_/.test(n));
  let prediction = Infinity;
  let code = Infinity;
  let largest = 0;
  let antiAligned = 0;
  for (const pair of variant.data.pairs) {
    const z = codesOf(variant, names, x, pair.x2.map((r) => r.toNumber()), target);
    code = Math.min(code, Math.hypot(...z));
    largest = Math.max(largest, Math.hypot(...z));
    if (!B) continue;
    const online = codesOf(variant, names, x, pair.x1.map((r) => r.toNumber()));
    const p = B.map((row) => row.reduce((s, v, j) => s + v * online[j]!, 0));
    const [np, nz] = [Math.hypot(...p), Math.hypot(...z)];
    prediction = Math.min(prediction, np);
    largest = Math.max(largest, np);
    if (p.reduce((s, v, i) => s + v * z[i]!, 0) < -0.5 * np * nz) antiAligned++;
  }
  return { prediction: B ? prediction : null, code, largest, antiAligned };
}

function activate(kind: 'tanh' | 'softplus' | 'relu', v: number): number {
  if (kind === 'tanh') return Math.tanh(v);
  if (kind === 'relu') return Math.max(0, v);
  return v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
}

const views = (v: Variant) => v.data.pairs.flatMap((p) => [p.x1.map((r) => r.toNumber()), p.x2.map((r) => r.toNumber())]);

function centred(rows: number[][]): number[][] {
  const mean = rows[0]!.map((_, j) => rows.reduce((s, r) => s + r[j]!, 0) / rows.length);
  return rows.map((r) => r.map((v, j) => v - mean[j]!));
}

/** Singular values above RANK_TOLERANCE · max(1, the largest): relative for large codes, absolute for small ones, so codes all near 0 have rank 0. */
function rankWithTolerance(rows: number[][]): number {
  if (!rows.every((r) => r.every(Number.isFinite))) return NaN;
  const s = new SingularValueDecomposition(new Matrix(rows), { autoTranspose: true }).diagonal;
  const cut = RANK_TOLERANCE * Math.max(1, ...s);
  return s.filter((x) => x > cut).length;
}

/** The largest rank the code map can have on this data: min(q, rank of the centred views). */
export function maximalCodeRank(variant: Variant): number {
  return Math.min(variant.encoder.out, rankWithTolerance(centred(views(variant))));
}

/**
 * The most node evaluations of V's program one flow may spend. A step costs about (8 + n) passes
 * of the program (the 7 stages of Dormand–Prince, or DV and a solve once the flow is stiff), so a
 * large variant gets fewer steps than TRAJECTORY_MAX_STEPS and a flow that needs more ends "not at
 * rest within the budget" (said so), instead of running for minutes. Deterministic: sizes, not time.
 * At 10⁹ (about a second of float passes per flow on 2 cores) every bundled variant keeps the full
 * 20 000 steps; a tanh MLP 4→6→2 with biases on 64 pairs (state 48) gets 864.
 */
export const FLOW_WORK_BUDGET = 1e9;

function reluArguments(values: Float64Array): { smallest: number; largest: number } {
  const magnitudes = Array.from(values, Math.abs);
  return { smallest: Math.min(...magnitudes), largest: Math.max(...magnitudes) };
}

export function flowStepBudget(programLength: number, n: number): number {
  return Math.max(100, Math.min(TRAJECTORY_MAX_STEPS, Math.floor(FLOW_WORK_BUDGET / ((8 + n) * programLength))));
}

/**
 * `flows` seeded flows of one procedure: θ and ψ standard normal, scaled by `scale`; EMA's target ξ
 * starts as a copy of θ (as BYOL initialises it). The same seed gives the same starts to every
 * procedure of the variant with the same (θ, ψ) layout.
 */
export function variantLimits(variant: Variant, field: VariantField, options: { flows: number; seed: number }): VariantLimits {
  const names = field.stateNames;
  const n = field.float.dimension;
  const thetaCount = names.filter((s) => /^[Aa]\d*_/.test(s)).length;
  const encoderSlots = Array.from({ length: thetaCount }, (_, k) => k);
  const random = seededRandom(options.seed);
  const inputs = views(variant);
  const maxRank = maximalCodeRank(variant);
  const limits: VariantLimit[] = [];
  const steps = flowStepBudget(Program.of(field.dag, field.field).length, n);
  const encoder = encoderOf(variant, names);
  // The arguments of every ReLU (and of its derivative, a step) in V, where the field has kinks.
  const kinks = variant.smooth ? null : kinksOf(field.dag, field.field);
  for (let s = 0; s < options.flows; s++) {
    const x0 = new Float64Array(n);
    const ema = field.procedure.recipe === 'moving-average';
    for (let k = 0; k < n; k++) x0[k] = ema && k >= n - thetaCount ? x0[k - (n - thetaCount)]! : random.normal();
    const path: Array<[number, number]> = [];
    let lastKept = -Infinity;
    const { end, collapsed } = flowToRest(
      field.float,
      x0,
      encoderSlots,
      (t, x) => {
        if (Math.log10(1 + t) - lastKept < LOG_TIME_STEP) return;
        lastKept = Math.log10(1 + t);
        path.push([t, codeSpread(encoder, x, inputs)]);
      },
      'auto',
      steps,
    );
    if (path.length === 0 || path[path.length - 1]![0] !== end.time) path.push([end.time, codeSpread(encoder, end.x, inputs)]);
    const flowResidual = end.residual;
    if (end.status !== 'rest') {
      limits.push({ start: s + 1, status: end.status, kind: 'not at rest', flowResidual, residual: flowResidual, newtonSteps: 0, codeRank: NaN, maxRank, stability: null, cosine: null, kink: null, point: Array.from(end.x), certified: null, path });
      continue;
    }
    const refined = refine(field, end.x);
    const codeRank = rankWithTolerance(centred(inputs.map((input) => codesOf(variant, names, refined.x, input))));
    const kind: LimitKind = collapsed === true || codeRank === 0 ? 'collapsed' : codeRank < maxRank ? 'dimensionally collapsed' : 'full rank';
    const cosine = variant.loss === 'cosine' ? cosineNorms(variant, names, refined.x) : null;
    const kink = kinks ? reluArguments(kinks.floats(refined.x)) : null;
    const stability = transversalStability(field, refined.x, {
      residual: refined.residual,
      newtonResidual: NEWTON_RESIDUAL,
      project: (y) => refine(field, y, true),
      singular: (cosine !== null && lossSingular(cosine)) || (kink !== null && kink.smallest <= SINGULAR_NORM * Math.max(1, kink.largest)),
    });
    // An isolated, numerically stable equilibrium: try to certify it (a box with one zero, Lyapunov).
    const isolated = stability.verdict === 'transversally asymptotically stable' && stability.zeroEigenvalues === 0;
    const certified = isolated && n <= MAX_CERTIFIED_STABILITY_STATE ? certifyStabilityAt(field.dag, field.field, refined.x) : null;
    limits.push({ start: s + 1, status: 'rest', kind, flowResidual, residual: refined.residual, newtonSteps: refined.steps, codeRank, maxRank, stability, cosine, kink: kink?.smallest ?? null, point: Array.from(refined.x), certified, path });
  }
  const atRest = limits.filter((l) => l.status === 'rest').length;
  const collapsedCount = limits.filter((l) => l.kind === 'collapsed').length;
  return { procedure: field.procedure.name, seed: options.seed, limits, atRest, collapsed: collapsedCount, interval: wilson(collapsedCount, atRest) };
}
