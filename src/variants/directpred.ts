/**
 * DirectPred's predictor (Tian, Chen & Ganguli 2021) in closed form, as nodes of the objective's
 * DAG: F̂ = Σ_k s_k u_k u_kᵀ (s_1 ≥ … ≥ s_q ≥ 0), p_k = (s_k / s_1)^power + eps, B = Σ_k p_k u_k u_kᵀ.
 * Written with the DAG's ops only (no eigen-solver), so B(θ) evaluates in floats and in intervals
 * alike and the certified curl reaches DV through it. q = 1 and q = 2 have such forms; q ≥ 3
 * would need an interval eigen-solver and is refused.
 *
 * The paper's p_j = √s_j / max_j √s_j + ε is power 1/2. Where this differs from the authors' code
 * (luckmatters, `compute_w_corr` with `boost_scale`): there F̂ is a moving average over minibatches
 * of both views' online codes, B is reset every few steps, the eigenvalues are clamped at 0 and p at
 * 10⁻⁴; here F̂ is the exact mean over the first views' codes at the current θ (the flow's limit of
 * a predictor reset at every step), with no clamp (F̂ is PSD exactly, and eps ≥ 0).
 *
 * q = 2, F̂ = [[a, b], [b, c]]: m = (a + c)/2, h = (a − c)/2, r = √(h² + b²), s± = m ± r and
 *   B = ((p₊ + p₋)/2)·I + ((p₊ − p₋)/(2r))·(F̂ − m·I),  p₊ = 1 + eps, p₋ = t^power + eps, t = s₋/s₊.
 * With power = k/2^j and u = t^(1/2^j) (j square roots), the factor is written without the 0/0 at
 * r = 0: 1 − u^k = (1 − u)(1 + u + … + u^(k−1)) and 1 − t = 2r/s₊ = (1 − u)·Π_{l=1..j} (1 + t^(1/2^l)), so
 *   (p₊ − p₋)/(2r) = (1 + u + … + u^(k−1)) / (s₊ · Π_{l=1..j} (1 + t^(1/2^l))).
 * B is still not differentiable through this form where r = 0 (√ at 0) nor, for a fractional
 * power, where s₋ = 0; and undefined where F̂ = 0 (s₊ = 0). There the floats give NaN or ∞ (in V
 * at F̂ = 0, in DV elsewhere); the certified curl refuses a box meeting the kink s₋ = 0, and an
 * enclosure through B's derivative over a box meeting r = 0 or s₊ = 0 is unbounded.
 *
 * Example: `directPredPredictor(dag, [[a, b], [b, c]], Rational.of(1, 2), Rational.of(1, 10))` is
 * B row-major, four nodes.
 */
import { Rational } from '../exact/rational.js';
import type { Dag, Node } from '../expr/dag.js';
import { fail } from '../model/spec.js';

/** The largest j in power = k/2^j: each halving is one square root. */
export const MAX_POWER_HALVINGS = 4;

/** Whether power = k/2^j with integers k ≥ 1 and 0 ≤ j ≤ MAX_POWER_HALVINGS (what √ and products express exactly). */
export function isDyadicPower(power: Rational): boolean {
  const den = power.den;
  return power.sign() > 0 && (den & (den - 1n)) === 0n && den <= 1n << BigInt(MAX_POWER_HALVINGS);
}

/** B row-major (q×q) from F̂ (q×q nodes, symmetric); `power` must satisfy isDyadicPower. */
export function directPredPredictor(dag: Dag, F: readonly (readonly Node[])[], power: Rational, eps: Rational): Node[] {
  const q = F.length;
  const plus = dag.constant(Rational.ONE.add(eps)); // p₁ = (s₁/s₁)^power + eps
  // q = 1: B = 1 + eps wherever s₁ > 0 (at F̂ = 0 too: the value it tends to).
  if (q === 1) return [plus];
  if (q !== 2) {
    fail('predictor.kind', `expected a code dimension encoder.out of 1 or 2 for a directpred predictor (B in closed form; q ≥ 3 needs an eigendecomposition with interval bounds, which ncssl does not have), got ${q}`);
  }
  if (!isDyadicPower(power)) throw new Error('directpred: power must be k/2^j (checked by the spec reader)');
  const half = Rational.of(1, 2);
  const [a, b, c] = [F[0]![0]!, F[0]![1]!, F[1]![1]!];
  const m = dag.scale(half, dag.add(a, c));
  const h = dag.scale(half, dag.sub(a, c));
  const r = dag.sqrt(dag.add(dag.sqr(h), dag.sqr(b)));
  const sPlus = dag.add(m, r);
  // s₋ ≥ 0 exactly, but m − r may round below 0. With a fractional power s₋ goes under √: clamp it
  // there with a ReLU, which also marks s₋ = 0 as a kink (where B is not differentiable) so that
  // the certified curl refuses boxes meeting it (reason not-smooth-on-box) instead of failing on them.
  const sMinus = power.den > 1n ? dag.relu(dag.sub(m, r)) : dag.sub(m, r);
  const t = dag.div(sMinus, sPlus);
  // roots[l] = t^(1/2^l), l = 0..j.
  const roots = [t];
  for (let l = 1n; 1n << l <= power.den; l++) roots.push(dag.sqrt(roots[roots.length - 1]!));
  const u = roots[roots.length - 1]!;
  const { sum, power: uk } = geometric(dag, u, power.num);
  const product = roots.slice(1).reduce((acc, w) => dag.mul(acc, dag.add(dag.one, w)), dag.one);
  const factor = dag.div(sum, dag.mul(sPlus, product)); // (p₊ − p₋)/(2r)
  const minus = dag.add(uk, dag.constant(eps));
  const mean = dag.scale(half, dag.add(plus, minus));
  const offDiagonal = dag.mul(factor, b);
  return [dag.add(mean, dag.mul(factor, h)), offDiagonal, offDiagonal, dag.sub(mean, dag.mul(factor, h))];
}

/** 1 + u + … + u^(k−1) and u^k, in O(log k) nodes (halving k: S_2n = S_n·(1 + uⁿ); S_(n+1) = 1 + u·S_n). */
function geometric(dag: Dag, u: Node, k: bigint): { sum: Node; power: Node } {
  if (k === 1n) return { sum: dag.one, power: u };
  if (k % 2n === 0n) {
    const { sum, power } = geometric(dag, u, k / 2n);
    return { sum: dag.mul(sum, dag.add(dag.one, power)), power: dag.sqr(power) };
  }
  const { sum, power } = geometric(dag, u, k - 1n);
  return { sum: dag.add(dag.one, dag.mul(u, sum)), power: dag.mul(u, power) };
}
