/**
 * kind "stability" (docs/math.md §6): at an exact equilibrium x, with the claim "transversally
 * asymptotically stable", "unstable" or "degenerate". Evidence: the point, k, the component's
 * equations g (k = n − rank Dg(x), recomputed here), and for "stable" a chart and cofactors.
 *
 * The kernel computes DV(x) from its own field and det(λI − DV(x)) = λ^k0·r(λ), r(0) ≠ 0, by
 * Faddeev–LeVerrier (linalg.ts; the engine uses Berkowitz), then:
 * - stable: k0 = k; every Hurwitz determinant of r is > 0 (Routh–Hurwitz: every root of r has
 *   negative real part); and a k-dimensional manifold of equilibria through x: the `chart`
 *   equations (n − k of them) have independent gradients at x, so near x their common zeros form a
 *   smooth k-manifold N (implicit function theorem), and for every coordinate i
 *   u_i·V_i ≡ Σ_j h_ij·g_j over the chart with u_i(x) ≠ 0, so V = 0 on N near x. A manifold of
 *   equilibria of dimension k whose tangent space carries all k zero eigenvalues, every other
 *   eigenvalue having negative real part, attracts every nearby trajectory to one of its points
 *   (normally hyperbolic manifold of equilibria; Aulbach, LNM 1058, 1984).
 * - unstable: r (monic) has a negative coefficient or a negative Hurwitz determinant. If every
 *   root had real part ≤ 0, r would be a product of λ + a and λ² + 2aλ + a² + b² with a ≥ 0 (all
 *   coefficients ≥ 0) and a limit of Hurwitz polynomials (all determinants ≥ 0); so some
 *   eigenvalue of DV(x) has positive real part, and x is unstable (Lyapunov).
 * - degenerate: k0 > n − rank DV(x). The equilibria near x form a set whose tangent cone lies in
 *   ker DV(x), so their dimension is at most n − rank DV(x) < k0: more zero eigenvalues than
 *   tangent directions, whatever equations the certificate gives. An algebraic fact, no
 *   stability statement.
 */
import { Rational } from '../../exact/rational.js';
import type { KernelModel } from '../field.js';
import {
  claimOf,
  combination,
  count,
  fullField,
  jacobianAt,
  readExpression,
  readExpressions,
  readPoint,
  requireCoordinates,
  requireEquilibrium,
  valueAt,
} from '../evidence.js';
import { charpoly, hurwitzMinors, rank } from '../linalg.js';
import { type KPoly, addScaled, mul } from '../poly.js';
import { type Json, Rejected, choice, need, object } from '../read.js';

const CLAIMS = ['transversally asymptotically stable', 'unstable', 'degenerate'] as const;

export function checkStability(cert: Json, model: KernelModel): string {
  const { procedure, recipe, names, evidence } = claimOf(cert, model);
  const claim = choice(cert.claim, 'claim', CLAIMS);
  const n = names.length;
  const k = count(evidence.k, 'evidence.k');
  const point = readPoint(evidence.point, 'evidence.point', names);
  const equations = readExpressions(evidence.equations, 'evidence.equations', names);
  const V = fullField(model, recipe);
  requireEquilibrium(V, names, point, `${procedure} field`);
  equations.forEach((g, j) => {
    if (!valueAt(g, point).isZero()) throw new Rejected(`equation ${j} is ${valueAt(g, point)} at the point, not 0`);
  });
  const dg = jacobianAt(equations, names, point);
  const r = rank(dg);
  if (n - r !== k) throw new Rejected(`k must be n − rank Dg(x) = ${n} − ${r} = ${n - r}, not ${k}`);
  const DV = jacobianAt(V, names, point);
  const c = charpoly(DV); // from λ⁰ up, c[n] = 1
  const k0 = c.findIndex((x) => !x.isZero());
  const rest = c.slice(k0).reverse(); // r(λ), leading first, monic
  const split = `det(λI − DV(x)) = λ^${k0}·r(λ) with r(0) ≠ 0 and deg r = ${rest.length - 1}`;
  const at = `at the point (k = ${k} = n − rank Dg(x), n = ${n})`;
  if (claim === 'degenerate') {
    // The equilibria through x form a set of dimension at most dim ker DV(x) (its tangent cone
    // lies in the kernel): more zero roots than that is degenerate whatever the component.
    const kernel = n - rank(DV);
    if (k0 <= kernel) throw new Rejected(`0 is a root of multiplicity ${k0}, not more than dim ker DV(x) = ${kernel}`);
    return `the ${procedure} field's linearisation is degenerate ${at}: ${split}, and ${k0} > ${kernel} = dim ker DV(x) ≥ the dimension of the equilibria through x`;
  }
  const minors = hurwitzMinors(rest);
  if (claim === 'unstable') {
    const coefficient = rest.findIndex((x) => x.sign() < 0);
    const minor = minors.findIndex((x) => x < 0n);
    if (coefficient < 0 && minor < 0) throw new Rejected('r has no negative coefficient and no negative Hurwitz determinant: instability is not shown');
    const why = coefficient >= 0 ? `the coefficient of λ^${rest.length - 1 - coefficient} in r is ${rest[coefficient]} < 0` : `the Hurwitz determinant Δ_${minor + 1} of r is < 0`;
    return `the ${procedure} field has an unstable equilibrium ${at}: ${split}, ${why}, so DV(x) has an eigenvalue with positive real part`;
  }
  if (k0 !== k) throw new Rejected(`0 is a root of multiplicity ${k0}, not k = ${k}`);
  const bad = minors.findIndex((x) => x <= 0n);
  if (bad >= 0) throw new Rejected(`r is not Hurwitz: its Hurwitz determinant Δ_${bad + 1} is ${minors[bad]! < 0n ? '< 0' : '0'}`);
  const chart = manifoldOfEquilibria(evidence, equations, dg, V, names, point, n - k);
  return (
    `the ${procedure} field has a transversally asymptotically stable equilibrium ${at}: ${split}, all ${minors.length} Hurwitz determinants of r > 0, ` +
    `and near x the ${chart} chart equations cut out a ${k}-dimensional manifold of equilibria`
  );
}

/** Checks the chart and the cofactors u_i·V_i ≡ Σ h_ij·g_j (u_i(x) ≠ 0); returns the chart's size. */
function manifoldOfEquilibria(evidence: Json, equations: KPoly[], dg: Rational[][], V: KPoly[], names: string[], point: Map<string, Rational>, size: number): number {
  const chart = evidence.chart;
  if (chart === undefined) throw new Rejected('no chart: the certificate does not show a manifold of equilibria through the point');
  need(Array.isArray(chart) && chart.every((j) => Number.isSafeInteger(j)), 'evidence.chart', 'a list of equation indices');
  const indices = new Set(chart as number[]);
  if (indices.size !== chart.length || chart.length !== size || chart.some((j) => j < 0 || j >= equations.length)) {
    throw new Rejected(`the chart must be ${size} distinct equation indices`);
  }
  if (rank(chart.map((j) => dg[j]!)) !== size) throw new Rejected('the chart equations do not have independent gradients at the point');
  const multipliers = object(evidence.multipliers, 'evidence.multipliers');
  const cofactors = object(evidence.cofactors, 'evidence.cofactors');
  requireCoordinates(multipliers, 'evidence.multipliers', names);
  requireCoordinates(cofactors, 'evidence.cofactors', names);
  V.forEach((f, i) => {
    const v = names[i]!;
    const u = v in multipliers ? readExpression(multipliers[v], `evidence.multipliers.${v}`, names) : new Map([['', Rational.ONE]]);
    if (valueAt(u, point).isZero()) throw new Rejected(`the multiplier of V[${v}] vanishes at the point`);
    const sum = v in cofactors ? combination(cofactors[v], `evidence.cofactors.${v}`, equations, names, (j) => indices.has(j)) : new Map();
    if (addScaled(mul(u, f), sum, Rational.MINUS_ONE).size > 0) throw new Rejected(`u·V[${v}] is not the given combination of the chart equations`);
  });
  return size;
}
