/**
 * The report document as a standalone LaTeX article (amsmath, amssymb, booktabs, geometry — all
 * in Debian's texlive-latex-base and -recommended, with hyperref) for two pdflatex passes: the
 * first writes the section labels and the contents, the second prints them. Sections are real
 * \\section commands with labels, so the PDF has a table of contents, bookmarks and links.
 *
 * Example: `writeFileSync('scalar.tex', reportLatex(doc))`, then `pdflatex scalar.tex` twice.
 */
import {
  type Block,
  type EquationRow,
  type Inline,
  type MatrixSummary,
  type ReportDocument,
  type Section,
  figureFileName,
  referenceText,
} from '../report/document.js';
import { figureFontNote } from './figure-fonts.js';
import { DISPLAY_WIDTH, rowWidth } from '../report/equations.js';
import { pdfFigureFiles } from './figure-files.js';
import { registerFormat } from './formats.js';

const SPECIAL: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '#': '\\#',
  '%': '\\%',
  _: '\\_',
  '^': '\\^{}',
  '~': '\\~{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
};

/** The few non-ASCII characters text may carry, in plain LaTeX. */
const NON_ASCII: Record<string, string> = {
  '—': '---',
  '–': '--',
  '‘': '`',
  '’': "'",
  '“': '``',
  '”': "''",
  '…': '\\ldots{}',
  '×': '$\\times$',
  '≠': '$\\neq$',
  '≤': '$\\leq$',
  '≥': '$\\geq$',
  'é': "\\'e",
  'è': '\\`e',
  'ü': '\\"u',
  'ö': '\\"o',
  'ä': '\\"a',
};

/** Plain text for pdflatex: specials escaped; any other non-ASCII character as its code point. */
export function latexText(s: string): string {
  let out = '';
  for (const ch of s) {
    if (ch in SPECIAL) out += SPECIAL[ch];
    else if (ch.charCodeAt(0) < 128) out += ch;
    else out += NON_ASCII[ch] ?? `\\texttt{[U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]}`;
  }
  return out;
}

function codeText(s: string): string {
  // Allow breaks after path separators so a long file name cannot overflow the line.
  return `\\texttt{${latexText(s).replace(/([/.-])/g, '$1\\allowbreak{}')}}`;
}

function inline(doc: ReportDocument, xs: readonly Inline[]): string {
  return xs
    .map((x) => {
      switch (x.kind) {
        case 'text':
          return latexText(x.text);
        case 'math':
          return `$${x.latex}$`;
        case 'emph':
          return `\\emph{${latexText(x.text)}}`;
        case 'code':
          return codeText(x.text);
        case 'ref':
          return refLink(doc, x.target);
      }
    })
    .join('');
}

/** A link to a section, "Section~4.1", through its \\label (hyperref makes it clickable). */
function refLink(doc: ReportDocument, id: string): string {
  const [word] = referenceText(doc, id).split(' ');
  return `${word}~\\ref{${labelOf(id)}}`;
}

/** Section ids are lower-case letters, digits and '-': safe in a \\label as they are. */
const labelOf = (id: string) => `sec:${id}`;

/** The rows as equations: a row with a left side starts one, the rows after it without one continue it. */
function equations(rows: readonly EquationRow[]): EquationRow[][] {
  const out: EquationRow[][] = [];
  for (const r of rows) {
    if (r.left !== '' || out.length === 0) out.push([r]);
    else out[out.length - 1]!.push(r);
  }
  return out;
}

/** Space between equations set side by side, in em (`,\qquad`). */
const SIDE_BY_SIDE_GAP = 2.5;

/**
 * Equations of one row each, every one with its left side, on one line when they fit the display
 * width together (null otherwise): a pair such as Ȧ = …, Ḃ = … reads as well across as down, and
 * the page is shorter. Chains of relations keep their aligned rows.
 */
function oneLine(rows: readonly EquationRow[], width: number): string | null {
  const eqs = equations(rows);
  if (!eqs.every((e) => e.length === 1 && e[0]!.left !== '')) return null;
  const total = eqs.reduce((w, [r]) => w + rowWidth(r!), 0) + SIDE_BY_SIDE_GAP * (eqs.length - 1);
  return total <= width ? eqs.map(([r]) => `${r!.left} ${r!.right}`).join(',\\qquad ') : null;
}

function align(rows: readonly EquationRow[]): string {
  const line = rows.length > 1 ? oneLine(rows, DISPLAY_WIDTH) : null;
  if (line !== null) return `\\[\n${line}\n\\]`;
  return `\\begin{align*}\n${rows.map((r) => `${r.left} &${r.right}`).join(' \\\\\n')}\n\\end{align*}`;
}

/** Widest run of equations set inline in a paragraph instead of displayed after it, in em. */
const INLINE_WIDTH = 24;

/** Equations short enough to end the paragraph that introduces them, on its line, or null. */
function inlineEquation(rows: readonly EquationRow[]): string | null {
  if (rows.some((r) => r.left.includes('\\begin') || r.right.includes('\\begin'))) return null;
  return rows.length === 1 && rows[0]!.left !== '' ? (rowWidth(rows[0]!) <= INLINE_WIDTH ? `${rows[0]!.left} ${rows[0]!.right}` : null) : oneLine(rows, INLINE_WIDTH);
}

/** A step's `where` definitions: inline after the display when short and free of environments. */
function whereClause(rows: readonly EquationRow[]): string {
  const line = inlineEquation(rows);
  return line === null ? ['where', align(rows)].join('\n') : `where $${line}$.`;
}

/**
 * A number's stacked fraction `\\tfrac{39}{98}` as `39/98` in a table cell, where a stacked one
 * would make its row twice as tall; not before a letter, a command or a parenthesis, where
 * `47/49 λ` would read as a quotient.
 */
function slashedFractions(cell: string): string {
  return cell.replace(/\\tfrac\{(\d+)\}\{(\d+)\}(?!\s*[\\A-Za-z(])/g, '$1/$2');
}

function tabular(header: string[], rows: string[][]): string {
  const spec = header.map(() => 'l').join('');
  return [
    // Tables one size down: a row of an equilibria table is as wide as the page allows.
    '\\begin{center}\\small',
    `\\begin{tabular}{${spec}}`,
    '\\toprule',
    `${header.join(' & ')} \\\\`,
    '\\midrule',
    ...rows.map((r) => `${r.join(' & ')} \\\\`),
    '\\bottomrule',
    '\\end{tabular}',
    '\\end{center}',
  ].join('\n');
}

function summary(doc: ReportDocument, b: MatrixSummary): string {
  const header = ['', ...b.colBlocks.map((c) => `$${c.label}$ (${c.size})`)];
  const rows = b.rowBlocks.map((r, i) => [
    `$${r.label}$ (${r.size})`,
    ...b.colBlocks.map((_, j) => (b.nonzero[i]![j]! === 0 ? '0' : `${b.nonzero[i]![j]} nonzero, degree ${b.degree[i]![j]}`)),
  ]);
  const total = b.nonzero.flat().reduce((a, c) => a + c, 0);
  const where = b.fullIn ? ` In full in ${refLink(doc, b.fullIn)}.` : '';
  return [
    inline(doc, b.caption),
    '',
    tabular(header, rows),
    '',
    `A ${b.rows}$\\times$${b.cols} matrix with ${total} nonzero entries.${where}`,
  ].join('\n');
}

function block(doc: ReportDocument, b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `\\subsubsection*{${latexText(b.text)}}`;
    case 'paragraph':
      return inline(doc, b.content);
    case 'equation':
      return align(b.rows);
    case 'steps':
      return b.steps
        .map((s, k) => {
          const parts = [`\\textbf{(${k + 1})} ${inline(doc, s.because)}`, align(s.rows)];
          if (s.where) parts.push(whereClause(s.where));
          return parts.join('\n');
        })
        .join('\n\n');
    case 'table':
      return tabular(
        b.header.map((h) => inline(doc, h)),
        b.rows.map((r) => r.map((c) => slashedFractions(inline(doc, c)))),
      );
    case 'list':
      return `\\begin{itemize}\n${b.items.map((i) => `\\item ${inline(doc, i)}`).join('\n')}\n\\end{itemize}`;
    case 'matrix-summary':
      return summary(doc, b);
    case 'figure': {
      // The figure is a PDF beside the .tex (`ncssl report --out`); without it the page says so instead of failing.
      const file = figureFileName(doc, b.id, 'pdf');
      return [
        '\\begin{figure}[htbp]',
        '\\centering',
        `\\IfFileExists{${file}}{\\includegraphics[width=0.6\\linewidth]{${file}}}{\\fbox{\\parbox{0.8\\linewidth}{\\centering ${codeText(file)} is missing: write the report with \\texttt{--out DIR}.}}}`,
        `\\caption{${inline(doc, b.caption)}}`,
        '\\end{figure}',
      ].join('\n');
    }
  }
}

const HEADING = ['section', 'subsection', 'subsubsection'];

/**
 * A numbered \\section (or sub-, subsubsection) with a \\label: LaTeX numbers it, the contents
 * and the PDF bookmarks list it, and \\ref links to it. The document's own number is set as the
 * displayed number, so the printed numbers are the document's in every format (appendix "A",
 * "A.1", and past 26 appendices "A1") while LaTeX's counters only keep the anchors unique.
 */
function section(doc: ReportDocument, s: Section, depth: number): string {
  const level = Math.min(depth, HEADING.length - 1);
  const command = HEADING[level]!;
  const parts = [`\\renewcommand{\\the${command}}{${s.number}}`, `\\${command}{${latexText(s.title)}}\\label{${labelOf(s.id)}}`];
  for (let k = 0; k < s.blocks.length; k++) {
    const b = s.blocks[k]!;
    const next = s.blocks[k + 1];
    const short = b.kind === 'paragraph' && next?.kind === 'equation' ? inlineEquation(next.rows) : null;
    if (short !== null) {
      // `…, each verified as an exact identity: $Q_1 = A^2 - B^2$.` instead of a display of one short line.
      parts.push(`${inline(doc, (b as { content: Inline[] }).content)} $${short}$.`);
      k++;
    } else parts.push(block(doc, b));
  }
  for (const sub of s.subsections) parts.push(section(doc, sub, depth + 1));
  return parts.join('\n\n');
}

const PREAMBLE = `\\documentclass[10pt]{article}
\\usepackage[margin=0.55in,top=0.5in,bottom=0.6in]{geometry}
\\usepackage{amsmath,amssymb}
\\usepackage{booktabs}
\\usepackage{graphicx}
\\usepackage{multicol}
\\usepackage[hidelinks,bookmarks=true,bookmarksnumbered=true,bookmarksopen=true,pdfborder={0 0 0}]{hyperref}
\\allowdisplaybreaks
\\setcounter{secnumdepth}{3}
\\setcounter{tocdepth}{2}
\\setlength{\\parindent}{0pt}
\\setlength{\\parskip}{0.15em plus 0.1em minus 0.05em}
\\emergencystretch=2em
% Displays sit close to the text that introduces them.
\\AtBeginDocument{\\setlength{\\abovedisplayskip}{3pt plus 1pt}\\setlength{\\belowdisplayskip}{3pt plus 1pt}\\setlength{\\abovedisplayshortskip}{2pt}\\setlength{\\belowdisplayshortskip}{2pt}}
% The default bullet comes from a TS1 text font that pdflatex would have to generate as a bitmap.
\\renewcommand{\\labelitemi}{$\\bullet$}
% Headings, lists and floats closer to their text: the scalar report is meant as a short handout.
\\makeatletter
\\renewcommand{\\section}{\\@startsection{section}{1}{0pt}{-1.6ex plus -0.5ex minus -0.2ex}{0.8ex plus 0.2ex}{\\normalfont\\large\\bfseries}}
\\renewcommand{\\subsection}{\\@startsection{subsection}{2}{0pt}{-1.3ex plus -0.4ex minus -0.2ex}{0.5ex plus 0.2ex}{\\normalfont\\normalsize\\bfseries}}
\\renewcommand{\\subsubsection}{\\@startsection{subsubsection}{3}{0pt}{-1.1ex plus -0.3ex minus -0.2ex}{0.3ex plus 0.1ex}{\\normalfont\\normalsize\\itshape}}
\\makeatother
\\setlength{\\textfloatsep}{8pt plus 2pt minus 2pt}
\\setlength{\\floatsep}{8pt plus 2pt minus 2pt}
\\setlength{\\intextsep}{8pt plus 2pt minus 2pt}
\\setlength{\\abovecaptionskip}{4pt}
\\renewcommand{\\topfraction}{0.9}
\\renewcommand{\\textfraction}{0.07}
\\renewcommand{\\floatpagefraction}{0.8}
\\let\\ncsslitemize\\itemize
\\renewcommand{\\itemize}{\\ncsslitemize\\setlength{\\itemsep}{1pt}\\setlength{\\topsep}{2pt}}`;

export function reportLatex(doc: ReportDocument): string {
  const body = [
    PREAMBLE,
    `\\hypersetup{pdftitle={${latexText(doc.title)}}}`,
    '\\begin{document}',
    `\\begin{center}\n{\\Large\\bfseries ${latexText(doc.title)}}\\\\[0.6em]\n${inline(doc, doc.subtitle)}\n\\end{center}`,
    // Two columns: the entries are short, and a one-column list leaves half the first page empty.
    '{\\small\\begin{multicols}{2}\\tableofcontents\\end{multicols}}',
    ...doc.sections.map((s) => section(doc, s, 0)),
    ...(doc.appendix.length > 0 ? ['\\clearpage', '\\appendix', ...doc.appendix.map((s) => section(doc, s, 0))] : []),
    '\\end{document}',
  ];
  return `${body.join('\n\n')}\n`;
}

registerFormat({ name: 'tex', print: reportLatex, figures: pdfFigureFiles, notes: () => [figureFontNote()].filter((n) => n !== null) });
