/**
 * Section "The procedures compared": collapse in one table (collapse.ts words it; GD's proof stays
 * in GD's section), then conserved quantities and constant metrics in another, read
 * off the `invariants` finding (a basis of every polynomial Q of degree ≤ 2 with ∇Q · V ≡ 0,
 * docs/math.md section 5: a² − b² under SG on the scalar model) and the `metric` finding (is there
 * a symmetric G ≠ 0 with G · DV(x) symmetric for every x), then the bases below it, a basis shared
 * by several procedures printed once. The method is said once, in the reading guide.
 */
import type { Matrix } from '../../exact/linear-algebra.js';
import type { Rational } from '../../exact/rational.js';
import { rationalLatex, variableLatex } from '../../notation/latex-poly.js';
import { invariants, metric } from '../../analyses/index.js';
import type { InvariantsFinding } from '../../analyses/invariants.js';
import type { MetricFinding } from '../../analyses/metric.js';
import type { BuiltSection, ProcedureContext, ReportContext } from '../context.js';
import { type Block, type EquationRow, type Inline, math, paragraph, ref, text } from '../document.js';
import { READING } from '../reading-ids.js';
import { DISPLAY_WIDTH, polyRows, rationalMatrixLatex, relationRows } from '../equations.js';
import { presentRows } from '../instantiated.js';
import { commaLines, prose } from './dynamics-format.js';
import { collapseComparison } from './collapse.js';
import { procedureContexts } from './procedures.js';
import { registerSection } from './registry.js';

/** Largest G printed as a full matrix. */
const PRINTED_SIZE = 6;
/** Most nonzero entries of a non-diagonal G listed in the body. */
const LISTED_ENTRIES = 40;

function isDiagonal(g: Matrix): boolean {
  return g.every((row, i) => row.every((x, j) => i === j || x.isZero()));
}

/** diag(c₁ I_{m₁}, c₂ I_{m₂}, …) from the runs of equal diagonal entries. */
function diagonalLatex(g: Matrix): string {
  const runs: Array<[Rational, number]> = [];
  g.forEach((row, i) => {
    const last = runs[runs.length - 1];
    if (last && last[0].equals(row[i]!)) last[1]++;
    else runs.push([row[i]!, 1]);
  });
  if (runs.length === 1 && runs[0]![0].isOne()) return `I_{${runs[0]![1]}}`;
  const item = ([c, m]: [Rational, number]) => (m === 1 ? rationalLatex(c) : c.isOne() ? `I_{${m}}` : `${rationalLatex(c)}\\, I_{${m}}`);
  return `\\operatorname{diag}(${runs.map(item).join(', ')})`;
}

function metricRows(ctx: ProcedureContext, g: Matrix, k: number): EquationRow[] | null {
  const left = `G_{${k + 1}}`;
  if (isDiagonal(g)) return relationRows(left, '=', () => [diagonalLatex(g)]).slice(0, 1);
  if (g.length <= PRINTED_SIZE) return [{ left, right: `= ${rationalMatrixLatex(g)}` }];
  const names = ctx.core.stateNames.map(variableLatex);
  const entries: string[] = [];
  g.forEach((row, i) => row.forEach((x, j) => (j >= i && !x.isZero() ? entries.push(`(${names[i]}, ${names[j]}) \\mapsto ${rationalLatex(x)}`) : null)));
  if (entries.length > LISTED_ENTRIES) return null;
  return relationRows(left, ':', (w) => commaLines(entries, Math.min(w, DISPLAY_WIDTH)));
}

const rankCell = (c: { unknowns: number; rank: number }): Inline[] => [text(`${c.rank} of ${c.unknowns}`)];

function invariantsCell(inv: InvariantsFinding): Inline[] {
  if (inv.level !== 'proved') return [text('inconclusive: '), ...prose(inv.reason ?? 'the system was not solved')];
  const d = inv.basis.length;
  return d === 0 ? [text('none')] : [text(`dimension ${d}: `), math(d === 1 ? 'Q_1' : `Q_1, \\dots, Q_{${d}}`)];
}

function metricCell(m: MetricFinding): Inline[] {
  const inverse = m.inverseRatesWork ? [text(', '), math('P^{-1}'), text(' in it')] : [];
  if (m.level !== 'proved') return [text('inconclusive: '), ...prose(m.reason ?? 'the system was not solved'), ...inverse];
  if (!m.exists) return [text('none')];
  const d = m.basis.length;
  const pd = m.positiveDefinite.filter((x) => x).length;
  return [text(`dimension ${d} (${pd} basis element${pd === 1 ? '' : 's'} `), math('\\succ 0'), text(')'), ...inverse];
}

/** The procedures' labels as running text: "SG", "SG and EMA", "GD, SG and EMA". */
function labels(ps: readonly ProcedureContext[]): string {
  const names = ps.map((p) => p.label);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function build(ctx: ReportContext): BuiltSection | null {
  const contexts = procedureContexts(ctx);
  const collapse = collapseComparison(contexts);
  const conserved = conservedBlocks(ctx, contexts);
  if (!collapse && !conserved) return null;
  const blocks: Block[] = [];
  if (collapse) blocks.push({ kind: 'heading', text: 'Collapse' }, ...collapse.blocks);
  if (conserved) blocks.push({ kind: 'heading', text: 'Conserved quantities and constant metrics' }, ...conserved.blocks);
  const data: Record<string, Record<string, unknown>> = {};
  for (const p of contexts) data[p.name] = { ...(collapse?.data[p.name] as object | undefined), ...conserved?.data[p.name] };
  return { id: 'comparison', title: 'The procedures compared', blocks, appendix: conserved?.appendix ?? [], data };
}

function conservedBlocks(ctx: ReportContext, contexts: readonly ProcedureContext[]): { blocks: Block[]; appendix: BuiltSection[]; data: Record<string, Record<string, unknown>> } | null {
  const rows = contexts.map((p) => ({ p, inv: p.check.results.get(invariants), m: p.check.results.get(metric) }));
  const withInv = rows.filter((r) => r.inv !== undefined);
  const withMetric = rows.filter((r) => r.m !== undefined);
  if (withInv.length === 0 && withMetric.length === 0) return null;
  const header: Inline[][] = [[text('procedure')]];
  if (withInv.length > 0) header.push([text('conserved '), math('Q'), text(', degree '), math('\\le 2')], [text('rank')]);
  if (withMetric.length > 0) header.push([text('constant metrics '), math('G')], [text('rank')]);
  const table: Block = {
    kind: 'table',
    header,
    rows: rows.map(({ p, inv, m }) => [
      [text(p.label)],
      ...(withInv.length > 0 ? (inv ? [invariantsCell(inv), rankCell(inv.certificate)] : [[text('not run')], []]) : []),
      ...(withMetric.length > 0 ? (m ? [metricCell(m), rankCell(m.certificate)] : [[text('not run')], []]) : []),
    ]),
  };
  const primes = [...new Set([...withInv.map((r) => r.inv!.certificate), ...withMetric.map((r) => r.m!.certificate)].filter((c) => c.rank === c.unknowns).flatMap((c) => c.primes))];
  const blocks: Block[] = [
    paragraph(
      text('The conserved polynomials of degree at most 2 and the constant metrics in which each procedure\'s field is a gradient ('),
      ref(READING.conserved),
      text(`), with the rank of each linear system out of its number of unknowns${primes.length > 0 ? ` (a full rank modulo the prime${primes.length === 1 ? '' : 's'} ${primes.join(', ')})` : ''}; `),
      math('P'),
      text(' is the diagonal matrix of the rates.'),
    ),
    table,
  ];
  const appendix: BuiltSection[] = [];

  // Bases: a basis shared by several procedures (the same polynomials in the same named coordinates) printed once.
  const groups = new Map<string, ProcedureContext[]>();
  for (const { p, inv } of withInv) {
    if (inv!.level !== 'proved' || inv!.basis.length === 0) continue;
    const key = inv!.basis.map(String).join(';');
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  for (const ps of groups.values()) {
    const inv = ps[0]!.check.results.get(invariants)!;
    blocks.push(paragraph(text(`The conserved quantities of ${labels(ps)}, each verified as an exact identity `), math('\\nabla Q_i \\cdot V \\equiv 0'), text(':')));
    const shown = presentRows({
      rows: inv.basis.flatMap((q, i) => polyRows(`Q_{${i + 1}}`, q)),
      terms: inv.basis.reduce((s, q) => s + q.size, 0),
      what: 'The basis',
      finding: true,
      appendixId: `${ps[0]!.name}-invariants-basis`,
      appendixTitle: `${labels(ps)} conserved quantities`,
      limits: ctx.limits,
    });
    blocks.push(...shown.body);
    appendix.push(...shown.appendix);
  }
  for (const { p, m } of withMetric) {
    if (!m!.exists || m!.basis.length === 0) continue;
    const basis = m!.basis.map((g, k) => metricRows(p, g, k));
    const printable = basis.filter((r): r is EquationRow[] => r !== null).flat();
    const lead: Inline[] = [text(`A basis of the constant metrics of ${p.label}, each verified as an exact polynomial identity`)];
    if (m!.inverseRatesWork) lead.push(text(' ('), math('P^{-1}'), text(' is among them: '), math('V = -P \\nabla \\Phi'), text(' is a preconditioned gradient field)'));
    if (printable.length > 0) blocks.push(paragraph(...lead, text(':')), { kind: 'equation', rows: printable });
    if (basis.some((r) => r === null)) blocks.push(paragraph(...(printable.length > 0 ? [] : [...lead, text('. ')]), text('Basis elements with many nonzero entries are given in the JSON report only.')));
  }
  const data: Record<string, Record<string, unknown>> = {};
  for (const { p, inv, m } of rows) {
    data[p.name] = { ...(inv ? invariants.toJson(inv, p.check) : {}), ...(m ? metric.toJson(m, p.check) : {}) };
  }
  return { blocks, appendix, data };
}

registerSection({ id: 'comparison', order: 40, build });
