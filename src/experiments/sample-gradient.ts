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
 * A, B, T written to `out`; with `withTarget` false the gradient in T is left at 0 (stop
 * gradient and EMA never read it: a sixth of the work at q = p/2).
 */
export function batchGradient(shape: Shape, a: Float64Array, b: Float64Array, t: Float64Array, x1: Float64Array, x2: Float64Array, n: number, out: MatrixGradients, withTarget = true): number {
  const { p, q } = shape;
  // Local names: the inner loops then read no property of `out`.
  const ga = out.a;
  const gb = out.b;
  const gt = out.t;
  ga.fill(0);
  gb.fill(0);
  gt.fill(0);
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
      const bi = btr[i]!;
      const ri = r[i]!;
      for (let j = 0; j < p; j++) ga[i * p + j]! += bi * x1[o1 + j]!;
      if (withTarget) for (let j = 0; j < p; j++) gt[i * p + j]! -= ri * x2[o1 + j]!;
      for (let k = 0; k < q; k++) gb[i * q + k]! += ri * u[k]!;
    }
  }
  const scale = 1 / n;
  for (const g of [ga, gb, gt]) for (let k = 0; k < g.length; k++) g[k]! *= scale;
  return loss * scale;
}
