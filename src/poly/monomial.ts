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

export function monomialOfVariable(index: number, power = 1): Monomial {
  return String.fromCharCode(index).repeat(power);
}

/** The product of two monomials: a merge of two sorted sequences. */
export function multiplyMonomials(a: Monomial, b: Monomial): Monomial {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Array<number>(a.length + b.length);
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
  return String.fromCharCode(...out);
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
  codes.sort((x, y) => x - y);
  return String.fromCharCode(...codes);
}
