/**
 * Shared wording and number formats of the dynamical sections (equilibria, collapse, invariants,
 * metric): verdicts and levels in words, floats as LaTeX (`2.776 \cdot 10^{-16}`), complex
 * eigenvalues, and the analyses' Unicode notes turned into ASCII text with inline math (the .tex
 * printer accepts only ASCII text).
 *
 * Example: `floatLatex(-0.000123)` is `-1.230 \cdot 10^{-4}`; `prose('Σ1 is singular')` is
 * `[math('\Sigma_{1}'), text(' is singular')]`.
 */
import type { Level } from '../../analyses/finding.js';
import type { StabilityVerdict } from '../../analyses/stability.js';
import type { Complex } from '../../numeric/eigenvalues.js';
import { latexWidth } from '../../notation/latex-width.js';
import { type Inline, math, text } from '../document.js';

/** The verdicts of docs/math.md section 6 in the few words a table cell holds. */
export const VERDICT_SHORT: Record<StabilityVerdict, string> = {
  'transversally asymptotically stable': 'stable',
  unstable: 'unstable',
  degenerate: 'degenerate',
  inconclusive: 'inconclusive',
};

/** What each level rests on, for the sentences that state a verdict. */
export const LEVEL_MEANING: Record<Level, string> = {
  proved: 'exact arithmetic',
  certified: 'rigorous enclosures',
  numerical: 'floating point only',
  refuted: 'a counterexample',
  inconclusive: 'undecided',
};

/** A float with `digits` significant digits; exponents as `\cdot 10^{k}`. Example: `floatLatex(0.05825)` is `0.05825`. */
export function floatLatex(x: number, digits = 4): string {
  if (Number.isNaN(x)) return '\\text{NaN}';
  if (!Number.isFinite(x)) return x > 0 ? '\\infty' : '-\\infty';
  if (x === 0) return '0';
  const s = x.toPrecision(digits);
  const m = /^(-?[0-9.]+)e([+-])(\d+)$/.exec(s);
  if (!m) return s;
  return `${m[1]} \\cdot 10^{${m[2] === '-' ? '-' : ''}${m[3]}}`;
}

/** A float coordinate with a fixed number of decimals (`-0.0000` printed as `0.0000`); large ones by `floatLatex`. */
export function coordinateLatex(x: number, decimals = 4): string {
  if (!Number.isFinite(x) || Math.abs(x) >= 1e4) return floatLatex(x, decimals + 1);
  const s = x.toFixed(decimals);
  return /^-0\.0*$/.test(s) ? s.slice(1) : s;
}

/** A complex float eigenvalue: `-0.29`, `-0.5 \pm 1.2\mathrm{i}` is printed by `conjugateLatex`. */
export function complexLatex(z: Complex, digits = 4): string {
  if (z.im === 0) return floatLatex(z.re, digits);
  const re = z.re === 0 ? '' : floatLatex(z.re, digits);
  const im = floatLatex(Math.abs(z.im), digits);
  return `${re}${z.im < 0 ? ' - ' : re === '' ? '' : ' + '}${im}\\,\\mathrm{i}`;
}

/**
 * Float eigenvalues as LaTeX items, a conjugate pair printed once as `a \pm b\,\mathrm{i}`.
 * The list is assumed sorted as `eigenvalues()` returns it (pairs adjacent).
 */
export function floatSpectrumItems(values: readonly Complex[], digits = 4): string[] {
  const out: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const z = values[i]!;
    const next = values[i + 1];
    if (z.im !== 0 && next && next.re === z.re && next.im === -z.im) {
      out.push(`${z.re === 0 ? '' : floatLatex(z.re, digits) + ' '}\\pm ${floatLatex(Math.abs(z.im), digits)}\\,\\mathrm{i}`);
      i++;
    } else out.push(complexLatex(z, digits));
  }
  return out;
}

/**
 * Items joined by commas into lines no wider than `maxWidth` em, for an aligned display
 * (a single wider item gets a line of its own). A negative item is braced, `{-0.5}`, so that at
 * the start of a continuation line its sign stays unary.
 */
export function commaLines(items: readonly string[], maxWidth: number): string[] {
  const lines: string[] = [];
  let current: string[] = [];
  let width = 0;
  for (const raw of items) {
    const item = raw.startsWith('-') ? `{${raw}}` : raw;
    const w = latexWidth(item) + 0.6;
    if (current.length > 0 && width + w > maxWidth) {
      lines.push(current.join(', ') + ',');
      current = [];
      width = 0;
    }
    current.push(item);
    width += w;
  }
  if (current.length > 0) lines.push(current.join(', '));
  return lines;
}

/** Unicode notation the analyses write in their notes, as LaTeX (longest first). */
const MATH_TOKENS: Array<[string, string]> = [
  ['Σ1⁻¹Σ12', '\\Sigma_{1}^{-1}\\Sigma_{12}'],
  ['A = 0', 'A = 0'],
  ['A ≠ 0', 'A \\neq 0'],
  ['T = A', 'T = A'],
  ['Σ12ᵀ', '\\Sigma_{12}^{\\top}'],
  ['Σ12', '\\Sigma_{12}'],
  ['Σ1', '\\Sigma_{1}'],
  ['Σ2', '\\Sigma_{2}'],
  ['Σ_u', '\\sum_{u}'],
  ['BᵀM', 'B^{\\top}M'],
  ['MAᵀ', 'MA^{\\top}'],
  ['Aᵀ', 'A^{\\top}'],
  ['Bᵀ', 'B^{\\top}'],
  ['Tᵀ', 'T^{\\top}'],
  ['Yᵀ', 'Y^{\\top}'],
  ['P⁻¹', 'P^{-1}'],
  ['‖a‖²', '\\lVert a \\rVert^{2}'],
  ['½', '\\tfrac{1}{2}'],
  ['λ', '\\lambda'],
  ['α', '\\alpha'],
  ['τ', '\\tau'],
  ['η', '\\eta'],
  ['μ', '\\mu'],
  ['θ', '\\theta'],
  ['ψ', '\\psi'],
  ['ξ', '\\xi'],
  ['Σ', '\\Sigma'],
  ['∂', '\\partial'],
  ['≠', '\\neq'],
  ['≤', '\\leq'],
  ['≥', '\\geq'],
  ['≡', '\\equiv'],
  ['≻', '\\succ'],
  ['·', '\\cdot'],
  ['²', '^{2}'],
  ['ᵀ', '^{\\top}'],
  ['⁻¹', '^{-1}'],
];

/** Unicode punctuation as ASCII text. */
const TEXT_TOKENS: Record<string, string> = { '−': '-', '—': '--', '–': '-', '…': '...', '‘': "'", '’': "'", '“': '"', '”': '"' };

/**
 * A sentence from an analysis (Unicode notation) as ASCII text and inline math, so every printer
 * can show it. Unknown non-ASCII characters become `?` rather than reaching the .tex printer.
 * Example: `prose('M = 0 with λ > 0')` is `[text('M = 0 with '), math('\lambda'), text(' > 0')]`.
 */
export function prose(s: string): Inline[] {
  const out: Inline[] = [];
  let buffer = '';
  const flush = () => {
    if (buffer !== '') out.push(text(buffer));
    buffer = '';
  };
  let i = 0;
  while (i < s.length) {
    const token = MATH_TOKENS.find(([u]) => s.startsWith(u, i));
    if (token) {
      flush();
      out.push(math(token[1]));
      i += token[0].length;
      continue;
    }
    const ch = String.fromCodePoint(s.codePointAt(i)!);
    if (ch.charCodeAt(0) < 128) buffer += ch;
    else buffer += TEXT_TOKENS[ch] ?? '?';
    i += ch.length;
  }
  flush();
  return out;
}

/** "1 point" / "3 points". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
