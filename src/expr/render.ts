/**
 * DAG expressions as text and LaTeX, with common subexpressions named: a node used more than once
 * (by the roots together) that is not trivial (a variable, a constant, or the negation of one) is
 * printed once as `u_k = …` and referred to by its name; names are numbered in topological order,
 * so each is defined before it is used. Text is what `ncssl derive` prints and what mathjs parses
 * back (`tanh`, `sqrt`, and the functions `softplus`, `sigmoid`, `relu`, `step` by name); LaTeX is
 * what the reports typeset. Past a size budget nothing is printed: the expression's size is
 * returned instead (nodes and named subexpressions), since a variant's field can be megabytes.
 *
 * Example: for f = tanh(x·y) and g = tanh(x·y)², `renderExpressions(dag, [f, g])` names
 * u_1 = tanh(x*y) and gives the roots 'u_1' and 'u_1^2'.
 */
import type { Rational } from '../exact/rational.js';
import { type Dag, type Node, Op } from './dag.js';

/** One printed expression: its text, its LaTeX, and the LaTeX of its top-level terms (with their signs) for line breaking. */
export interface RenderedExpression {
  text: string;
  latex: string;
  latexTerms: string[];
}

export interface NamedSubexpression extends RenderedExpression {
  /** `u_3` in text, `u_{3}` in LaTeX. */
  name: string;
  nameLatex: string;
}

export type ExpressionRendering =
  | { kind: 'rendered'; named: NamedSubexpression[]; roots: RenderedExpression[] }
  /** Over the budget: the size of what would have been printed. */
  | { kind: 'too-large'; nodes: number; named: number; budget: number };

export interface RenderOptions {
  /** Most characters of text (definitions and roots together); beyond, the size is returned instead. */
  budget?: number;
  /** How a variable's name is written in LaTeX (default `variantVariableLatex`). */
  variableLatex?: (name: string) => string;
  /** The letter of the names (default `u`). */
  letter?: string;
}

export const DEFAULT_RENDER_BUDGET = 200_000;

/**
 * A variant's parameter as LaTeX: `A_1_2` → `A_{12}` (`A_{10,2}` past 9), an MLP layer's
 * `A2_1_3` → `A^{(2)}_{13}` and bias `a1_2` → `a^{(1)}_{2}`; the target (T, t) and the predictor (B)
 * the same way; any other name upright.
 */
export function variantVariableLatex(name: string): string {
  const index = (...ks: string[]) => (ks.every((k) => k.length === 1) ? ks.join('') : ks.join(','));
  const entry = /^([A-Za-z])(\d*)_(\d+)_(\d+)$/.exec(name);
  if (entry) return `${entry[1]}${entry[2] ? `^{(${entry[2]})}` : ''}_{${index(entry[3]!, entry[4]!)}}`;
  const bias = /^([a-z])(\d+)_(\d+)$/.exec(name);
  if (bias) return `${bias[1]}^{(${bias[2]})}_{${bias[3]}}`;
  if (/^[A-Za-z]$/.test(name)) return name;
  return `\\mathrm{${name.replace(/[^A-Za-z0-9]/g, '')}}`;
}

// Precedences: a piece is wrapped in parentheses where its context needs a higher one.
const SUM = 1;
const PRODUCT = 2;
const POWER = 3;
const ATOM = 4;

interface Piece {
  s: string;
  prec: number;
}

/** What differs between text and LaTeX; the printer's logic (flattening, signs) is shared. */
interface Style {
  variable(name: string): string;
  name(letter: string, k: number): string;
  wrap(p: Piece): string;
  /** A positive rational. */
  number(r: Rational): Piece;
  product(factors: Piece[]): string;
  quotient(num: Piece, den: Piece): Piece;
  square(base: Piece): Piece;
  call(fn: string, arg: Piece): Piece;
}

const TEXT: Style = {
  variable: (name) => name,
  name: (letter, k) => `${letter}_${k}`,
  wrap: (p) => `(${p.s})`,
  number: (r) => (r.isInteger() ? { s: String(r.num), prec: ATOM } : { s: `${r.num}/${r.den}`, prec: PRODUCT }),
  product: (factors) => factors.map((f, k) => (f.prec < PRODUCT || (k > 0 && f.prec === PRODUCT) ? `(${f.s})` : f.s)).join('*'),
  quotient: (num, den) => ({ s: `${num.prec < PRODUCT ? `(${num.s})` : num.s}/${den.prec <= PRODUCT ? `(${den.s})` : den.s}`, prec: PRODUCT }),
  square: (base) => ({ s: `${base.prec < ATOM ? `(${base.s})` : base.s}^2`, prec: POWER }),
  call: (fn, arg) => ({ s: `${fn}(${arg.s})`, prec: ATOM }),
};

const LATEX_FUNCTIONS: Record<string, string> = {
  tanh: '\\tanh',
  softplus: '\\operatorname{softplus}',
  sigmoid: '\\operatorname{sigmoid}',
  relu: '\\operatorname{relu}',
  step: '\\operatorname{step}',
};

function latexStyle(variable: (name: string) => string): Style {
  return {
    variable,
    name: (letter, k) => `${letter}_{${k}}`,
    wrap: (p) => `\\left(${p.s}\\right)`,
    number: (r) => ({ s: r.isInteger() ? String(r.num) : `\\tfrac{${r.num}}{${r.den}}`, prec: ATOM }),
    // Juxtaposition, with a dot before a factor that starts with a digit (2 \cdot 3, not 23).
    product: (factors) =>
      factors
        .map((f, k) => {
          const s = f.prec < PRODUCT ? `\\left(${f.s}\\right)` : f.s;
          return k === 0 ? s : /^[0-9]/.test(s) ? ` \\cdot ${s}` : `\\, ${s}`;
        })
        .join(''),
    quotient: (num, den) => ({ s: `\\frac{${num.s}}{${den.s}}`, prec: ATOM }),
    // Parentheses unless the base is a plain symbol: a function, fraction or root, and a name that
    // already has a superscript (A^{(1)}_{11}: a second one would be a TeX error), are wrapped.
    square: (base) => ({ s: `${base.prec < ATOM || base.s.startsWith('\\') || base.s.includes('^') ? `\\left(${base.s}\\right)` : base.s}^{2}`, prec: POWER }),
    call: (fn, arg) => (fn === 'sqrt' ? { s: `\\sqrt{${arg.s}}`, prec: ATOM } : { s: `${LATEX_FUNCTIONS[fn]!}\\left(${arg.s}\\right)`, prec: ATOM }),
  };
}

const FUNCTION_OF: Partial<Record<number, string>> = { [Op.SQRT]: 'sqrt', [Op.TANH]: 'tanh', [Op.SOFTPLUS]: 'softplus', [Op.SIGMOID]: 'sigmoid', [Op.RELU]: 'relu', [Op.STEP]: 'step' };

class BudgetExceeded extends Error {}

/** The roots with their common subexpressions named, or their size when over the budget. */
export function renderExpressions(dag: Dag, roots: readonly Node[], options: RenderOptions = {}): ExpressionRendering {
  const budget = options.budget ?? DEFAULT_RENDER_BUDGET;
  const letter = options.letter ?? 'u';
  const order = dag.reachable(roots);
  // Uses per node id (an array: the Jacobian of a state-64 variant reaches a million nodes).
  const uses = new Int32Array(dag.size);
  for (const n of order) {
    if (dag.a[n]! >= 0) uses[dag.a[n]!]!++;
    if (dag.b[n]! >= 0) uses[dag.b[n]!]!++;
  }
  for (const r of roots) uses[r]!++;
  const leaf = (n: Node) => dag.op[n] === Op.VAR || dag.op[n] === Op.CONST;
  const trivial = (n: Node) => leaf(n) || (dag.op[n] === Op.NEG && leaf(dag.a[n]!));
  const namedNodes = order.filter((n) => uses[n]! > 1 && !trivial(n));
  const number = new Map(namedNodes.map((n, k) => [n, k + 1]));
  try {
    let used = 0;
    const spend = (s: string) => {
      used += s.length;
      if (used > budget) throw new BudgetExceeded();
      return s;
    };
    const text = new Printer(dag, TEXT, number, letter, budget);
    const latex = new Printer(dag, latexStyle(options.variableLatex ?? variantVariableLatex), number, letter, Infinity);
    const named = namedNodes.map((n, k): NamedSubexpression => {
      const t = spend(text.definition(n).s);
      const l = latex.displayTerms(n);
      return { name: TEXT.name(letter, k + 1), nameLatex: `${letter}_{${k + 1}}`, text: t, latex: l.join(' '), latexTerms: l };
    });
    const rendered = roots.map((r): RenderedExpression => {
      const t = spend(text.reference(r).s);
      const l = number.has(r) ? [latex.reference(r).s] : latex.displayTerms(r);
      return { text: t, latex: l.join(' '), latexTerms: l };
    });
    return { kind: 'rendered', named, roots: rendered };
  } catch (e) {
    if (e instanceof BudgetExceeded) return { kind: 'too-large', nodes: order.length, named: namedNodes.length, budget };
    throw e;
  }
}

/** One style's printer: a node by its name when it has one, else inline. */
class Printer {
  constructor(
    private readonly dag: Dag,
    private readonly style: Style,
    private readonly number: ReadonlyMap<Node, number>,
    private readonly letter: string,
    private readonly budget: number,
  ) {}

  reference(n: Node): Piece {
    const k = this.number.get(n);
    return k === undefined ? this.definition(n) : { s: this.style.name(this.letter, k), prec: ATOM };
  }

  /** The signed terms of n's definition, for line breaking: ['a', '- b', '+ c']. */
  definitionTerms(n: Node): string[] {
    const terms = this.signedTerms(n);
    return terms.map((t, k) => (k === 0 ? (t.negative ? `-${t.body}` : t.body) : `${t.negative ? '-' : '+'} ${t.body}`));
  }

  /**
   * The terms of a display of n, for line breaking: its signed terms, where a product over one
   * sum is opened into that sum's terms (`c\,x\,\Bigl(t_1`, `+ t_2`, …, `+ t_m\Bigr)`; \Bigl opens, so a leading minus stays unary), recursively.
   */
  displayTerms(n: Node, depth = 0): string[] {
    return this.signedTerms(n).flatMap((t, k) => {
      const sign = k === 0 ? (t.negative ? '-' : '') : t.negative ? '- ' : '+ ';
      const opened = t.product === undefined ? null : this.openProduct(t.product, depth);
      return opened ? [`${sign}${opened[0]}`, ...opened.slice(1)] : [`${sign}${t.body}`];
    });
  }

  /** A product with exactly one unnamed sum among its factors, as that sum's terms in big parentheses (its sign left to the caller); else null. */
  private openProduct(m: Node, depth: number): string[] | null {
    const { dag } = this;
    const parts = this.productParts(m);
    const isSum = (f: Node) => !this.number.has(f) && (dag.op[f] === Op.ADD || dag.op[f] === Op.NEG);
    const sums = parts.factors.filter(isSum);
    if (sums.length !== 1) return null;
    const inner = this.displayTerms(sums[0]!, depth + 1);
    if (inner.length < 2) return null;
    const others = parts.factors.filter((f) => !isSum(f)).map((f) => this.reference(f));
    const all = parts.magnitude === null || parts.magnitude.isOne() ? others : [this.style.number(parts.magnitude), ...others];
    const [open, close] = depth === 0 ? ['\\Bigl(', '\\Bigr)'] : ['\\bigl(', '\\bigr)'];
    const prefix = all.length === 0 ? '' : `${this.style.product(all)}\\,`;
    return inner.map((t, k) => `${k === 0 ? `${prefix}${open}` : ''}${t}${k === inner.length - 1 ? close : ''}`);
  }

  /** n itself, inline, ignoring its own name (its children by theirs). */
  definition(n: Node): Piece {
    const piece = this.inline(n);
    if (piece.s.length > this.budget) throw new BudgetExceeded();
    return piece;
  }

  private inline(n: Node): Piece {
    const piece = this.inlineUnchecked(n);
    if (piece.s.length > this.budget) throw new BudgetExceeded();
    return piece;
  }

  private inlineUnchecked(n: Node): Piece {
    const { dag, style } = this;
    switch (dag.op[n]) {
      case Op.VAR:
        return { s: style.variable(dag.variables[dag.variableOf[n]!]!), prec: ATOM };
      case Op.CONST: {
        const r = dag.constants[n]!;
        if (r.sign() >= 0) return style.number(r);
        return { s: `-${this.factorText(style.number(r.neg()), true)}`, prec: SUM };
      }
      case Op.ADD:
      case Op.NEG:
        return { s: this.definitionTerms(n).join(' '), prec: SUM };
      case Op.MUL: {
        const { negative, body } = this.product(n);
        return negative ? { s: `-${this.factorText(body, true)}`, prec: SUM } : body;
      }
      case Op.DIV:
        return style.quotient(this.reference(dag.a[n]!), this.reference(dag.b[n]!));
      case Op.SQR:
        return style.square(this.reference(dag.a[n]!));
      default: {
        const fn = FUNCTION_OF[dag.op[n]!];
        if (!fn) throw new Error(`render: unexpected op ${dag.op[n]}`);
        return style.call(fn, this.reference(dag.a[n]!));
      }
    }
  }

  /** A single factor as it stands after a sign: wrapped when it is a sum (or, in text, a product). */
  private factorText(p: Piece, afterSign: boolean): string {
    return p.prec < PRODUCT || (afterSign && p.prec === SUM) ? this.style.wrap(p) : p.s;
  }

  /** The terms of a sum, through unnamed sums and negations, each with its sign pulled out. */
  private signedTerms(n: Node): Array<{ negative: boolean; body: string; product?: Node }> {
    const out: Array<{ negative: boolean; body: string; product?: Node }> = [];
    const walk = (m: Node, negative: boolean, top: boolean) => {
      const own = top || !this.number.has(m);
      const op = this.dag.op[m];
      if (own && op === Op.ADD) {
        walk(this.dag.a[m]!, negative, false);
        walk(this.dag.b[m]!, negative, false);
        return;
      }
      if (own && op === Op.NEG) {
        walk(this.dag.a[m]!, !negative, false);
        return;
      }
      if (own && op === Op.CONST && this.dag.constants[m]!.sign() < 0) {
        out.push({ negative: !negative, body: this.style.number(this.dag.constants[m]!.neg()).s });
        return;
      }
      if (own && op === Op.MUL) {
        const p = this.product(m);
        const sign = negative !== p.negative;
        out.push({ negative: sign, body: sign ? this.factorText(p.body, true) : p.body.s, product: m });
        return;
      }
      const piece = top ? this.inline(m) : this.reference(m);
      out.push({ negative, body: negative ? this.factorText(piece, true) : piece.s });
    };
    walk(n, false, true);
    return out;
  }

  /** A product through unnamed products and negations: its constant coefficient merged, its sign apart. */
  /** A product's parts through unnamed products and negations: its sign, the magnitude of its constant coefficient, its other factors. */
  private productParts(n: Node): { negative: boolean; magnitude: Rational | null; factors: Node[] } {
    const { dag } = this;
    let coefficient: Rational | null = null;
    let negative = false;
    const factors: Node[] = [];
    const walk = (m: Node, top: boolean) => {
      const own = top || !this.number.has(m);
      if (own && dag.op[m] === Op.MUL) {
        walk(dag.a[m]!, false);
        walk(dag.b[m]!, false);
      } else if (own && dag.op[m] === Op.NEG) {
        negative = !negative;
        walk(dag.a[m]!, false);
      } else if (dag.op[m] === Op.CONST) {
        const r = dag.constants[m]!;
        coefficient = coefficient === null ? r : coefficient.mul(r);
      } else {
        factors.push(m);
      }
    };
    walk(n, true);
    const c = coefficient as Rational | null;
    if (c !== null && c.sign() < 0) negative = !negative;
    return { negative, magnitude: c === null ? null : c.abs(), factors };
  }

  /** A product: its constant coefficient merged, its sign apart. */
  private product(n: Node): { negative: boolean; body: Piece } {
    const { negative, magnitude, factors } = this.productParts(n);
    const pieces = factors.map((m) => this.reference(m));
    const all = magnitude === null || magnitude.isOne() ? pieces : [this.style.number(magnitude), ...pieces];
    if (all.length === 0) return { negative, body: this.style.number(magnitude!) };
    if (all.length === 1) return { negative, body: all[0]! };
    return { negative, body: { s: this.style.product(all), prec: PRODUCT } };
  }


}
