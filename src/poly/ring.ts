/**
 * A polynomial ring's variables: an ordered list of names. Polynomials of one ring share it, and
 * a variable is referred to by its index, which is also its place in the canonical term order.
 *
 * Example: `const R = new Ring(['a', 'b']); R.indexOf('b') === 1`.
 */
export class Ring {
  /** The most variables a ring may have: a monomial stores each index in one UTF-16 code unit. */
  static readonly MAX_VARIABLES = 0xffff;

  readonly names: readonly string[];
  private readonly byName: Map<string, number>;

  constructor(names: readonly string[]) {
    if (names.length > Ring.MAX_VARIABLES) {
      throw new RangeError(`a ring holds at most ${Ring.MAX_VARIABLES} variables, got ${names.length}`);
    }
    this.names = [...names];
    this.byName = new Map();
    names.forEach((n, i) => {
      if (this.byName.has(n)) throw new Error(`duplicate variable name ${n}`);
      this.byName.set(n, i);
    });
  }

  get size(): number {
    return this.names.length;
  }

  indexOf(name: string): number {
    const i = this.byName.get(name);
    if (i === undefined) throw new Error(`unknown variable ${name}`);
    return i;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }
}
