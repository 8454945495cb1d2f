/**
 * What the playground shows of one model and one procedure, computed by the engine itself: the
 * exact derivation and the verdicts come from `checkModel` (integrability, equilibria and their
 * stability, as `ncssl check` runs them), and every number drawn comes from the procedure's float
 * field (src/numeric/float-field.ts) and the engine's integrator.
 *
 * The picture is a plane of two state coordinates. For GD and SG on the playground's models the
 * state is that plane. EMA's state adds the target T: the plane is then the slice T = A (the
 * target equal to the encoder, where EMA's online field equals SG's), arrows are the plane's two
 * components of V there, and trajectories are EMA's whole flows started on the slice, projected
 * onto the plane (they leave the slice as soon as they move).
 *
 * Pure (no DOM, no Node), so tests run it directly.
 *
 * Example: `explore(buildModel(scalar, presetValues(scalar), 'sg').model).integrability.euclidean.integrable`
 * is false.
 */
import { charpoly } from '../exact/charpoly.js';
import { Rational } from '../exact/rational.js';
import type { Model } from '../model/model.js';
import type { Parametrization } from '../model/parameters.js';
import { eigenvalues, type Complex } from '../numeric/eigenvalues.js';
import { integrateToRest } from '../numeric/ode.js';
import { compilePolys } from '../poly/compile.js';
import type { ProcedureDerivation } from '../procedures/derive.js';
import { checkModel, type ModelCheck } from '../analyses/check-model.js';
import { equilibria, integrability, stability, type StabilityFinding } from '../analyses/index.js';
import type { EquilibriaFinding } from '../analyses/equilibria.js';
import type { IntegrabilityFinding } from '../analyses/integrability.js';

/** The analyses the page shows; `checkModel` adds what they require. */
export const PLAYGROUND_ANALYSES = ['integrability', 'equilibria', 'stability'];
/** Seeded like `ncssl check`'s defaults, so the page and the command agree. */
const CHECK_OPTIONS = { samples: 16, seed: 1, analyses: PLAYGROUND_ANALYSES, points: 3, flows: 0 };

export interface Plane {
  /** Slots (positions in the state) of the horizontal and the vertical axis. */
  axes: [number, number];
  /** Their state names (`A_1_1`, `B_1_1`). */
  names: [string, string];
  /** Every other slot with the axis slot whose value it copies: the target T copies the encoder A. */
  copies: Array<[number, number]>;
  /** 'whole' when the state is the plane; 'slice T = A' when the target copies the encoder. */
  kind: 'whole' | 'slice T = A';
}

export interface Exploration {
  check: ModelCheck;
  field: ProcedureDerivation;
  plane: Plane;
  integrability: IntegrabilityFinding;
  equilibria: EquilibriaFinding;
  stability: StabilityFinding;
}

/** The engine's check of a one-procedure model, with the plane it is drawn on. */
export function explore(model: Model): Exploration {
  if (model.procedures.length !== 1) throw new Error('playground: explore takes a model with one procedure');
  const check = checkModel(model, CHECK_OPTIONS);
  const field = check.derivation.procedures[0]!;
  const results = check.procedures[0]!.results;
  return {
    check,
    field,
    plane: planeOf(field, check.derivation.params),
    integrability: results.require(integrability),
    equilibria: results.require(equilibria),
    stability: results.require(stability),
  };
}

function planeOf(d: ProcedureDerivation, params: Parametrization): Plane {
  const target = params.target.variables;
  const axes = d.state.map((_, slot) => slot).filter((slot) => !target.includes(d.state[slot]!));
  if (axes.length !== 2) throw new Error(`playground: expected 2 coordinates besides the target, got ${axes.length} (${d.stateNames.join(', ')})`);
  const copies = d.state.flatMap((v, slot): Array<[number, number]> => {
    const k = target.indexOf(v);
    return k < 0 ? [] : [[slot, d.state.indexOf(params.encoder.variables[k]!)]];
  });
  if (copies.some(([, from]) => !axes.includes(from))) throw new Error('playground: a target entry copies an encoder entry off the plane');
  return { axes: [axes[0]!, axes[1]!], names: [d.stateNames[axes[0]!]!, d.stateNames[axes[1]!]!], copies, kind: copies.length === 0 ? 'whole' : 'slice T = A' };
}

/** The state at plane coordinates (u, v), written into `out`. */
export function statePoint<T>(plane: Plane, u: T, v: T, out: T[] | Float64Array): void {
  (out as T[])[plane.axes[0]] = u;
  (out as T[])[plane.axes[1]] = v;
  for (const [slot, from] of plane.copies) (out as T[])[slot] = (out as T[])[from]!;
}

/** A square window of the plane: centre and half-width. */
export interface View {
  u: number;
  v: number;
  half: number;
}

/** Grid point k of n across the window (k = 0 … n − 1 at cell centres). */
const cellCentre = (view: View, n: number, k: number, axis: 'u' | 'v') => view[axis] - view.half + ((k + 0.5) * 2 * view.half) / n;

/** Arrows on an n×n grid: per cell, u, v and the plane's two components of V there. */
export function arrows(e: Exploration, view: View, n: number): Float64Array {
  const dim = e.field.float.dimension;
  const x = new Float64Array(dim);
  const V = new Float64Array(dim);
  const out = new Float64Array(4 * n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const u = cellCentre(view, n, i, 'u');
      const v = cellCentre(view, n, j, 'v');
      statePoint(e.plane, u, v, x);
      e.field.float.value(x, V);
      out.set([u, v, V[e.plane.axes[0]]!, V[e.plane.axes[1]]!], 4 * (i * n + j));
    }
  }
  return out;
}

export interface CurlGrid {
  /** Value at cell (i, j) at i·n + j (i along u). */
  values: Float64Array;
  /**
   * 'signed': the plane's curl ∂V_v/∂u − ∂V_u/∂v (a 2-coordinate state, where it is the whole of
   * DV − DVᵀ); 'largest entry': max |(DV − DVᵀ)_ij| over the whole state (EMA), the measure of
   * the sampled curl of `ncssl check`.
   */
  kind: 'signed' | 'largest entry';
  /** max |value|. */
  max: number;
}

/**
 * The curl of V (or of P⁻¹V with `rateAdjusted`: row i of DV divided by the rate of coordinate i)
 * on an n×n grid, from the float Jacobian.
 */
export function curlGrid(e: Exploration, view: View, n: number, rateAdjusted: boolean): CurlGrid {
  const dim = e.field.float.dimension;
  const w = e.field.rates.map((r) => (rateAdjusted ? 1 / r.toNumber() : 1));
  const x = new Float64Array(dim);
  const J = new Float64Array(dim * dim);
  const values = new Float64Array(n * n);
  const kind = dim === 2 ? 'signed' : 'largest entry';
  let max = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      statePoint(e.plane, cellCentre(view, n, i, 'u'), cellCentre(view, n, j, 'v'), x);
      e.field.float.jacobian(x, J);
      let value = 0;
      if (kind === 'signed') {
        const [a, b] = e.plane.axes;
        value = w[b]! * J[b * dim + a]! - w[a]! * J[a * dim + b]!;
      } else {
        for (let r = 0; r < dim; r++) for (let c = r + 1; c < dim; c++) value = Math.max(value, Math.abs(w[r]! * J[r * dim + c]! - w[c]! * J[c * dim + r]!));
      }
      values[i * n + j] = value;
      max = Math.max(max, Math.abs(value));
    }
  }
  return { values, kind, max };
}

/** Line segments [u0, v0, u1, v1] of one equilibrium component where it meets the plane. */
export interface ComponentCurve {
  component: number;
  segments: number[][];
}

/**
 * The equilibrium components' traces on the plane, by marching squares on each defining
 * equation over an n×n grid: a piece of one equation's zero curve is kept where every other
 * equation of the component vanishes too — it changes sign in the cell, or its value at the
 * piece is small beside its values at the corners (a double zero such as (b − 1)² never changes
 * sign). A component that meets the plane only in points shows as its sampled points, not here.
 */
export function componentCurves(e: Exploration, view: View, n: number): ComponentCurve[] {
  const dim = e.field.float.dimension;
  const x = new Float64Array(dim);
  const coord = (t: number, axis: 'u' | 'v') => view[axis] - view.half + (t * 2 * view.half) / n;
  return e.equilibria.components.map((component, index): ComponentCurve => {
    const k = component.equations.length;
    const compiled = compilePolys(component.equations, e.field.state);
    const out = new Float64Array(k);
    const at = (u: number, v: number) => {
      statePoint(e.plane, u, v, x);
      compiled.evaluate(x, out);
    };
    // grid[q][i·(n+1) + j]: equation q at vertex (i, j).
    const grid = Array.from({ length: k }, () => new Float64Array((n + 1) * (n + 1)));
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= n; j++) {
        at(coord(i, 'u'), coord(j, 'v'));
        for (let q = 0; q < k; q++) grid[q]![i * (n + 1) + j] = out[q]!;
      }
    }
    const corners: Array<[number, number]> = [[0, 0], [1, 0], [1, 1], [0, 1]];
    /** Does equation r vanish on the piece from (u0, v0) to (u1, v1) of cell (i, j)? `out` holds the midpoint's values. */
    const vanishes = (r: number, i: number, j: number) => {
      let positive = false;
      let negative = false;
      let largest = 0;
      for (const [di, dj] of corners) {
        const z = grid[r]![(i + di) * (n + 1) + j + dj]!;
        if (z >= 0) positive = true;
        else negative = true;
        largest = Math.max(largest, Math.abs(z));
      }
      return (positive && negative) || Math.abs(out[r]!) <= 0.25 * largest;
    };
    const segments: number[][] = [];
    for (let q = 0; q < k; q++) {
      const f = grid[q]!;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const c0 = f[i * (n + 1) + j]! >= 0;
          if (c0 === f[(i + 1) * (n + 1) + j]! >= 0 && c0 === f[(i + 1) * (n + 1) + j + 1]! >= 0 && c0 === f[i * (n + 1) + j + 1]! >= 0) continue;
          const crossings: number[][] = [];
          for (let s = 0; s < 4; s++) {
            const [a0, b0] = corners[s]!;
            const [a1, b1] = corners[(s + 1) % 4]!;
            const f0 = f[(i + a0) * (n + 1) + j + b0]!;
            const f1 = f[(i + a1) * (n + 1) + j + b1]!;
            if ((f0 >= 0) === (f1 >= 0)) continue;
            const t = f0 / (f0 - f1);
            crossings.push([coord(i + a0 + t * (a1 - a0), 'u'), coord(j + b0 + t * (b1 - b0), 'v')]);
          }
          // Four crossings (a saddle cell): the centre's sign says which corners the curves cut off.
          if (crossings.length === 4) {
            at(coord(i + 0.5, 'u'), coord(j + 0.5, 'v'));
            if ((out[q]! >= 0) !== c0) crossings.push(crossings.shift()!);
          }
          for (let c = 0; c + 1 < crossings.length; c += 2) {
            const [u0, v0] = crossings[c]!;
            const [u1, v1] = crossings[c + 1]!;
            if (k > 1) at((u0! + u1!) / 2, (v0! + v1!) / 2);
            let all = true;
            for (let r = 0; r < k && all; r++) if (r !== q && !vanishes(r, i, j)) all = false;
            if (all) segments.push([u0!, v0!, u1!, v1!]);
          }
        }
      }
    }
    return { component: index, segments };
  });
}

/** A trajectory's points projected on the plane, [u0, v0, u1, v1, …], and how it ended. */
export interface PlaneFlow {
  points: number[];
  status: 'rest' | 'diverged' | 'budget';
}

/**
 * The flow of the whole state from a start on the plane (on the slice T = A for EMA), by the
 * engine's integrator, bounded for a page that redraws at every slider step: it stops at rest,
 * after FLOW_STEPS steps or time FLOW_TIME, or when it leaves 20 half-widths of the window.
 */
export const FLOW_STEPS = 4000;
export const FLOW_TIME = 200;

export function flowFrom(e: Exploration, u: number, v: number, view: View): PlaneFlow {
  const x0 = new Float64Array(e.field.float.dimension);
  statePoint(e.plane, u, v, x0);
  const points: number[] = [];
  const [a, b] = e.plane.axes;
  const end = integrateToRest(e.field.float, x0, {
    restTolerance: 1e-7,
    maxSteps: FLOW_STEPS,
    maxTime: FLOW_TIME,
    blowUp: 20 * (view.half + Math.abs(view.u) + Math.abs(view.v)),
    tolerance: 1e-6,
    onStep: (_, x) => points.push(x[a]!, x[b]!),
  });
  return { points, status: end.status };
}

/** Starts of the trajectories drawn: `count` points on a circle of 3/4 of the window, fixed. */
export function flowStarts(view: View, count: number): Array<[number, number]> {
  return Array.from({ length: count }, (_, k) => {
    const angle = (Math.PI * (2 * k + 1)) / count;
    return [view.u + 0.75 * view.half * Math.cos(angle), view.v + 0.75 * view.half * Math.sin(angle)];
  });
}

/** V, DV, det(λI − DV) exactly and the eigenvalues in floats, at an exact state. */
export interface PointSpectrum {
  state: Rational[];
  field: Rational[];
  jacobian: Rational[][];
  /** Leading first: c[0] = 1, c[i] multiplies λ^(n−i). */
  charpoly: Rational[];
  eigenvalues: Complex[];
}

export function spectrumAt(e: Exploration, state: readonly Rational[]): PointSpectrum {
  const slotOf = new Map(e.field.state.map((v, slot) => [v, slot]));
  const value = (v: number) => {
    const slot = slotOf.get(v);
    if (slot === undefined) throw new Error(`playground: ${e.check.derivation.params.ring.names[v]} is not a state coordinate`);
    return state[slot]!;
  };
  const jacobian = e.field.jacobian.map((row) => row.map((p) => p.evaluate(value)));
  return {
    state: [...state],
    field: e.field.field.map((p) => p.evaluate(value)),
    jacobian,
    charpoly: charpoly(jacobian),
    eigenvalues: eigenvalues(jacobian.map((row) => row.map((r) => r.toNumber()))),
  };
}

/** The exact state at plane coordinates given as decimals (a click rounded to hundredths). */
export function exactStateAt(e: Exploration, u: string, v: string): Rational[] {
  const state = new Array<Rational>(e.field.state.length).fill(Rational.ZERO);
  statePoint(e.plane, Rational.parse(u)!, Rational.parse(v)!, state);
  return state;
}
