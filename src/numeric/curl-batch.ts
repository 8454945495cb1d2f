/**
 * The float curl of one batch of evaluated Jacobians: the per-point numbers `sampleCurl`
 * (analyses/curl-sampling.ts) tallies. Shared by the main thread and the worker
 * (curl-worker.ts), so that both compute exactly the same values.
 *
 * Example: after `evaluateBatch(xs, count, J)`, `curlOfBatch(J, n, count, w, out, 0)` writes
 * point b's [max |J_ij − J_ji|, max |J_ij|, the same two for W·J] to out[4b … 4b+3].
 */
import { EVALUATION_BATCH } from '../poly/compile.js';

/** Numbers per point in `out`: curl and scale of V, then of W·V (zeros when `w` is null). */
export const CURL_VALUES_PER_POINT = 4;

/**
 * @param J the batch layout of `evaluateBatch`: entry (i, j) at point b is J[(i·n + j)·B + b]
 * @param w diagonal weights of W (the inverse rates), or null for V alone
 * @param out receives, for point b of the batch, 4 numbers at (first + b)·4
 *
 * One pass over the pairs i ≤ j serves both V and W·V. The maxima are the same numbers whatever
 * the order they are taken in, so every thread and every batch size gives the same bits.
 */
export function curlOfBatch(J: Float64Array, n: number, count: number, w: Float64Array | null, out: Float64Array, first: number): void {
  const B = EVALUATION_BATCH;
  const curlV = new Float64Array(B);
  const scaleV = new Float64Array(B);
  const curlW = new Float64Array(B);
  const scaleW = new Float64Array(B);
  for (let i = 0; i < n; i++) {
    const ri = w ? w[i]! : 1;
    const diagonal = (i * n + i) * B;
    for (let b = 0; b < count; b++) {
      const u = J[diagonal + b]!;
      scaleV[b] = Math.max(scaleV[b]!, Math.abs(u));
      if (w) scaleW[b] = Math.max(scaleW[b]!, Math.abs(ri * u));
    }
    for (let j = i + 1; j < n; j++) {
      const rj = w ? w[j]! : 1;
      const at = (i * n + j) * B;
      const back = (j * n + i) * B;
      for (let b = 0; b < count; b++) {
        const u = J[at + b]!;
        const v = J[back + b]!;
        scaleV[b] = Math.max(scaleV[b]!, Math.abs(u), Math.abs(v));
        curlV[b] = Math.max(curlV[b]!, Math.abs(u - v));
        if (w) {
          const uw = ri * u;
          const vw = rj * v;
          scaleW[b] = Math.max(scaleW[b]!, Math.abs(uw), Math.abs(vw));
          curlW[b] = Math.max(curlW[b]!, Math.abs(uw - vw));
        }
      }
    }
  }
  for (let b = 0; b < count; b++) {
    const at = (first + b) * CURL_VALUES_PER_POINT;
    out[at] = curlV[b]!;
    out[at + 1] = scaleV[b]!;
    out[at + 2] = curlW[b]!;
    out[at + 3] = scaleW[b]!;
  }
}
