/**
 * Equilibrium sets of the linear family (issue 4, item 1), as named components, each with the
 * polynomial equations that define it, why its points are equilibria, and sampled points:
 *
 * - collapsed: A = 0 (and T = 0 for EMA). On it the field reduces to polynomials affine in the
 *   predictor (−αλB), so the component is an affine space, sampled exactly.
 * - residual (SG and EMA without weight decay): M = B A Σ1 − T Σ12ᵀ = 0 (and T = A for EMA).
 *   That V vanishes there is PROVED per model by the polynomial identities V_A = −BᵀM − λA,
 *   V_B = −α(MAᵀ + λB) checked against the derived field; with λ > 0 or for GD the identities
 *   leave a remainder and the component is not claimed. Points: candidate encoders whose row space
 *   is invariant under Σ1⁻¹Σ12 (encoder-candidates.ts), the other blocks solved exactly from the
 *   affine equations, then the whole field evaluated exactly at the point: it must be 0.
 *   Float points (with their residual) when the invariant subspaces are irrational.
 * - other: the remaining non-collapsed equilibria (equations: V = 0 itself), found exactly by
 *   fixing a candidate encoder and solving the field's predictor and target components (affine
 *   in those blocks), or as limits of the float flow from seeded random starts.
 *
 * Example: SG on the scalar model (MATH.md §5) gives the collapsed line A_1_1 = 0 and the residual
 * component 5/2*A_1_1*B_1_1 - 2*A_1_1 = 0 sampled at points (a, 4/5).
 */
import { Rational } from '../exact/rational.js';
import { solveLinear } from '../exact/linear-algebra.js';
import type { Model } from '../model/model.js';
import { targetToEncoder, type Parametrization } from '../model/parameters.js';
import type { FloatField } from '../numeric/float-field.js';
import { compilePolys } from '../poly/compile.js';
import { Poly } from '../poly/poly.js';
import { seededRandom, type SeededRandom } from '../numeric/random.js';
import { leastSquares, nullOnOverflow } from '../numeric/eigenvalues.js';
import type { Derivation, ProcedureDerivation } from '../procedures/derive.js';
import { proveGdCollapse } from './collapse.js';
import { flowToRest, sharedStarts, startState } from './trajectories.js';
import { eigenDirections, exactEncoderCandidates, floatEncoderCandidates } from './encoder-candidates.js';
import type { ComponentNote, EquilibriaNote, PointOrigin } from './equilibria-notes.js';
import { affineSystem, primitive, restrict } from './poly-tools.js';

export type EquilibriumPoint =
  | { exact: true; values: Rational[]; residual: 0; collapsed: boolean; origin: PointOrigin }
  | { exact: false; values: number[]; residual: number; collapsed: boolean; origin: PointOrigin };

export type ComponentId = 'collapsed' | 'residual' | 'other';

export interface EquilibriumComponent {
  id: ComponentId;
  title: string;
  /** Polynomials whose common zeros form the component (in the `derive` syntax when printed). */
  equations: Poly[];
  /** Why every common zero of `equations` is an equilibrium. */
  containment: { level: 'proved'; reason: string };
  points: EquilibriumPoint[];
  notes: ComponentNote[];
}

export interface FlowSummary {
  level: 'numerical';
  seed: number;
  starts: number;
  atRest: number;
  diverged: number;
  unfinished: number;
  collapsed: number;
  nonCollapsed: number;
  /** At rest with a small encoder that the flow rule could not tell from 0 (trajectories.ts). */
  undecided: number;
}

export interface EquilibriaFinding {
  components: EquilibriumComponent[];
  flows: FlowSummary | null;
  notes: EquilibriaNote[];
}

export interface EquilibriaOptions {
  /** Points sampled per component (exact or float). */
  points: number;
  /** Random starts whose float flow limits are added as evidence (0 for none). */
  flows: number;
  seed: number;
}

interface Context {
  model: Model;
  params: Parametrization;
  d: ProcedureDerivation;
  ring: Parametrization['ring'];
  encoder: number[];
  predictor: number[];
  target: number[];
  /** V in floats (the procedure's float form). */
  field: FloatField;
}

const FLOAT_RESIDUAL = 1e-9;

function variable(ctx: Context, v: number): Poly {
  return Poly.variable(ctx.ring, v);
}

/** Exact value of every state coordinate, or null when some field component is not 0 there. */
function verifiedPoint(ctx: Context, values: Map<number, Rational>): Rational[] | null {
  const at = (v: number) => values.get(v) ?? Rational.ZERO;
  for (const f of ctx.d.field) if (!f.evaluate(at).isZero()) return null;
  return ctx.d.state.map(at);
}

function floatResidual(ctx: Context, x: Float64Array): number {
  const out = new Float64Array(ctx.d.state.length);
  ctx.field.value(x, out);
  let r = 0;
  for (const v of out) r = Math.max(r, Math.abs(v));
  return r;
}

function isCollapsed(ctx: Context, values: ArrayLike<number | Rational>): boolean {
  return ctx.d.state.every((v, k) => {
    if (!ctx.encoder.includes(v)) return true;
    const x = values[k]!;
    return typeof x === 'number' ? Math.abs(x) <= 1e-6 : x.isZero();
  });
}

/**
 * A small nonzero rational with denominator 7, so that special values such as 0 or 1/2 are rare.
 * With `round` (the number of the point being sampled) the sign alternates and the size cycles
 * through small (1/7–3/7), middle (4/7–9/7) and large (10/7–20/7), so a few points already cover
 * both signs and scales: on the
 * scalar SG's collapsed line, the unstable stretch 0 < b < c/s shows up with the stable rest.
 */
function randomSmall(rng: SeededRandom, round?: number): Rational {
  if (round === undefined) {
    const k = rng.int(1, 20);
    return Rational.of(rng.next() < 0.5 ? -k : k, 7);
  }
  const band = Math.floor(round / 2) % 3;
  const k = rng.int([1, 4, 10][band]!, [3, 9, 20][band]!);
  return Rational.of(round % 2 === 0 ? k : -k, 7);
}

/** Solves the affine equations for `unknowns` after fixing `fixed`; a random point of the solution set. */
function solveRest(equations: Poly[], fixed: Map<number, Rational>, unknowns: number[], rng: SeededRandom, round?: number): Map<number, Rational> | null {
  const restricted = equations.map((e) => restrict(e, fixed)).filter((e) => !e.isZero());
  const values = new Map(fixed);
  if (restricted.length === 0) {
    for (const v of unknowns) values.set(v, randomSmall(rng, round));
    return values;
  }
  const system = affineSystem(restricted, unknowns);
  if (!system) return null;
  const sol = solveLinear(system.matrix, system.rhs, unknowns.length);
  if (!sol) return null;
  const y = sol.particular.slice();
  for (const h of sol.homogeneous) {
    const c = randomSmall(rng, round);
    h.forEach((x, i) => (y[i] = y[i]!.add(x.mul(c))));
  }
  unknowns.forEach((v, i) => values.set(v, y[i]!));
  return values;
}

/** Float points closer than this (max-norm, relative to 1 + |x|) are one point found twice. */
const SAME_FLOAT_POINT = 1e-7;

function samePoint(a: EquilibriumPoint, b: EquilibriumPoint): boolean {
  if (a.exact && b.exact) return a.values.every((x, k) => String(x) === String(b.values[k]));
  const num = (p: EquilibriumPoint, k: number) => (p.exact ? (p.values[k] as Rational).toNumber() : (p.values[k] as number));
  return a.values.every((_, k) => Math.abs(num(a, k) - num(b, k)) <= SAME_FLOAT_POINT * (1 + Math.abs(num(a, k))));
}

/** Adds a point unless the component already has it (an exact point, or a float one within SAME_FLOAT_POINT). */
function addPoint(component: EquilibriumComponent, point: EquilibriumPoint): boolean {
  if (component.points.some((p) => samePoint(p, point))) return false;
  component.points.push(point);
  return true;
}

function collapsedComponent(ctx: Context, options: EquilibriaOptions, rng: SeededRandom): EquilibriumComponent {
  const zeroVars = [...ctx.encoder, ...ctx.target];
  const zero = new Map(zeroVars.map((v) => [v, Rational.ZERO]));
  const rest = ctx.d.state.filter((v) => !zero.has(v));
  const reduced = ctx.d.field.map((f) => restrict(f, zero)).filter((f) => !f.isZero());
  const equations = [...zeroVars.map((v) => variable(ctx, v)), ...reduced.map(primitive)];
  const component: EquilibriumComponent = {
    id: 'collapsed',
    title: ctx.target.length > 0 ? 'collapsed: A = 0 and T = 0' : 'collapsed: A = 0',
    equations,
    containment: {
      level: 'proved',
      reason:
        reduced.length === 0
          ? 'the field restricted to A = 0' + (ctx.target.length > 0 ? ', T = 0' : '') + ' is identically 0'
          : 'on A = 0' + (ctx.target.length > 0 ? ', T = 0' : '') + ' the field reduces to the remaining equations listed',
    },
    points: [],
    notes: [],
  };
  if (reduced.some((f) => f.degree() > 1)) {
    component.notes.push({ kind: 'not-affine' });
    return component;
  }
  for (let t = 0; t < 4 * options.points && component.points.length < options.points; t++) {
    const values = solveRest(reduced, zero, rest, rng, t);
    if (!values) break;
    const point = verifiedPoint(ctx, values);
    if (!point) throw new Error('collapsed equilibrium failed its exact check: internal error');
    addPoint(component, { exact: true, values: point, residual: 0, collapsed: true, origin: { kind: 'collapsed' } });
    if (reduced.length > 0 && rest.length === 0) break;
  }
  return component;
}

/** M = B A Σ1 − T Σ12ᵀ as polynomials (T renamed to A when the target is not a state block). */
function residualMatrix(ctx: Context): Poly[][] {
  const { sigma1, sigma12 } = ctx.model.moments;
  const A = ctx.params.encoder.matrix;
  const B = ctx.params.predictor.matrix;
  const T = ctx.params.target.matrix;
  const q = A.length;
  const p = sigma1.length;
  const rename = ctx.target.length === 0 ? targetToEncoder(ctx.params) : null;
  const BA = B.map((row) => Array.from({ length: p }, (_, j) => Poly.sum(ctx.ring, row.map((b, k) => (b.isZero() ? b : b.mul(A[k]![j]!))))));
  const M: Poly[][] = [];
  for (let i = 0; i < q; i++) {
    M.push(
      Array.from({ length: p }, (_, j) => {
        const online = Poly.sum(ctx.ring, BA[i]!.map((x, k) => x.scale(sigma1[k]![j]!)));
        // (T Σ12ᵀ)_ij = Σ_k T_ik Σ12_jk
        const target = Poly.sum(ctx.ring, T[i]!.map((x, k) => x.scale(sigma12[j]![k]!)));
        const m = online.sub(target);
        return rename ? m.renameVariables(rename) : m;
      }),
    );
  }
  return M;
}

/**
 * Checks V_u = −Σ (BᵀM)_rc ∂A_rc/∂u − λu for encoder parameters u and V_u = −α(Σ (MAᵀ)_rc ∂B_rc/∂u + λu)
 * for predictor parameters, as exact polynomial identities. Returns the first failing coordinate or null.
 */
function residualIdentityFailure(ctx: Context, M: Poly[][]): string | null {
  const A = ctx.params.encoder.matrix;
  const B = ctx.params.predictor.matrix;
  const q = A.length;
  const p = M[0]!.length;
  const lambda = ctx.model.weightDecay;
  const alpha = ctx.model.predictorRate;
  const sum = (polys: Poly[]) => Poly.sum(ctx.ring, polys);
  const BtM = (r: number, c: number) => sum(Array.from({ length: q }, (_, k) => (B[k]![r]!.isZero() ? B[k]![r]! : B[k]![r]!.mul(M[k]![c]!))));
  const MAt = (r: number, c: number) => sum(Array.from({ length: p }, (_, k) => (A[c]![k]!.isZero() ? A[c]![k]! : M[r]![k]!.mul(A[c]![k]!))));
  for (let k = 0; k < ctx.d.state.length; k++) {
    const u = ctx.d.state[k]!;
    const inEncoder = ctx.encoder.includes(u);
    if (!inEncoder && !ctx.predictor.includes(u)) continue;
    const block = inEncoder ? A : B;
    const cofactor = inEncoder ? BtM : MAt;
    const terms: Poly[] = [];
    block.forEach((row, r) =>
      row.forEach((e, c) => {
        const de = e.derivative(u).constantTerm();
        if (!de.isZero()) terms.push(cofactor(r, c).scale(de));
      }),
    );
    const decayed = sum(terms).add(variable(ctx, u).scale(lambda));
    const expected = inEncoder ? decayed.neg() : decayed.scale(alpha.neg());
    if (!expected.equals(ctx.d.field[k]!)) return ctx.d.stateNames[k]!;
  }
  return null;
}

function residualComponent(ctx: Context, options: EquilibriaOptions, rng: SeededRandom, notes: EquilibriaNote[]): EquilibriumComponent | null {
  const M = residualMatrix(ctx);
  const failure = residualIdentityFailure(ctx, M);
  if (failure !== null) {
    notes.push({ kind: 'not-residual-form', coordinate: failure });
    return null;
  }
  if (ctx.model.encoder.kind !== 'linear') {
    // V_A is then only the projection of −BᵀM on the encoder's few parameters, so M = 0 cuts out a
    // proper subvariety of the equilibrium set, and its equations would understate the dimension.
    notes.push({ kind: 'projection', encoderKind: ctx.model.encoder.kind });
    return null;
  }
  if (!ctx.model.weightDecay.isZero()) {
    notes.push({ kind: 'weight-decay' });
    return null;
  }
  const targetEquations = ctx.d.state.flatMap((v, k) => (ctx.target.includes(v) ? [primitive(ctx.d.field[k]!)] : []));
  const equations = [...M.flat().filter((m) => !m.isZero()), ...targetEquations];
  const component: EquilibriumComponent = {
    id: 'residual',
    title: ctx.target.length > 0 ? 'non-collapsed family: B A Σ1 = T Σ12ᵀ and T = A' : 'non-collapsed family: B A Σ1 = A Σ12ᵀ',
    equations,
    containment: {
      level: 'proved',
      reason:
        'V_A = −BᵀM and V_B = −α·M·Aᵀ (projected on the parameters) hold as exact polynomial identities with M = B A Σ1 − T Σ12ᵀ' +
        (ctx.target.length > 0 ? ' and V_T = τ(A − T)' : ' at T = A') +
        ', so V = 0 wherever the equations hold',
    },
    points: [],
    notes: [],
  };
  const unknowns = [...ctx.predictor, ...ctx.target];
  const dirs = eigenDirections(ctx.model);
  if (!dirs.kt) component.notes.push({ kind: 'singular-sigma1' });
  else component.notes.push({ kind: 'eigenvalues', rational: dirs.exact.map((e) => e.eigenvalue), irrational: dirs.irrational.map((e) => e.eigenvalue) });
  for (const candidate of exactEncoderCandidates(ctx.model, ctx.params, dirs, rng, 6 * options.points + 6)) {
    if (component.points.length >= options.points) break;
    const values = solveRest(equations, candidate.values, unknowns, rng);
    if (!values) continue;
    const point = verifiedPoint(ctx, values);
    if (!point) throw new Error('a point with M = 0 is not an equilibrium although the identities hold: internal error');
    if (isCollapsed(ctx, point)) continue;
    addPoint(component, { exact: true, values: point, residual: 0, collapsed: false, origin: { kind: 'encoder-candidate', candidate: candidate.origin, fromField: false } });
  }
  if (component.points.length < options.points) floatResidualPoints(ctx, component, equations, unknowns, dirs, rng, options);
  return component;
}

/** Float points of the residual component from float eigenvectors, with their residual max |V_i|. */
function floatResidualPoints(
  ctx: Context,
  component: EquilibriumComponent,
  equations: Poly[],
  unknowns: number[],
  dirs: ReturnType<typeof eigenDirections>,
  rng: SeededRandom,
  options: EquilibriaOptions,
): void {
  const state = ctx.d.state;
  const compiled = compilePolys(equations, state);
  const slot = new Map(state.map((v, k) => [v, k]));
  for (const candidate of floatEncoderCandidates(ctx.model, ctx.params, dirs, rng, 2 * options.points)) {
    if (component.points.length >= options.points) break;
    const x = new Float64Array(state.length);
    for (const [v, a] of candidate.values) x[slot.get(v)!] = a;
    // The equations are affine in the unknowns at fixed A: read the system off u + 1 evaluations.
    const g0 = new Float64Array(equations.length);
    compiled.evaluate(x, g0);
    const columns = unknowns.map((v) => {
      const e = Float64Array.from(x);
      e[slot.get(v)!] = 1;
      const g = new Float64Array(equations.length);
      compiled.evaluate(e, g);
      return Array.from(g, (gi, i) => gi - g0[i]!);
    });
    const G = Array.from({ length: equations.length }, (_, i) => columns.map((col) => col[i]!));
    const y = nullOnOverflow(() => leastSquares(G, Array.from(g0, (v) => -v)));
    if (y === null) continue; // floats overflow at this candidate's scale: no float point from it
    unknowns.forEach((v, j) => (x[slot.get(v)!] = y[j]!));
    const residual = floatResidual(ctx, x);
    const scale = 1 + Math.max(...Array.from(x, Math.abs)) ** 3;
    if (residual > FLOAT_RESIDUAL * scale) continue;
    const origin: PointOrigin = { kind: 'encoder-candidate', candidate: candidate.origin, fromField: false };
    addPoint(component, { exact: false, values: Array.from(x), residual, collapsed: isCollapsed(ctx, Array.from(x)), origin });
  }
}

/**
 * Sorts non-collapsed float points into the residual component (its equations within 1e-6 at
 * the point) or the "other" one; the equations are compiled once, on first use.
 */
function nonCollapsedSorter(ctx: Context, components: EquilibriumComponent[]): (x: Float64Array) => EquilibriumComponent {
  const residual = components.find((c) => c.id === 'residual');
  let compiled: ReturnType<typeof compilePolys> | null = null;
  return (x) => {
    if (residual) {
      compiled ??= compilePolys(residual.equations, ctx.d.state);
      const g = new Float64Array(residual.equations.length);
      compiled.evaluate(x, g);
      if (Math.max(0, ...Array.from(g, Math.abs)) <= 1e-6) return residual;
    }
    return otherComponent(ctx, components);
  };
}


/** Newton iterations per start, and starts per wanted point. */
const NEWTON_STEPS = 60;
const NEWTON_STARTS_PER_POINT = 4;

/**
 * Float points of V = 0 with A ≠ 0 by Newton's method from seeded random starts, when no other
 * sampler found a non-collapsed point (weight decay, say, puts them at irrational coordinates:
 * a = ±b with s b² − c b + λ = 0 for SG on the scalar model). The equilibria come in continua, so
 * DV is singular there: each step is the least-squares (pseudo-inverse) step, which moves onto
 * the nearest part of the variety. Only points whose residual passes the same test as every
 * float point are kept; they are numerical evidence.
 */
function newtonPoints(ctx: Context, components: EquilibriumComponent[], options: EquilibriaOptions): void {
  if (components.some((c) => c.points.some((p) => !p.collapsed))) return;
  const n = ctx.d.state.length;
  const rng = seededRandom(options.seed * 6271 + 11);
  const v = new Float64Array(n);
  const jv = new Float64Array(n * n);
  const sortPoint = nonCollapsedSorter(ctx, components);
  let found = 0;
  for (let s = 0; s < NEWTON_STARTS_PER_POINT * options.points && found < options.points; s++) {
    const x = Float64Array.from({ length: n }, () => rng.normal());
    for (let step = 0; step < NEWTON_STEPS; step++) {
      ctx.field.value(x, v);
      if (Math.max(...Array.from(v, Math.abs)) <= 1e-13 * (1 + Math.max(...Array.from(x, Math.abs)) ** 3)) break;
      ctx.field.jacobian(x, jv);
      const J = Array.from({ length: n }, (_, i) => Array.from(jv.subarray(i * n, (i + 1) * n)));
      // A Jacobian that overflows ends this start (its x is then not finite, so it is skipped).
      const dx = nullOnOverflow(() => leastSquares(J, Array.from(v))) ?? new Array<number>(n).fill(NaN);
      for (let i = 0; i < n; i++) x[i] = x[i]! - dx[i]!;
      if (!x.every(Number.isFinite)) break;
    }
    if (!x.every(Number.isFinite) || isCollapsed(ctx, Array.from(x))) continue;
    const residual = floatResidual(ctx, x);
    if (residual > FLOAT_RESIDUAL * (1 + Math.max(...Array.from(x, Math.abs)) ** 3)) continue;
    const point: EquilibriumPoint = { exact: false, values: Array.from(x), residual, collapsed: false, origin: { kind: 'newton', start: s + 1 } };
    if (addPoint(sortPoint(x), point)) found++;
  }
}

/**
 * Float flow limits from the first `options.flows` shared seeded starts (trajectories.ts: the
 * same starts and flow rule as the report's plotted trajectories, so a flow counted here is the
 * flow plotted there), sorted into the components.
 */
function flowLimits(ctx: Context, components: EquilibriumComponent[], options: EquilibriaOptions): FlowSummary {
  const starts = sharedStarts(ctx.params, options.seed, options.flows);
  const summary: FlowSummary = { level: 'numerical', seed: options.seed, starts: options.flows, atRest: 0, diverged: 0, unfinished: 0, collapsed: 0, nonCollapsed: 0, undecided: 0 };
  const sortPoint = nonCollapsedSorter(ctx, components);
  const encoderSlots = ctx.d.state.flatMap((v, k) => (ctx.encoder.includes(v) ? [k] : []));
  for (let s = 0; s < options.flows; s++) {
    const { end, collapsed } = flowToRest(ctx.field, startState(ctx.params, ctx.d.state, starts[s]!), encoderSlots);
    if (end.status === 'diverged') summary.diverged++;
    if (end.status === 'budget') summary.unfinished++;
    if (end.status !== 'rest') continue;
    summary.atRest++;
    if (collapsed === null) {
      summary.undecided++;
      continue;
    }
    const values = Array.from(end.x);
    if (collapsed) summary.collapsed++;
    else summary.nonCollapsed++;
    const point: EquilibriumPoint = { exact: false, values, residual: end.residual, collapsed, origin: { kind: 'flow-limit', start: s + 1, time: end.time } };
    addPoint((collapsed ? components.find((c) => c.id === 'collapsed') : undefined) ?? sortPoint(end.x), point);
  }
  return summary;
}

/**
 * Exact points of V = 0 straight from the field: fix a candidate encoder, solve the predictor and
 * target components of V (affine in those blocks at fixed A) exactly, and keep the point when the
 * encoder components vanish too. Catches equilibria with M ≠ 0, e.g. for diagonal encoders, where
 * only the diagonal of BᵀM must vanish. Points with M = 0 go to the residual component.
 */
function fieldPoints(ctx: Context, components: EquilibriumComponent[], options: EquilibriaOptions, rng: SeededRandom): void {
  const unknowns = [...ctx.predictor, ...ctx.target];
  const equations = ctx.d.field.filter((_, k) => unknowns.includes(ctx.d.state[k]!));
  const residual = components.find((c) => c.id === 'residual');
  const dirs = eigenDirections(ctx.model);
  let found = 0;
  for (const candidate of exactEncoderCandidates(ctx.model, ctx.params, dirs, rng, 4 * options.points + 4)) {
    if (found >= options.points) break;
    const values = solveRest(equations, candidate.values, unknowns, rng);
    if (!values) continue;
    const point = verifiedPoint(ctx, values);
    if (!point || isCollapsed(ctx, point)) continue;
    const at = (v: number) => values.get(v) ?? Rational.ZERO;
    const onResidual = residual !== undefined && residual.equations.every((e) => e.evaluate(at).isZero());
    if (onResidual && residual!.points.length >= options.points) continue;
    const target = onResidual ? residual! : otherComponent(ctx, components);
    const origin: PointOrigin = { kind: 'encoder-candidate', candidate: candidate.origin, fromField: true };
    if (addPoint(target, { exact: true, values: point, residual: 0, collapsed: false, origin }) && !onResidual) found++;
  }
}

function otherComponent(ctx: Context, components: EquilibriumComponent[]): EquilibriumComponent {
  let other = components.find((c) => c.id === 'other');
  if (!other) {
    other = {
      id: 'other',
      title: 'other non-collapsed equilibria (V = 0, A ≠ 0)',
      equations: ctx.d.field.filter((f) => !f.isZero()).map(primitive),
      containment: { level: 'proved', reason: 'the equations are the field itself' },
      points: [],
      notes: [],
    };
    components.push(other);
  }
  return other;
}

export function analyseEquilibria(derivation: Derivation, d: ProcedureDerivation, options: EquilibriaOptions): EquilibriaFinding {
  const params = derivation.params;
  const inState = (vars: number[]) => vars.filter((v) => d.state.includes(v));
  const ctx: Context = {
    model: derivation.model,
    params,
    d,
    ring: params.ring,
    encoder: inState(params.encoder.variables),
    predictor: inState(params.predictor.variables),
    target: inState(params.target.variables),
    field: d.float,
  };
  const rng = seededRandom(options.seed);
  const notes: EquilibriaNote[] = [];
  const components: EquilibriumComponent[] = [collapsedComponent(ctx, options, rng)];
  const residual = residualComponent(ctx, options, rng, notes);
  if (residual) components.push(residual);
  fieldPoints(ctx, components, options, rng);
  // Where GD provably has only collapsed equilibria there is nothing for Newton's method to find.
  if (d.procedure.recipe !== 'identify-then-differentiate' || proveGdCollapse(derivation, d).level !== 'proved') newtonPoints(ctx, components, options);
  const flows = options.flows > 0 ? flowLimits(ctx, components, options) : null;
  return { components, flows, notes };
}
