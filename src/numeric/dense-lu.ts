/**
 * LU factorisation with partial pivoting of a small dense matrix held row-major in a
 * Float64Array, and solves with it. The stiff integrator factors one d × d matrix per step and
 * solves three systems with it; ml-matrix's LuDecomposition does the same through a Matrix
 * object's get/set and allocates a column per solve, about 25× slower at d = 27 (245 µs against
 * 10 µs per step), which was most of a step's cost. ml-matrix stays the reference in the tests.
 *
 * Example: `const lu = factorLu(m, n); if (lu) lu.solve(b, x);` solves m·x = b.
 */
export interface DenseLu {
  /** Writes the solution of M·x = b into `out`; `b` and `out` may be the same array. */
  solve(b: Float64Array, out: Float64Array): void;
}

/** Factors the n × n row-major matrix `m` in place; null when a pivot is 0 or not finite (singular in floats). */
export function factorLu(m: Float64Array, n: number): DenseLu | null {
  const pivot = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(m[k * n + k]!);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(m[i * n + k]!);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (best === 0 || !Number.isFinite(best)) return null;
    pivot[k] = p;
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const tmp = m[k * n + j]!;
        m[k * n + j] = m[p * n + j]!;
        m[p * n + j] = tmp;
      }
    }
    const d = m[k * n + k]!;
    for (let i = k + 1; i < n; i++) {
      const f = (m[i * n + k]! /= d);
      if (f === 0) continue;
      for (let j = k + 1; j < n; j++) m[i * n + j]! -= f * m[k * n + j]!;
    }
  }
  return {
    solve(b, out) {
      if (out !== b) out.set(b);
      for (let k = 0; k < n; k++) {
        const p = pivot[k]!;
        if (p !== k) {
          const tmp = out[k]!;
          out[k] = out[p]!;
          out[p] = tmp;
        }
      }
      for (let i = 1; i < n; i++) {
        let s = out[i]!;
        for (let j = 0; j < i; j++) s -= m[i * n + j]! * out[j]!;
        out[i] = s;
      }
      for (let i = n - 1; i >= 0; i--) {
        let s = out[i]!;
        for (let j = i + 1; j < n; j++) s -= m[i * n + j]! * out[j]!;
        out[i] = s / m[i * n + i]!;
      }
    },
  };
}
