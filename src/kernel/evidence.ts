/**
 * What the kernel's checkers share (trust argument: check.ts): reading the procedure, an exact
 * point and expressions from a certificate, and the field's values and Jacobian at a point.
 * A point or expression that does not fit the state is `Rejected` (the evidence fails); a field
 * of the wrong JSON type is `Malformed` (read.ts).
 *
 * Example: `readPoint({ A_1_1: '1', B_1_1: '4/5' }, 'evidence.point', ['A_1_1', 'B_1_1']).get('B_1_1')` is 4/5.
 */
import { Rational } from '../exact/rational.js';
import { type KernelModel, RECIPES, type Recipe, fieldComponents, stateNames } from './field.js';
import { parseExpression } from './parse.js';
import { type KPoly, addTerm, evaluate, mul, partials } from './poly.js';
import { type Json, Rejected, choice, need, object, rational } from './read.js';

/**
 * The certificate's procedure: its name (for messages; verify.ts checks it against the engine's
 * registry) and its recipe (one of `allowed`), which alone decides the field re-derived here;
 * then its state coordinates and its evidence object.
 */
export function claimOf(cert: Json, model: KernelModel, allowed: readonly Recipe[] = RECIPES) {
  const procedure = procedureName(cert.procedure);
  const recipe = choice(cert.recipe, 'recipe', allowed);
  return { procedure, recipe, names: stateNames(model, recipe), evidence: object(cert.evidence, 'evidence') };
}

/** A procedure name as the engine writes them: lower-case letters, digits and '-'. */
export function procedureName(x: unknown): string {
  need(typeof x === 'string' && /^[a-z][a-z0-9-]{0,19}$/.test(x), 'procedure', "a procedure name (lower-case letters, digits and '-')");
  return x as string;
}

/** An exact point giving every state coordinate and no other. */
export function readPoint(x: unknown, path: string, names: readonly string[]): Map<string, Rational> {
  const point = object(x, path);
  const values = new Map(Object.keys(point).map((k) => [k, rational(point[k], `${path}.${k}`)]));
  const problem = names.find((n) => !values.has(n)) ?? [...values.keys()].find((k) => !names.includes(k));
  if (problem !== undefined) throw new Rejected(`the point must give exactly the state coordinates ${names.join(', ')} (problem: ${problem})`);
  return values;
}

/** A polynomial in the state coordinates, written in the `derive` syntax. */
export function readExpression(x: unknown, path: string, names: readonly string[]): KPoly {
  need(typeof x === 'string', path, 'an expression string');
  try {
    return parseExpression(x, new Set(names));
  } catch (e) {
    throw new Rejected(`${path} does not parse: ${(e as Error).message}`);
  }
}

export function readExpressions(x: unknown, path: string, names: readonly string[]): KPoly[] {
  need(Array.isArray(x), path, 'a list of expression strings');
  return x.map((e, k) => readExpression(e, `${path}[${k}]`, names));
}

/** A non-negative integer (a dimension, an index). */
export function count(x: unknown, path: string): number {
  need(Number.isSafeInteger(x) && (x as number) >= 0, path, 'a non-negative integer');
  return x as number;
}

/** Every component of the field V the recipe makes, in state order. */
export function fullField(model: KernelModel, recipe: Recipe): KPoly[] {
  const names = stateNames(model, recipe);
  const V = fieldComponents(model, recipe, names, false);
  return names.map((n) => V.get(n)!);
}

export const valueAt = (p: KPoly, point: ReadonlyMap<string, Rational>): Rational => evaluate(p, (v) => point.get(v)!);

/** The matrix (∂p_i/∂x_j)(point) of a list of polynomials, columns in `names` order. */
export function jacobianAt(polys: readonly KPoly[], names: readonly string[], point: ReadonlyMap<string, Rational>): Rational[][] {
  return polys.map((p) => {
    const d = partials(p);
    return names.map((n) => (d.has(n) ? valueAt(d.get(n)!, point) : Rational.ZERO));
  });
}

/** Rejects unless V vanishes at the point; names the first component that does not. */
export function requireEquilibrium(V: readonly KPoly[], names: readonly string[], point: ReadonlyMap<string, Rational>, label: string): void {
  V.forEach((f, i) => {
    const value = valueAt(f, point);
    if (!value.isZero()) throw new Rejected(`the point is not an equilibrium: V[${names[i]}] = ${value} there (${label})`);
  });
}

/**
 * Σ_j h_j·g_j for cofactors `{ "<j>": "<h_j>" }` (j an index into `equations` that `allowed`
 * accepts). Example: `{ "0": "-B_1_1" }` with equations [g_0] is −B_1_1·g_0.
 */
export function combination(x: unknown, path: string, equations: readonly KPoly[], names: readonly string[], allowed: (j: number) => boolean): KPoly {
  const h = object(x, path);
  const sum: KPoly = new Map();
  for (const key of Object.keys(h)) {
    const j = /^\d{1,9}$/.test(key) ? Number(key) : -1;
    if (j < 0 || j >= equations.length || !allowed(j)) throw new Rejected(`${path}: "${key}" is not the index of an equation it may use`);
    for (const [m, c] of mul(readExpression(h[key], `${path}.${key}`, names), equations[j]!)) addTerm(sum, m, c);
  }
  return sum;
}

/** Rejects unless every key of the object is a state coordinate. */
export function requireCoordinates(x: Json, path: string, names: readonly string[]): void {
  const stray = Object.keys(x).find((k) => !names.includes(k));
  if (stray !== undefined) throw new Rejected(`${path}: "${stray.slice(0, 50)}" is not a state coordinate`);
}
