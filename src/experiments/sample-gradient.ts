/**
 * The minibatch gradient of the sample loss ℓ = ½‖B A x₁ − T x₂‖² (the loss whose expectation
 * is F, src/model/objective.ts), in closed matrix form: with u = A x₁ and r = B u − T x₂,
 *
 *   ∂ℓ/∂A = Bᵀ r x₁ᵀ,   ∂ℓ/∂B = r uᵀ,   ∂ℓ/∂T = −r x₂ᵀ,
 *
 * averaged over the batch. test/experiments/sample-gradient.test.ts checks it against the exact
 * polynomial gradient of `sampleLoss` and against finite differences.
 *
 * Example: `batchGradient(shape, a, b, t, x1, x2, n, out)` returns the mean loss and fills `out`.
 */

export interface Shape {
  /** Input dimension p and code dimension q. */
  p: number;
  q: number;
}

/** Matrix gradients (row-major), averaged over a batch. */
export interface MatrixGradients {
  a: Float64Array;
  b: Float64Array;
  t: Float64Array;
}

export function matrixGradients(shape: Shape): MatrixGradients {
  return { a: new Float64Array(shape.q * shape.p), b: new Float64Array(shape.q * shape.q), t: new Float64Array(shape.q * shape.p) };
}

/**
 * The mean of ℓ over the `n` view pairs (rows of x1 and x2, each p wide), and its gradients in
 * A, B, T written to `out`.
 */
export function batchGradient(shape: Shape, a: Float64Array, b: Float64Array, t: Float64Array, x1: Float64Array, x2: Float64Array, n: number, out: MatrixGradients): number {
  const { p, q } = shape;
  out.a.fill(0);
  out.b.fill(0);
  out.t.fill(0);
  const u = new Float64Array(q);
  const r = new Float64Array(q);
  const btr = new Float64Array(q);
  let loss = 0;
  for (let s = 0; s < n; s++) {
    const o1 = s * p;
    for (let i = 0; i < q; i++) {
      let acc = 0;
      for (let j = 0; j < p; j++) acc += a[i * p + j]! * x1[o1 + j]!;
      u[i] = acc;
    }
    for (let i = 0; i < q; i++) {
      let acc = 0;
      for (let k = 0; k < q; k++) acc += b[i * q + k]! * u[k]!;
      for (let j = 0; j < p; j++) acc -= t[i * p + j]! * x2[o1 + j]!;
      r[i] = acc;
      loss += 0.5 * acc * acc;
    }
    for (let k = 0; k < q; k++) {
      let acc = 0;
      for (let i = 0; i < q; i++) acc += b[i * q + k]! * r[i]!;
      btr[k] = acc;
    }
    for (let i = 0; i < q; i++) {
      for (let j = 0; j < p; j++) {
        out.a[i * p + j]! += btr[i]! * x1[o1 + j]!;
        out.t[i * p + j]! -= r[i]! * x2[o1 + j]!;
      }
      for (let k = 0; k < q; k++) out.b[i * q + k]! += r[i]! * u[k]!;
    }
  }
  const scale = 1 / n;
  for (const g of [out.a, out.b, out.t]) for (let k = 0; k < g.length; k++) g[k]! *= scale;
  return loss * scale;
}
