/**
 * Sampled equilibria as document pieces: a table row per point (coordinates when they fit,
 * residual, component dimension k, eigenvalues of DV, verdict and level, largest stable learning
 * rate), the exact stability certificate of a rational point as display rows
 * (det(λI − DV) = λ^k0 · r(λ), r, the Routh first column ρ), and the full description of a point
 * (its parameter matrices, every eigenvalue, its certificate) for the appendix.
 *
 * Example: for SG on the scalar model the row of x_1 = (1, 4/5) reads
 * `x_1 | (1, 4/5) | 0 (exact) | 1 | 0, −5/2 | stable (proved) | 4/5`.
 */
import { Rational } from '../../exact/rational.js';
import type { EquilibriumPoint } from '../../analyses/equilibria.js';
import { type PointOrigin, originText } from '../../analyses/equilibria-notes.js';
import type { ExactSpectrum } from '../../analyses/exact-spectrum.js';
import type { ExactStabilityCertificate, PointStability } from '../../analyses/stability.js';
import type { ParameterBlock, Parametrization } from '../../model/parameters.js';
import { forEachFactor } from '../../poly/monomial.js';
import type { Poly } from '../../poly/poly.js';
import { polyLatex, polyLatexLines, rationalLatex, variableLatex } from '../../notation/latex-poly.js';
import { latexWidth } from '../../notation/latex-width.js';
import { type Block, type EquationRow, type Inline, math, paragraph, text } from '../document.js';
import { DISPLAY_WIDTH, relationRows } from '../equations.js';
import { VERDICT_SHORT, commaLines, coordinateLatex, count, floatLatex, floatSpectrumItems, prose } from './dynamics-format.js';

/** One sampled point with everything said about it. */
export interface SampledPoint {
  /** 1-based label, unique within the procedure: x_label. */
  label: number;
  component: number;
  point: EquilibriumPoint;
  stability: PointStability | null;
  /** Exact eigenvalues read off the certificate by the stability analysis (exact points only). */
  spectrum: ExactSpectrum | null;
}

export function sampledPoint(label: number, component: number, point: EquilibriumPoint, stability: PointStability | null): SampledPoint {
  return { label, component, point, stability, spectrum: stability?.exactSpectrum ?? null };
}

export const pointName = (s: SampledPoint): string => `x_{${s.label}}`;

/**
 * Point labels as inline content: runs of three or more consecutive labels as `x_{4}, \dots, x_{9}`,
 * and one formula per run, so that a long list can break between them.
 */
export function labelsInline(points: readonly SampledPoint[]): Inline[] {
  const runs: SampledPoint[][] = [];
  for (const s of points) {
    const last = runs[runs.length - 1];
    if (last && last[last.length - 1]!.label + 1 === s.label) last.push(s);
    else runs.push([s]);
  }
  return runs.flatMap((run, k) => [
    ...(k > 0 ? [text(', ')] : []),
    math(run.length >= 3 ? `${pointName(run[0]!)}, \\dots, ${pointName(run[run.length - 1]!)}` : run.map(pointName).join(', ')),
  ]);
}

/** Widest digit string printed in a display; longer numbers are summarised (the JSON has them). */
const MAX_NUMBER_WIDTH = DISPLAY_WIDTH - 12;

function coordinate(point: EquilibriumPoint, k: number, decimals = 4): string {
  return point.exact ? rationalLatex(point.values[k]!) : coordinateLatex(point.values[k]!, decimals);
}

/** `(1, \tfrac{4}{5})`; float coordinates with three decimals (the appendix has four). */
export function tupleLatex(point: EquilibriumPoint): string {
  return `(${point.values.map((_, k) => coordinate(point, k, 3)).join(', ')})`;
}

/** The residual column: 0 for exact points; for float ones the power of ten that bounds max |V_i|. */
function residualCell(point: EquilibriumPoint): Inline[] {
  if (point.exact) return [text('0 (exact)')];
  if (!(point.residual > 0)) return [math(floatLatex(point.residual, 2))];
  return [math(`< 10^{${Math.floor(Math.log10(point.residual)) + 1}}`)];
}

/**
 * Eigenvalues as LaTeX items: the zeros first (exact at rational points, `\approx 0` within the
 * numerical tolerance at float points), then exact rationals, then floats.
 */
export function spectrumItems(s: SampledPoint): string[] {
  const st = s.stability!;
  const zeroItems = (k: number, zero: string) => (k <= 2 ? Array.from({ length: k }, () => zero) : [`${zero} \\text{ (${k} times)}`]);
  if (s.spectrum) {
    return [...zeroItems(s.spectrum.zeros, '0'), ...s.spectrum.exact.map(rationalLatex), ...floatSpectrumItems(s.spectrum.floats)];
  }
  const order = st.eigenvalues.map((z, i) => [Math.hypot(z.re, z.im), i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const zeroIdx = new Set(order.slice(0, st.zeroEigenvalues).map(([, i]) => i));
  return [...zeroItems(st.zeroEigenvalues, '\\approx 0'), ...floatSpectrumItems(st.eigenvalues.filter((_, i) => !zeroIdx.has(i)))];
}

/** max Re μ over the non-tangent eigenvalues, exact when they all are. */
function abscissaLatex(s: SampledPoint): string {
  const st = s.stability!;
  if (s.spectrum) {
    const { exact, floats } = s.spectrum;
    if (floats.length === 0) return exact.length === 0 ? '\\text{--}' : rationalLatex(exact[0]!);
    return floatLatex(Math.max(...floats.map((z) => z.re), ...exact.map((x) => x.toNumber())));
  }
  const order = st.eigenvalues.map((z, i) => [Math.hypot(z.re, z.im), i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const rest = order.slice(st.zeroEigenvalues).map(([, i]) => st.eigenvalues[i]!.re);
  return rest.length === 0 ? '\\text{--}' : floatLatex(Math.max(...rest));
}

/** η_max: exact when every non-tangent eigenvalue is a verified rational. */
export function learningRateCell(s: SampledPoint): Inline[] {
  const st = s.stability!;
  if (st.verdict !== 'transversally asymptotically stable') return [text('none')];
  if (s.spectrum?.learningRate) return [math(rationalLatex(s.spectrum.learningRate))];
  if (st.largestStableLearningRate === null) return [text('any')];
  return [math(floatLatex(st.largestStableLearningRate))];
}

/**
 * `full`: coordinates and every eigenvalue; `points`: coordinates, the eigenvalues displayed
 * below the table; `compact`: neither (they go to the appendix), the number k0 of zero
 * eigenvalues and the largest real part of the others instead.
 */
export type TableLayout = 'full' | 'points' | 'compact';

/** Page width for a table, in em: the text block is 42.9em of 11pt type; keep a margin. */
const TABLE_WIDTH = 50;
/** tabcolsep on both sides of a column. */
const COLUMN_PADDING = 1.1;

/**
 * A table cell's printed width in em, calibrated on pdflatex's output (latexWidth is meant to
 * over-estimate long displays; in short cells it runs about 20% wide).
 */
function cellWidth(xs: readonly Inline[]): number {
  return xs.reduce((w, x) => w + (x.kind === 'math' ? 0.82 * latexWidth(x.latex) + 0.3 : x.kind === 'ref' ? 6 : 'text' in x ? 0.45 * x.text.length : 0), 0);
}

function tableWidth(header: Inline[][], rows: Inline[][][]): number {
  return header.reduce((w, h, c) => w + COLUMN_PADDING + Math.max(cellWidth(h), ...rows.map((r) => cellWidth(r[c]!))), 0);
}

/**
 * The certificate of an exact point as two table cells, r(λ) and ρ; null when it has none or a
 * number is too long for a cell (then it is displayed below the table or worded).
 */
export function certificateCells(s: SampledPoint): [Inline[], Inline[]] | null {
  const c = s.stability?.certificate;
  if (!c || !remainderPrintable(c.remainder)) return null;
  const routh = c.routhFirstColumn.map((x) => Rational.parse(x)!);
  if (routh.some((x) => latexWidth(rationalLatex(x)) > MAX_NUMBER_WIDTH)) return null;
  return [[math(polyLatex(c.remainder))], [math(`(${routh.map(rationalLatex).join(', ')})`)]];
}

/**
 * The table of a component's points. With `certificates`, two more columns give each exact
 * point's certificate (the factor r of its characteristic polynomial and the Routh column ρ), so
 * no display of certificates follows the table.
 */
export function pointsTable(points: readonly SampledPoint[], stateNames: readonly string[], layout: TableLayout, certificates = false): Block {
  const withStability = points.every((p) => p.stability !== null);
  const coordinates = layout !== 'compact';
  const header: Inline[][] = [[]];
  if (coordinates) header.push([math(`(${stateNames.map(variableLatex).join(', ')})`)]);
  header.push([math('\\max_i \\lvert V_i \\rvert')]);
  if (withStability) {
    header.push([math('k')]);
    if (layout === 'full') header.push([text('eigenvalues of '), math('\\mathrm{D}V')]);
    else if (layout === 'compact') header.push([math('k_0')], [math('\\max \\operatorname{Re} \\mu')]);
    header.push([text('verdict (level)')], [math('\\eta_{\\max}')]);
    if (certificates) header.push([math('r(\\lambda)')], [math('\\rho')]);
  }
  const rows = points.map((s) => {
    const row: Inline[][] = [[math(pointName(s))]];
    if (coordinates) row.push([math(tupleLatex(s.point))]);
    row.push(residualCell(s.point));
    if (withStability) {
      const st = s.stability!;
      row.push([math(String(st.componentDimension))]);
      if (layout === 'full') row.push([math(spectrumItems(s).join(', '))]);
      else if (layout === 'compact') row.push([math(String(st.zeroEigenvalues))], [math(abscissaLatex(s))]);
      row.push([text(`${VERDICT_SHORT[st.verdict]} (${st.level})`)], learningRateCell(s));
      if (certificates) row.push(...(certificateCells(s) ?? [[], []]));
    }
    return row;
  });
  return { kind: 'table', header, rows };
}

/** Does the table in this layout fit the page? */
export function tableFits(points: readonly SampledPoint[], stateNames: readonly string[], layout: TableLayout, certificates = false): boolean {
  const t = pointsTable(points, stateNames, layout, certificates);
  return t.kind === 'table' && tableWidth(t.header, t.rows) <= TABLE_WIDTH;
}

/** r(λ) printed when every coefficient fits a line. */
function remainderPrintable(r: Poly): boolean {
  return r.sortedTerms().every(([, c]) => latexWidth(rationalLatex(c)) <= MAX_NUMBER_WIDTH);
}

function lambdaPower(k: number): string {
  return k === 0 ? '' : k === 1 ? '\\lambda' : `\\lambda^{${k}}`;
}

function digits(r: Rational): number {
  return r.num.toString().replace('-', '').length + (r.den === 1n ? 0 : r.den.toString().length);
}

/**
 * The certificate of an exact point as display rows; null when a number is too long to print
 * (then `certificateSummary` words it).
 */
export function certificateRows(s: SampledPoint): EquationRow[] | null {
  const c = s.stability?.certificate;
  if (!c) return null;
  const routh = c.routhFirstColumn.map((x) => Rational.parse(x)!);
  if (!remainderPrintable(c.remainder) || routh.some((x) => latexWidth(rationalLatex(x)) > MAX_NUMBER_WIDTH)) return null;
  const det = `\\det(\\lambda I - \\mathrm{D}V(${pointName(s)}))`;
  const rName = `r_{${s.label}}(\\lambda)`;
  const short = polyLatex(c.remainder);
  const rows: EquationRow[] = [];
  const zero = lambdaPower(c.zeroMultiplicity);
  const inline = `${zero}${zero === '' ? '' : '\\,'}${c.remainder.size > 1 && zero !== '' ? `\\bigl(${short}\\bigr)` : short}`;
  // A short certificate reads on one line: the factorisation, then the Routh column of its factor.
  const rho = `\\rho(${pointName(s)}) = (${routh.map(rationalLatex).join(', ')})`;
  const oneLine = `= ${inline},\\quad ${rho}`;
  if (latexWidth(det) + latexWidth(oneLine) + 3 <= DISPLAY_WIDTH) return [{ left: det, right: oneLine }];
  if (latexWidth(det) + latexWidth(inline) + 3 <= DISPLAY_WIDTH) {
    rows.push({ left: det, right: `= ${inline}` });
  } else {
    rows.push({ left: det, right: `= ${zero}${zero === '' ? '' : '\\,'}${rName}` });
    rows.push(...relationRows(rName, '=', (w) => polyLatexLines(c.remainder, w)));
  }
  rows.push(...relationRows(`\\rho(${pointName(s)})`, '=', (w) => wrapTuple(commaLines(routh.map(rationalLatex), w - 1))));
  return rows;
}

/** Parentheses around comma lines: `(a, b,` … `c)`. */
function wrapTuple(lines: string[]): string[] {
  return lines.map((l, k) => `${k === 0 ? '(' : ''}${l}${k === lines.length - 1 ? ')' : ''}`);
}

/** A certificate too long to print, in words: degree, signs of ρ, size of its numbers. */
export function certificateSummary(s: SampledPoint): Inline[] {
  const c = s.stability!.certificate!;
  const routh = c.routhFirstColumn.map((x) => Rational.parse(x)!);
  const positive = routh.every((x) => x.sign() > 0);
  const changes = c.rightHalfPlaneRoots;
  const longest = Math.max(...routh.map(digits), ...c.remainder.sortedTerms().map(([, x]) => digits(x)));
  return [
    math(`\\det(\\lambda I - \\mathrm{D}V(${pointName(s)})) = ${lambdaPower(c.zeroMultiplicity)}${c.zeroMultiplicity > 0 ? '\\,' : ''}r(\\lambda)`),
    text(' with '),
    math('r'),
    text(` of degree ${c.remainder.degree()}; the first column of its Routh array has ${routh.length} entries, `),
    text(
      positive
        ? 'all positive'
        : changes === null
          ? 'with a zero entry'
          : `with ${changes} sign change${changes === 1 ? '' : 's'}`,
    ),
    text(`. Its numbers have up to ${longest} digits; the exact coefficients and entries are in the JSON report.`),
  ];
}

/** A float value of a polynomial entry (degree ≤ 1 in practice: a parameter, 0 or 1). */
function floatEntry(p: Poly, value: (v: number) => number): number {
  let sum = 0;
  for (const [m, c] of p.sortedTerms()) {
    let t = c.toNumber();
    forEachFactor(m, (v, e) => (t *= value(v) ** e));
    sum += t;
  }
  return sum;
}

function blockLatex(block: ParameterBlock, entry: (p: Poly) => string): { latex: string; width: number } {
  const cells = block.matrix.map((row) => row.map(entry));
  const width = cells[0]!.reduce((w, _, j) => w + 1.5 + Math.max(...cells.map((row) => latexWidth(row[j]!))), 3);
  return { latex: `\\begin{bmatrix} ${cells.map((row) => row.join(' & ')).join(' \\\\[0.3em] ')} \\end{bmatrix}`, width };
}

/**
 * The point as its parameter matrices (`A = [..], B = [..], T = [..]`), several per line when
 * they fit; a block too wide for a line is given as a list of its coordinates.
 */
export function pointMatrixRows(s: SampledPoint, params: Parametrization, state: readonly number[], stateNames: readonly string[]): EquationRow[] {
  const slot = new Map(state.map((v, k) => [v, k]));
  const p = s.point;
  const entry = (poly: Poly): string => {
    if (p.exact) return rationalLatex(poly.evaluate((v) => p.values[slot.get(v)!] ?? Rational.ZERO));
    return coordinateLatex(floatEntry(poly, (v) => p.values[slot.get(v)!] ?? 0));
  };
  const blocks = [params.encoder, params.predictor, params.target].filter((b) => b.variables.some((v) => slot.has(v)));
  const rows: EquationRow[] = [];
  let line: string[] = [];
  let width = 0;
  const flush = () => {
    if (line.length === 0) return;
    const [first, ...rest] = line;
    const eq = first!.indexOf('=');
    rows.push({ left: first!.slice(0, eq).trim(), right: [first!.slice(eq), ...rest].join(', \\quad ') });
    line = [];
    width = 0;
  };
  for (const b of blocks) {
    const m = blockLatex(b, entry);
    const w = m.width + 2;
    if (w > DISPLAY_WIDTH) {
      flush();
      const items = b.variables.map((v) => `${variableLatex(stateNames[slot.get(v)!]!)} = ${coordinate(p, slot.get(v)!)}`);
      rows.push(...relationRows(b.symbol, ':', (room) => commaLines(items, room)));
      continue;
    }
    if (line.length > 0 && width + w + 1.5 > DISPLAY_WIDTH) flush();
    line.push(`${b.symbol} = ${m.latex}`);
    width += w + 1.5;
  }
  flush();
  return rows;
}

/** Every eigenvalue of DV at the point, broken into lines. */
export function spectrumRows(s: SampledPoint): EquationRow[] {
  const left = `\\operatorname{spec} \\mathrm{D}V(${pointName(s)})`;
  const items = spectrumItems(s);
  return relationRows(left, '=', (w) => wrapSet(commaLines(items, w - 1)));
}

function wrapSet(lines: string[]): string[] {
  // \lbrace rather than \{: a Markdown pass before the math would eat the backslash of \{.
  return lines.map((l, k) => `${k === 0 ? '\\lbrace ' : ''}${l}${k === lines.length - 1 ? ' \\rbrace' : ''}`);
}

/** How a point was obtained, with a flow's start number and time left out (they are in the JSON). */
export function originKey(origin: PointOrigin): string {
  return origin.kind === 'flow-limit' ? 'limit of the flow from seeded random starts' : originText(origin);
}

/**
 * "x_1, x_2, x_3: A = 0 with …; x_4: limit of …" — how the points were obtained, grouped, as one
 * run of inline content (a paragraph, not a list: LaTeX's list bullet needs a generated font).
 */
export function originInlines(points: readonly SampledPoint[]): Inline[] {
  const groups = new Map<string, SampledPoint[]>();
  for (const s of points) {
    const key = originKey(s.point.origin);
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups].flatMap(([origin, list], k) => [...(k > 0 ? [text('; ')] : []), ...labelsInline(list), text(': '), ...prose(origin)]);
}

/** A point's description for the appendix: kind and origin, matrices, spectrum, verdict, certificate. */
export function pointDetailBlocks(s: SampledPoint, params: Parametrization, state: readonly number[], stateNames: readonly string[]): Block[] {
  const p = s.point;
  const blocks: Block[] = [
    paragraph(
      math(pointName(s)),
      text(p.exact ? ' (exact, ' : ' (float, '),
      ...(p.exact ? [text('the field vanishes exactly')] : [text('residual '), math(`\\max_i \\lvert V_i \\rvert = ${floatLatex(p.residual, 2)}`)]),
      text(p.collapsed ? ', collapsed): ' : ', not collapsed): '),
      ...prose(originText(p.origin)),
      text('.'),
    ),
    { kind: 'equation', rows: pointMatrixRows(s, params, state, stateNames) },
  ];
  const st = s.stability;
  if (!st) return blocks;
  blocks.push({ kind: 'equation', rows: spectrumRows(s) });
  const eta = learningRateCell(s);
  blocks.push(
    paragraph(
      text(`Verdict: ${st.verdict} (${st.level}); `),
      ...(st.manifold
        ? [text(`the equilibria near the point form a manifold of dimension `), math(`k = ${st.componentDimension}`), text(` (chart: ${count(st.manifold.chart.length, 'equation')} with independent gradients, with cofactors verified exactly), and `)]
        : [text('the component has dimension '), math(`k = ${st.componentDimension}`), text(' here, and ')]),
      math(`\\mathrm{D}V`),
      text(` has ${st.zeroEigenvalues} zero eigenvalue${st.zeroEigenvalues === 1 ? '' : 's'}`),
      ...(st.verdict !== 'transversally asymptotically stable'
        ? []
        : eta[0]!.kind === 'math'
          ? [text('; the discrete loop is stable for '), math(`\\eta < ${eta[0]!.latex}`)]
          : [text('; the discrete loop is stable for every learning rate')]),
      text('.'),
    ),
  );
  if (st.certificate) {
    const rows = certificateRows(s);
    blocks.push(rows ? { kind: 'equation', rows } : paragraph(...certificateSummary(s)));
  }
  return blocks;
}
