/**
 * The kernel's own statement of a variant's objective (docs/certificates.md, variant-curl), in
 * interval hyper-dual numbers:
 *
 *   F = (1/n) Σ_pairs ℓ(p, z),   p = B·f_θ(x1),   z = f_ξ(x2),
 *   squared ℓ = ½‖p − z‖²,   cosine ℓ = 2 − 2⟨p, z⟩ / (‖p‖ ‖z‖),
 *
 * f an encoder (one matrix, or an MLP: u = W h + b, h = act(u) after every layer but the last).
 * B is the trained predictor's matrix of ψ, or set from the codes of the first views with their
 * own copy of θ (`setInput`), so that a checker can differentiate through the setting or not:
 * F̂ = (1/n) Σ z zᵀ with z = f_setInput(x1); DirectCopy B = F̂ + εI; DirectPred B = Σ p_k u_k u_kᵀ
 * over the eigenpairs (s_k, u_k) of F̂, p_k = (s_k/s_1)^power + ε, for q ≤ 2 in closed form:
 * q = 1: B = 1 + ε (a constant, F̂ = 0 included); q = 2, F̂ = [[a, b], [b, c]]: m = (a + c)/2, r = √(((a − c)/2)² + b²),
 * p₊ = 1 + ε, p₋ = ((m − r)/(m + r))^power + ε, B = ((p₊ + p₋)/2)·I + ((p₊ − p₋)/(2r))·(F̂ − m·I)
 * (F̂ − mI = r·(u₁u₁ᵀ − u₂u₂ᵀ) and I = u₁u₁ᵀ + u₂u₂ᵀ). power = k/2^j: j square roots, then ^k.
 *
 * Example: `variantObjective(v, layout, slots).d` encloses ∂²F along the seeds of `slots`.
 */
import { Rational } from '../../exact/rational.js';
import { Rejected } from '../read.js';
import {
  type HyperDual,
  HD_ZERO,
  hdAdd,
  hdConstant,
  hdDiv,
  hdDot,
  hdMul,
  hdPower,
  hdRational,
  hdRelu,
  hdScale,
  hdSoftplus,
  hdSqr,
  hdSqrt,
  hdSub,
  hdSum,
  hdTanh,
  hdTimes,
} from './hyperdual.js';
import { K_ONE, kRational } from './interval.js';
import type { KernelLayer, KernelLayout, KernelVariant } from './model.js';

/** The values of every input of F: online θ, ψ, target ξ, and θ as the set predictor reads it. */
export interface VariantSlots {
  online: HyperDual[];
  predictor: HyperDual[];
  target: HyperDual[];
  setInput: HyperDual[];
}

function encode(v: KernelVariant, layers: KernelLayer[], theta: HyperDual[], x: HyperDual[]): HyperDual[] {
  let h = x;
  layers.forEach((layer, k) => {
    const u = layer.weights.map((row, r) => {
      let s = layer.bias ? theta[layer.bias[r]!]! : HD_ZERO;
      row.forEach((w, c) => {
        if (w !== null) s = hdAdd(s, hdMul(theta[w]!, h[c]!));
      });
      return s;
    });
    const last = k === layers.length - 1;
    const act = v.encoder.activation;
    h = last || act === null ? u : u.map(act === 'tanh' ? hdTanh : act === 'softplus' ? hdSoftplus : hdRelu);
  });
  return h;
}

function trainedMatrix(layout: KernelLayout, psi: HyperDual[]): HyperDual[][] {
  const one = hdConstant(K_ONE);
  return layout.predictor!.map((row) => row.map((e) => (e === null ? HD_ZERO : e === 'one' ? one : psi[e]!)));
}

/** F̂ = (1/n) Σ z zᵀ over the codes of the first views. */
function codeCorrelation(v: KernelVariant, layout: KernelLayout, theta: HyperDual[], views: HyperDual[][]): HyperDual[][] {
  const codes = views.map((x1) => encode(v, layout.layers, theta, x1));
  const q = codes[0]!.length;
  const mean = Rational.of(1, v.pairs.length);
  return Array.from({ length: q }, (_, r) => Array.from({ length: q }, (_, c) => hdScale(mean, hdSum(codes.map((z) => hdMul(z[r]!, z[c]!))))));
}

/** x^(k/2^j) for x > 0: j square roots, then the k-th power. */
function fractionalPower(x: HyperDual, roots: number, exponent: number): HyperDual {
  let y = x;
  for (let k = 0; k < roots; k++) y = hdSqrt(y, "DirectPred's eigenvalue ratio s₂/s₁ (or one of its roots)");
  return hdPower(y, exponent);
}

function setMatrix(v: KernelVariant, layout: KernelLayout, theta: HyperDual[], views: HyperDual[][]): HyperDual[][] {
  const predictor = v.predictor;
  const F = codeCorrelation(v, layout, theta, views);
  const q = F.length;
  if (predictor.kind === 'directcopy') {
    const eps = hdRational(predictor.eps);
    return F.map((row, r) => row.map((e, c) => (r === c ? hdAdd(e, eps) : e)));
  }
  if (predictor.kind !== 'directpred') throw new Error('setMatrix: expected a set predictor');
  const plus = hdRational(Rational.ONE.add(predictor.eps));
  // (s₁/s₁)^power + ε = 1 + ε where s₁ > 0; the model takes the same constant at F̂ = 0 (its limit),
  // as the engine does, so B is constant for q = 1.
  if (q === 1) return [[plus]];
  if (q !== 2) throw new Rejected(`DirectPred is checked for q ≤ 2 only (closed-form eigenpairs), got q = ${q}`);
  const [a, b, c] = [F[0]![0]!, F[0]![1]!, F[1]![1]!];
  const half = Rational.of(1, 2);
  const m = hdScale(half, hdAdd(a, c));
  const r = hdSqrt(hdAdd(hdSqr(hdScale(half, hdSub(a, c))), hdSqr(b)), "the eigenvalue gap term ((a − c)/2)² + b² of F̂");
  const ratio = hdDiv(hdSub(m, r), hdAdd(m, r), 'the largest eigenvalue m + r of F̂');
  const minus = hdAdd(fractionalPower(ratio, predictor.roots, predictor.exponent), hdRational(predictor.eps));
  const mean = hdScale(half, hdAdd(plus, minus));
  const slope = hdDiv(hdSub(plus, minus), hdScale(Rational.of(2), r), 'the eigenvalue gap 2r of F̂');
  return [
    [hdAdd(mean, hdMul(slope, hdSub(a, m))), hdMul(slope, b)],
    [hdMul(slope, b), hdAdd(mean, hdMul(slope, hdSub(c, m)))],
  ];
}

function pairLoss(v: KernelVariant, p: HyperDual[], z: HyperDual[]): HyperDual {
  if (v.loss === 'squared') return hdScale(Rational.of(1, 2), hdSum(p.map((pk, k) => hdSqr(hdSub(pk, z[k]!)))));
  const norms = hdMul(hdSqrt(hdSum(p.map(hdSqr)), '‖p‖² (cosine loss)'), hdSqrt(hdSum(z.map(hdSqr)), '‖z‖² (cosine loss)'));
  return hdSub(hdRational(Rational.of(2)), hdScale(Rational.of(2), hdDiv(hdDot(p, z), norms, '‖p‖‖z‖ (cosine loss)')));
}

/** The data as constants, once per certificate. */
export function dataViews(v: KernelVariant): { first: HyperDual[][]; second: HyperDual[][] } {
  const constants = (xs: Rational[]) => xs.map((x) => hdConstant(kRational(x)));
  return { first: v.pairs.map(([x1]) => constants(x1)), second: v.pairs.map(([, x2]) => constants(x2)) };
}

export function variantObjective(v: KernelVariant, layout: KernelLayout, views: ReturnType<typeof dataViews>, slots: VariantSlots): HyperDual {
  const B = layout.predictor ? trainedMatrix(layout, slots.predictor) : setMatrix(v, layout, slots.setInput, views.first);
  const losses = views.first.map((x1, k) => {
    const code = encode(v, layout.layers, slots.online, x1);
    const p = B.map((row) => hdDot(row, code));
    const z = encode(v, layout.layers, slots.target, views.second[k]!);
    return pairLoss(v, p, z);
  });
  return hdTimes(kRational(Rational.of(1, v.pairs.length)), hdSum(losses));
}
