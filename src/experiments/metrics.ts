/**
 * What practitioners watch during training, at one point of the loop: the population loss (F at
 * the current parameters, from the data's exact moments in floats), the encoder's Frobenius norm,
 * singular values and effective rank (dimensional collapse), the standard deviation of the
 * ℓ2-normalised codes of a fixed probe batch (SimSiam's collapse monitor: about 1/√q when the
 * codes spread, 0 when they collapse), RankMe (the effective rank of the probe codes), and the
 * predictor's eigenvalues.
 *
 * Effective rank (Roy and Vetterli): exp of the entropy of the singular values normalised to sum
 * 1; RankMe (Garrido et al., 2023) is the same of the code matrix, with 1e-7 added to each share.
 *
 * Example: `measure(shape, a, b, t, moments, probe, probeCount)`.
 */
import { EigenvalueDecomposition, Matrix, SingularValueDecomposition } from 'ml-matrix';
import type { Shape } from './sample-gradient.js';

export interface Metrics {
  loss: number;
  encoderNorm: number;
  singularValues: number[];
  effectiveRank: number;
  codeStd: number;
  rankMe: number;
  /** Eigenvalues of B as [re, im]. */
  predictorEigenvalues: Array<[number, number]>;
}

/** Float moments of the views, row-major p × p. */
export interface FloatMoments {
  sigma1: Float64Array;
  sigma2: Float64Array;
  sigma12: Float64Array;
}

/** tr(X Σ Yᵀ) for q × p matrices X, Y and a p × p Σ. */
function traceForm(q: number, p: number, x: Float64Array, sigma: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < q; i++) for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) s += x[i * p + j]! * sigma[j * p + k]! * y[i * p + k]!;
  return s;
}

/** F(A, B, T) = ½ tr(BA Σ1 (BA)ᵀ) − tr(BA Σ12 Tᵀ) + ½ tr(T Σ2 Tᵀ) (docs/math.md §4). */
export function populationLoss(shape: Shape, a: Float64Array, b: Float64Array, t: Float64Array, m: FloatMoments): number {
  const { p, q } = shape;
  const ba = new Float64Array(q * p);
  for (let i = 0; i < q; i++) for (let k = 0; k < q; k++) for (let j = 0; j < p; j++) ba[i * p + j]! += b[i * q + k]! * a[k * p + j]!;
  return 0.5 * traceForm(q, p, ba, m.sigma1, ba) - traceForm(q, p, ba, m.sigma12, t) + 0.5 * traceForm(q, p, t, m.sigma2, t);
}

function entropyRank(values: readonly number[], epsilon: number): number {
  const total = values.reduce((s, v) => s + v, 0);
  if (!(total > 0)) return 0;
  let h = 0;
  for (const v of values) {
    const share = v / total + epsilon;
    h -= share * Math.log(share);
  }
  return Math.exp(h);
}

const rows = (flat: Float64Array, r: number, c: number) => new Matrix(Array.from({ length: r }, (_, i) => Array.from(flat.subarray(i * c, i * c + c))));

export function measure(shape: Shape, a: Float64Array, b: Float64Array, t: Float64Array, m: FloatMoments, probe: Float64Array, probeCount: number): Metrics {
  const { p, q } = shape;
  const singularValues = new SingularValueDecomposition(rows(a, q, p), { autoTranspose: true }).diagonal;
  const codes = new Float64Array(probeCount * q);
  for (let s = 0; s < probeCount; s++) {
    let norm = 0;
    for (let i = 0; i < q; i++) {
      let acc = 0;
      for (let j = 0; j < p; j++) acc += a[i * p + j]! * probe[s * p + j]!;
      codes[s * q + i] = acc;
      norm += acc * acc;
    }
    norm = Math.sqrt(norm);
    for (let i = 0; i < q; i++) codes[s * q + i] = norm > 0 ? codes[s * q + i]! / norm : 0;
  }
  let std = 0;
  for (let i = 0; i < q; i++) {
    let mean = 0;
    for (let s = 0; s < probeCount; s++) mean += codes[s * q + i]!;
    mean /= probeCount;
    let v = 0;
    for (let s = 0; s < probeCount; s++) v += (codes[s * q + i]! - mean) ** 2;
    std += Math.sqrt(v / probeCount);
  }
  const codeSingular = new SingularValueDecomposition(rows(codes, probeCount, q), { autoTranspose: true }).diagonal;
  const eig = new EigenvalueDecomposition(rows(b, q, q));
  return {
    loss: populationLoss(shape, a, b, t, m),
    encoderNorm: Math.hypot(...a),
    singularValues,
    effectiveRank: entropyRank(singularValues, 0),
    codeStd: std / q,
    rankMe: entropyRank(codeSingular, 1e-7),
    predictorEigenvalues: eig.realEigenvalues.map((re, k) => [re, eig.imaginaryEigenvalues[k]!]),
  };
}
