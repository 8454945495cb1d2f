/**
 * A throwaway index from monomials of degree ≤ 3 to positions, for comparing two large term lists
 * (`Poly.equalsScaled`). A monomial of at most three variables packs exactly into one number
 * (17 bits per variable), so the index is an open-addressing table of typed arrays, reused from
 * one comparison to the next: no Map to grow, no string to hash. Comparing ∇Φ with the GD field
 * at d = 16 (2.2 million terms) spent most of its time building Maps before this.
 *
 * Example: `const ix = shortMonomialIndex(list.monomials); ix?.get(packMonomial(m))` is the
 * position of m in the list, or −1.
 */
import type { Monomial } from './monomial.js';

/** The monomial as a number, or −1 when it has more than three variables. Injective. */
export function packMonomial(m: Monomial): number {
  switch (m.length) {
    case 0:
      return 0;
    case 1:
      return m.charCodeAt(0) + 1;
    case 2:
      return (m.charCodeAt(0) + 1) * 0x20000 + m.charCodeAt(1) + 1;
    case 3:
      return ((m.charCodeAt(0) + 1) * 0x20000 + m.charCodeAt(1) + 1) * 0x20000 + m.charCodeAt(2) + 1;
    default:
      return -1;
  }
}

export interface ShortMonomialIndex {
  /** The position given to the packed monomial `key`, or −1. */
  get(key: number): number;
}

let keys = new Float64Array(0);
let positions = new Int32Array(0);

function slotOf(key: number, mask: number): number {
  const low = key % 0x100000000;
  const high = (key - low) / 0x100000000;
  return (Math.imul(low | 0, 0x9e3779b1) ^ Math.imul(high | 0, 0x85ebca6b)) & mask;
}

/**
 * Indexes `monomials` (distinct) by position, or returns null when one has more than three
 * variables. The index is valid until the next call.
 */
export function shortMonomialIndex(monomials: readonly Monomial[]): ShortMonomialIndex | null {
  let capacity = 16;
  while (capacity < 2 * monomials.length) capacity *= 2;
  if (keys.length < capacity) {
    keys = new Float64Array(capacity);
    positions = new Int32Array(capacity);
  }
  const mask = capacity - 1;
  keys.fill(-1, 0, capacity);
  for (let k = 0; k < monomials.length; k++) {
    const key = packMonomial(monomials[k]!);
    if (key < 0) return null;
    let s = slotOf(key, mask);
    while (keys[s] !== -1) s = (s + 1) & mask;
    keys[s] = key;
    positions[s] = k;
  }
  return {
    get(key: number): number {
      if (key < 0) return -1;
      for (let s = slotOf(key, mask); ; s = (s + 1) & mask) {
        const here = keys[s]!;
        if (here === key) return positions[s]!;
        if (here === -1) return -1;
      }
    },
  };
}
