/**
 * The combined report of a `prove` run as a format-neutral document (src/report/document.ts), so
 * that every registered printer (tex, html, md, json) writes it: a summary table, then one
 * section per statement with its words, its formula, the evidence kind that decides it and its
 * verdict on each model beside the expected one. The JSON printer also carries each section's
 * data (the statement and its rows as plain values).
 *
 * Example: `proofDocument(run).sections[0].title === 'Summary'`.
 */
import { type Block, type Inline, type ReportDocument, type Section, code, math, paragraph, text } from '../report/document.js';
import { getEvidence } from './evidence/index.js';
import type { ProofRow, ProofRun } from './run.js';
import { type Expectation, verdictWords } from './statement.js';

/**
 * Findings are worded for a terminal (P⁻¹V, C², Σ12ᵀ); the report's plain text must stay ASCII for
 * pdflatex, so those pieces become inline math and the remaining marks their ASCII spelling.
 */
const AS_MATH: Array<[RegExp, (m: string) => string]> = [
  [/P⁻¹V/, () => 'P^{-1}V'],
  [/−∇Φ/, () => '-\\nabla\\Phi'],
  [/Φ/, () => '\\Phi'],
  [/C²/, () => 'C^2'],
  [/Σ(\d+)(ᵀ?)/, (m) => `\\Sigma_{${m.slice(1).replace('ᵀ', '')}}${m.endsWith('ᵀ') ? '^{\\top}' : ''}`],
  [/[A-Za-z]ᵀ/, (m) => `${m[0]}^{\\top}`],
  [/[A-Za-z_0-9]+²/, (m) => `${m.slice(0, -1).replace(/_/g, '\\_')}^2`],
];
const ASCII: Record<string, string> = { '≈': '~', '‖': '||', '⁻': '^-', '¹': '1', '²': '^2', 'ᵀ': '^T', 'Σ': 'Sigma', '→': '->', 'λ': 'lambda', 'α': 'alpha', 'τ': 'tau' };

export function prose(s: string): Inline[] {
  const out: Inline[] = [];
  let rest = s;
  while (rest.length > 0) {
    let best: { at: number; length: number; latex: string } | null = null;
    for (const [re, latex] of AS_MATH) {
      const m = re.exec(rest);
      if (m && (best === null || m.index < best.at)) best = { at: m.index, length: m[0].length, latex: latex(m[0]) };
    }
    const head = best === null ? rest : rest.slice(0, best.at);
    if (head) out.push(text([...head].map((c) => ASCII[c] ?? c).join('')));
    if (best === null) break;
    out.push(math(best.latex));
    rest = rest.slice(best.at + best.length);
  }
  return out;
}

const expectedWords = (e: Expectation) => (e.level === undefined ? e.outcome : `${e.outcome} (${e.level})`);
const agreeWords = (r: ProofRow) => (r.agrees ? 'yes' : 'NO');

function summary(run: ProofRun): Section {
  const disagreements = run.rows.filter((r) => !r.agrees).length;
  const families = run.models.flatMap((m) => (m.kind === 'family' ? [m] : []));
  const variants = run.models.flatMap((m) => (m.kind === 'variant' ? [m] : []));
  const blocks: Block[] = [
    paragraph(
      text(
        `${run.statements.length} statements on ${run.models.length} models, ${run.rows.length} verdicts: ` +
          (disagreements === 0 ? 'every one agrees with its expectation.' : `${disagreements} disagree with their expectation.`) +
          ` Each model was checked once (seed ${run.options.seed}, ${run.options.samples} float curl samples) with the analyses its statements read; ` +
          'each verdict is read off those findings by the evidence kind the statement names.',
      ),
    ),
    ...(families.length === 0
      ? []
      : [
          paragraph(
            text(
              `${families.length === 1 ? 'One model is a family' : `${families.length} models are families`} (a spec with symbols: ` +
                families.map((m) => `${m.name} in ${m.symbols.join(', ')}`).join('; ') +
                '), checked once with every analysis for all admissible values of its symbols. A verdict on a family says how far it reaches: ' +
                '"for all admissible values" when it is read off a finding about every admissible value at once, ' +
                '"at sampled admissible values" when it rests on the seeded admissible values the family analyses also decide exactly (a counterexample at one of them refutes the statement; agreement at all of them proves nothing for the others).',
            ),
          ),
        ]),
    ...(variants.length === 0
      ? []
      : [
          paragraph(
            text(
              `${variants.length === 1 ? 'One model is a variant' : `${variants.length} models are variants`} beyond the linear family (a cosine loss, an MLP encoder, a predictor set from the codes, or data given as pairs: ` +
                variants.map((m) => m.name).join(', ') +
                `). Their fields are not polynomials, so the exact analyses do not apply: each was checked once by a curl enclosed in interval arithmetic at the same ${run.options.samples} seeded points (certified) ` +
                `and by ${variants[0]!.flows} seeded flows to rest, refined by Newton's method, with the stability of each limit judged in floats (numerical). A verdict on a variant is certified or numerical, never proved, and evidence kinds that read exact analyses only are undecided there.`,
            ),
          ),
        ]),
    {
      kind: 'table',
      header: [[text('statement')], [text('model')], [text('verdict')], [text('expected')], [text('agrees')]],
      rows: run.rows.map((r) => [[code(r.statement)], [code(r.model)], [text(verdictWords(r.verdict))], [text(expectedWords(r.expected))], [text(agreeWords(r))]]),
    },
  ];
  return { id: 'summary', number: '1', title: 'Summary', blocks, subsections: [] };
}

function statementSection(run: ProofRun, index: number): Section {
  const { statement, path } = run.statements[index]!;
  const rows = run.rows.filter((r) => r.statement === statement.name);
  const kind = getEvidence(statement.evidence.kind)!;
  const params = Object.entries(statement.evidence.params).map(([k, v]) => `${k}: ${String(v)}`).join(', ');
  const blocks: Block[] = [
    paragraph(...prose(statement.words)),
    { kind: 'equation', rows: [{ left: statement.latex, right: '' }] },
    paragraph(
      text(`From `),
      code(path),
      text(statement.claim ? `, part of claim ${statement.claim}. ` : '. '),
      text('Decided by the evidence kind '),
      code(statement.evidence.kind),
      text(params ? ` (${params}): ` : ': '),
      ...prose(kind.summary),
      text('.'),
    ),
    {
      kind: 'table',
      header: [[text('model')], [text('verdict')], [text('expected')], [text('agrees')], [text('what it rests on')]],
      rows: rows.map((r) => [[code(r.model)], [text(verdictWords(r.verdict))], [text(expectedWords(r.expected))], [text(agreeWords(r))], prose(r.verdict.evidence.join('; '))]),
    },
  ];
  const expectedFailures = rows.filter((r) => r.expected.why !== undefined);
  if (expectedFailures.length > 0) {
    blocks.push({ kind: 'list', items: expectedFailures.map((r) => [code(r.model), text(': '), ...prose(r.expected.why!)]) });
  }
  return {
    id: `statement-${statement.name}`,
    number: String(index + 2),
    title: statement.name,
    blocks,
    subsections: [],
    data: { statement: { ...statement }, rows: rows.map((r) => ({ model: r.model, expected: r.expected, verdict: r.verdict, agrees: r.agrees })) },
  };
}

export function proofDocument(run: ProofRun): ReportDocument {
  return {
    title: 'Statements checked by ncssl prove',
    fileBase: 'statements',
    subtitle: [text('Each statement is checked on the models it names against the verdict it expects there.')],
    sections: [summary(run), ...run.statements.map((_, i) => statementSection(run, i))],
    appendix: [],
  };
}
