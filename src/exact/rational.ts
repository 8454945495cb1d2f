/**
 * Exact rational numbers, always in lowest terms with a positive denominator.
 *
 * Example: `Rational.parse('0.1').add(Rational.of(1, 5)).toString() === '3/10'`.
 *
 * Two representations behind one interface, because BigInt arithmetic allocates and dominates the
 * polynomial kernel's time (docs/benchmarks.md): a value whose numerator and denominator are
 * below 2^26 in magnitude is held as two doubles, so sums and products of two such values are
 * exact integers below 2^53; anything larger is held as BigInts. The choice is canonical (a value
 * that fits is always small), so equal values have equal fields.
 *
 * Small values are also shared through a fixed-size, direct-mapped cache: polynomials of one model
 * reuse a few hundred distinct coefficients across millions of terms, so returning the cached
 * object instead of a new one removes most of the kernel's allocations (and the garbage collector's
 * work). Values are immutable, so sharing is invisible to callers; the cache's size is fixed, so
 * it cannot grow with the input.
 */

/** Bound of the small representation: |num| < SMALL and den < SMALL. */
const SMALL = 2 ** 26;

function gcdNumber(a: number, b: number): number {
  a = Math.abs(a);
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

function gcdBig(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** Slots of the small-value cache (a power of two). */
const CACHE_SIZE = 1 << 12;

export class Rational {
  // Small form: sn/sd with big === false. Big form: bn/bd with big === true (sn, sd unused).
  private readonly sn: number;
  private readonly sd: number;
  private readonly bn: bigint;
  private readonly bd: bigint;
  private readonly big: boolean;

  private constructor(sn: number, sd: number, bn: bigint, bd: bigint, big: boolean) {
    this.sn = sn;
    this.sd = sd;
    this.bn = bn;
    this.bd = bd;
    this.big = big;
  }

  private static readonly cache: Array<Rational | undefined> = new Array(CACHE_SIZE).fill(undefined);

  /** A reduced small value (caller guarantees lowest terms, den > 0, both below SMALL). */
  private static small(n: number, d: number): Rational {
    if (n === 0) return Rational.ZERO;
    const slot = (Math.imul(n, 0x9e3779b1) ^ Math.imul(d, 0x85ebca6b)) >>> 20;
    const hit = Rational.cache[slot];
    if (hit !== undefined && hit.sn === n && hit.sd === d) return hit;
    const r = new Rational(n, d, 0n, 1n, false);
    Rational.cache[slot] = r;
    return r;
  }

  /** Reduces n/d given as exact integers below 2^53 in magnitude, d > 0. */
  private static fromSafe(n: number, d: number): Rational {
    if (n === 0) return Rational.ZERO;
    const g = gcdNumber(n, d);
    if (g !== 1) {
      n /= g;
      d /= g;
    }
    if (Math.abs(n) < SMALL && d < SMALL) return Rational.small(n, d);
    return new Rational(0, 1, BigInt(n), BigInt(d), true);
  }

  /** Reduced n/d from BigInts in lowest terms with d > 0, in the canonical representation. */
  private static fromReduced(n: bigint, d: bigint): Rational {
    if (n < BigInt(SMALL) && n > -BigInt(SMALL) && d < BigInt(SMALL)) return Rational.small(Number(n), Number(d));
    return new Rational(0, 1, n, d, true);
  }

  static readonly ZERO = new Rational(0, 1, 0n, 1n, false);
  static readonly ONE = new Rational(1, 1, 0n, 1n, false);
  static readonly MINUS_ONE = new Rational(-1, 1, 0n, 1n, false);

  /** The rational num/den, reduced. Throws on a zero denominator. */
  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    let n = typeof num === 'number' ? Rational.intFromNumber(num) : num;
    let d = typeof den === 'number' ? Rational.intFromNumber(den) : den;
    if (d === 0n) throw new RangeError('rational with zero denominator');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcdBig(n, d);
    return g === 1n || g === 0n ? Rational.fromReduced(n, d) : Rational.fromReduced(n / g, d / g);
  }

  static fromBigInt(n: bigint): Rational {
    return Rational.fromReduced(n, 1n);
  }

  private static intFromNumber(x: number): bigint {
    if (!Number.isSafeInteger(x)) throw new RangeError(`not a safe integer: ${x}`);
    return BigInt(x);
  }

  /**
   * Parses an exact number: an integer ("-3"), a decimal ("0.25", "1e-3", "2.5E2") or a fraction
   * ("3/4", "-1/3"). Returns null when the text is not such a number; NaN and Infinity are refused.
   */
  static parse(text: string): Rational | null {
    const s = text.trim();
    const frac = /^([+-]?\d+)\s*\/\s*([+-]?\d+)$/.exec(s);
    if (frac) {
      const den = BigInt(frac[2]!);
      if (den === 0n) return null;
      return Rational.of(BigInt(frac[1]!), den);
    }
    const dec = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
    if (!dec) return null;
    const [, sign, intPart = '', fracPart = '', expPart] = dec;
    if (intPart === '' && fracPart === '') return null;
    const exp = expPart === undefined ? 0 : Number(expPart);
    // Exponents this large would allocate huge integers; no meaningful spec needs them.
    if (!Number.isSafeInteger(exp) || Math.abs(exp) > 400) return null;
    let num = BigInt((intPart || '0') + fracPart);
    let den = 10n ** BigInt(fracPart.length);
    if (exp >= 0) num *= 10n ** BigInt(exp);
    else den *= 10n ** BigInt(-exp);
    return Rational.of(sign === '-' ? -num : num, den);
  }

  /**
   * The rational a finite JS number prints as: integers exactly, other doubles by their shortest
   * decimal form (`0.1` gives 1/10, not the dyadic value of the double). Use for numbers that were
   * typed as decimals (a sweep's grid); spec numbers go through `parse` from their text.
   */
  static fromFiniteNumber(x: number): Rational {
    if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
    if (Number.isInteger(x)) return Rational.fromBigInt(BigInt(x));
    return Rational.parse(String(x))!;
  }

  /** Numerator, in lowest terms (sign carried here). */
  get num(): bigint {
    return this.big ? this.bn : BigInt(this.sn);
  }
  /** Denominator, in lowest terms, positive. */
  get den(): bigint {
    return this.big ? this.bd : BigInt(this.sd);
  }

  isZero(): boolean {
    return !this.big && this.sn === 0;
  }
  isOne(): boolean {
    return !this.big && this.sn === 1 && this.sd === 1;
  }
  isInteger(): boolean {
    return this.big ? this.bd === 1n : this.sd === 1;
  }
  sign(): -1 | 0 | 1 {
    if (this.big) return this.bn < 0n ? -1 : 1;
    return this.sn < 0 ? -1 : this.sn > 0 ? 1 : 0;
  }

  add(o: Rational): Rational {
    if (!this.big && !o.big) {
      if (this.sn === 0) return o;
      if (o.sn === 0) return this;
      if (this.sd === 1 && o.sd === 1) return Rational.fromSafe(this.sn + o.sn, 1);
      return Rational.fromSafe(this.sn * o.sd + o.sn * this.sd, this.sd * o.sd);
    }
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    return this.add(o.neg());
  }
  mul(o: Rational): Rational {
    if (!this.big && !o.big) {
      if (this.sn === 0 || o.sn === 0) return Rational.ZERO;
      if (this.sd === 1 && o.sd === 1) return Rational.fromSafe(this.sn * o.sn, 1);
      return Rational.fromSafe(this.sn * o.sn, this.sd * o.sd);
    }
    if (this.isZero() || o.isZero()) return Rational.ZERO;
    return Rational.of(this.num * o.num, this.den * o.den);
  }
  div(o: Rational): Rational {
    if (o.isZero()) throw new RangeError('division by zero');
    if (!this.big && !o.big) {
      const sign = o.sn < 0 ? -1 : 1;
      return Rational.fromSafe(sign * this.sn * o.sd, Math.abs(o.sn) * this.sd);
    }
    return Rational.of(this.num * o.den, this.den * o.num);
  }
  neg(): Rational {
    if (!this.big) return this.sn === 0 ? this : Rational.small(-this.sn, this.sd);
    return new Rational(0, 1, -this.bn, this.bd, true);
  }
  inv(): Rational {
    return Rational.ONE.div(this);
  }
  abs(): Rational {
    return this.sign() < 0 ? this.neg() : this;
  }
  pow(k: number): Rational {
    if (!Number.isInteger(k)) throw new RangeError('non-integer power');
    if (k < 0) return this.inv().pow(-k);
    const e = BigInt(k);
    return Rational.fromReduced(this.num ** e, this.den ** e);
  }

  equals(o: Rational): boolean {
    if (!this.big && !o.big) return this.sn === o.sn && this.sd === o.sd;
    return this.big && o.big && this.bn === o.bn && this.bd === o.bd;
  }
  compare(o: Rational): -1 | 0 | 1 {
    if (!this.big && !o.big) {
      const l = this.sn * o.sd;
      const r = o.sn * this.sd;
      return l < r ? -1 : l > r ? 1 : 0;
    }
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  /** Nearest double (correctly rounded for moderate sizes; exact for small integers). */
  toNumber(): number {
    if (!this.big) return this.sn / this.sd;
    const n = Number(this.bn);
    const d = Number(this.bd);
    if (Number.isFinite(n) && Number.isFinite(d)) return n / d;
    // Scale huge numerators/denominators down before dividing so the quotient stays finite.
    const shift = BigInt(Math.max(this.bn.toString(2).length, this.bd.toString(2).length) - 900);
    return Number(this.bn >> shift) / Number(this.bd >> shift);
  }

  /** Canonical text: "3", "-3/4". */
  toString(): string {
    if (!this.big) return this.sd === 1 ? String(this.sn) : `${this.sn}/${this.sd}`;
    return this.bd === 1n ? this.bn.toString() : `${this.bn}/${this.bd}`;
  }
}

/** Shorthand for small literals in code and tests: `q(3, 4)` is 3/4. */
export function q(num: bigint | number, den: bigint | number = 1): Rational {
  return Rational.of(num, den);
}
