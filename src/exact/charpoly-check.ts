/**
 * An independent, rigorous and fast re-check of a claimed characteristic polynomial: the
 * polynomial of the integer matrix N = D·M is recomputed modulo enough primes by a different
 * algorithm (Hessenberg reduction, Cohen's Algorithm 2.2.9, instead of Berkowitz) and compared.
 * Every coefficient of det(λI − N) is a sum of principal minors, each bounded by Hadamard's
 * inequality, so once the product of the primes exceeds twice that bound (and the claimed
 * coefficients are within it), agreement modulo every prime proves equality.
 *
 * Example: `recheckCharpoly(m, charpoly(m))` is true; change one coefficient and it is false.
 */
import { Rational } from './rational.js';
import { commonDenominator, type Matrix } from './linear-algebra.js';
import { invMod, mulMod } from './modular.js';

const cachedPrimes: number[] = [];

/** The `count` largest primes below 2^26 (cached). */
export function wordPrimes(count: number): number[] {
  let n = cachedPrimes.length === 0 ? 2 ** 26 - 1 : cachedPrimes[cachedPrimes.length - 1]! - 2;
  while (cachedPrimes.length < count) {
    let prime = true;
    for (let d = 3; d * d <= n; d += 2) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) cachedPrimes.push(n);
    n -= 2;
  }
  return cachedPrimes.slice(0, count);
}

/** det(λI − N) modulo p for N given by residues, by Hessenberg reduction; coefficients leading first. */
export function charpolyModP(n: number[][], p: number): number[] {
  const size = n.length;
  const h = n.map((r) => r.slice());
  for (let j = 0; j < size - 2; j++) {
    let i = j + 1;
    while (i < size && h[i]![j] === 0) i++;
    if (i === size) continue;
    if (i !== j + 1) {
      [h[i], h[j + 1]] = [h[j + 1]!, h[i]!];
      for (const row of h) [row[i], row[j + 1]] = [row[j + 1]!, row[i]!];
    }
    const inv = invMod(h[j + 1]![j]!, p);
    for (let r = j + 2; r < size; r++) {
      const u = mulMod(h[r]![j]!, inv, p);
      if (u === 0) continue;
      const rowR = h[r]!;
      const rowP = h[j + 1]!;
      for (let c = 0; c < size; c++) rowR[c] = (rowR[c]! + p - mulMod(u, rowP[c]!, p)) % p;
      for (const row of h) row[j + 1] = (row[j + 1]! + mulMod(u, row[r]!, p)) % p;
    }
  }
  // polys[m] holds det(λI − H[0..m)[0..m)) as coefficients of λ^0…λ^m (lowest first).
  const polys: number[][] = [[1]];
  for (let m = 1; m <= size; m++) {
    const prev = polys[m - 1]!;
    const hmm = h[m - 1]![m - 1]!;
    const next = new Array<number>(m + 1).fill(0);
    for (let k = 0; k < prev.length; k++) {
      next[k + 1] = (next[k + 1]! + prev[k]!) % p;
      next[k] = (next[k]! + p - mulMod(hmm, prev[k]!, p)) % p;
    }
    let t = 1;
    for (let i = 1; i < m; i++) {
      t = mulMod(t, h[m - i]![m - i - 1]!, p);
      const f = mulMod(t, h[m - i - 1]![m - 1]!, p);
      if (f === 0) continue;
      const older = polys[m - i - 1]!;
      for (let k = 0; k < older.length; k++) next[k] = (next[k]! + p - mulMod(f, older[k]!, p)) % p;
    }
    polys.push(next);
  }
  return polys[size]!.slice().reverse();
}

function bitLength(x: bigint): number {
  return (x < 0n ? -x : x).toString(2).length;
}

/**
 * True when `claimed` (leading first) is exactly det(λI − M). Proved by agreement modulo primes
 * whose product exceeds twice the Hadamard bound on the coefficients (see the file comment).
 */
export function recheckCharpoly(m: Matrix, claimed: readonly Rational[]): boolean {
  const size = m.length;
  if (claimed.length !== size + 1 || !claimed[0]!.isOne()) return false;
  const d = commonDenominator(m);
  const scaled = m.map((row) => row.map((x) => x.num * (d / x.den)));
  // Claimed coefficients of det(λI − D·M): c_i · D^i, which must be integers.
  let power = 1n;
  const target: bigint[] = [];
  for (let i = 0; i <= size; i++) {
    if (i > 0) power *= d;
    const v = claimed[i]!.mul(Rational.fromBigInt(power));
    if (!v.isInteger()) return false;
    target.push(v.num);
  }
  // Bound: c_i is a sum of principal minors on row sets S of size i, each at most Π_{r∈S} ‖row_r‖
  // (Hadamard), so |c_i| ≤ e_i(‖row_1‖, …, ‖row_n‖) ≤ Π_r (1 + ‖row_r‖) < 2^boundBits.
  let boundBits = 2;
  for (const row of scaled) {
    const s = row.reduce((acc, x) => acc + x * x, 0n);
    boundBits += Math.ceil(bitLength(s) / 2) + 1;
  }
  if (target.some((t) => bitLength(t) > boundBits)) return false;
  const primes = wordPrimes(Math.ceil(boundBits / 25) + 1);
  // Split every integer once into base-2^26 limbs; a residue is then a Horner pass in doubles.
  const entries = scaled.map((row) => row.map(toLimbs));
  const targets = target.map(toLimbs);
  for (const p of primes) {
    const residues = entries.map((row) => row.map((x) => residue(x, p)));
    const mod = charpolyModP(residues, p);
    for (let i = 0; i <= size; i++) if (mod[i] !== residue(targets[i]!, p)) return false;
  }
  return true;
}

const LIMB = 2 ** 26;

/** Sign and base-2^26 digits, most significant first. */
function toLimbs(x: bigint): { negative: boolean; digits: number[] } {
  const negative = x < 0n;
  let a = negative ? -x : x;
  const digits: number[] = [];
  while (a > 0n) {
    digits.push(Number(a & 0x3ffffffn));
    a >>= 26n;
  }
  return { negative, digits: digits.reverse() };
}

function residue(x: { negative: boolean; digits: number[] }, p: number): number {
  let r = 0;
  for (const d of x.digits) r = (r * LIMB + d) % p; // r < 2^26, so r·2^26 + d < 2^53: exact
  return x.negative && r !== 0 ? p - r : r;
}
