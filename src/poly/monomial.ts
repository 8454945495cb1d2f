/**
 * Monomials as strings: one UTF-16 code unit per variable index, sorted ascending, a variable
 * repeated once per unit of its exponent. `x0^2 * x3` is "\u0000\u0000\u0003".
 *
 * Strings make fast, exact Map keys, their length is the total degree, and plain string
 * comparison gives a deterministic term order. Polynomials here are of low degree in many
 * variables, which is exactly where this sparse form is compact.
 */
export type Monomial = string;

export const ONE_MONOMIAL: Monomial = '';

/**
 * Shared strings for monomials of degree 1 and 2. A Jacobian of a linear model has millions of
 * terms over a few thousand distinct monomials of degree ≤ 2; sharing one string per monomial
 * saves most of their memory, and Map lookups of a shared string hash it once. The degree-2
 * table is direct-mapped with a fixed size, so it never grows with the input.
 */
const DEGREE_ONE: Array<string | undefined> = new Array(0x10000).fill(undefined);
const DEGREE_TWO_SIZE = 1 << 14;
const DEGREE_TWO: Array<string | undefined> = new Array(DEGREE_TWO_SIZE).fill(undefined);

function degreeOne(a: number): Monomial {
  return (DEGREE_ONE[a] ??= String.fromCharCode(a));
}

/** The monomial x_a·x_b for a ≤ b, shared when possible. */
function degreeTwo(a: number, b: number): Monomial {
  const slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) >>> 18;
  const hit = DEGREE_TWO[slot];
  if (hit !== undefined && hit.charCodeAt(0) === a && hit.charCodeAt(1) === b) return hit;
  const m = String.fromCharCode(a, b);
  DEGREE_TWO[slot] = m;
  return m;
}

/** The monomial of the sorted code units `codes[0..length)`. */
export function monomialOfCodes(codes: ArrayLike<number>, length: number = codes.length): Monomial {
  switch (length) {
    case 0:
      return ONE_MONOMIAL;
    case 1:
      return degreeOne(codes[0]!);
    case 2:
      return degreeTwo(codes[0]!, codes[1]!);
    case 3:
      return String.fromCharCode(codes[0]!, codes[1]!, codes[2]!);
    case 4:
      return String.fromCharCode(codes[0]!, codes[1]!, codes[2]!, codes[3]!);
    default:
      return String.fromCharCode(...Array.from({ length }, (_, i) => codes[i]!));
  }
}

/** `m` without its code unit at position `at` (∂/∂x lowers the exponent of x by one). */
export function removeCodeAt(m: Monomial, at: number): Monomial {
  switch (m.length) {
    case 1:
      return ONE_MONOMIAL;
    case 2:
      return degreeOne(m.charCodeAt(1 - at));
    case 3: {
      const first = at === 0 ? 1 : 0;
      const second = at === 2 ? 1 : 2;
      return degreeTwo(m.charCodeAt(first), m.charCodeAt(second));
    }
    default:
      return m.slice(0, at) + m.slice(at + 1);
  }
}

export function monomialOfVariable(index: number, power = 1): Monomial {
  if (power === 1) return degreeOne(index);
  if (power === 2) return degreeTwo(index, index);
  return String.fromCharCode(index).repeat(power);
}

/** Reused buffer for building monomials (never escapes a call). */
let scratch = new Uint16Array(16);

/** The product of two monomials: a merge of two sorted sequences. */
export function multiplyMonomials(a: Monomial, b: Monomial): Monomial {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  if (a.length === 1 && b.length === 1) {
    const x = a.charCodeAt(0);
    const y = b.charCodeAt(0);
    return x <= y ? degreeTwo(x, y) : degreeTwo(y, x);
  }
  const out = scratch.length >= a.length + b.length ? scratch : (scratch = new Uint16Array(2 * (a.length + b.length)));
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    if (x <= y) {
      out[k++] = x;
      i++;
    } else {
      out[k++] = y;
      j++;
    }
  }
  while (i < a.length) out[k++] = a.charCodeAt(i++);
  while (j < b.length) out[k++] = b.charCodeAt(j++);
  return monomialOfCodes(out, k);
}

/** The exponent of variable `index` in `m`. */
export function exponentOf(m: Monomial, index: number): number {
  const c = String.fromCharCode(index);
  const first = m.indexOf(c);
  if (first < 0) return 0;
  let k = first + 1;
  while (k < m.length && m.charCodeAt(k) === index) k++;
  return k - first;
}

/** Calls `visit(variable, exponent, start)` for each distinct variable of `m`, in order. */
export function forEachFactor(
  m: Monomial,
  visit: (variable: number, exponent: number, start: number) => void,
): void {
  let i = 0;
  while (i < m.length) {
    const v = m.charCodeAt(i);
    let j = i + 1;
    while (j < m.length && m.charCodeAt(j) === v) j++;
    visit(v, j - i, i);
    i = j;
  }
}

/** Canonical order of terms: higher total degree first, then lexicographic in variable indices. */
export function compareMonomials(a: Monomial, b: Monomial): number {
  if (a.length !== b.length) return b.length - a.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The variable indices of `m` with their exponents, in increasing index order. */
export function factorsOf(m: Monomial): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  forEachFactor(m, (v, e) => out.push([v, e]));
  return out;
}

/** Re-sorts a monomial whose code units were changed (after renaming variables). */
export function sortMonomial(codes: number[]): Monomial {
  // Insertion sort: monomials are short, and this avoids the comparator calls of Array.sort.
  for (let i = 1; i < codes.length; i++) {
    const c = codes[i]!;
    let j = i - 1;
    while (j >= 0 && codes[j]! > c) {
      codes[j + 1] = codes[j]!;
      j--;
    }
    codes[j + 1] = c;
  }
  return monomialOfCodes(codes);
}
