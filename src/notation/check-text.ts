/** Number and expression formats for the plain-text output of `ncssl check`, shared by the analyses' text hooks. */
import type { Complex } from '../numeric/eigenvalues.js';

/** Longest expression printed in full in text mode; `--json` always has everything. */
const MAX_TEXT_CHARS = 400;

export function shorten(expr: string): string {
  return expr.length <= MAX_TEXT_CHARS ? expr : `${expr.slice(0, MAX_TEXT_CHARS)} … (${expr.length} characters; see --json)`;
}

/** A float eigenvalue with 4 significant digits: `-2.5`, `-0.5 + 1.2i`. */
export function formatComplex(z: Complex): string {
  const re = Number(z.re.toPrecision(4));
  if (Math.abs(z.im) < 1e-12) return `${re}`;
  return `${re} ${z.im < 0 ? '−' : '+'} ${Number(Math.abs(z.im).toPrecision(4))}i`;
}
