/**
 * The report document as GitHub Markdown: `$…$` inline math and `$$…$$` display blocks (an
 * `aligned` environment per display), headings with explicit anchors for the references.
 *
 * Example: `writeFileSync('scalar.md', reportMarkdown(doc))`.
 */
import {
  type Block,
  type EquationRow,
  type Inline,
  type MatrixSummary,
  type ReportDocument,
  type Section,
  alignedLatex,
  figureFileName,
  figureLabel,
  referenceText,
} from '../report/document.js';
import { svgFigureFiles } from './figure-files.js';
import { registerFormat } from './formats.js';

/** Markdown text with its syntax characters escaped. */
export function markdownText(s: string): string {
  return s.replace(/([\\`*_[\]{}<>#|$~])/g, '\\$1');
}

function inline(doc: ReportDocument, xs: readonly Inline[]): string {
  return xs
    .map((x) => {
      switch (x.kind) {
        case 'text':
          return markdownText(x.text);
        case 'math':
          return `$${inlineMath(x.latex)}$`;
        case 'emph':
          return `*${markdownText(x.text)}*`;
        case 'code':
          return `\`${x.text.replace(/`/g, "'")}\``;
        case 'ref':
          return `[${markdownText(referenceText(doc, x.target))}](#${x.target})`;
      }
    })
    .join('');
}

/**
 * Inline math with its thin spaces spelled as words: a backslash before punctuation (`\\,`) is
 * a Markdown escape, which a renderer that parses Markdown before math would eat.
 */
function inlineMath(latex: string): string {
  return latex.replace(/\\,/g, '\\thinspace ').replace(/\\;/g, '\\medspace ').replace(/\\!/g, '\\negthinspace ');
}

function display(rows: readonly EquationRow[]): string {
  return `$$\n${alignedLatex(rows)}\n$$`;
}

function table(header: string[], rows: string[][]): string {
  const cell = (c: string) => c.replace(/(?<!\\)\|/g, '\\|');
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

function summary(doc: ReportDocument, b: MatrixSummary): string {
  const header = [' ', ...b.colBlocks.map((c) => `$${c.label}$ (${c.size})`)];
  const rows = b.rowBlocks.map((r, i) => [
    `$${r.label}$ (${r.size})`,
    ...b.colBlocks.map((_, j) => (b.nonzero[i]![j]! === 0 ? '0' : `${b.nonzero[i]![j]} nonzero, degree ${b.degree[i]![j]}`)),
  ]);
  const total = b.nonzero.flat().reduce((a, c) => a + c, 0);
  const where = b.fullIn ? ` In full in [${markdownText(referenceText(doc, b.fullIn))}](#${b.fullIn}).` : '';
  return [inline(doc, b.caption), '', table(header, rows), '', `A ${b.rows}×${b.cols} matrix with ${total} nonzero entries.${where}`].join('\n');
}

function block(doc: ReportDocument, b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `**${markdownText(b.text)}**`;
    case 'paragraph':
      return inline(doc, b.content);
    case 'equation':
      return b.rows.length > FOLDED_ROWS ? folded(`${b.rows.length} lines`, display(b.rows)) : display(b.rows);
    case 'steps':
      return b.steps
        .map((s, k) => [`**(${k + 1})** ${inline(doc, s.because)}`, display(s.rows), ...(s.where ? ['where', display(s.where)] : [])].join('\n\n'))
        .join('\n\n');
    case 'table':
      return table(
        b.header.map((h) => inline(doc, h)),
        b.rows.map((r) => r.map((c) => inline(doc, c))),
      );
    case 'list':
      return b.items.map((i) => `- ${inline(doc, i)}`).join('\n');
    case 'matrix-summary':
      return summary(doc, b);
    case 'figure': {
      // GitHub does not render inline SVG: the figure is a file beside the report (`ncssl report --out`).
      const label = figureLabel(doc, b.id);
      return `![${markdownText(label)}](${figureFileName(doc, b.id, 'svg')})\n\n*${markdownText(label)}.* ${inline(doc, b.caption)}`;
    }
  }
}

/** Displays longer than this many lines are folded, so a reader scrolls past them in one click. */
const FOLDED_ROWS = 12;

/** A `<details>` block; GitHub renders the Markdown and math inside when blank lines surround it. */
function folded(summaryText: string, body: string): string {
  return `<details><summary>${markdownText(summaryText)}</summary>\n\n${body}\n\n</details>`;
}

function section(doc: ReportDocument, s: Section, depth: number, prefix: string, fold = false): string {
  const hashes = '#'.repeat(Math.min(depth + 2, 4));
  const body = [...s.blocks.map((b) => block(doc, b)), ...s.subsections.map((sub) => section(doc, sub, depth + 1, prefix))].join('\n\n');
  return [`<a id="${s.id}"></a>\n\n${hashes} ${markdownText(prefix + s.number)} ${markdownText(s.title)}`, fold ? folded('Show', body) : body].join('\n\n');
}

/** The contents: sections and their subsections, linked to their anchors. */
function contents(doc: ReportDocument): string {
  const line = (s: Section, depth: number, prefix: string) => `${'  '.repeat(depth)}- [${markdownText(prefix + s.number)} ${markdownText(s.title)}](#${s.id})`;
  const lines = [
    ...doc.sections.flatMap((s) => [line(s, 0, ''), ...s.subsections.map((sub) => line(sub, 1, ''))]),
    ...doc.appendix.map((s) => line(s, 0, 'Appendix ')),
  ];
  return `**Contents**\n\n${lines.join('\n')}`;
}

export function reportMarkdown(doc: ReportDocument): string {
  return `${[
    `# ${markdownText(doc.title)}`,
    inline(doc, doc.subtitle),
    contents(doc),
    ...doc.sections.map((s) => section(doc, s, 0, '')),
    // Appendix sections are long lists: folded, their headings (and anchors) left visible.
    ...doc.appendix.map((s) => section(doc, s, 0, 'Appendix ', true)),
  ].join('\n\n')}\n`;
}

registerFormat({ name: 'md', print: reportMarkdown, figures: svgFigureFiles });
