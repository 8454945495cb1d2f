/**
 * The SG training step written plainly on Float64Arrays, for the loop benchmark (loop.ts): the
 * update of src/experiments/loop.ts `loopStep` for a linear encoder A (q × p) and a linear
 * predictor B (q × q) with the target the encoder itself, gradient stopped, and nothing else —
 * no parameter layout, no allocation per step, the sample gradient fused into the update.
 * test/experiments/plain-loop.test.ts checks that it is the same update as loopStep.
 *
 *   u = A x₁, r = B u − A x₂, A ← A − η(mean Bᵀ r x₁ᵀ + λA), B ← B − ηα(mean r uᵀ + λB)
 *
 * Example: `const step = plainSgStep(16, 8); step(a, b, x1, x2, 256, 0.005, 1, 0)`.
 */
export type PlainStep = (a: Float64Array, b: Float64Array, x1: Float64Array, x2: Float64Array, n: number, lr: number, alpha: number, lambda: number) => void;

export function plainSgStep(p: number, q: number): PlainStep {
  const ga = new Float64Array(q * p);
  const gb = new Float64Array(q * q);
  const u = new Float64Array(q);
  const r = new Float64Array(q);
  const btr = new Float64Array(q);
  return (a, b, x1, x2, n, lr, alpha, lambda) => {
    ga.fill(0);
    gb.fill(0);
    for (let s = 0; s < n; s++) {
      const o = s * p;
      for (let i = 0; i < q; i++) {
        let acc = 0;
        for (let j = 0; j < p; j++) acc += a[i * p + j]! * x1[o + j]!;
        u[i] = acc;
      }
      for (let i = 0; i < q; i++) {
        let acc = 0;
        for (let k = 0; k < q; k++) acc += b[i * q + k]! * u[k]!;
        for (let j = 0; j < p; j++) acc -= a[i * p + j]! * x2[o + j]!;
        r[i] = acc;
      }
      for (let k = 0; k < q; k++) {
        let acc = 0;
        for (let i = 0; i < q; i++) acc += b[i * q + k]! * r[i]!;
        btr[k] = acc;
      }
      for (let i = 0; i < q; i++) {
        for (let j = 0; j < p; j++) ga[i * p + j]! += btr[i]! * x1[o + j]!;
        for (let k = 0; k < q; k++) gb[i * q + k]! += r[i]! * u[k]!;
      }
    }
    const scale = 1 / n;
    for (let k = 0; k < ga.length; k++) a[k] = a[k]! - lr * (ga[k]! * scale + lambda * a[k]!);
    for (let k = 0; k < gb.length; k++) b[k] = b[k]! - lr * alpha * (gb[k]! * scale + lambda * b[k]!);
  };
}
