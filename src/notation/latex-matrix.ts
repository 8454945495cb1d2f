/**
 * Matrix expression trees (src/matrix/expr.ts) as LaTeX, one method per node kind in the manner
 * of SymPy's printers. Parentheses are added by precedence: a sum inside a product, a product
 * under a transpose, a Kronecker product inside a product.
 *
 * Example: `matrixLatex(product([transpose(sym(B)), sym(M)]))` is `B^{\top} M`.
 */
import type { MatExpr, NamedQuantity } from '../matrix/expr.js';
import { SCALAR_LATEX, type ScalarName } from '../matrix/scalars.js';
import type { Dim, MatSymbol } from '../matrix/symbols.js';
import { polyTermsLatex, variableLatex } from './latex-poly.js';
import { latexWidth } from './latex-width.js';

const NAMED: Record<NamedQuantity, string> = {
  F: 'F',
  E: 'E',
  dF: '\\mathrm{d}F',
  dE: '\\mathrm{d}E',
  Phi: '\\Phi',
  omega: '\\omega',
};

/** Binding strength: higher binds tighter. */
const PREC = { sum: 1, neg: 2, kron: 3, product: 4, atom: 5 } as const;

function precedence(e: MatExpr): number {
  switch (e.kind) {
    case 'sum':
      return PREC.sum;
    case 'neg':
      return PREC.neg;
    case 'kron':
      return PREC.kron;
    case 'product':
      return PREC.product;
    case 'coefficient':
      return e.value.size > 1 ? PREC.sum : e.value.sortedTerms()[0]?.[1].sign() === -1 ? PREC.neg : PREC.atom;
    default:
      return PREC.atom;
  }
}

function scalarVariable(name: string): string {
  return name in SCALAR_LATEX ? SCALAR_LATEX[name as ScalarName] : variableLatex(name);
}

/** Symbols whose LaTeX is one token (with an optional subscript) need no parentheses. */
function isAtomicSymbol(s: MatSymbol): boolean {
  // A variation δA, dA is one symbol: δAᵀ means (δA)ᵀ, as in print.
  return s.role === 'variation' || /^(\\[A-Za-z]+|[A-Za-z])(_\{[^{}]*\})?$/.test(s.latex);
}

function dimLatex(d: Dim): string {
  return d.name === '' || d.name === '1' ? '' : d.name;
}

/** Plain parentheses (not \\left…\\right): they may be split across the lines of a display. */
function wrap(e: MatExpr, minPrec: number): string {
  const s = matrixLatex(e);
  return precedence(e) < minPrec ? `(${s})` : s;
}

function transposed(arg: MatExpr): string {
  if (arg.kind === 'symbol' && isAtomicSymbol(arg.sym)) return `${arg.sym.latex}^{\\top}`;
  if (arg.kind === 'vec' || arg.kind === 'trace' || arg.kind === 'diag') return `${matrixLatex(arg)}^{\\top}`;
  if (arg.kind === 'selection') return `S_{${arg.sym.latex}}^{\\top}`;
  return `(${matrixLatex(arg)})^{\\top}`;
}

function rate(sym: MatSymbol): string {
  return `\\dot{${sym.latex}}`;
}

/** The LaTeX of a matrix expression. */
export function matrixLatex(e: MatExpr): string {
  switch (e.kind) {
    case 'symbol':
      return e.sym.latex;
    case 'identity': {
      const d = dimLatex(e.dim);
      return d === '' ? 'I' : `I_{${d}}`;
    }
    case 'zero':
      return '0';
    case 'coefficient':
      return polyTermsLatex(e.value, { variable: scalarVariable }).join(' ');
    case 'transpose':
      return transposed(e.arg);
    case 'product':
      // A thin space before a variation, so that a·da does not read "ada".
      return e.factors
        .map((f, k) => (k > 0 && f.kind === 'symbol' && f.sym.role === 'variation' ? `\\,${wrap(f, PREC.product)}` : wrap(f, PREC.product)))
        .join(' ');
    case 'power':
      return `${e.base.kind === 'symbol' && isAtomicSymbol(e.base.sym) ? matrixLatex(e.base) : `(${matrixLatex(e.base)})`}^{${e.exponent}}`;
    case 'sum':
      return e.terms
        .map((t, k) => {
          if (t.kind === 'neg') return `${k === 0 ? '-' : '- '}${wrap(t.arg, PREC.neg + 1)}`;
          const s = matrixLatex(t);
          if (k === 0) return s;
          return s.startsWith('-') ? `- ${s.slice(1)}` : `+ ${s}`;
        })
        .join(' ');
    case 'neg':
      return `-${wrap(e.arg, PREC.neg + 1)}`;
    case 'trace':
      return `\\operatorname{tr}(${matrixLatex(e.arg)})`;
    case 'diag':
      return `\\operatorname{Diag}(${matrixLatex(e.arg)})`;
    case 'inner':
      return `\\langle ${matrixLatex(e.left)},\\, ${matrixLatex(e.right)} \\rangle`;
    case 'expect':
      return `\\mathbb{E}[${matrixLatex(e.arg)}]`;
    case 'sqnorm':
      return `\\lVert ${matrixLatex(e.arg)} \\rVert^{2}`;
    case 'kron':
      return `${wrap(e.left, PREC.kron + 1)} \\otimes ${wrap(e.right, PREC.kron + 1)}`;
    case 'commutation':
      return `K_{${e.rows.name},${e.cols.name}}`;
    case 'vec':
      return `\\operatorname{vec}(${matrixLatex(e.arg)})`;
    case 'at':
      return `\\left.${matrixLatex(e.arg)}\\right|_{${e.substitutions.map(([a, b]) => `${matrixLatex(a)} = ${matrixLatex(b)}`).join(',\\ ')}}`;
    case 'call':
      return e.args.length === 0 ? NAMED[e.name] : `${NAMED[e.name]}(${e.args.map(matrixLatex).join(', ')})`;
    case 'gradient': {
      const wrt = matrixLatex(e.wrt);
      const scalar = e.wrt.kind === 'symbol' && e.wrt.sym.shape.rows.name === '1' && e.wrt.sym.shape.cols.name === '1';
      return scalar ? `\\partial_{${wrt}} ${NAMED[e.of]}` : `\\nabla_{${wrt}} ${NAMED[e.of]}`;
    }
    case 'rate':
      return rate(e.sym);
    case 'directional':
      return `\\mathrm{D}${matrixLatex(e.of)}[${matrixLatex(e.direction)}]`;
    case 'jacobianBlock': {
      const of = e.of.kind === 'rate' && e.of.sym.shape.rows.name === '1' ? matrixLatex(e.of) : `\\operatorname{vec} ${matrixLatex(e.of)}`;
      const scalarWrt = e.wrt.kind === 'symbol' && e.wrt.sym.shape.rows.name === '1';
      const wrt = scalarWrt ? matrixLatex(e.wrt) : `\\operatorname{vec} ${matrixLatex(e.wrt)}`;
      return `\\frac{\\partial ${of}}{\\partial ${wrt}}`;
    }
    case 'selection':
      return `S_{${e.sym.latex}}`;
    case 'curl':
      return `C_{${e.block.latex}}[${matrixLatex(e.direction)}]`;
  }
}

interface Piece {
  text: string;
  /** A line may start here (before a + or − of a sum). */
  breakable: boolean;
}

/** The expression as pieces between which a line may break: the signs of sums, also inside a trailing parenthesis. */
function pieces(e: MatExpr): Piece[] {
  if (e.kind === 'sum') {
    const out: Piece[] = [];
    e.terms.forEach((t, k) => {
      const negative = t.kind === 'neg';
      const body = negative ? (t as { arg: MatExpr }).arg : t;
      const ps = negative && precedence(body) <= PREC.neg ? [{ text: `(${matrixLatex(body)})`, breakable: false }] : pieces(body);
      const sign = k === 0 ? (negative ? '-' : '') : negative ? '- ' : '+ ';
      out.push({ text: sign + ps[0]!.text, breakable: k > 0 }, ...ps.slice(1));
    });
    return out;
  }
  if (e.kind === 'neg') {
    const ps = precedence(e.arg) <= PREC.neg ? [{ text: `(${matrixLatex(e.arg)})`, breakable: false }] : pieces(e.arg);
    return [{ text: `-${ps[0]!.text}`, breakable: false }, ...ps.slice(1)];
  }
  if (e.kind === 'product') {
    const last = e.factors[e.factors.length - 1]!;
    if (last.kind === 'sum') {
      const head = e.factors.slice(0, -1).map((f) => wrap(f, PREC.product)).join(' ');
      const inner = pieces(last);
      inner[inner.length - 1] = { ...inner[inner.length - 1]!, text: `${inner[inner.length - 1]!.text})` };
      return [{ text: `${head} (${inner[0]!.text}`, breakable: false }, ...inner.slice(1)];
    }
  }
  return [{ text: matrixLatex(e), breakable: false }];
}

/**
 * The expression cut into lines of at most `maxWidth` em (estimated), at the signs of its sums;
 * a line that cannot be cut stays whole. Joined with spaces, the lines give `matrixLatex(e)`
 * up to the choice of parentheses.
 */
export function matrixLatexLines(e: MatExpr, maxWidth: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const p of pieces(e)) {
    if (current !== '' && p.breakable && latexWidth(`${current} ${p.text}`) > maxWidth) {
      lines.push(current);
      current = p.text;
    } else {
      current = current === '' ? p.text : `${current} ${p.text}`;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}
