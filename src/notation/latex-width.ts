/**
 * A conservative estimate of how wide a LaTeX math string renders, in em, so long formulas can
 * be broken into lines before they overflow the page (display math never breaks by itself).
 * It over-estimates on purpose: a line broken too early costs a little space, one too long
 * costs an overfull line.
 *
 * Example: `latexWidth('A_{1,2} + \\tfrac{1}{2}')` is about 4.
 */

const COMMAND_WIDTH: Record<string, number> = {
  top: 0.75,
  otimes: 1.6,
  langle: 0.5,
  rangle: 0.5,
  lVert: 0.6,
  rVert: 0.6,
  nabla: 0.9,
  partial: 0.65,
  cdot: 0.9,
  quad: 1,
  qquad: 2,
  ',': 0.2,
  ';': 0.3,
  ' ': 0.35,
  neq: 1.1,
  dots: 1.2,
  ldots: 1.2,
  cdots: 1.2,
  mapsto: 1.6,
  to: 1.6,
  times: 1,
  int: 0.8,
  le: 1.1,
  ge: 1.1,
  leq: 1.1,
  geq: 1.1,
};

/** Commands that take one argument and print it (with some decoration). */
const WRAPPERS: Record<string, number> = {
  dot: 0,
  hat: 0,
  mathrm: 0,
  mathbb: 0.1,
  operatorname: 0.15,
  text: 0,
  textup: 0,
  mathit: 0,
  bm: 0,
};

/** Delimiter-size commands that print nothing themselves. */
const SIZERS = new Set(['left', 'right', 'bigl', 'bigr', 'Bigl', 'Bigr', 'big', 'Big', 'biggl', 'biggr']);

interface Cursor {
  s: string;
  i: number;
}

function readGroup(c: Cursor): string {
  // Reads `{...}` (balanced) or a single token; returns its inner text.
  while (c.s[c.i] === ' ') c.i++;
  if (c.s[c.i] === '{') {
    let depth = 0;
    const start = c.i + 1;
    for (; c.i < c.s.length; c.i++) {
      if (c.s[c.i] === '\\') {
        c.i++;
        continue;
      }
      if (c.s[c.i] === '{') depth++;
      else if (c.s[c.i] === '}') {
        depth--;
        if (depth === 0) {
          c.i++;
          return c.s.slice(start, c.i - 1);
        }
      }
    }
    return c.s.slice(start);
  }
  if (c.s[c.i] === '\\') {
    const m = /^\\([A-Za-z]+|.)/.exec(c.s.slice(c.i));
    c.i += m ? m[0].length : 1;
    return m ? m[0] : '';
  }
  return c.s[c.i++] ?? '';
}

function width(s: string): number {
  const c: Cursor = { s, i: 0 };
  let w = 0;
  while (c.i < s.length) {
    const ch = s[c.i]!;
    if (ch === '\\') {
      const m = /^\\([A-Za-z]+|.)/.exec(s.slice(c.i))!;
      c.i += m[0].length;
      const name = m[1]!;
      if (SIZERS.has(name)) continue;
      if (name === 'tfrac' || name === 'frac' || name === 'dfrac') {
        const num = width(readGroup(c));
        const den = width(readGroup(c));
        w += Math.max(num, den) * (name === 'tfrac' ? 0.75 : 1) + 0.25;
      } else if (name in WRAPPERS) {
        w += width(readGroup(c)) + WRAPPERS[name]!;
      } else if (name === 'begin' || name === 'end') {
        readGroup(c);
      } else {
        w += COMMAND_WIDTH[name] ?? 0.85; // Greek letters and other symbols
      }
    } else if (ch === '_' || ch === '^') {
      c.i++;
      w += width(readGroup(c)) * 0.72;
    } else if (ch === '{' || ch === '}' || ch === '&') {
      c.i++;
    } else if (ch === ' ') {
      c.i++;
    } else if (ch === '+' || ch === '-' || ch === '=') {
      c.i++;
      w += 1.35; // the sign and the medium spaces around it
    } else if (ch === ',') {
      c.i++;
      w += 0.45;
    } else if (ch === '(' || ch === ')' || ch === '[' || ch === ']' || ch === '|') {
      c.i++;
      w += 0.45;
    } else if (/[0-9]/.test(ch)) {
      c.i++;
      w += 0.55;
    } else {
      c.i++;
      w += /[A-Z]/.test(ch) ? 0.8 : 0.6;
    }
  }
  return w;
}

/** Estimated width of a LaTeX math string, in em of the surrounding font. */
export function latexWidth(latex: string): number {
  return width(latex);
}
