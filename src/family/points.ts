/**
 * Equilibria of a family in closed form: points whose coordinates are rational functions of the
 * symbols and of a few state variables kept free, `b = c/s` for every `a ≠ 0`. A point is
 *   x = N / D   (one numerator per state coordinate, one common denominator D),
 * where a free state variable u has numerator u·D. It is an equilibrium for every admissible value
 * where D ≠ 0, proved by V(N/D)·D^K ≡ 0 as a polynomial identity (K the field's degree in the
 * state), and D ≠ 0 is proved on the domain when the sign prover can (domain.ts).
 *
 * Two components of the linear family (docs/math.md §4) are solved:
 *  - collapsed: A = 0 (and T = 0); the predictor's equations are then affine in B;
 *  - residual (SG and EMA without weight decay): the encoder fixed (free when it has one entry,
 *    else a seeded invertible rational matrix), T = A, and B solved from the predictor's
 *    equations, which are affine in B; the whole field is then checked to vanish.
 * When more than MAX_FREE variables would stay free they get seeded rational values instead, and
 * the point is parametric in the symbols only.
 *
 * Example: SG on the scalar family gives the residual point (a, c/s) with a free, a ≠ 0.
 */
import { Rational } from '../exact/rational.js';
import { forEachFactor } from '../poly/monomial.js';
import { Poly } from '../poly/poly.js';
import { seededRandom } from '../numeric/random.js';
import { eigenDirections, exactEncoderCandidates } from '../analyses/encoder-candidates.js';
import { parametrize } from '../model/parameters.js';
import { instantiate } from './admissible.js';
import type { FamilyDerivation, FamilyProcedure } from './derive.js';
import { proveSign } from './domain.js';
import { commonFactor, determinantOf, divideExact } from './poly-matrix.js';
import type { PositivityCertificate, PositivityContext, SignClass } from './positivity.js';

/** State variables kept symbolic at most; more make characteristic polynomials too large to read. */
const MAX_FREE = 1;
/** Candidate encoders tried for a residual point when the encoder has several entries. */
const CANDIDATES = 6;

export type FamilyComponentId = 'collapsed' | 'residual';

export interface ParametricPoint {
  component: FamilyComponentId;
  /** One numerator per state coordinate of the procedure. */
  numerators: Poly[];
  denominator: Poly;
  /** Ring indices of the state variables left free, and what is assumed of them. */
  free: Array<{ variable: number; sign: SignClass }>;
  /** State variables given seeded rational values instead of staying free. */
  sampled: Array<{ variable: number; value: Rational }>;
  /** D ≠ 0 on the domain (with the free variables' signs), or null when not proved. */
  denominatorSign: PositivityCertificate | null;
  /** The largest total degree of the field in the state: V(N/D)·D^K is polynomial. */
  degree: number;
  /**
   * Whether these points are the whole component where D ≠ 0: true when nothing was sampled and
   * the encoder has one entry (B and T then follow from it); false for a curve through one
   * candidate encoder, beside which other non-collapsed equilibria may exist (the rectangular
   * family's A ∝ (1, −1) are unstable while the curve A ∝ (1, 1) found is stable).
   */
  exhaustive: boolean;
}

/** Total degree of a monomial in the variables of `state`. */
function stateDegree(m: string, state: ReadonlySet<number>): number {
  let d = 0;
  forEachFactor(m, (v, e) => {
    if (state.has(v)) d += e;
  });
  return d;
}

export function fieldDegree(polys: readonly Poly[], state: ReadonlySet<number>): number {
  let k = 0;
  for (const p of polys) for (const [m] of p.terms) k = Math.max(k, stateDegree(m, state));
  return k;
}

/**
 * p(N/D)·D^K for the point: each term's state factors replaced by numerators, the missing degree
 * made up by powers of D. Polynomial in the symbols and the free variables.
 */
export function clearedAt(p: Poly, point: ParametricPoint, state: readonly number[], K: number): Poly {
  const ring = p.ring;
  const position = new Map(state.map((v, k) => [v, k] as const));
  const powers = new Map<string, Poly>();
  const power = (key: string, base: () => Poly, e: number): Poly => {
    const id = `${key}^${e}`;
    let hit = powers.get(id);
    if (hit === undefined) powers.set(id, (hit = base().pow(e)));
    return hit;
  };
  const pairs: Array<[Poly, Poly]> = [];
  for (const [m, c] of p.terms) {
    let rest = Poly.constant(ring, c);
    let degree = 0;
    forEachFactor(m, (v, e) => {
      const k = position.get(v);
      if (k === undefined) rest = rest.mul(Poly.variable(ring, v).pow(e));
      else {
        rest = rest.mul(power(`x${k}`, () => point.numerators[k]!, e));
        degree += e;
      }
    });
    pairs.push([rest, power('D', () => point.denominator, K - degree)]);
  }
  return Poly.sumOfProducts(ring, pairs);
}

/**
 * Each coordinate as a quotient: a free variable as itself over 1, an exact quotient divided out
 * (`T = A` rather than `a·s/s`), else N_k over D.
 */
export function pointQuotients(point: ParametricPoint, state: readonly number[]): Array<{ numerator: Poly; denominator: Poly }> {
  const ring = point.denominator.ring;
  const d = point.denominator;
  const one = Poly.constant(ring, Rational.ONE);
  return point.numerators.map((n, k) => {
    const v = Poly.variable(ring, state[k]!);
    if (n.equals(v.mul(d))) return { numerator: v, denominator: one };
    const quotient = divideExact(n, d);
    return quotient !== null ? { numerator: quotient, denominator: one } : { numerator: n, denominator: d };
  });
}

/** Each coordinate printed in the derive syntax. Example: the SG scalar residual point gives ['A_1_1', 'c/s']. */
export function pointCoordinates(point: ParametricPoint, state: readonly number[]): string[] {
  const wrap = (p: Poly) => (p.size > 1 ? `(${p})` : p.toString());
  return pointQuotients(point, state).map(({ numerator, denominator }) =>
    denominator.isConstant() && denominator.constantTerm().isOne() ? numerator.toString() : `${wrap(numerator)}/${wrap(denominator)}`,
  );
}

/** Whether V vanishes identically at the point (V(N/D)·D^K ≡ 0). */
export function vanishesAt(fp: FamilyProcedure, point: ParametricPoint): boolean {
  return fp.field.every((v) => clearedAt(v, point, fp.state, point.degree).isZero());
}

/**
 * Solves the affine system Σ_j L_ij y_j = r_i (rows chosen to be independent at `probe`) by
 * Cramer's rule: y_j = N_j / D. Null when the system is not affine or is singular at the probe.
 */
function solveAffine(equations: Poly[], unknowns: number[], probe: (v: number) => Rational): { numerators: Poly[]; denominator: Poly } | null {
  const ring = equations[0]!.ring;
  const L: Poly[][] = [];
  const r: Poly[] = [];
  const zeroAt = new Map(unknowns.map((u) => [u, Poly.zero(ring)] as const));
  for (const e of equations) {
    const row = unknowns.map((u) => e.derivative(u));
    if (row.some((c) => c.variables().some((v) => zeroAt.has(v)))) return null; // not affine
    let constant = e;
    for (const u of unknowns) constant = constant.substitute(u, zeroAt.get(u)!);
    L.push(row);
    r.push(constant.neg());
  }
  // Greedy independent rows at the probe (a generic instance), exactly.
  const chosen: number[] = [];
  const basis: Rational[][] = [];
  for (let i = 0; i < L.length && chosen.length < unknowns.length; i++) {
    const row = L[i]!.map((c) => c.evaluate(probe));
    const reduced = reduceAgainst(row, basis);
    if (reduced !== null) {
      basis.push(reduced);
      chosen.push(i);
    }
  }
  if (chosen.length < unknowns.length) return null;
  const square = chosen.map((i) => L[i]!);
  const rhs = chosen.map((i) => r[i]!);
  const denominator = determinantOf(square);
  const numerators = unknowns.map((_, j) => determinantOf(square.map((row, i) => row.map((c, k) => (k === j ? rhs[i]! : c)))));
  return { numerators, denominator };
}

/** Row reduced against an echelon basis (each basis row has a leading 1), or null if dependent. */
function reduceAgainst(row: Rational[], basis: Rational[][]): Rational[] | null {
  let v = row.slice();
  for (const b of basis) {
    const lead = b.findIndex((x) => !x.isZero());
    if (!v[lead]!.isZero()) {
      const f = v[lead]!;
      v = v.map((x, k) => x.sub(f.mul(b[k]!)));
    }
  }
  const lead = v.findIndex((x) => !x.isZero());
  if (lead < 0) return null;
  const inv = v[lead]!.inv();
  return v.map((x) => x.mul(inv));
}

/**
 * The monic greatest common divisor of polynomials in one variable (Euclid over ℚ), or null when
 * they involve more than one variable. Cramer's rule leaves a factor det(AΣ1) in both the
 * numerators and the denominator; with one symbol this removes it.
 */
function univariateGcd(polys: Poly[]): Poly | null {
  const vars = new Set(polys.flatMap((p) => p.variables()));
  if (vars.size !== 1) return null;
  const [x] = [...vars];
  const degree = (p: Poly) => p.degree();
  const leading = (p: Poly) => p.sortedTerms().find(([m]) => m.length === degree(p))![1];
  const remainder = (a: Poly, b: Poly): Poly => {
    let r = a;
    const lb = leading(b);
    const db = degree(b);
    while (!r.isZero() && degree(r) >= db) {
      const factor = Poly.variable(r.ring, x!).pow(degree(r) - db).scale(leading(r).div(lb));
      r = r.sub(b.mul(factor));
    }
    return r;
  };
  let g = Poly.zero(polys[0]!.ring);
  for (const p of polys) {
    let [a, b] = [p, g];
    while (!b.isZero()) [a, b] = [b, remainder(a, b)];
    g = a;
  }
  return g.isZero() ? null : g.scale(leading(g).inv());
}

/** Strips common factors (rational, monomial, and in one variable any) and makes the denominator's first term positive. */
function reduced(numerators: Poly[], denominator: Poly): { numerators: Poly[]; denominator: Poly } {
  const g = univariateGcd([denominator, ...numerators.filter((n) => !n.isZero())]);
  if (g !== null && !g.isConstant()) {
    denominator = divideExact(denominator, g)!;
    numerators = numerators.map((n) => divideExact(n, g)!);
  }
  const { primitive } = commonFactor([denominator, ...numerators]);
  const [d, ...n] = primitive;
  const flip = d!.sortedTerms()[0]![1].sign() < 0;
  return { denominator: flip ? d!.neg() : d!, numerators: n.map((p) => (flip ? p.neg() : p)) };
}

interface Block {
  variables: number[];
}

/**
 * The closed-form points of one procedure: on the collapsed component, and on the residual one
 * when the recipe has one (SG, EMA) and there is no weight decay.
 */
export function parametricPoints(d: FamilyDerivation, fp: FamilyProcedure, domain: PositivityContext, probe: ReadonlyMap<string, Rational>, seed: number): ParametricPoint[] {
  const ring = d.params.ring;
  const stateSet = new Set(fp.state);
  const degree = fieldDegree(fp.field, stateSet);
  const random = seededRandom(seed);
  const encoder: Block = d.params.encoder;
  const predictor: Block = d.params.predictor;
  const hasTarget = fp.state.includes(d.params.target.variables[0] ?? -1);
  const probeAt = (free: Map<number, Rational>) => (v: number) => free.get(v) ?? probe.get(ring.names[v]!) ?? Rational.ONE;
  const points: ParametricPoint[] = [];

  const build = (component: FamilyComponentId, fixed: Map<number, Poly>, freeVars: Array<{ variable: number; sign: SignClass }>, sampled: ParametricPoint['sampled'], exhaustive: boolean): void => {
    // B's equations: the predictor components of V, with the fixed blocks substituted.
    const isFree = new Set(freeVars.map((f) => f.variable));
    const unknowns = predictor.variables.filter((v) => !fixed.has(v) && !isFree.has(v));
    const bRows = fp.state.map((v, k) => [v, k] as const).filter(([v]) => predictor.variables.includes(v)).map(([, k]) => fp.field[k]!);
    const substituteFixed = (p: Poly) => [...fixed].reduce((q, [v, value]) => q.substitute(v, value), p);
    const numerators = new Map<number, Poly>();
    let denominator = Poly.constant(ring, Rational.ONE);
    if (unknowns.length > 0) {
      const solved = solveAffine(bRows.map(substituteFixed), unknowns, probeAt(new Map(sampled.map((s) => [s.variable, s.value]))));
      if (solved === null) return;
      const r = reduced(solved.numerators, solved.denominator);
      denominator = r.denominator;
      unknowns.forEach((u, j) => numerators.set(u, r.numerators[j]!));
    }
    const full = fp.state.map((v) => numerators.get(v) ?? (fixed.get(v) ?? Poly.variable(ring, v)).mul(denominator));
    const signs = new Map(domain.signs);
    for (const f of freeVars) signs.set(ring.names[f.variable]!, f.sign);
    const point: ParametricPoint = {
      component,
      numerators: full,
      denominator,
      free: freeVars,
      sampled,
      denominatorSign: denominator.isConstant() ? null : proveSign(denominator, { ...domain, signs }, 'nonzero'),
      degree,
      exhaustive: exhaustive && sampled.length === 0,
    };
    if (vanishesAt(fp, point)) points.push(point);
  };

  // Collapsed: A = 0 (T = 0); B's free entries stay free when few, else get seeded values.
  {
    const fixed = new Map<number, Poly>();
    for (const v of encoder.variables) fixed.set(v, Poly.zero(ring));
    if (hasTarget) for (const v of d.params.target.variables) fixed.set(v, Poly.zero(ring));
    const decay = d.coefficients.weightDecay;
    if (decay.isZero()) {
      const freeB = predictor.variables.length <= MAX_FREE ? predictor.variables : [];
      const sampled = freeB.length === 0 ? predictor.variables.map((v) => ({ variable: v, value: Rational.of(Math.floor(random.next() * 7) - 3, 1 + Math.floor(random.next() * 2)) })) : [];
      for (const s of sampled) fixed.set(s.variable, Poly.constant(ring, s.value));
      build('collapsed', fixed, freeB.map((variable) => ({ variable, sign: 'real' as SignClass })), sampled, true);
    } else build('collapsed', fixed, [], [], true);
  }

  // Residual: only without weight decay, for fields with a target (T := A or T state).
  if (fp.procedure.recipe !== 'identify-then-differentiate' && d.coefficients.weightDecay.isZero() && predictor.variables.length > 0) {
    const withTarget = (fixed: Map<number, Poly>) => {
      if (hasTarget) d.params.target.variables.forEach((t, k) => fixed.set(t, fixed.get(encoder.variables[k]!) ?? Poly.variable(ring, encoder.variables[k]!)));
      return fixed;
    };
    if (encoder.variables.length <= MAX_FREE) {
      build('residual', withTarget(new Map()), encoder.variables.map((variable) => ({ variable, sign: 'nonzero' as SignClass })), [], true);
    } else {
      // Encoders whose row space is invariant under Σ1⁻¹Σ12 at the probe values (the numeric
      // engine's candidates); a candidate that depends on the symbols fails the check V ≡ 0 in
      // `build` and is passed over.
      // The candidate's multiples u·A0 are equilibria too (M is linear in A once B is solved):
      // the first nonzero entry stays free and the others follow it, a curve of equilibria.
      for (const encoderValues of residualEncoders(d, probe, seed)) {
        const before = points.length;
        const values = encoder.variables.map((v) => encoderValues.get(ring.names[v]!)!);
        const lead = values.findIndex((x) => !x.isZero());
        if (lead < 0) continue;
        const u = encoder.variables[lead]!;
        const fixed = new Map<number, Poly>();
        encoder.variables.forEach((v, k) => {
          if (k !== lead) fixed.set(v, Poly.variable(ring, u).scale(values[k]!.div(values[lead]!)));
        });
        build('residual', withTarget(fixed), [{ variable: u, sign: 'nonzero' }], [], false);
        if (points.length > before) break;
      }
    }
  }
  return points;
}

/** Candidate encoders (entry name → value) from the numeric engine at the probe values. */
function residualEncoders(d: FamilyDerivation, probe: ReadonlyMap<string, Rational>, seed: number): Array<Map<string, Rational>> {
  const model = instantiate(d.family, probe);
  const params = parametrize(model);
  const candidates = exactEncoderCandidates(model, params, eigenDirections(model), seededRandom(seed), CANDIDATES);
  return candidates.map((c) => new Map([...c.values].map(([v, x]) => [params.ring.names[v]!, x] as const)));
}
