/**
 * kind "family-stability" (issue 10, docs/math.md §6): for every admissible value of the symbols
 * and every value of the free state variables in their classes, the point x = N/D is a
 * transversally asymptotically stable equilibrium. Evidence: the point (a numerator per state
 * coordinate and a common denominator D, polynomials in the symbols and the free variables; the
 * free variables with their class, nonzero or real), a certificate that D ≠ 0 unless D is a nonzero
 * constant, k, r(λ) (coefficients leading first) with a certificate that its leading coefficient
 * is > 0 unless it is a positive constant, and one positivity certificate per condition: r's
 * coefficients a1…ad and its Hurwitz determinants Δ2…Δ(d−1) (d = deg r).
 *
 * What the kernel computes itself, K being the field's degree in the state:
 *  1. V(N/D)·D^K ≡ 0 for every component, identically: x is an equilibrium wherever D ≠ 0;
 *  2. Q = DV(N/D)·D^(K−1), polynomial, so DV(x) = Q / D^(K−1); det(μI − Q) = Σ c_i μ^(n−i) by
 *     Faddeev–LeVerrier, with exactly k trailing coefficients ≡ 0;
 *  3. with d = n − k, the λ-form c_i·D^((K−1)(d−i)) (i = 0…d) — det(μI − Q) at μ = D^(K−1)λ,
 *     divided by λ^k·D^((K−1)k) — is proportional to r: c_i·D^((K−1)(d−i))·r_0 ≡ r_i·c_0·D^((K−1)d);
 *  4. the conditions are its own a_i = r_i and its own Hurwitz determinants of r (Bareiss).
 * Why it is a proof, at any admissible value with the free variables in their classes: D ≠ 0 and
 * r_0 > 0 (certificates), so det(λI − DV(x)) = λ^k·(ratio)·r(λ) with a nonzero ratio c_0 D^…/r_0:
 * the nonzero eigenvalues of DV(x) are the roots of r, and 0 has multiplicity exactly k because
 * r_d = a_d > 0. Routh–Hurwitz (r_0 > 0, a_1…a_d > 0, Δ2…Δ(d−1) > 0, so Δ1 = a1 and Δd = ad·Δ(d−1)
 * are > 0 too) puts every root of r in the open left half-plane. The claim also needs a
 * k-dimensional manifold of equilibria through x carrying the zero eigenvalues: there are exactly
 * k free variables, each with numerator u·D, so x(u) = N/D is an equilibrium for every u in an
 * open set (1, an identity in u) and u ↦ x(u) is injective with injective differential (u is read
 * back from its own coordinates): an embedded k-manifold of equilibria. Normally attracting, so every
 * trajectory starting near x converges to a point of it (as for the numeric kind, checks/stability.ts).
 */
import { Rational } from '../../exact/rational.js';
import { type KernelModel, type SymbolClass } from '../field.js';
import { count, fullField } from '../evidence.js';
import { clearedAt, describeClasses, familyClaim, familyExpression, fieldDegree, signProof } from '../family.js';
import { type KPoly, addScaled, constant, mul, partials, variable } from '../poly.js';
import { kernelCharpoly, kernelHurwitzDeterminants } from '../poly-linalg.js';
import { type Json, Rejected, choice, need, object } from '../read.js';

const same = (a: KPoly, b: KPoly): boolean => addScaled(a, b, Rational.MINUS_ONE).size === 0;
const power = (p: KPoly, e: number): KPoly => {
  let out = constant(Rational.ONE);
  for (let k = 0; k < e; k++) out = mul(out, p);
  return out;
};

interface FamilyPoint {
  numerators: Map<string, KPoly>;
  denominator: KPoly;
  free: Map<string, SymbolClass>;
  text: string;
}

/** {numerators: {coordinate: N}, denominator: D, free: [{name, sign}]}. */
function readFamilyPoint(x: unknown, path: string, state: readonly string[], symbols: readonly string[]): FamilyPoint {
  const o = object(x, path);
  need(Array.isArray(o.free), `${path}.free`, 'a list of {name, sign}');
  const free = new Map<string, SymbolClass>();
  (o.free as unknown[]).forEach((f, k) => {
    const e = object(f, `${path}.free[${k}]`);
    need(typeof e.name === 'string', `${path}.free[${k}].name`, 'a state coordinate');
    if (!state.includes(e.name) || free.has(e.name)) throw new Rejected(`${path}.free[${k}]: ${e.name.slice(0, 40)} is not a state coordinate, or is listed twice`);
    free.set(e.name, choice(e.sign, `${path}.free[${k}].sign`, ['nonzero', 'real'] as const));
  });
  const names = new Set([...symbols, ...free.keys()]);
  const numerators = object(o.numerators, `${path}.numerators`);
  const stray = Object.keys(numerators).find((k) => !state.includes(k)) ?? state.find((v) => !(v in numerators));
  if (stray !== undefined) throw new Rejected(`${path}.numerators must give exactly the state coordinates ${state.join(', ')} (problem: ${stray.slice(0, 40)})`);
  const read = new Map(state.map((v) => [v, familyExpression(numerators[v], `${path}.numerators.${v}`, names)] as const));
  const denominator = familyExpression(o.denominator, `${path}.denominator`, names);
  const text = `(${state.map((v) => `${numerators[v]}`).join(', ')})/(${String(o.denominator)})`;
  return { numerators: read, denominator, free, text: text.slice(0, 300) };
}

export function checkFamilyStability(cert: Json, model: KernelModel): string {
  const { procedure, recipe, state, symbols, evidence } = familyClaim(cert, model);
  choice(cert.claim, 'claim', ['transversally asymptotically stable'] as const);
  const point = readFamilyPoint(evidence.point, 'evidence.point', state, symbols);
  const { numerators, denominator: D, free } = point;
  const k = count(evidence.k, 'evidence.k');
  // D ≠ 0 wherever the claim is made.
  const constantD = D.size === 1 && D.has('') ? D.get('')! : D.size === 0 ? Rational.ZERO : null;
  if (constantD?.isZero()) throw new Rejected('the denominator is 0');
  if (constantD === null) signProof(evidence.denominatorNonzero, 'evidence.denominatorNonzero', model, D, ['positive', 'negative'], free);
  // 1. an equilibrium, identically.
  const V = fullField(model, recipe);
  const isState = (v: string) => state.includes(v);
  const K = Math.max(1, fieldDegree(V, isState));
  V.forEach((f, i) => {
    if (clearedAt(f, numerators, D, K).size > 0) throw new Rejected(`the point is not an equilibrium: V[${state[i]}](N/D)·D^${K} is not identically 0`);
  });
  // 2. the characteristic polynomial of Q = DV(N/D)·D^(K−1) and its zero root.
  const Q = V.map((f) => {
    const d = partials(f);
    return state.map((v) => clearedAt(d.get(v) ?? new Map(), numerators, D, K - 1));
  });
  const c = kernelCharpoly(Q);
  const n = state.length;
  let zeros = 0;
  while (zeros < n && c[n - zeros]!.size === 0) zeros++;
  if (zeros !== k) throw new Rejected(`det(μI − DV(x)) has the factor μ^${zeros} exactly, not μ^${k}`);
  const d = n - k;
  // 3. r proportional to the λ-form.
  need(Array.isArray(evidence.r), 'evidence.r', 'a list of expression strings, leading coefficient first');
  const names = new Set([...symbols, ...free.keys()]);
  const r = (evidence.r as unknown[]).map((e, i) => familyExpression(e, `evidence.r[${i}]`, names));
  if (r.length !== d + 1) throw new Rejected(`r must have degree n − k = ${d}, got ${r.length - 1}`);
  if (r[0]!.size === 0) throw new Rejected('the leading coefficient of r is 0');
  const form = c.slice(0, d + 1).map((ci, i) => mul(ci, power(D, (K - 1) * (d - i))));
  form.forEach((f, i) => {
    if (!same(mul(f, r[0]!), mul(r[i]!, form[0]!))) throw new Rejected(`r is not proportional to det(λI − DV(x))/λ^${k}: coefficient ${i} differs`);
  });
  const lead = r[0]!.size === 1 && r[0]!.has('') ? r[0]!.get('')! : null;
  if (lead !== null && lead.sign() <= 0) throw new Rejected('the leading coefficient of r is not positive');
  if (lead === null) signProof(evidence.leading, 'evidence.leading', model, r[0]!, ['positive'], free);
  // 4. the Routh–Hurwitz conditions, each the kernel's own polynomial, each proved > 0.
  const hurwitz = d >= 3 ? kernelHurwitzDeterminants(r) : [];
  const required = new Map<string, KPoly | undefined>();
  for (let i = 1; i <= d; i++) required.set(`a${i}`, r[i]!);
  for (let i = 2; i <= d - 1; i++) required.set(`hurwitz${i}`, hurwitz[i - 1]);
  need(Array.isArray(evidence.conditions), 'evidence.conditions', 'a list of {name, proof}');
  const given = new Map<string, unknown>();
  (evidence.conditions as unknown[]).forEach((x, j) => {
    const o = object(x, `evidence.conditions[${j}]`);
    need(typeof o.name === 'string', `evidence.conditions[${j}].name`, 'a condition name (a1, …, hurwitz2, …)');
    if (!required.has(o.name) || given.has(o.name)) throw new Rejected(`evidence.conditions[${j}]: ${o.name.slice(0, 40)} is not a condition of r, or is given twice`);
    given.set(o.name, o.proof);
  });
  for (const [name, polynomial] of required) {
    if (!given.has(name)) throw new Rejected(`the condition ${name} > 0 is not proved`);
    if (polynomial === undefined || polynomial.size === 0) throw new Rejected(`the condition ${name} is identically 0`);
    signProof(given.get(name), `evidence.conditions[${name}]`, model, polynomial, ['positive'], free);
  }
  // The manifold of equilibria: exactly k free variables, each its own coordinate.
  if (free.size !== k) throw new Rejected(`${free.size} free variables parametrise a ${free.size}-dimensional set, but k = ${k}`);
  for (const u of free.keys()) if (!same(numerators.get(u)!, mul(variable(u), D))) throw new Rejected(`the free variable ${u} is not its own coordinate: its numerator is not ${u}·D`);
  const every = free.size === 0 ? '' : ` and every ${describeClasses(free) || [...free.keys()].join(', ') + ' real'}`;
  const nonzero = constantD === null ? ` (its denominator proved ≠ 0)` : '';
  const conditions = `${d === 1 ? 'a1' : `a1…a${d}`}${d === 3 ? ' and Δ2' : d > 3 ? ` and Δ2…Δ${d - 1}` : ''}`;
  return `for every admissible value of the parameters${every}, x = ${point.text}${nonzero} is a transversally asymptotically stable equilibrium of the ${procedure} field: V(x) ≡ 0; det(λI − DV(x)) = λ^${k}·r(λ)/r_0 with deg r = ${d}, r_0, ${conditions} proved > 0 (Routh–Hurwitz); ${k === 0 ? 'no free coordinate (an isolated point)' : `${k} free coordinate${k === 1 ? '' : 's'} parametrising a ${k}-dimensional manifold of equilibria`}`;
}
