/**
 * Float evaluation of many polynomials at once, compiled once into flat typed arrays.
 *
 * Example:
 *   const f = compilePolys([p, q], [0, 1]);   // inputs: x[0] is variable 0, x[1] variable 1
 *   const out = new Float64Array(2); f.evaluate(Float64Array.of(1.5, -2), out);
 *
 * No code is generated from text: the "program" is a coefficient array and, per term, the input
 * slots of its factors, walked by one tight loop. This is safe for any input and, for the sparse
 * low-degree polynomials of ncssl, within a small factor of generated JavaScript.
 */
import type { Poly } from './poly.js';

export interface CompiledPolys {
  /** Number of inputs expected in `x`. */
  readonly inputs: number;
  /** Number of outputs written to `out`. */
  readonly outputs: number;
  /** Writes the value of each polynomial at `x` into `out`. */
  evaluate(x: Float64Array, out: Float64Array): void;
}

/**
 * @param polys the polynomials, all of one ring
 * @param inputs ring indices of the variables, in the order they are given in `x`; a variable
 *   that occurs in a polynomial but not in `inputs` is an error
 *
 * Every distinct monomial is evaluated once per point, each as its prefix times one input (the
 * prefixes join the table), then each polynomial is a dot product of coefficients with monomial
 * values. Jacobians repeat the same few monomials across many entries, so this does far fewer
 * multiplications than evaluating term by term.
 */
export function compilePolys(polys: readonly Poly[], inputs: readonly number[]): CompiledPolys {
  const slotOf = new Map<number, number>();
  inputs.forEach((v, i) => slotOf.set(v, i));
  const monomialIndex = new Map<string, number>([['', 0]]);
  const parent: number[] = [0];
  const lastSlot: number[] = [0];
  const ensure = (m: string, ring: Poly['ring']): number => {
    const known = monomialIndex.get(m);
    if (known !== undefined) return known;
    const prefix = ensure(m.slice(0, -1), ring);
    const slot = slotOf.get(m.charCodeAt(m.length - 1));
    if (slot === undefined) throw new Error(`compilePolys: variable ${ring.names[m.charCodeAt(m.length - 1)]} is not an input`);
    monomialIndex.set(m, parent.length);
    parent.push(prefix);
    lastSlot.push(slot);
    return parent.length - 1;
  };
  let termCount = 0;
  for (const p of polys) termCount += p.terms.size;
  const polyStart = new Int32Array(polys.length + 1);
  const coef = new Float64Array(termCount);
  const monomial = new Int32Array(termCount);
  let t = 0;
  polys.forEach((p, i) => {
    polyStart[i] = t;
    for (const [m, c] of p.terms) {
      coef[t] = c.toNumber();
      monomial[t] = ensure(m, p.ring);
      t++;
    }
  });
  polyStart[polys.length] = t;
  const parents = Int32Array.from(parent);
  const slots = Int32Array.from(lastSlot);
  const values = new Float64Array(parents.length);

  return {
    inputs: inputs.length,
    outputs: polys.length,
    evaluate(x: Float64Array, out: Float64Array): void {
      values[0] = 1;
      for (let k = 1; k < values.length; k++) values[k] = values[parents[k]!]! * x[slots[k]!]!;
      for (let i = 0; i < polys.length; i++) {
        let sum = 0;
        for (let j = polyStart[i]!; j < polyStart[i + 1]!; j++) sum += coef[j]! * values[monomial[j]!]!;
        out[i] = sum;
      }
    },
  };
}
