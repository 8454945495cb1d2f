/**
 * The report document as one self-contained HTML page: every formula rendered on the server with
 * KaTeX (`throwOnError` and strict mode, so a formula KaTeX would not typeset stops the build),
 * KaTeX's stylesheet and fonts inlined, and no script — it reads the same offline.
 *
 * Example: `writeFileSync('scalar.html', reportHtml(doc))`.
 */
import katex from 'katex';
import {
  type Block,
  type EquationRow,
  type Inline,
  type MatrixSummary,
  type ReportDocument,
  type Section,
  alignedLatex,
  figureLabel,
  referenceText,
} from '../report/document.js';
import { escapeMarkup } from './escape.js';
import { katexCss } from './katex-assets.js';
import { figureSvg } from './svg.js';
import { registerFormat } from './formats.js';

/** HTML text and attribute values (the same five characters as in SVG). */
export const escapeHtml = escapeMarkup;

/**
 * KaTeX with every warning an error: a formula that does not typeset never reaches a page.
 * `compact` renders MathML only (about a seventh of the size, drawn by the browser's own math
 * layout): used for the long lists of exact entries in the appendix, which would otherwise make
 * a large report tens of megabytes.
 */
export function renderMath(latex: string, displayMode: boolean, compact = false): string {
  return katex.renderToString(latex, { displayMode, throwOnError: true, strict: 'error', output: compact ? 'mathml' : 'htmlAndMathml' });
}

function inline(doc: ReportDocument, xs: readonly Inline[]): string {
  return xs
    .map((x) => {
      switch (x.kind) {
        case 'text':
          return escapeHtml(x.text);
        case 'math':
          return renderMath(x.latex, false);
        case 'emph':
          return `<em>${escapeHtml(x.text)}</em>`;
        case 'code':
          return `<code>${escapeHtml(x.text)}</code>`;
        case 'ref':
          return `<a href="#${escapeHtml(x.target)}">${escapeHtml(referenceText(doc, x.target))}</a>`;
      }
    })
    .join('');
}

/** Rows per KaTeX display: long lists of equations are split (between equations, never inside one) so the browser lays them out quickly. */
const ROWS_PER_DISPLAY = 12;

function display(rows: readonly EquationRow[], compact = false): string {
  const groups: EquationRow[][] = [];
  for (const r of rows) {
    const last = groups[groups.length - 1];
    if (!last || (r.left !== '' && last.length >= ROWS_PER_DISPLAY)) groups.push([r]);
    else last.push(r);
  }
  return groups.map((g) => `<div class="equation">${renderMath(alignedLatex(g), true, compact)}</div>`).join('\n');
}

function table(header: string[], rows: string[][]): string {
  return [
    '<table>',
    `<thead><tr>${header.map((h) => `<th>${h}</th>`).join('')}</tr></thead>`,
    `<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
}

function summary(doc: ReportDocument, b: MatrixSummary): string {
  const header = ['', ...b.colBlocks.map((c) => `${renderMath(c.label, false)} (${c.size})`)];
  const rows = b.rowBlocks.map((r, i) => [
    `${renderMath(r.label, false)} (${r.size})`,
    ...b.colBlocks.map((_, j) => (b.nonzero[i]![j]! === 0 ? '0' : `${b.nonzero[i]![j]} nonzero, degree ${b.degree[i]![j]}`)),
  ]);
  const total = b.nonzero.flat().reduce((a, c) => a + c, 0);
  const where = b.fullIn ? ` In full in <a href="#${escapeHtml(b.fullIn)}">${escapeHtml(referenceText(doc, b.fullIn))}</a>.` : '';
  return [
    `<figure class="summary"><figcaption>${inline(doc, b.caption)}</figcaption>`,
    table(header, rows),
    `<p>A ${b.rows}&times;${b.cols} matrix with ${total} nonzero entries.${where}</p></figure>`,
  ].join('\n');
}

function block(doc: ReportDocument, b: Block, compact = false): string {
  switch (b.kind) {
    case 'heading':
      return `<h4>${escapeHtml(b.text)}</h4>`;
    case 'paragraph':
      return `<p>${inline(doc, b.content)}</p>`;
    case 'equation':
      return display(b.rows, compact);
    case 'steps':
      return [
        '<ol class="steps">',
        ...b.steps.map((s) =>
          [`<li><p>${inline(doc, s.because)}</p>`, display(s.rows), ...(s.where ? ['<p class="where">where</p>', display(s.where)] : []), '</li>'].join('\n'),
        ),
        '</ol>',
      ].join('\n');
    case 'table':
      return table(
        b.header.map((h) => inline(doc, h)),
        b.rows.map((r) => r.map((c) => inline(doc, c))),
      );
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${inline(doc, i)}</li>`).join('\n')}</ul>`;
    case 'matrix-summary':
      return summary(doc, b);
    case 'figure':
      return [
        `<figure class="plot" id="figure-${escapeHtml(b.id)}">`,
        figureSvg(b.figure, `${figureLabel(doc, b.id)}: ${plainCaption(b.caption)}`),
        `<figcaption><strong>${escapeHtml(figureLabel(doc, b.id))}.</strong> ${inline(doc, b.caption)}</figcaption>`,
        '</figure>',
      ].join('\n');
  }
}

/** A caption as plain text, for the SVG's accessible title (math kept as its LaTeX). */
function plainCaption(xs: readonly Inline[]): string {
  return xs.map((x) => (x.kind === 'math' ? x.latex : x.kind === 'ref' ? x.target : x.text)).join('');
}

function section(doc: ReportDocument, s: Section, depth: number, prefix: string): string {
  const h = `h${Math.min(depth + 2, 4)}`;
  return [
    `<section id="${escapeHtml(s.id)}">`,
    `<${h}>${escapeHtml(prefix + s.number)}&ensp;${escapeHtml(s.title)}</${h}>`,
    ...s.blocks.map((b) => block(doc, b)),
    ...s.subsections.map((sub) => section(doc, sub, depth + 1, prefix)),
    '</section>',
  ].join('\n');
}

/**
 * An appendix section folded in a <details> element: long lists of exact entries stay out of the
 * layout until opened, so a large report loads quickly (a link to it opens it).
 */
function appendixSection(doc: ReportDocument, s: Section): string {
  return [
    `<details id="${escapeHtml(s.id)}" class="appendix">`,
    `<summary><h2>Appendix ${escapeHtml(s.number)}&ensp;${escapeHtml(s.title)}</h2></summary>`,
    ...s.blocks.map((b) => block(doc, b, true)),
    ...s.subsections.map((sub) => section(doc, sub, 1, 'Appendix ')),
    '</details>',
  ].join('\n');
}

function contents(doc: ReportDocument): string {
  const item = (s: Section, prefix: string): string =>
    `<li><a href="#${escapeHtml(s.id)}">${escapeHtml(prefix + s.number)}&ensp;${escapeHtml(s.title)}</a>${
      s.subsections.length > 0 && prefix === '' ? `<ul>${s.subsections.map((x) => item(x, prefix)).join('')}</ul>` : ''
    }</li>`;
  return `<nav><h2>Contents</h2><ul>${doc.sections.map((s) => item(s, '')).join('')}${doc.appendix.map((s) => item(s, 'Appendix ')).join('')}</ul></nav>`;
}

const PAGE_CSS = `
body { margin: 0; background: #fff; color: #1a1a1a; }
main { max-width: 52rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; font: 17px/1.55 Georgia, 'Times New Roman', serif; }
h1 { font-size: 1.7rem; margin-bottom: 0.3rem; }
h2 { font-size: 1.35rem; margin-top: 2.2rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
h3 { font-size: 1.15rem; margin-top: 1.8rem; }
h4 { font-size: 1rem; margin-top: 1.4rem; }
.subtitle { color: #555; margin-top: 0; }
.equation { overflow-x: auto; overflow-y: hidden; margin: 0.6rem 0 0.9rem; }
ol.steps { padding-left: 1.6rem; }
ol.steps > li { margin-bottom: 0.8rem; }
p.where { margin: 0.2rem 0; }
table { border-collapse: collapse; margin: 0.8rem 0; }
th, td { border-bottom: 1px solid #ccc; padding: 0.25rem 0.8rem; text-align: left; }
th { border-bottom: 2px solid #888; }
figure.summary { margin: 0.8rem 0; }
figure.plot { margin: 1rem 0; }
figure.plot svg { width: 100%; height: auto; }
figure.plot figcaption { font-size: 0.92em; color: #333; }
code { font-size: 0.9em; background: #f3f3f3; padding: 0 0.2em; }
details.appendix > summary { cursor: pointer; }
details.appendix math { font-size: 1em; }
details.appendix > summary > h2 { display: inline-block; }
nav ul { list-style: none; padding-left: 1.2rem; }
nav > ul { padding-left: 0; }
a { color: #1f4e8c; }
`;

export function reportHtml(doc: ReportDocument): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.title)}</title>`,
    `<style>${katexCss()}</style>`,
    `<style>${PAGE_CSS}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(doc.title)}</h1>`,
    `<p class="subtitle">${inline(doc, doc.subtitle)}</p>`,
    contents(doc),
    ...doc.sections.map((s) => section(doc, s, 0, '')),
    ...doc.appendix.map((s) => appendixSection(doc, s)),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

registerFormat({ name: 'html', print: reportHtml, figures: () => [] }); // figures inline
