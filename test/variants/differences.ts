/**
 * Test helper, an independent path to V: each procedure's recipe (src/variants/fields.ts) applied
 * to F by central differences, with ξ := θ unless ξ is state (EMA) and a predictor set from the
 * codes held at its value B(θ) (no gradient flows through the setting). Returns the online
 * coordinates' expected V (θ, then ψ), weight decay and rates included.
 */
import { expect } from 'vitest';
import { Program } from '../../src/expr/evaluate.js';
import type { VariantDerivation, VariantField } from '../../src/variants/fields.js';

export function onlineFieldByDifferences(d: VariantDerivation, f: VariantField, x: Float64Array, h = 1e-6): number[] {
  const { dag, encoder, predictor, target, placeholders, setPredictor, objective } = d.layout;
  const F = new Program(dag, [objective]);
  const all = new Float64Array(dag.variables.length);
  all.set(x.subarray(0, encoder.length + predictor.length));
  const recipe = f.procedure.recipe;
  target.forEach((xi, k) => (all[xi] = recipe === 'moving-average' ? x[xi]! : x[encoder[k]!]!));
  if (placeholders.length > 0) {
    const b = new Program(dag, setPredictor).floats(all);
    placeholders.forEach((pv, k) => (all[pv] = b[k]!));
  }
  const partial = (vars: number[]) => {
    const [up, down] = [all.slice(), all.slice()];
    for (const u of vars) {
      up[u]! += h;
      down[u]! -= h;
    }
    return (F.floats(up)[0]! - F.floats(down)[0]!) / (2 * h);
  };
  const lambda = d.variant.weightDecay.toNumber();
  return [...encoder, ...predictor].map((u, k) => {
    // GD moves θ in both branches (ξ := θ before differentiating); target-branch only in ξ, and ψ not at all.
    const isTheta = k < encoder.length;
    const rate = f.rates[k]!.toNumber();
    if (!isTheta && recipe === 'target-branch') return -rate * lambda * x[k]!;
    const vars = !isTheta ? [u] : recipe === 'identify-then-differentiate' ? [u, target[k]!] : recipe === 'target-branch' ? [target[k]!] : [u];
    return -rate * (partial(vars) + lambda * x[k]!);
  });
}

/** Every procedure's V at a point equals the recipe applied to F by differences, to 1e-6 relative. */
export function expectFieldByDifferences(d: VariantDerivation, point: (n: number) => Float64Array): void {
  for (const f of d.fields) {
    const x = point(f.stateNames.length);
    const V = new Float64Array(f.stateNames.length);
    f.float.value(x, V);
    onlineFieldByDifferences(d, f, x).forEach((expected, k) => {
      expect(Math.abs(V[k]! - expected), `${f.procedure.name} V_${k}`).toBeLessThan(1e-6 * (1 + Math.abs(expected)));
    });
  }
}

/**
 * Every procedure's DV at a point equals central differences of its V, to 1e-6 relative; returns
 * per procedure the largest |∂V_i/∂x_j| seen, so a caller can tell a Jacobian is not identically 0.
 */
export function expectJacobianByDifferences(d: VariantDerivation, point: (n: number) => Float64Array, h = 1e-5): number[] {
  return d.fields.map((f) => {
    let largest = 0;
    const n = f.stateNames.length;
    const x = point(n);
    const dv = new Float64Array(n * n);
    f.float.jacobian(x, dv);
    const [up, down] = [new Float64Array(n), new Float64Array(n)];
    for (let j = 0; j < n; j++) {
      const [xp, xm] = [x.slice(), x.slice()];
      xp[j]! += h;
      xm[j]! -= h;
      f.float.value(xp, up);
      f.float.value(xm, down);
      for (let i = 0; i < n; i++) {
        const fd = (up[i]! - down[i]!) / (2 * h);
        expect(Math.abs(fd - dv[i * n + j]!), `${f.procedure.name} ∂V_${i}/∂x_${j}`).toBeLessThan(1e-6 * (1 + Math.abs(fd)));
        largest = Math.max(largest, Math.abs(fd));
      }
    }
    return largest;
  });
}
