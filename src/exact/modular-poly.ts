/**
 * Evaluation of many polynomials modulo a prime, compiled once (the modular twin of
 * src/poly/compile.ts): coefficients become residues, every product is reduced at once.
 *
 * Example: `compilePolysMod([p], [0, 1], prime).evaluate([3, 5])` is [p(3, 5) mod prime].
 * Throws UnluckyPrime when a coefficient's denominator is divisible by the prime.
 */
import type { Poly } from '../poly/poly.js';
import { mulMod, rationalMod } from './modular.js';

export interface ModularPolys {
  evaluate(x: readonly number[]): number[];
}

export function compilePolysMod(polys: readonly Poly[], inputs: readonly number[], p: number): ModularPolys {
  const slotOf = new Map<number, number>();
  inputs.forEach((v, i) => slotOf.set(v, i));
  const compiled = polys.map((poly) =>
    [...poly.terms].map(([m, c]) => {
      const slots = new Int32Array(m.length);
      for (let k = 0; k < m.length; k++) {
        const s = slotOf.get(m.charCodeAt(k));
        if (s === undefined) throw new Error(`compilePolysMod: variable ${poly.ring.names[m.charCodeAt(k)]} is not an input`);
        slots[k] = s;
      }
      return { c: rationalMod(c, p), slots };
    }),
  );
  return {
    evaluate(x) {
      return compiled.map((terms) => {
        let sum = 0;
        for (const { c, slots } of terms) {
          let t = c;
          for (let k = 0; k < slots.length; k++) t = mulMod(t, x[slots[k]!]!, p);
          sum += t;
          if (sum >= p) sum -= p;
        }
        return sum;
      });
    },
  };
}
