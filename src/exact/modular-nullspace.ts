/**
 * The exact nullspace of a large rational linear system that is only known through random
 * equations, by modular linear algebra and an exact check:
 *  1. modulo a prime p, reduce equations drawn at random points until the rank stops growing:
 *     r_p. Every equation is a combination of the system's rows, so rank_ℚ ≥ r_p and the
 *     nullspace over ℚ has dimension ≤ N − r_p;
 *  2. if r_p = N, only 0 solves it: proved ("full rank modulo p");
 *  3. else lift the canonical nullspace basis modulo p (one vector per free column) to rationals
 *     by Chinese remaindering over several primes and rational reconstruction, and verify each
 *     candidate EXACTLY against the full system. N − r_p verified, independent vectors are a
 *     basis of the rational nullspace: proved. Otherwise the answer is inconclusive, never guessed.
 *
 * Example: see invariants.ts (conserved quantities) and metric.ts (constant metrics).
 */
import { Rational } from './rational.js';
import { crt, ModularEchelon, PRIMES, reconstructRational, UnluckyPrime } from './modular.js';
import { seededRandom, type SeededRandom } from '../numeric/random.js';

export interface ModularSystem {
  /** Number of unknowns N. */
  unknowns: number;
  /** A batch of equations (rows of N residues modulo p) at fresh random points drawn from rng. */
  equations(p: number, rng: SeededRandom): number[][];
  /** True when every equation is an independent random combination of the system's rows. */
  randomRows?: boolean;
  /** Exact check that a rational vector solves the whole system. */
  verify(candidate: Rational[]): boolean;
}

export type ModularNullspace =
  | {
      status: 'proved';
      /** A basis of the rational nullspace (empty when only 0 solves the system). */
      basis: Rational[][];
      /** Rank modulo the first prime, equal to the rank over ℚ. */
      rank: number;
      primes: number[];
      /** Random equations reduced modulo the first prime. */
      equations: number;
    }
  | { status: 'inconclusive'; reason: string; rank: number; primes: number[] };

interface PrimeRun {
  p: number;
  rank: number;
  equations: number;
  pivots: number[];
  free: number[];
  basis: number[][];
}

function runPrime(system: ModularSystem, p: number, seed: number): PrimeRun {
  const rng = seededRandom(seed ^ p);
  const echelon = new ModularEchelon(system.unknowns, p);
  let equations = 0;
  let stalled = false;
  // Stop at full rank, when a whole batch adds nothing, or — for systems whose every equation is
  // a fresh random combination — after 8 dependent equations in a row (a false stop has
  // probability about (degree/p)^8, and could only make the exact check fail: never a wrong basis).
  while (echelon.rank < system.unknowns && !stalled) {
    const before = echelon.rank;
    let dependentInARow = 0;
    for (const row of system.equations(p, rng)) {
      equations++;
      dependentInARow = echelon.add(row) ? 0 : dependentInARow + 1;
      if (echelon.rank === system.unknowns) break;
      if (system.randomRows && dependentInARow >= 8) {
        stalled = true;
        break;
      }
    }
    if (echelon.rank === before) stalled = true;
  }
  return { p, rank: echelon.rank, equations, ...echelon.nullspace() };
}

export function modularNullspace(system: ModularSystem, seed = 1): ModularNullspace {
  const runs: PrimeRun[] = [];
  for (const p of PRIMES) {
    let run: PrimeRun;
    try {
      run = runPrime(system, p, seed);
    } catch (e) {
      if (e instanceof UnluckyPrime) continue;
      throw e;
    }
    if (runs.length > 0 && (run.rank !== runs[0]!.rank || run.free.join() !== runs[0]!.free.join())) {
      // A smaller rank modulo this prime is an unlucky prime; a larger one means the first was.
      if (run.rank < runs[0]!.rank) continue;
      runs.length = 0;
    }
    runs.push(run);
    const first = runs[0]!;
    if (first.rank === system.unknowns) {
      return { status: 'proved', basis: [], rank: first.rank, primes: [first.p], equations: first.equations };
    }
    const lifted = liftBasis(runs);
    if (lifted && lifted.every((v) => system.verify(v))) {
      return { status: 'proved', basis: lifted, rank: first.rank, primes: runs.map((r) => r.p), equations: first.equations };
    }
  }
  const rank = runs[0]?.rank ?? 0;
  return {
    status: 'inconclusive',
    reason: `the nullspace modulo ${runs.length} primes did not lift to rational solutions that pass the exact check`,
    rank,
    primes: runs.map((r) => r.p),
  };
}

/** Chinese remaindering of every run's basis, then rational reconstruction; null if any entry fails. */
function liftBasis(runs: PrimeRun[]): Rational[][] | null {
  const first = runs[0]!;
  const out: Rational[][] = [];
  for (let b = 0; b < first.basis.length; b++) {
    const v: Rational[] = [];
    for (let j = 0; j < first.basis[b]!.length; j++) {
      let x = BigInt(first.basis[b]![j]!);
      let m = BigInt(first.p);
      for (let k = 1; k < runs.length; k++) {
        const n = BigInt(runs[k]!.p);
        x = crt(x, m, BigInt(runs[k]!.basis[b]![j]!), n);
        m *= n;
      }
      const r = reconstructRational(x, m);
      if (r === null) return null;
      v.push(r);
    }
    out.push(v);
  }
  return out;
}
