/**
 * Exact rational numbers on BigInt, always in lowest terms with a positive denominator.
 *
 * Example: `Rational.parse('0.1').add(Rational.of(1, 5)).toString() === '3/10'`.
 */

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

export class Rational {
  /** Numerator and denominator in lowest terms; `den > 0`. */
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);
  static readonly MINUS_ONE = new Rational(-1n, 1n);

  /** The rational num/den, reduced. Throws on a zero denominator. */
  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    let n = typeof num === 'number' ? Rational.intFromNumber(num) : num;
    let d = typeof den === 'number' ? Rational.intFromNumber(den) : den;
    if (d === 0n) throw new RangeError('rational with zero denominator');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    if (d === 1n) return n === 0n ? Rational.ZERO : new Rational(n, 1n);
    const g = gcd(n, d);
    return g === 1n ? new Rational(n, d) : new Rational(n / g, d / g);
  }

  static fromBigInt(n: bigint): Rational {
    return n === 0n ? Rational.ZERO : new Rational(n, 1n);
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
   * The exact value of a finite JS number (every double is a dyadic rational). Use only for numbers
   * that came from exact sources such as JSON integers; decimals in specs go through `parse`.
   */
  static fromFiniteNumber(x: number): Rational {
    if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
    if (Number.isInteger(x)) return Rational.fromBigInt(BigInt(x));
    return Rational.parse(String(x))!;
  }

  isZero(): boolean {
    return this.num === 0n;
  }
  isOne(): boolean {
    return this.num === 1n && this.den === 1n;
  }
  isInteger(): boolean {
    return this.den === 1n;
  }
  sign(): -1 | 0 | 1 {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }

  add(o: Rational): Rational {
    if (this.num === 0n) return o;
    if (o.num === 0n) return this;
    if (this.den === 1n && o.den === 1n) return Rational.fromBigInt(this.num + o.num);
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    return this.add(o.neg());
  }
  mul(o: Rational): Rational {
    if (this.num === 0n || o.num === 0n) return Rational.ZERO;
    if (this.den === 1n && o.den === 1n) return new Rational(this.num * o.num, 1n);
    return Rational.of(this.num * o.num, this.den * o.den);
  }
  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError('division by zero');
    return Rational.of(this.num * o.den, this.den * o.num);
  }
  neg(): Rational {
    return this.num === 0n ? this : new Rational(-this.num, this.den);
  }
  inv(): Rational {
    return Rational.ONE.div(this);
  }
  abs(): Rational {
    return this.num < 0n ? this.neg() : this;
  }
  pow(k: number): Rational {
    if (!Number.isInteger(k)) throw new RangeError('non-integer power');
    if (k < 0) return this.inv().pow(-k);
    const e = BigInt(k);
    return new Rational(this.num ** e, this.den ** e);
  }

  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }
  compare(o: Rational): -1 | 0 | 1 {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  /** Nearest double (correctly rounded for moderate sizes; exact for small integers). */
  toNumber(): number {
    if (this.den === 1n) return Number(this.num);
    const n = Number(this.num);
    const d = Number(this.den);
    if (Number.isFinite(n) && Number.isFinite(d)) return n / d;
    // Scale huge numerators/denominators down before dividing so the quotient stays finite.
    const shift = BigInt(Math.max(this.num.toString(2).length, this.den.toString(2).length) - 900);
    return Number(this.num >> shift) / Number(this.den >> shift);
  }

  /** Canonical text: "3", "-3/4". */
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
}

/** Shorthand for small literals in code and tests: `q(3, 4)` is 3/4. */
export function q(num: bigint | number, den: bigint | number = 1): Rational {
  return Rational.of(num, den);
}
