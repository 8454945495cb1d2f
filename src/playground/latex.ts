/**
 * The playground's formulas and verdicts as paragraphs of text and TeX, read off the engine's
 * findings (never recomputed): the model, the field V, the curl, the integrability verdict with
 * its potential or its curl certificate, the equilibrium components with the stability of their
 * sampled points, and the exact spectrum at a chosen point. The page typesets the TeX with KaTeX;
 * the tests parse every formula with KaTeX in strict mode.
 *
 * Example: `fieldParagraphs(e)[0]` is `[{ tex: '\\dot{A}_{1,1} = -\\tfrac{5}{2} A_{1,1} B_{1,1}^{2} + 2 A_{1,1} B_{1,1}' }]`
 * for SG on the scalar model.
 */
import { Rational } from '../exact/rational.js';
import type { RationalMatrix } from '../model/model.js';
import { formatComplex } from '../notation/check-text.js';
import { polyLatex, rationalLatex, variableLatex } from '../notation/latex-poly.js';
import type { SymmetryVerdict } from '../analyses/integrability.js';
import type { Exploration, PointSpectrum } from './explore.js';

/** A run of text, or TeX to typeset inline (`display` for a line of its own). */
export type Piece = string | { tex: string; display?: boolean };
export type Paragraph = Piece[];

const dot = (name: string) => {
  const tex = variableLatex(name);
  const sub = /^([A-Za-z])(_\{.*\})$/.exec(tex);
  return sub ? `\\dot{${sub[1]}}${sub[2]}` : `\\dot{${tex}}`;
};

function matrixLatex(m: RationalMatrix): string {
  if (m.length === 1 && m[0]!.length === 1) return rationalLatex(m[0]![0]!);
  return `\\begin{pmatrix}${m.map((row) => row.map(rationalLatex).join(' & ')).join(' \\\\ ')}\\end{pmatrix}`;
}

const sameMatrix = (a: RationalMatrix, b: RationalMatrix) => a.every((row, i) => row.every((x, j) => x.equals(b[i]![j]!)));

/** The model's numbers: moments, λ, α (and τ for EMA), and the rate matrix P. */
export function modelParagraphs(e: Exploration): Paragraph[] {
  const m = e.check.model;
  const { sigma1, sigma2, sigma12 } = m.moments;
  const views = sameMatrix(sigma1, sigma2) ? `\\Sigma_1 = \\Sigma_2 = ${matrixLatex(sigma1)}` : `\\Sigma_1 = ${matrixLatex(sigma1)},\\; \\Sigma_2 = ${matrixLatex(sigma2)}`;
  const rates = [`\\lambda = ${rationalLatex(m.weightDecay)}`, `\\alpha = ${rationalLatex(m.predictorRate)}`];
  if (e.plane.copies.length > 0) rates.push(`\\tau = ${rationalLatex(m.emaRate)}`);
  return [
    [{ tex: `${views},\\quad \\Sigma_{12} = ${matrixLatex(sigma12)}`, display: true }],
    [{ tex: `${rates.join(',\\; ')},\\quad P = \\operatorname{diag}(${e.field.rates.map(rationalLatex).join(', ')})`, display: true }],
  ];
}

/** V, one line per state coordinate, exactly as derived. */
export function fieldParagraphs(e: Exploration): Paragraph[] {
  return e.field.field.map((v, k) => [{ tex: `${dot(e.field.stateNames[k]!)} = ${polyLatex(v)}`, display: true }]);
}

/**
 * The curl of V (or of P⁻¹V), exactly: (W·DV − (W·DV)ᵀ)_ji = w_j ∂V_j/∂x_i − w_i ∂V_i/∂x_j for
 * i < j, W = P⁻¹ or I; entries that vanish identically are counted, not printed.
 */
export function curlParagraphs(e: Exploration, rateAdjusted: boolean): Paragraph[] {
  const J = e.field.jacobian;
  const w = e.field.rates.map((r) => (rateAdjusted ? Rational.ONE.div(r) : Rational.ONE));
  const names = e.field.stateNames;
  const lines: Paragraph[] = [];
  let zero = 0;
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const entry = J[j]![i]!.scale(w[j]!).sub(J[i]![j]!.scale(w[i]!));
      if (entry.isZero()) {
        zero++;
        continue;
      }
      const weight = (k: number) => (w[k]!.isOne() ? '' : `${rationalLatex(w[k]!)}\\,`);
      const xi = variableLatex(names[i]!);
      const xj = variableLatex(names[j]!);
      lines.push([{ tex: `${weight(j)}\\frac{\\partial ${dot(names[j]!)}}{\\partial ${xi}} - ${weight(i)}\\frac{\\partial ${dot(names[i]!)}}{\\partial ${xj}} = ${polyLatex(entry)}`, display: true }]);
    }
  }
  const field = rateAdjusted ? 'P^{-1}V' : 'V';
  if (lines.length === 0) return [[{ tex: `D${field} - (D${field})^{\\top} \\equiv 0` }, ': every entry of the curl vanishes identically.']];
  if (zero > 0) lines.push([zero === 1 ? 'The other entry above the diagonal vanishes identically.' : `The other ${zero} entries above the diagonal vanish identically.`]);
  return lines;
}

/**
 * What the colour map shows, as TeX: for a two-coordinate state the plane's curl in the axes'
 * names, else the largest entry of the whole curl (explore.ts `curlGrid`).
 */
export function curlMapLatex(e: Exploration, rateAdjusted: boolean, kind: 'signed' | 'largest entry'): string {
  const field = rateAdjusted ? 'P^{-1}V' : 'V';
  if (kind === 'largest entry') return `\\max_{i<j} |(D${field} - (D${field})^{\\top})_{ij}|`;
  const [u, v] = e.plane.names;
  const component = (a: string) => (rateAdjusted ? `(${field})_{${variableLatex(a)}}` : dot(a));
  return `\\frac{\\partial ${component(v)}}{\\partial ${variableLatex(u)}} - \\frac{\\partial ${component(u)}}{\\partial ${variableLatex(v)}}`;
}

function verdictParagraph(v: SymmetryVerdict, field: string, e: Exploration): Paragraph[] {
  const s = v.sampled;
  const sampled: Paragraph = [`Float check (numerical, seed ${s.seed}): the curl is nonzero at ${s.nonzeroPoints} of ${s.samples} random points, largest entry ${s.maxCurl.toExponential(3)}.`];
  if (v.integrable) {
    return [[`${field.replace('^{-1}', '⁻¹')} is a gradient field (proved): `, { tex: `${field} = -\\nabla \\Phi,\\quad \\Phi = ${polyLatex(v.potential!)}` }], sampled];
  }
  const c = v.certificate!;
  const names = e.field.stateNames;
  const point = `(${names.map(variableLatex).join(', ')}) = (${names.map((n) => rationalLatex(Rational.parse(c.point[n]!)!)).join(', ')})`;
  const r = (x: string) => rationalLatex(Rational.parse(x)!);
  // ∂V_i/∂x_j written with the dotted coordinate for V itself, as a component of P⁻¹V otherwise.
  const component = (a: string) => (field === 'V' ? dot(a) : `(${field})_{${variableLatex(a)}}`);
  const partial = (a: string, b: string) => `\\frac{\\partial ${component(a)}}{\\partial ${variableLatex(b)}}`;
  return [
    [
      `${field.replace('^{-1}', '⁻¹')} is not the gradient of any C² function (proved): at `,
      { tex: point },
      ', ',
      { tex: `${partial(c.i, c.j)} = ${r(c.dVi_dxj)} \\neq ${r(c.dVj_dxi)} = ${partial(c.j, c.i)}` },
      ', which a gradient field cannot have (its Jacobian is symmetric).',
    ],
    sampled,
  ];
}

/** Is V a gradient field, and P⁻¹V when a rate is not 1: the integrability finding. */
export function verdictParagraphs(e: Exploration): Paragraph[] {
  const { euclidean, rateAdjusted } = e.integrability;
  return [...verdictParagraph(euclidean, 'V', e), ...(rateAdjusted ? verdictParagraph(rateAdjusted, 'P^{-1}V', e) : [])];
}

/** A state as TeX, exact or float. */
function stateLatex(names: readonly string[], values: ReadonlyArray<Rational | number>): string {
  const value = (x: Rational | number) => (typeof x === 'number' ? `${Number(x.toPrecision(4))}` : rationalLatex(x));
  return `(${names.map(variableLatex).join(', ')}) = (${values.map(value).join(', ')})`;
}

/** Each equilibrium component: its equations, why it holds equilibria, its sampled points and their stability. */
export function equilibriaParagraphs(e: Exploration): Paragraph[] {
  const names = e.field.stateNames;
  return e.equilibria.components.flatMap((component, c): Paragraph[] => [
    [
      `${component.title}: `,
      { tex: `${component.equations.map((q) => polyLatex(q)).join(' = 0,\\; ')} = 0` },
      ` (${component.containment.level}: ${component.containment.reason}).`,
    ],
    ...component.points.map((p, k): Paragraph => {
      const s = e.stability[c]?.[k];
      return [
        '• ',
        { tex: stateLatex(names, p.values) },
        p.exact ? '' : ` (float, residual ${p.residual.toExponential(1)})`,
        s ? `: ${s.verdict} (${s.level})${s.eigenvalues.length > 0 ? `, eigenvalues ${s.eigenvalues.map(formatComplex).join(', ')}` : ''}.` : '.',
      ];
    }),
  ]);
}

/** det(λI − M) from its coefficients, leading first, as TeX in λ. */
function charpolyLatex(c: readonly Rational[]): string {
  const n = c.length - 1;
  const terms: string[] = [];
  c.forEach((x, i) => {
    if (x.isZero()) return;
    const power = n - i;
    const mono = power === 0 ? '' : power === 1 ? '\\lambda' : `\\lambda^{${power}}`;
    const mag = x.abs();
    const body = mono === '' ? rationalLatex(mag) : mag.isOne() ? mono : `${rationalLatex(mag)}\\,${mono}`;
    terms.push(terms.length === 0 ? (x.sign() < 0 ? `-${body}` : body) : `${x.sign() < 0 ? '-' : '+'} ${body}`);
  });
  return terms.join(' ');
}

/** The chosen point: V there, DV, its characteristic polynomial (exact) and eigenvalues (floats). */
export function pointParagraphs(e: Exploration, p: PointSpectrum): Paragraph[] {
  const names = e.field.stateNames;
  const atRest = p.field.every((x) => x.isZero());
  return [
    [{ tex: stateLatex(names, p.state) }, atRest ? ': an equilibrium (V = 0 exactly).' : ': not an equilibrium.'],
    [{ tex: `V = (${p.field.map(rationalLatex).join(', ')})^{\\top},\\quad DV = ${matrixLatex(p.jacobian)}`, display: true }],
    [{ tex: `\\det(\\lambda I - DV) = ${charpolyLatex(p.charpoly)}`, display: true }],
    [`Eigenvalues (floats): ${p.eigenvalues.map(formatComplex).join(', ')}.`],
  ];
}

/** Every formula of a list of paragraphs (for tests and for counting). */
export function formulasOf(paragraphs: readonly Paragraph[]): string[] {
  return paragraphs.flatMap((p) => p.flatMap((x) => (typeof x === 'string' ? [] : [x.tex])));
}
