/**
 * Arithmetic modulo word-sized primes p < 2^26 (so a product of two residues is below 2^52 and
 * exact in a double), with what a modular linear solve needs: residues of rationals, incremental
 * row reduction, Chinese remaindering and rational reconstruction.
 *
 * Example:
 *   const p = PRIMES[0]; const x = rationalMod(q(1, 3), p);   // 3·x ≡ 1 (mod p)
 *   reconstructRational(BigInt(x), BigInt(p)) is 1/3
 *
 * A rank computed modulo p is a lower bound for the rank over ℚ of any matrix whose entries have
 * denominators prime to p, which is what makes "full rank modulo a prime" a proof.
 */
import { Rational } from './rational.js';

function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

/** The eight largest primes below 2^26, largest first. */
export const PRIMES: readonly number[] = (() => {
  const out: number[] = [];
  for (let n = 2 ** 26 - 1; out.length < 8; n -= 2) if (isPrime(n)) out.push(n);
  return out;
})();

/** Thrown when a rational's denominator is divisible by p: try another prime. */
export class UnluckyPrime extends Error {}

export function mulMod(a: number, b: number, p: number): number {
  return (a * b) % p;
}

/** a^(-1) mod p by the extended Euclidean algorithm (a ≢ 0). */
export function invMod(a: number, p: number): number {
  let [r0, r1] = [p, ((a % p) + p) % p];
  let [t0, t1] = [0, 1];
  while (r1 !== 0) {
    const k = Math.floor(r0 / r1);
    [r0, r1] = [r1, r0 - k * r1];
    [t0, t1] = [t1, t0 - k * t1];
  }
  if (r0 !== 1) throw new UnluckyPrime(`${a} is not invertible modulo ${p}`);
  return ((t0 % p) + p) % p;
}

/** The residue of x modulo p; throws UnluckyPrime when p divides the denominator. */
export function rationalMod(x: Rational, p: number): number {
  const P = BigInt(p);
  const num = Number(((x.num % P) + P) % P);
  const den = Number(x.den % P);
  if (den === 0) throw new UnluckyPrime(`denominator of ${x} divisible by ${p}`);
  return den === 1 ? num : mulMod(num, invMod(den, p), p);
}

/**
 * Rows reduced incrementally modulo p into echelon form (each pivot row normalised to 1 at its
 * pivot and zero at every earlier pivot column).
 * Example: `const e = new ModularEchelon(3, p); e.add([1, 2, 3]); e.rank === 1`.
 */
export class ModularEchelon {
  readonly columns: number;
  readonly p: number;
  private readonly rows: Float64Array[] = [];
  private readonly pivotColumns: number[] = [];

  constructor(columns: number, p: number) {
    this.columns = columns;
    this.p = p;
  }

  get rank(): number {
    return this.rows.length;
  }

  /** Reduces `row` (residues in [0, p)) against the pivots; keeps it when independent. Returns true if kept. */
  add(row: readonly number[]): boolean {
    const p = this.p;
    const n = this.columns;
    const invP = 1 / p;
    const r = Float64Array.from(row);
    for (let k = 0; k < this.rows.length; k++) {
      const c = this.pivotColumns[k]!;
      const f = r[c]!;
      if (f === 0) continue;
      const pivotRow = this.rows[k]!;
      for (let j = c; j < n; j++) {
        const x = pivotRow[j]!;
        if (x === 0) continue;
        // f·x mod p without the slow floating-point remainder: the product is exact (< 2^52)
        // and the quotient estimate is off by at most one.
        const prod = f * x;
        let m = prod - Math.floor(prod * invP) * p;
        if (m < 0) m += p;
        else if (m >= p) m -= p;
        const t = r[j]! - m;
        r[j] = t < 0 ? t + p : t;
      }
    }
    let lead = 0;
    while (lead < n && r[lead] === 0) lead++;
    if (lead === n) return false;
    const inv = invMod(r[lead]!, p);
    for (let j = lead; j < n; j++) if (r[j] !== 0) r[j] = (r[j]! * inv) % p;
    this.rows.push(r);
    this.pivotColumns.push(lead);
    return true;
  }

  /**
   * The canonical nullspace basis modulo p: for each free column f (ascending), the vector with 1
   * at f, 0 at the other free columns. Also returns the pivot columns, ascending.
   */
  nullspace(): { pivots: number[]; free: number[]; basis: number[][] } {
    const p = this.p;
    // Sort pivots by column and reduce fully (Gauss–Jordan, from the last pivot up).
    const order = this.pivotColumns.map((c, k) => [c, k] as const).sort((a, b) => a[0] - b[0]);
    const rows = order.map(([, k]) => Array.from(this.rows[k]!));
    const pivots = order.map(([c]) => c);
    for (let a = rows.length - 1; a >= 0; a--) {
      const c = pivots[a]!;
      for (let b = 0; b < rows.length; b++) {
        if (b === a) continue;
        const f = rows[b]![c]!;
        if (f === 0) continue;
        const rowA = rows[a]!;
        const rowB = rows[b]!;
        for (let j = c; j < this.columns; j++) if (rowA[j] !== 0) rowB[j] = (rowB[j]! + p - mulMod(f, rowA[j]!, p)) % p;
      }
    }
    const isPivot = new Set(pivots);
    const free = Array.from({ length: this.columns }, (_, j) => j).filter((j) => !isPivot.has(j));
    const basis = free.map((f) => {
      const v = new Array<number>(this.columns).fill(0);
      v[f] = 1;
      pivots.forEach((c, a) => {
        v[c] = (p - rows[a]![f]!) % p;
      });
      return v;
    });
    return { pivots, free, basis };
  }
}

/** x with x ≡ a (mod m) and x ≡ b (mod n), m and n coprime; in [0, m·n). */
export function crt(a: bigint, m: bigint, b: bigint, n: bigint): bigint {
  // x = a + m·k with m·k ≡ b − a (mod n).
  let [r0, r1] = [n, ((m % n) + n) % n];
  let [t0, t1] = [0n, 1n];
  while (r1 !== 0n) {
    const k = r0 / r1;
    [r0, r1] = [r1, r0 - k * r1];
    [t0, t1] = [t1, t0 - k * t1];
  }
  const mInv = ((t0 % n) + n) % n;
  const k = ((((b - a) % n) + n) % n * mInv) % n;
  return a + m * k;
}

/** ⌊√n⌋ for n ≥ 0 (Newton's method on BigInt). */
function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  for (;;) {
    const y = (x + n / x) / 2n;
    if (y >= x && x * x <= n && (x + 1n) * (x + 1n) > n) return x;
    x = y;
  }
}

/**
 * The rational n/d with |n|, d ≤ √(m/2) and n ≡ u·d (mod m), or null when there is none (Wang's
 * algorithm). Example: `reconstructRational(invOf3, p)` is 1/3.
 */
export function reconstructRational(u: bigint, m: bigint): Rational | null {
  const bound = isqrt(m / 2n);
  let [r0, r1] = [m, ((u % m) + m) % m];
  let [t0, t1] = [0n, 1n];
  while (r1 > bound) {
    const k = r0 / r1;
    [r0, r1] = [r1, r0 - k * r1];
    [t0, t1] = [t1, t0 - k * t1];
  }
  if (t1 === 0n) return null;
  const absT = t1 < 0n ? -t1 : t1;
  if (absT > bound) return null;
  let [g, h] = [r1 < 0n ? -r1 : r1, absT];
  while (h !== 0n) [g, h] = [h, g % h];
  if (g !== 1n) return null;
  return Rational.of(r1, t1);
}
