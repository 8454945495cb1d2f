/**
 * A manifold of equilibria through a point (docs/math.md §6): the lower bound on the local dimension
 * of the equilibrium set that a "transversally asymptotically stable" verdict needs. The proof:
 * a chart — c of the component's equations g with independent gradients at x, so that near x
 * they cut out a manifold of dimension n − c (implicit function theorem) — and, for every field
 * component, a multiplier u_i with u_i(x) ≠ 0 and cofactors with u_i·V_i = Σ_{j ∈ chart} h_ij·g_j,
 * so that V vanishes on that manifold near x. The identities are verified here in exact
 * polynomial arithmetic (the search in src/poly/cofactors.ts is not trusted), and again by the
 * certificate kernel when written out.
 *
 * Example: SG on the scalar model, g = [5/2*A_1_1*B_1_1 - 2*A_1_1] at (1, 4/5): chart [0],
 * cofactors V_A = −b·g, V_B = −a·g, so the line b = 4/5 is a 1-manifold of equilibria.
 */
import { Rational } from '../exact/rational.js';
import { type Cofactors, chartOf, cofactorsOf } from '../poly/cofactors.js';
import { Poly } from '../poly/poly.js';
import type { ProcedureDerivation } from '../procedures/derive.js';
import { equationJacobian } from './local-dimension.js';
import { evaluateMatrix } from './poly-tools.js';

export interface LocalManifold {
  /** The equations the chart is drawn from (a component's defining equations). */
  equations: readonly Poly[];
  /** Indices of the chart equations (sorted). */
  chart: number[];
  /** Per field component: the multiplier u and the cofactors over the chart equations. */
  cofactors: Cofactors[];
  /** n − chart size. */
  dimension: number;
}

export interface GlobalCofactors {
  cofactors: Cofactors[];
  /** Every field component is a combination of all the equations with u = 1. */
  complete: boolean;
}

/**
 * Cofactors with u = 1 for every component of V over all the equations; a component the search
 * cannot express gets none (`complete` false).
 */
export function globalCofactors(d: ProcedureDerivation, equations: readonly Poly[]): GlobalCofactors {
  const all = equations.map((_, j) => j);
  const one = Poly.constant(d.field[0]!.ring, Rational.ONE);
  const cofactors = d.field.map((f) => cofactorsOf(f, equations, all, [one]));
  return { cofactors: cofactors.map((c) => c ?? { u: one, h: new Map() }), complete: cofactors.every((c) => c !== null) };
}

/** u·f − Σ h_j·g_j ≡ 0 with every h_j on a chart equation and u(x) ≠ 0. */
function holds(f: Poly, c: Cofactors, equations: readonly Poly[], chart: ReadonlySet<number>, at: (v: number) => Rational): boolean {
  if (c.u.evaluate(at).isZero()) return false;
  let rest = c.u.mul(f);
  for (const [j, h] of c.h) {
    if (h.isZero()) continue;
    if (!chart.has(j)) return false;
    rest = rest.sub(h.mul(equations[j]!));
  }
  return rest.isZero();
}

/**
 * A chart and cofactors at the point (`values` in state order), or null when the search finds
 * none. Charts are tried greedily in the equations' order, then in reverse; multipliers 1, each
 * coordinate that is nonzero at the point, then an unknown multiplier of low degree (src/poly/cofactors.ts).
 * `global` (from `globalCofactors`, shared by the points of a component) answers at once when
 * every equation is in the chart.
 */
export function localManifold(d: ProcedureDerivation, equations: readonly Poly[], values: readonly Rational[], global: GlobalCofactors): LocalManifold | null {
  const n = d.state.length;
  const slot = new Map(d.state.map((v, k) => [v, k]));
  const at = (v: number) => values[slot.get(v)!]!;
  const gradients = evaluateMatrix(equationJacobian(equations, d.state), at);
  const forward = equations.map((_, j) => j);
  const ring = d.field[0]!.ring;
  const multipliers = [Poly.constant(ring, Rational.ONE), ...d.state.filter((v) => !at(v).isZero()).map((v) => Poly.variable(ring, v))];
  const verified = (chart: number[], cofactors: Cofactors[]): LocalManifold | null => {
    const inChart = new Set(chart);
    if (!d.field.every((f, i) => holds(f, cofactors[i]!, equations, inChart, at))) return null;
    return { equations, chart: [...chart].sort((a, b) => a - b), cofactors, dimension: n - chart.length };
  };
  // Fixed multipliers on both charts first; the search with an unknown multiplier only after.
  for (const general of [false, true]) {
    for (const order of [forward, [...forward].reverse()]) {
      const chart = chartOf(gradients, order);
      if (chart.length === equations.length && global.complete) return verified(chart, global.cofactors);
      const cofactors: Cofactors[] = [];
      for (const f of d.field) {
        const c = cofactorsOf(f, equations, chart, multipliers, general ? at : undefined);
        if (!c) break;
        cofactors.push(c);
      }
      if (cofactors.length === d.field.length) {
        const found = verified(chart, cofactors);
        if (found) return found;
      }
    }
  }
  return null;
}

/** { "<j>": "<h_j>" } with the zero cofactors left out. */
function cofactorJson(h: ReadonlyMap<number, Poly>): Record<string, string> {
  return Object.fromEntries([...h].filter(([, p]) => !p.isZero()).sort(([a], [b]) => a - b).map(([j, p]) => [String(j), p.toString()]));
}

/** Per state coordinate, its cofactors (coordinates whose cofactors are all 0 left out). */
export function cofactorsJson(names: readonly string[], all: readonly Cofactors[]): Record<string, Record<string, string>> {
  return Object.fromEntries(names.flatMap((n, i) => (all[i]!.h.size > 0 && Object.keys(cofactorJson(all[i]!.h)).length > 0 ? [[n, cofactorJson(all[i]!.h)]] : [])));
}

/** The proof as JSON: k, the equations, the chart, the multipliers u_i other than 1 and the cofactors, by coordinate. */
export function manifoldJson(names: readonly string[], m: LocalManifold): Record<string, unknown> {
  const isOne = (u: Poly) => u.isConstant() && u.constantTerm().isOne();
  return {
    k: m.dimension,
    equations: m.equations.map(String),
    chart: m.chart,
    multipliers: Object.fromEntries(names.flatMap((n, i) => (isOne(m.cofactors[i]!.u) ? [] : [[n, m.cofactors[i]!.u.toString()]]))),
    cofactors: cofactorsJson(names, m.cofactors),
  };
}
