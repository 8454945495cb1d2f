/**
 * Candidate encoders for the non-collapsed equilibria of the linear family (MATH.md §4, issue 4):
 * B A Σ1 = A Σ12ᵀ needs the row space of A to be invariant under Kᵀ = Σ1⁻¹Σ12 (K = Σ12ᵀΣ1⁻¹).
 * Candidates are built from exact eigenvectors of Kᵀ when its eigenvalues are rational (found by
 * a float guess and an exact rank check), from the whole space when q ≥ p, and from float
 * eigenvectors otherwise. A candidate is only a guess: equilibria.ts solves for the other blocks
 * and verifies the field vanishes, so a wrong guess costs time, never correctness.
 *
 * Example: for Σ1 = diag(5/2, 3/2), Σ12 = diag(2, 1) the exact directions are e₁ (eigenvalue 4/5)
 * and e₂ (eigenvalue 2/3).
 */
import { Rational } from '../exact/rational.js';
import { inverse, matMul, nullspace, type Matrix } from '../exact/linear-algebra.js';
import type { Model } from '../model/model.js';
import type { Parametrization } from '../model/parameters.js';
import { FloatOverflowError, eigenDecomposition } from '../numeric/eigenvalues.js';
import type { SeededRandom } from '../numeric/random.js';

export interface EigenDirections {
  /** Kᵀ = Σ1⁻¹Σ12, or null when Σ1 is singular. */
  kt: Matrix | null;
  /** Rational eigenvalues with an exact basis of their eigenspaces, largest eigenvalue first. */
  exact: Array<{ eigenvalue: Rational; vectors: Rational[][] }>;
  /** Real eigenvalues that are not rational (to the precision tried), with a float eigenvector. */
  irrational: Array<{ eigenvalue: number; vector: number[] }>;
}

/** The rational nearest x with denominator ≤ maxDen, by continued fractions. */
export function nearbyRational(x: number, maxDen = 1_000_000): Rational {
  let [h0, h1, k0, k1] = [0, 1, 1, 0];
  let v = x;
  for (let i = 0; i < 64; i++) {
    const a = Math.floor(v);
    const [h2, k2] = [a * h1 + h0, a * k1 + k0];
    if (k2 > maxDen || !Number.isSafeInteger(h2)) break;
    [h0, h1, k0, k1] = [h1, h2, k1, k2];
    if (Math.abs(v - a) < 1e-15) break;
    v = 1 / (v - a);
  }
  return Rational.of(h1, k1);
}

export function eigenDirections(model: Model): EigenDirections {
  const { sigma1, sigma12 } = model.moments;
  const inv = inverse(sigma1);
  if (!inv) return { kt: null, exact: [], irrational: [] };
  const kt = matMul(inv, sigma12);
  const p = kt.length;
  const floatKt = kt.map((r) => r.map((x) => x.toNumber()));
  const exact: EigenDirections['exact'] = [];
  const irrational: EigenDirections['irrational'] = [];
  let evd: ReturnType<typeof eigenDecomposition>;
  try {
    evd = eigenDecomposition(floatKt);
  } catch (e) {
    // Kᵀ is not finite in floats (moments at the edge of the float range): no float guesses; the
    // exact samplers still run, and candidates are only guesses anyway.
    if (e instanceof FloatOverflowError) return { kt, exact: [], irrational: [] };
    throw e;
  }
  const vectors = evd.vectors;
  const seen: number[] = [];
  for (const z of evd.values) {
    if (Math.abs(z.im) > 1e-9 * (1 + Math.abs(z.re))) continue;
    if (seen.some((s) => Math.abs(s - z.re) < 1e-9 * (1 + Math.abs(s)))) continue;
    seen.push(z.re);
    const mu = nearbyRational(z.re);
    const shifted = kt.map((row, i) => row.map((x, j) => (i === j ? x.sub(mu) : x)));
    const space = nullspace(shifted, p);
    if (space.length > 0 && !exact.some((e) => e.eigenvalue.equals(mu))) {
      exact.push({ eigenvalue: mu, vectors: space });
      continue;
    }
    const col = evd.real.findIndex((r, i) => Math.abs(r - z.re) < 1e-9 * (1 + Math.abs(r)) && evd.imaginary[i] === 0);
    if (col >= 0) irrational.push({ eigenvalue: z.re, vector: vectors.getColumn(col) });
  }
  exact.sort((a, b) => b.eigenvalue.compare(a.eigenvalue));
  irrational.sort((a, b) => b.eigenvalue - a.eigenvalue);
  return { kt, exact, irrational };
}

export interface EncoderCandidate {
  /** Encoder variable (ring index) → value. */
  values: Map<number, Rational>;
  /** How the candidate was built, for the report. */
  origin: string;
}

const smallInt = (rng: SeededRandom): Rational => {
  const k = rng.int(1, 3);
  return Rational.fromBigInt(BigInt(rng.next() < 0.5 ? -k : k));
};

/** Encoder values from a full q×p matrix, for the linear kind. */
function fromMatrix(params: Parametrization, a: Rational[][]): Map<number, Rational> {
  const values = new Map<number, Rational>();
  const names = params.ring.names;
  for (const v of params.encoder.variables) {
    const [, i, j] = /^A_(\d+)_(\d+)$/.exec(names[v]!)!.map(Number);
    values.set(v, a[i! - 1]![j! - 1]!);
  }
  return values;
}

function describe(directions: Array<{ eigenvalue: Rational }>): string {
  return directions.map((d) => d.eigenvalue.toString()).join(', ');
}

/**
 * Up to `count` exact candidates, deterministic for a given rng. For a linear encoder: the whole
 * space (q ≥ p), spans of chosen eigen-directions, and rows that are single eigen-directions (what
 * a diagonal predictor needs). For diagonal and scalar encoders: diagonal values on a support.
 */
export function exactEncoderCandidates(model: Model, params: Parametrization, dirs: EigenDirections, rng: SeededRandom, count: number): EncoderCandidate[] {
  const p = model.encoder.in;
  const q = model.encoder.out;
  let out: EncoderCandidate[] = [];
  if (model.encoder.kind !== 'linear') {
    const vars = params.encoder.variables;
    for (let t = 0; out.length < count; t++) {
      const values = new Map<number, Rational>();
      // First all entries nonzero, then single entries, then random supports.
      const support = vars.map((_, i) => (t === 0 ? true : t <= vars.length ? i === t - 1 : rng.next() < 0.5));
      if (!support.some((s) => s)) continue;
      vars.forEach((v, i) => values.set(v, support[i] ? smallInt(rng) : Rational.ZERO));
      out.push({ values, origin: `diagonal encoder entries on support {${support.flatMap((s, i) => (s ? [i + 1] : [])).join(', ')}}` });
      if (t > 4 * count + vars.length) break;
    }
    return out;
  }
  const directions = dirs.exact.flatMap((e) => e.vectors.map((v) => ({ eigenvalue: e.eigenvalue, vector: v })));
  const randomMatrix = (rows: number, cols: number) => Array.from({ length: rows }, () => Array.from({ length: cols }, () => smallInt(rng)));
  if (q >= p) {
    // The whole input space is invariant. A unimodular top block (L·U with unit diagonals) keeps
    // the inverse integral, so the solved predictor has small denominators.
    const wholeSpace = directions.length === 0 ? count : Math.ceil(count / 2);
    for (let t = 0; t < wholeSpace; t++) {
      const lower = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => (i === j ? Rational.ONE : i > j ? Rational.fromBigInt(BigInt(rng.int(-1, 1))) : Rational.ZERO)));
      const upper = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => (i === j ? Rational.ONE : i < j ? Rational.fromBigInt(BigInt(rng.int(-1, 1))) : Rational.ZERO)));
      const a = [...matMul(lower, upper), ...randomMatrix(q - p, p)];
      out.push({ values: fromMatrix(params, a), origin: 'rows of A span the whole input space (always invariant)' });
    }
  }
  if (directions.length === 0) return out;
  const whole = out;
  out = [];
  const r = Math.min(q, directions.length);
  const budget = 4 * count + 4;
  for (let t = 0; out.length < budget; t++) {
    // The top r directions first, then random subsets of size 1…r.
    let chosen = directions.slice(0, r);
    if (t >= 2) {
      const size = 1 + rng.int(0, r - 1);
      const pool = directions.slice();
      chosen = [];
      while (chosen.length < size) chosen.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]!);
    }
    const u = chosen.map((c) => c.vector); // r' × p
    let a: Rational[][];
    let origin: string;
    if (t % 2 === 0) {
      a = matMul(randomMatrix(q, u.length), u);
      origin = `rows of A span eigenvectors of Σ1⁻¹Σ12 for eigenvalues ${describe(chosen)}`;
    } else {
      a = Array.from({ length: q }, (_, i) => u[i % u.length]!.map((x) => x.mul(smallInt(rng))));
      origin = `each row of A an eigenvector of Σ1⁻¹Σ12 (eigenvalues ${describe(chosen)})`;
    }
    out.push({ values: fromMatrix(params, a), origin });
  }
  // Alternate whole-space and eigen-direction candidates, so a few points show both kinds.
  const mixed: EncoderCandidate[] = [];
  for (let i = 0; i < Math.max(whole.length, out.length); i++) {
    if (i < whole.length) mixed.push(whole[i]!);
    if (i < out.length) mixed.push(out[i]!);
  }
  return mixed;
}

export interface FloatEncoderCandidate {
  values: Map<number, number>;
  origin: string;
}

/** Float candidates from real eigen-directions (rational or not), for when exact ones are too few. */
export function floatEncoderCandidates(model: Model, params: Parametrization, dirs: EigenDirections, rng: SeededRandom, count: number): FloatEncoderCandidate[] {
  if (model.encoder.kind !== 'linear' || dirs.irrational.length === 0) return [];
  const q = model.encoder.out;
  const all = [
    ...dirs.exact.flatMap((e) => e.vectors.map((v) => ({ eigenvalue: e.eigenvalue.toNumber(), vector: v.map((x) => x.toNumber()) }))),
    ...dirs.irrational,
  ].sort((a, b) => b.eigenvalue - a.eigenvalue);
  const r = Math.min(q, all.length);
  const names = params.ring.names;
  const out: FloatEncoderCandidate[] = [];
  for (let t = 0; t < count; t++) {
    const pool = all.slice();
    const chosen = t === 0 ? all.slice(0, r) : Array.from({ length: r }, () => pool.splice(rng.int(0, pool.length - 1), 1)[0]!);
    const c = Array.from({ length: q }, () => chosen.map(() => rng.normal()));
    const values = new Map<number, number>();
    for (const v of params.encoder.variables) {
      const [, i, j] = /^A_(\d+)_(\d+)$/.exec(names[v]!)!.map(Number);
      values.set(v, c[i! - 1]!.reduce((s, ck, k) => s + ck * chosen[k]!.vector[j! - 1]!, 0));
    }
    out.push({ values, origin: `rows of A span float eigenvectors of Σ1⁻¹Σ12 for eigenvalues ${chosen.map((d) => d.eigenvalue.toPrecision(6)).join(', ')}` });
  }
  return out;
}
