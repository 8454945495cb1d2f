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
 */
export function compilePolys(polys: readonly Poly[], inputs: readonly number[]): CompiledPolys {
  const slotOf = new Map<number, number>();
  inputs.forEach((v, i) => slotOf.set(v, i));
  let termCount = 0;
  let factorCount = 0;
  for (const p of polys) {
    termCount += p.terms.size;
    for (const m of p.terms.keys()) factorCount += m.length;
  }
  const polyStart = new Int32Array(polys.length + 1);
  const coef = new Float64Array(termCount);
  const termStart = new Int32Array(termCount + 1);
  const factor = new Int32Array(factorCount);
  let t = 0;
  let f = 0;
  polys.forEach((p, i) => {
    polyStart[i] = t;
    for (const [m, c] of p.terms) {
      coef[t] = c.toNumber();
      termStart[t] = f;
      for (let k = 0; k < m.length; k++) {
        const slot = slotOf.get(m.charCodeAt(k));
        if (slot === undefined) {
          throw new Error(`compilePolys: variable ${p.ring.names[m.charCodeAt(k)]} is not an input`);
        }
        factor[f++] = slot;
      }
      t++;
    }
  });
  polyStart[polys.length] = t;
  termStart[t] = f;

  return {
    inputs: inputs.length,
    outputs: polys.length,
    evaluate(x: Float64Array, out: Float64Array): void {
      for (let i = 0; i < polys.length; i++) {
        let sum = 0;
        for (let j = polyStart[i]!; j < polyStart[i + 1]!; j++) {
          let term = coef[j]!;
          for (let k = termStart[j]!; k < termStart[j + 1]!; k++) term *= x[factor[k]!]!;
          sum += term;
        }
        out[i] = sum;
      }
    },
  };
}
