/**
 * Float integration of ẋ = V(x) with adaptive steps, run until the field is numerically zero (an
 * equilibrium was reached), the state blows up, or a budget of steps or flow time is spent. Used
 * only for float evidence: which equilibria trajectories from random starts reach.
 *
 * A flow starts with the explicit Dormand–Prince 5(4) pair and watches, after every accepted
 * step, the estimate of h·|λ| along the step that Hairer's DOPRI5 uses (the last two stages):
 * when it stays at the edge of the explicit stability region (> 3.25) for 15 steps, the flow is
 * stiff — the step size is held down by stability, not accuracy — and the rest of it is run by
 * the Rosenbrock integrator (rosenbrock.ts) with the exact Jacobian. Flows that are not stiff
 * never leave the explicit pair, so their samples are the same as before the switch existed.
 *
 * Example: `integrateToRest({ dimension: 1, value: (x, out) => { out[0] = -x[0]; }, jacobian: (x, out) => { out[0] = -1; } }, Float64Array.of(1))`
 * ends near 0 with `status: 'rest'`.
 */
import type { FloatField } from './float-field.js';
import { rosenbrockToRest } from './rosenbrock.js';

export type FlowMethod = 'dormand-prince' | 'rosenbrock';

export interface FlowEnd {
  status: 'rest' | 'diverged' | 'budget';
  /** The integrator that took the last step: Rosenbrock once the flow was found stiff. */
  method: FlowMethod;
  x: Float64Array;
  time: number;
  steps: number;
  /** max |V_i| at the end. */
  residual: number;
}

export interface FlowOptions {
  /** Stop when max |V_i(x)| ≤ restTolerance. */
  restTolerance?: number;
  maxTime?: number;
  maxSteps?: number;
  /** Stop as diverged when max |x_i| exceeds this. */
  blowUp?: number;
  /** Relative local error tolerance per step (absolute: 1e-3 of it, so coordinates tending to 0 stay accurate). */
  tolerance?: number;
  /**
   * Decides rest instead of `max |V_i| ≤ restTolerance` (given the state and that maximum), e.g.
   * to go on while a coordinate that decays slowly is small but not yet 0.
   */
  isRest?: (x: Float64Array, residual: number) => boolean;
  /**
   * `auto` (default): explicit until the flow is found stiff, then Rosenbrock; `explicit`: never
   * switch (for comparisons); `rosenbrock`: implicit from the start.
   */
  method?: 'auto' | 'explicit' | 'rosenbrock';
  /** Called at the start and after every accepted step with the time and the state (do not keep `x`: it is reused). */
  onStep?: (t: number, x: Float64Array) => void;
}

// Dormand–Prince coefficients.
const A: number[][] = [
  [],
  [1 / 5],
  [3 / 40, 9 / 40],
  [44 / 45, -56 / 15, 32 / 9],
  [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
  [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
  [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
];
const B5 = [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0];
const B4 = [5179 / 57600, 0, 7571 / 16695, 393 / 640, -92097 / 339200, 187 / 2100, 1 / 40];

/** DOPRI5's stiffness test: h·|λ| above this for STIFF_STEPS accepted steps (reset by NONSTIFF_STEPS below it). */
const STIFF_H_LAMBDA = 3.25;
const STIFF_STEPS = 15;
const NONSTIFF_STEPS = 6;

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
}

export function integrateToRest(field: FloatField, start: Float64Array, options: FlowOptions = {}): FlowEnd {
  if (options.method === 'rosenbrock') return rosenbrockToRest(field, start, options);
  const restTolerance = options.restTolerance ?? 1e-10;
  const maxTime = options.maxTime ?? 1e4;
  const maxSteps = options.maxSteps ?? 20_000;
  const blowUp = options.blowUp ?? 1e6;
  const tol = options.tolerance ?? 1e-10;
  const n = start.length;
  let x = Float64Array.from(start);
  const k = Array.from({ length: 7 }, () => new Float64Array(n));
  const y = new Float64Array(n);
  const y6 = new Float64Array(n); // the stage point of k[5], for the stiffness test
  let x5 = new Float64Array(n);
  let t = 0;
  let h = 1e-2;
  let steps = 0;
  let stiffSteps = 0;
  let nonstiffSteps = 0;
  const detectStiffness = options.method !== 'explicit';
  const onStep = options.onStep;
  const isRest = options.isRest ?? ((_x: Float64Array, residual: number) => residual <= restTolerance);
  field.value(x, k[0]!);
  onStep?.(t, x);
  while (true) {
    const residual = maxAbs(k[0]!);
    const status = isRest(x, residual) ? 'rest' : maxAbs(x) > blowUp || !Number.isFinite(residual) ? 'diverged' : t >= maxTime || steps >= maxSteps ? 'budget' : null;
    if (status !== null) return { status, x, time: t, steps, residual, method: 'dormand-prince' };
    for (let s = 1; s < 7; s++) {
      for (let i = 0; i < n; i++) {
        let acc = x[i]!;
        for (let j = 0; j < s; j++) acc += h * A[s]![j]! * k[j]![i]!;
        y[i] = acc;
      }
      if (s === 5) y6.set(y);
      field.value(y, k[s]!);
    }
    let err = 0;
    for (let i = 0; i < n; i++) {
      let hi = x[i]!;
      let lo = x[i]!;
      for (let s = 0; s < 7; s++) {
        hi += h * B5[s]! * k[s]![i]!;
        lo += h * B4[s]! * k[s]![i]!;
      }
      x5[i] = hi;
      const scale = tol * (1e-3 + Math.max(Math.abs(x[i]!), Math.abs(hi)));
      err = Math.max(err, Math.abs(hi - lo) / scale);
    }
    steps++;
    if (!Number.isFinite(err)) {
      h /= 10; // overflow inside the step: retry smaller
      if (h < 1e-14) return { status: 'diverged', x, time: t, steps, residual, method: 'dormand-prince' };
      continue;
    }
    if (err <= 1) {
      t += h;
      [x, x5] = [x5, x]; // x5 is overwritten by the next step before it is read
      // First-same-as-last: the 7th stage is V at the new point.
      k[0]!.set(k[6]!);
      onStep?.(t, x);
      if (detectStiffness) {
        // h·|λ| ≈ h·‖V(x_new) − V(y6)‖ / ‖x_new − y6‖: both points end the step.
        let num = 0;
        let den = 0;
        for (let i = 0; i < n; i++) {
          num += (k[6]![i]! - k[5]![i]!) ** 2;
          den += (x[i]! - y6[i]!) ** 2;
        }
        if (den > 0 && h * Math.sqrt(num / den) > STIFF_H_LAMBDA) {
          nonstiffSteps = 0;
          if (++stiffSteps >= STIFF_STEPS) return rosenbrockToRest(field, x, options, { t, steps, h });
        } else if (++nonstiffSteps >= NONSTIFF_STEPS) stiffSteps = 0;
      }
    }
    const factor = err === 0 ? 5 : Math.min(5, Math.max(0.2, 0.9 * err ** -0.2));
    h = Math.min(h * factor, 1e3);
  }
}
