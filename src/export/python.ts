/**
 * Python literals for the exported scripts. A float is written in JavaScript's shortest
 * round-trip form, which Python's float() reads back to the same double, so the script computes
 * with exactly the numbers ncssl used.
 *
 * Example: `pyFloat(0.1) === '0.1'`, `pyFloat(2) === '2.0'`, `pyMatrix([[1, 2]])` is `[[1.0, 2.0]]`.
 */

export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return "float('nan')";
  if (!Number.isFinite(x)) return x > 0 ? "float('inf')" : "-float('inf')";
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/** A string literal: JSON's escapes are Python's. */
export const pyString = (s: string): string => JSON.stringify(s);

export const pyList = (items: readonly string[]): string => `[${items.join(', ')}]`;

/** A matrix as a list of rows, one row a line when it has several. */
export function pyMatrix(rows: readonly (readonly number[])[], indent = '    '): string {
  if (rows.length <= 1) return pyList(rows.map((r) => pyList(r.map(pyFloat))));
  return `[\n${rows.map((r) => `${indent}${pyList(r.map(pyFloat))},`).join('\n')}\n]`;
}

/** Text inside a """docstring""": a backslash or a quote in a path or name cannot end it or escape. */
export const pyDocText = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

/** A comment block, each line starting `# ` (Python ends a line at \n, \r\n and \r). */
export const pyComment = (text: string): string =>
  text
    .split(/\r\n|\r|\n/)
    .map((l) => (l === '' ? '#' : `# ${l}`))
    .join('\n');
