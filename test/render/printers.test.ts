/**
 * The printers' small pieces: polynomial and matrix LaTeX (subscripts, fractions, parentheses,
 * line breaking that never changes the formula), text escaping per format, and that each printer
 * renders every block kind of a hand-made document.
 */
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { q } from '../../src/exact/rational.js';
import { type MatExpr, neg, product, sum, sym, transpose } from '../../src/matrix/expr.js';
import { scalarSymbol } from '../../src/matrix/scalars.js';
import { matrixSymbol } from '../../src/matrix/symbols.js';
import { parsePoly } from '../../src/poly/parse.js';
import { Ring } from '../../src/poly/ring.js';
import { type ReportDocument, code, emph, math, paragraph, ref, text } from '../../src/report/document.js';
import { escapeHtml, reportHtml } from '../../src/render/html.js';
import { reportJson } from '../../src/render/json.js';
import { latexText, reportLatex } from '../../src/render/latex.js';
import { matrixLatex, matrixLatexLines } from '../../src/notation/latex-matrix.js';
import { breakTerms, polyLatex, polyLatexLines, rationalLatex, variableLatex } from '../../src/notation/latex-poly.js';
import { latexWidth } from '../../src/notation/latex-width.js';
import { markdownText, reportMarkdown } from '../../src/render/markdown.js';

const R = new Ring(['A_1_1', 'A_1_2', 'B_12_3', 'T_2_1', 'x1_3', 'alpha']);
const strict = (s: string, displayMode = false) => katex.renderToString(s, { displayMode, throwOnError: true, strict: 'error' });

describe('polynomial LaTeX', () => {
  it('subscripts, powers and fractions', () => {
    expect(variableLatex('B_12_3')).toBe('B_{12,3}');
    expect(variableLatex('x1_3')).toBe('x_{1,3}');
    expect(variableLatex('alpha')).toBe('\\alpha');
    expect(rationalLatex(q(-3, 4))).toBe('-\\tfrac{3}{4}');
    const p = parsePoly(R, '3/2*A_1_1^2*B_12_3 - A_1_2 + 1/3');
    expect(polyLatex(p)).toBe('\\tfrac{3}{2} A_{1,1}^{2} B_{12,3} - A_{1,2} + \\tfrac{1}{3}');
    expect(polyLatex(parsePoly(R, '-A_1_1'))).toBe('-A_{1,1}');
    expect(polyLatex(parsePoly(R, '0'))).toBe('0');
    strict(polyLatex(p));
  });

  it('breaks long polynomials at signs into lines within the width, losing nothing', () => {
    const long = parsePoly(R, Array.from({ length: 40 }, (_, k) => `${k + 1}/7*A_1_1^${k + 1}*T_2_1`).join(' - '));
    const lines = polyLatexLines(long, 20);
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines.slice(0, -1)) expect(latexWidth(l)).toBeLessThanOrEqual(20);
    expect(lines.join(' ')).toBe(polyLatex(long));
    for (const l of lines.slice(1)) expect(l).toMatch(/^[+-] /);
  });

  it('a term wider than the line gets a line of its own', () => {
    expect(breakTerms(['a', '+ b', `+ ${'x'.repeat(50)}`, '+ c'], 10)).toEqual(['a + b', `+ ${'x'.repeat(50)}`, '+ c']);
  });

  it('width estimates grow with the formula', () => {
    expect(latexWidth('A_{1,2}')).toBeLessThan(latexWidth('A_{1,2} B_{1,1}^{2}'));
    expect(latexWidth('\\tfrac{1}{2}')).toBeLessThan(latexWidth('\\tfrac{123}{456}'));
    expect(latexWidth('\\operatorname{tr}(X)')).toBeGreaterThan(latexWidth('X'));
  });
});

describe('matrix-expression LaTeX', () => {
  const dim = { name: 'q', size: 2 };
  const mk = (id: string, latex = id) => matrixSymbol({ id, latex, shape: { rows: dim, cols: dim }, symmetric: false, role: 'state', rank: 0 });
  const [A, B, M] = [mk('A'), mk('B'), mk('M')];

  it('parenthesises by precedence', () => {
    const e: MatExpr = product([transpose(sym(B)), sum([sym(A), neg(sym(M))])]);
    expect(matrixLatex(e)).toBe('B^{\\top} (A - M)');
    expect(matrixLatex(transpose(product([sym(A), sym(B)])))).toBe('(A B)^{\\top}');
    expect(matrixLatex(neg(product([{ kind: 'coefficient', value: scalarSymbol('alpha') }, sum([sym(A), sym(B)])])))).toBe('-\\alpha (A + B)');
  });

  it('breaks inside a trailing parenthesis and the lines rejoin to the whole', () => {
    const terms = Array.from({ length: 12 }, (_, k) => (k % 2 ? neg(product([sym(A), sym(B)])) : product([sym(B), sym(M), sym(A)])));
    const e = neg(product([{ kind: 'coefficient', value: scalarSymbol('alpha') }, sum(terms)]));
    const lines = matrixLatexLines(e, 12);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join(' ')).toBe(matrixLatex(e));
    strict(`\\begin{aligned} X &= ${lines[0]} \\\\ &\\quad {}${lines[1]} \\end{aligned}`.replace('{}{', '{'), true);
  });
});

describe('printers', () => {
  const doc: ReportDocument = {
    title: 'A report & its 100% "test" <title> #1',
    fileBase: 'a_b',
    subtitle: [text('From '), code('proofs/a_b.yaml'), text('.')],
    sections: [
      {
        id: 'one',
        number: '1',
        title: 'First_section',
        blocks: [
          paragraph(text('Text with $ and _ and { } ~ ^ \\ chars, '), emph('emphasis'), text(', math '), math('A_{1,2}^{\\top}'), text(', a reference to '), ref('app')),
          { kind: 'heading', text: 'A heading' },
          { kind: 'equation', rows: [{ left: 'x', right: '= 1' }, { left: '', right: '\\quad {}+ 2' }] },
          { kind: 'steps', steps: [{ because: [text('Because.')], rows: [{ left: 'y', right: '= 2' }], where: [{ left: 'M', right: '= A' }] }] },
          { kind: 'table', header: [[text('a')], [math('\\lambda')]], rows: [[[text('x|y')], [math('1')]]] },
          { kind: 'list', items: [[text('item')]] },
          {
            kind: 'matrix-summary',
            caption: [text('A summary:')],
            rows: 3,
            cols: 3,
            rowBlocks: [{ label: 'A', size: 2 }, { label: 'B', size: 1 }],
            colBlocks: [{ label: 'A', size: 2 }, { label: 'B', size: 1 }],
            nonzero: [[4, 0], [1, 1]],
            degree: [[2, -1], [1, 0]],
            fullIn: 'app',
          },
        ],
        subsections: [],
        data: { secret: 'only in json' },
      },
    ],
    appendix: [{ id: 'app', number: 'A', title: 'Appendix stuff', blocks: [paragraph(text('Ünïcode — here'))], subsections: [] }],
  };

  it('LaTeX escapes text, keeps math, numbers appendix references, and writes no date', () => {
    const tex = reportLatex(doc);
    expect(tex).toContain('A report \\& its 100\\% "test" \\textless{}title\\textgreater{} \\#1');
    expect(tex).toContain('First\\_section');
    expect(tex).toContain('$A_{1,2}^{\\top}$');
    expect(tex).toContain('Appendix~\\ref{sec:app}');
    expect(tex).toContain('\\section{Appendix stuff}\\label{sec:app}');
    expect(tex).toContain('\\begin{align*}\nx &= 1 \\\\\n &\\quad {}+ 2\n\\end{align*}');
    expect(tex).not.toMatch(/\\today|\\date\{[^}]/);
    expect(tex).not.toContain('only in json');
    // Every character outside math and commands is ASCII.
    expect([...tex].every((c) => c.charCodeAt(0) < 128)).toBe(true);
    expect(latexText('Σ')).toBe('\\texttt{[U+03A3]}');
  });

  it('HTML escapes text and renders every formula with KaTeX, and nothing calls out', () => {
    const html = reportHtml(doc);
    expect(html).toContain(escapeHtml('A report & its 100% "test" <title> #1'));
    expect(html).not.toContain('<title> #1');
    expect(html).toContain('class="katex"');
    expect(html).not.toContain('katex-error');
    expect(html).not.toMatch(/<script|(src|href)="https?:|url\(https?:/);
    expect(html).toContain('<details id="app"');
    expect(html).toContain('href="#app">Appendix A</a>');
  });

  it('Markdown escapes text, keeps $…$ and $$…$$ math, and links references', () => {
    const md = reportMarkdown(doc);
    expect(md).toContain(markdownText('Text with $ and _'));
    expect(md).toContain('$A_{1,2}^{\\top}$');
    expect(md).toContain('$$\n\\begin{aligned}\nx &= 1 \\\\\n &\\quad {}+ 2\n\\end{aligned}\n$$');
    expect(md).toContain('[Appendix A](#app)');
    expect(md).toContain('x\\|y');
  });

  it('JSON carries the whole document with its data', () => {
    const json = JSON.parse(reportJson(doc));
    expect(json.format).toBe('ncssl-report');
    expect(json.sections[0].data.secret).toBe('only in json');
    expect(json.appendix[0].id).toBe('app');
  });
});
