/**
 * A linearly implicit (Rosenbrock) integrator for stiff flows ẋ = V(x): the modified Rosenbrock
 * pair of order 2 with a third-order error estimate that Shampine and Reichelt published for
 * MATLAB's ode23s (SIAM J. Sci. Comput. 18, 1997), for an autonomous field. Each step evaluates
 * the exact Jacobian DV once, factors W = I − h·d·DV (LU, dense-lu.ts) and solves three linear
 * systems; V is evaluated twice (the last evaluation is the next step's first). The pair is
 * L-stable, so the fast transversal modes of a flow near a continuum of equilibria are damped at
 * any step size, and a fixed point of the step is an equilibrium of V: the steps grow as the
 * flow settles instead of staying at the explicit method's stability limit.
 *
 * Example: `rosenbrockToRest(field, x0, { tolerance: 1e-8 })` with `field` a FloatField.
 */
import { factorLu } from './dense-lu.js';
import type { FloatField } from './float-field.js';
import type { FlowEnd, FlowOptions } from './ode.js';

const D = 1 / (2 + Math.SQRT2);
const E32 = 6 + Math.SQRT2;

/** Where a flow handed over to this integrator (time, steps taken, step size), or the start. */
export interface FlowResume {
  t: number;
  steps: number;
  h: number;
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
}

/** The three linear solves of a step share one factorisation of W (overwritten). */
function solver(w: Float64Array, n: number): ((rhs: Float64Array, out: Float64Array) => boolean) | null {
  const lu = factorLu(w, n);
  if (lu === null) return null;
  return (rhs, out) => {
    lu.solve(rhs, out);
    return out.every(Number.isFinite);
  };
}

/**
 * Integrates from `start` until the options' rest rule, divergence or budget, as
 * `integrateToRest` does (same options and stop rules), with Rosenbrock steps throughout.
 */
export function rosenbrockToRest(field: FloatField, start: Float64Array, options: FlowOptions = {}, resume: FlowResume = { t: 0, steps: 0, h: 1e-2 }): FlowEnd {
  const restTolerance = options.restTolerance ?? 1e-10;
  const maxTime = options.maxTime ?? 1e4;
  const maxSteps = options.maxSteps ?? 20_000;
  const blowUp = options.blowUp ?? 1e6;
  const tol = options.tolerance ?? 1e-10;
  const isRest = options.isRest ?? ((_x: Float64Array, residual: number) => residual <= restTolerance);
  const n = start.length;
  let x = Float64Array.from(start);
  const f0 = new Float64Array(n);
  const f1 = new Float64Array(n);
  const f2 = new Float64Array(n);
  const k1 = new Float64Array(n);
  const k2 = new Float64Array(n);
  const k3 = new Float64Array(n);
  let y = new Float64Array(n);
  const rhs = new Float64Array(n);
  const jac = new Float64Array(n * n);
  const w = new Float64Array(n * n);
  let { t, steps, h } = resume;
  field.value(x, f0);
  if (steps === 0) options.onStep?.(t, x);
  let jacobianAt = -1; // the step count at which `jac` was evaluated at x
  while (true) {
    const residual = maxAbs(f0);
    const status = isRest(x, residual) ? 'rest' : maxAbs(x) > blowUp || !Number.isFinite(residual) ? 'diverged' : t >= maxTime || steps >= maxSteps ? 'budget' : null;
    if (status !== null) return { status, x, time: t, steps, residual, method: 'rosenbrock' };
    if (jacobianAt !== steps) {
      field.jacobian(x, jac);
      jacobianAt = steps;
    }
    steps++;
    const hd = h * D;
    for (let i = 0; i < n * n; i++) w[i] = -hd * jac[i]!;
    for (let i = 0; i < n; i++) w[i * n + i]! += 1;
    const solve = Number.isFinite(hd) && jac.every(Number.isFinite) ? solver(w, n) : null;
    let err = Number.NaN;
    if (solve !== null && solve(f0, k1)) {
      for (let i = 0; i < n; i++) y[i] = x[i]! + 0.5 * h * k1[i]!;
      field.value(y, f1);
      for (let i = 0; i < n; i++) rhs[i] = f1[i]! - k1[i]!;
      if (solve(rhs, k2)) {
        for (let i = 0; i < n; i++) {
          k2[i] = k2[i]! + k1[i]!;
          y[i] = x[i]! + h * k2[i]!;
        }
        field.value(y, f2);
        for (let i = 0; i < n; i++) rhs[i] = f2[i]! - E32 * (k2[i]! - f1[i]!) - 2 * (k1[i]! - f0[i]!);
        if (solve(rhs, k3)) {
          err = 0;
          for (let i = 0; i < n; i++) {
            const e = (h / 6) * (k1[i]! - 2 * k2[i]! + k3[i]!);
            const scale = tol * (1e-3 + Math.max(Math.abs(x[i]!), Math.abs(y[i]!)));
            err = Math.max(err, Math.abs(e) / scale);
          }
        }
      }
    }
    if (!Number.isFinite(err)) {
      h /= 10; // a singular W or an overflow inside the step: retry smaller
      if (h < 1e-14) return { status: 'diverged', x, time: t, steps, residual, method: 'rosenbrock' };
      continue;
    }
    if (err <= 1) {
      t += h;
      [x, y] = [y, x]; // y is overwritten by the next step before it is read
      f0.set(f2); // V at the new point, evaluated by the step's last stage
      options.onStep?.(t, x);
    }
    // Local error ∝ h³ for the second-order result.
    const factor = err === 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * err ** (-1 / 3)));
    h = Math.min(h * factor, 1e3);
  }
}
