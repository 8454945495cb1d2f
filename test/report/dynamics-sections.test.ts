/**
 * The report sections for the dynamical claims, against MATH.md section 5 and independent
 * computations: on the scalar model (s, c, τ) the SG line b = c/s with eigenvalues {0, −a²s},
 * η_max = 2/(a²s); the EMA characteristic polynomial λ·(λ² + (a²s + c²/s + τ)λ + a²sτ); GD's
 * collapse proof; a² − b² conserved under SG (the exact spectrum itself is tested in
 * test/analyses/exact-spectrum.test.ts). Sections are absent when their analysis is off;
 * long point lists move to the appendix; all text is ASCII and every formula typesets.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { Rational, q } from '../../src/exact/rational.js';
import { parametrize } from '../../src/model/parameters.js';
import { parsePoly } from '../../src/poly/parse.js';
import { Poly } from '../../src/poly/poly.js';
import { Ring } from '../../src/poly/ring.js';
import { buildReport } from '../../src/report/build.js';
import { DEFAULT_LIMITS } from '../../src/report/context.js';
import { type Block, type Inline, type ReportDocument, type Section, allFormulas, allSections, alignedLatex } from '../../src/report/document.js';
import { rationalLatex } from '../../src/notation/latex-poly.js';
import { reportLatex } from '../../src/render/latex.js';
import { randomModel, scalarModel } from '../helpers/models.js';
import { runCli } from '../helpers/cli.js';

const S = q(3);
const C = q(2);
const TAU = q(1, 3);
const OPTIONS = { samples: 4, seed: 3 };
const scalar = buildReport(scalarModel(S, C, { emaRate: TAU }), 'scalar-test', OPTIONS);
/** Documents built below, compiled with pdflatex at the end. */
const built: Record<string, ReportDocument> = { scalar };

function section(doc: ReportDocument, id: string): Section {
  const s = allSections(doc).find((x) => x.id === id);
  if (!s) throw new Error(`no section ${id}`);
  return s;
}

const mathOf = (xs: readonly Inline[]): string => xs.map((x) => (x.kind === 'math' ? x.latex : '')).join('');
const textOf = (xs: readonly Inline[]): string => xs.map((x) => (x.kind === 'text' || x.kind === 'emph' ? x.text : x.kind === 'math' ? `$${x.latex}$` : '')).join('');

function tables(s: Section): Array<Extract<Block, { kind: 'table' }>> {
  return s.blocks.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');
}

function displays(s: Section): string[] {
  return s.blocks.flatMap((b) => (b.kind === 'equation' ? [alignedLatex(b.rows)] : b.kind === 'steps' ? b.steps.map((st) => alignedLatex(st.rows)) : []));
}

interface PointJson {
  exact: boolean;
  coordinates: Record<string, string | number>;
  collapsed: boolean;
  verdict?: string;
  level?: string;
}

function componentsOf(doc: ReportDocument, procedure: string): Array<{ id: string; equations: string[]; points: PointJson[] }> {
  const data = section(doc, `${procedure}-equilibria`).data as { equilibria: { components: Array<{ id: string; equations: string[]; points: PointJson[] }> } };
  return data.equilibria.components;
}

/** The table row of point x_label, as LaTeX of its cells. */
function row(s: Section, label: number): string[] {
  for (const t of tables(s)) {
    const r = t.rows.find((cells) => mathOf(cells[0]!) === `x_{${label}}`);
    if (r) return r.map(mathOf);
  }
  throw new Error(`no row for x_${label}`);
}

/** Labels as the section numbers them: consecutive over the components. */
function labelled(doc: ReportDocument, procedure: string): Array<{ label: number; component: string; point: PointJson }> {
  let label = 0;
  return componentsOf(doc, procedure).flatMap((c) => c.points.map((point) => ({ label: ++label, component: c.id, point })));
}

describe('the scalar model (MATH.md section 5)', () => {
  it('SG: the non-collapsed family is the line b = c/s, with eigenvalues {0, -a^2 s} and eta_max = 2/(a^2 s), exactly', () => {
    const sec = section(scalar, 'sg-equilibria');
    const residual = componentsOf(scalar, 'sg').find((c) => c.id === 'residual')!;
    // s·a·b − c·a = a (s b − c): the equation printed with its common factor a.
    expect(residual.equations).toEqual([`${S}*A_1_1*B_1_1 - ${C}*A_1_1`]);
    expect(displays(sec).join('\n')).toContain(`A_{1,1}\\,\\bigl(${S} B_{1,1} - ${C}\\bigr)`);
    const points = labelled(scalar, 'sg').filter((p) => p.component === 'residual' && p.point.exact);
    expect(points.length).toBeGreaterThanOrEqual(3);
    for (const { label, point } of points) {
      const a = Rational.parse(String(point.coordinates.A_1_1))!;
      expect(point.coordinates.B_1_1).toBe(C.div(S).toString());
      const cells = row(sec, label);
      expect(cells[1]).toBe(`(${rationalLatex(a)}, ${rationalLatex(C.div(S))})`);
      expect(cells[4]).toBe(`0, ${rationalLatex(a.mul(a).mul(S).neg())}`);
      expect(cells[6]).toBe(rationalLatex(Rational.of(2).div(a.mul(a).mul(S))));
      expect(point.verdict).toBe('transversally asymptotically stable');
      // The certificate in the table: det(λI − DV) = λ r(λ) with r(λ) = λ + a² s, Routh column (1, a² s).
      expect(tables(sec)[1]!.header.slice(-2).map(mathOf)).toEqual(['r(\\lambda)', '\\rho']);
      expect(cells.slice(-2)).toEqual([`\\lambda + ${rationalLatex(a.mul(a).mul(S))}`, `(1, ${rationalLatex(a.mul(a).mul(S))})`]);
    }
  });

  it('EMA: at (a, c/s, a) the characteristic polynomial is lambda (lambda^2 + (a^2 s + c^2/s + tau) lambda + a^2 s tau), Hurwitz', () => {
    const sec = section(scalar, 'ema-equilibria');
    const points = labelled(scalar, 'ema').filter((p) => p.component === 'residual' && p.point.exact);
    expect(points.length).toBeGreaterThanOrEqual(3);
    // The certificates are in the section's data (the JSON report); the body points to r along
    // the whole set in the closed-form section instead of listing each instance.
    const certificates = (sec.data as { equilibria: { components: Array<{ points: Array<{ coordinates: Record<string, string>; certificate?: { charpoly: string; routhFirstColumn: string[] } }> }> } }).equilibria.components.flatMap((c) => c.points);
    expect(textOf(sec.blocks.flatMap((b) => (b.kind === 'paragraph' ? b.content : [])))).toMatch(/At each rational point .* that of its set in .* each certificate .* is in the JSON report\./);
    for (const { label, point } of points) {
      const a = Rational.parse(String(point.coordinates.A_1_1))!;
      expect(point.coordinates.T_1_1).toBe(a.toString());
      const a2s = a.mul(a).mul(S);
      const linear = a2s.add(C.mul(C).div(S)).add(TAU);
      const constant = a2s.mul(TAU);
      const certificate = certificates.find((p) => p.coordinates.A_1_1 === a.toString() && p.certificate)!.certificate!;
      const lambda = new Ring(['lambda']);
      const r = parsePoly(lambda, `lambda^2 + (${linear})*lambda + (${constant})`);
      expect(parsePoly(lambda, certificate.charpoly).equals(r.mul(parsePoly(lambda, 'lambda')))).toBe(true);
      // Routh column of λ² + pλ + q is (1, p, q): all positive.
      expect(certificate.routhFirstColumn).toEqual(['1', linear.toString(), constant.toString()]);
      expect([point.verdict, point.level]).toEqual(['transversally asymptotically stable', 'proved']);
      expect(row(sec, label)[1]).toBe(`(${rationalLatex(a)}, ${rationalLatex(C.div(S))}, ${rationalLatex(a)})`);
    }
  });

  it('GD: the collapse proof with J = [[s, c], [c, s]] positive definite, proved', () => {
    const sec = section(scalar, 'gd-collapse');
    const steps = sec.blocks.find((b) => b.kind === 'steps');
    expect(steps && steps.kind === 'steps' ? steps.steps.length : 0).toBe(4);
    expect(displays(sec).join('\n')).toContain(`\\begin{bmatrix} ${S} & ${C} \\\\[0.3em] ${C} & ${S} \\end{bmatrix}`);
    const verdict = sec.blocks.find((b) => b.kind === 'paragraph' && textOf(b.content).startsWith('Verdict'));
    expect(verdict && verdict.kind === 'paragraph' ? textOf(verdict.content) : '').toBe('Verdict (proved): every equilibrium of GD is collapsed, $A = 0$.');
    expect(componentsOf(scalar, 'gd').map((c) => c.id)).toEqual(['collapsed']);
  });

  it('SG: a^2 - b^2 is the conserved quantity; no constant metric; GD has the metric P^-1; one table compares them', () => {
    const conserved = section(scalar, 'comparison');
    const data = conserved.data as Record<string, { invariants: { basis: string[] }; metric: { exists: boolean; inverseRatesWork: boolean } }>;
    const basis = data.sg!.invariants.basis;
    expect(basis).toHaveLength(1);
    const expected = parsePoly(parametrize(scalarModel(S, C)).ring, 'A_1_1^2 - B_1_1^2');
    expect([expected.toString(), expected.neg().toString()]).toContain(basis[0]);
    expect(data.ema!.invariants.basis).toEqual(basis);
    expect(data.gd!.invariants.basis).toEqual([]);
    // SG and EMA share the basis: it is printed once.
    const q = displays(conserved).filter((d) => /Q_\{1\} &=/.test(d));
    expect(q).toHaveLength(1);
    expect(q[0]).toMatch(/Q_\{1\} &= (A_\{1,1\}\^\{2\} - B_\{1,1\}\^\{2\}|-A_\{1,1\}\^\{2\} \+ B_\{1,1\}\^\{2\})/);
    expect([data.sg!.metric.exists, data.gd!.metric.exists, data.gd!.metric.inverseRatesWork]).toEqual([false, true, true]);
    const table = conserved.blocks.find((b) => b.kind === 'table' && textOf(b.header[1]!).startsWith('conserved'));
    const rows = table && table.kind === 'table' ? table.rows.map((r) => r.map(textOf)) : [];
    expect(rows.map((r) => [r[0], r[1], r[3]])).toEqual([
      ['GD', 'none', 'dimension 1 (1 basis element $\\succ 0$), $P^{-1}$ in it'],
      ['SG', 'dimension 1: $Q_1$', 'none'],
      ['EMA', 'dimension 1: $Q_1$', 'none'],
    ]);
  });
});

describe('the procedures compared (scalar model)', () => {
  it('one collapse table: GD points to its proof, SG and EMA name an exact non-collapsed witness; the counts are the findings', () => {
    const comparison = section(scalar, 'comparison');
    const table = comparison.blocks.find((b) => b.kind === 'table' && textOf(b.header[1]!).startsWith('verdict'));
    const rows = table && table.kind === 'table' ? table.rows : [];
    expect(rows.map((r) => textOf(r[0]!))).toEqual(['GD', 'SG', 'EMA']);
    expect(textOf(rows[0]![1]!)).toBe('all collapsed (proved): ');
    expect(rows[0]![1]!.some((x) => x.kind === 'ref' && x.target === 'gd-collapse')).toBe(true);
    type Flows = { collapsed: number; nonCollapsed: number; diverged: number; unfinished: number; undecided: number; starts: number };
    type Share = { component: string; points: number; verdicts: Record<string, number> };
    const data = comparison.data as Record<string, { collapse: { shares: Share[]; flows: Flows } }>;
    ['gd', 'sg', 'ema'].forEach((name, k) => {
      const { shares, flows } = data[name]!.collapse;
      const cell = (xs: Share[]) => {
        const n = xs.reduce((a, x) => a + x.points, 0);
        return n === 0 ? '0' : `${n} (${xs.reduce((a, x) => a + x.verdicts['transversally asymptotically stable']!, 0)} stable)`;
      };
      expect(textOf(rows[k]![2]!)).toBe(cell(shares.filter((x) => x.component === 'collapsed')));
      expect(textOf(rows[k]![3]!)).toBe(cell(shares.filter((x) => x.component !== 'collapsed')));
      expect(textOf(rows[k]![4]!)).toBe(`${flows.collapsed} / ${flows.nonCollapsed} / ${flows.diverged + flows.unfinished + flows.undecided} of ${flows.starts}`);
      if (name !== 'gd') {
        const witness = labelled(scalar, name).find((p) => !p.point.collapsed && p.point.exact)!;
        expect(textOf(rows[k]![1]!)).toBe(`non-collapsed exist (proved): $x_{${witness.label}}$, `);
      }
    });
    // SG and EMA have no collapse section of their own; GD keeps its proof.
    expect(() => section(scalar, 'sg-collapse')).toThrow();
    expect(section(scalar, 'gd-collapse').blocks.some((b) => b.kind === 'steps')).toBe(true);
  });
});

describe('sections follow the selected analyses', () => {
  const procedureParts = (doc: ReportDocument) =>
    section(doc, 'procedures').subsections.map((p) => p.subsections.map((s) => s.id.replace(/^[a-z]+-/, '')));

  it('integrability only: no dynamical section, and the Procedures section says why', () => {
    const doc = buildReport(scalarModel(S, C), 'scalar-test', { ...OPTIONS, analyses: ['integrability'] });
    for (const parts of procedureParts(doc)) expect(parts).toEqual(['field', 'jacobian', 'curl']);
    expect(textOf(section(doc, 'procedures').blocks.flatMap((b) => (b.kind === 'paragraph' ? b.content : [])))).toContain('were not run for this report');
  });

  it('invariants only, or equilibria without stability: just those sections', () => {
    const inv = buildReport(scalarModel(S, C), 'scalar-test', { ...OPTIONS, analyses: ['invariants'] });
    for (const parts of procedureParts(inv)) expect(parts).toEqual(['field', 'jacobian', 'curl']);
    expect(section(inv, 'comparison').data).toHaveProperty('sg.invariants');
    const eq = buildReport(scalarModel(S, C), 'scalar-test', { ...OPTIONS, analyses: ['equilibria'] });
    built['equilibria-only'] = eq;
    const sec = section(eq, 'sg-equilibria');
    expect(sec.title).toBe('Equilibria');
    expect(tables(sec)[0]!.header).toHaveLength(3);
    for (const f of allFormulas(eq)) katex.renderToString(f.latex, { displayMode: f.display, throwOnError: true, strict: 'error' });
  });
});

describe('large point lists and larger states', () => {
  it('caps the body tables and describes the other points in the appendix', () => {
    const doc = buildReport(scalarModel(S, C, { emaRate: TAU }), 'scalar-test', { ...OPTIONS, points: 6, limits: { ...DEFAULT_LIMITS, bodyPoints: 2 } });
    built.capped = doc;
    const sec = section(doc, 'sg-equilibria');
    for (const t of tables(sec)) expect(t.rows.length).toBeLessThanOrEqual(2);
    const total = labelled(doc, 'sg').length;
    const appendix = doc.appendix.find((a) => a.id === 'sg-equilibria-points')!;
    const described = appendix.blocks.filter((b) => b.kind === 'paragraph' && b.content[0]?.kind === 'math' && /^x_\{\d+\}$/.test(mathOf([b.content[0]!])));
    const shown = tables(sec).reduce((n, t) => n + t.rows.length, 0);
    expect(shown + described.length).toBe(total);
    for (const f of allFormulas(doc)) katex.renderToString(f.latex, { displayMode: f.display, throwOnError: true, strict: 'error' });
  });

  it('a 2x2 model: compact tables, every point in the appendix with its matrices, spectrum and certificate; text is ASCII', () => {
    const model = { ...randomModel({ p: 2, q: 2, asymmetric: true, seed: 5 }), name: 'random-2x2', procedures: ['sg' as const] };
    const doc = buildReport(model, 'random', { ...OPTIONS, flows: 0 });
    built['random-2x2'] = doc;
    const sec = section(doc, 'sg-equilibria');
    expect(tables(sec)[0]!.header.map(mathOf)).toContain('k_0');
    const appendix = doc.appendix.find((a) => a.id === 'sg-equilibria-points')!;
    const points = labelled(doc, 'sg');
    const all = appendix.blocks.map((b) => (b.kind === 'equation' ? alignedLatex(b.rows) : b.kind === 'paragraph' ? textOf(b.content) : '')).join('\n');
    for (const { label, point } of points) {
      expect(all).toContain(`\\operatorname{spec} \\mathrm{D}V(x_{${label}})`);
      if (point.exact) expect(all).toContain(`\\det(\\lambda I - \\mathrm{D}V(x_{${label}}))`);
    }
    expect(all).toMatch(/A &= \\begin\{bmatrix\}/);
    // ASCII text in every dynamical section (the .tex printer accepts nothing else).
    const ids = /-(equilibria|collapse|invariants|metric|equilibria-points|component-\d+-equations|invariants-basis)$/;
    for (const s of allSections(doc).filter((x) => ids.test(x.id))) {
      const texts: string[] = [s.title];
      for (const b of s.blocks) {
        if (b.kind === 'heading') texts.push(b.text);
        if (b.kind === 'paragraph') texts.push(textOf(b.content.filter((x) => x.kind !== 'math')));
        if (b.kind === 'table') texts.push(...[...b.header, ...b.rows.flat()].map((c) => textOf(c.filter((x) => x.kind !== 'math'))));
        if (b.kind === 'steps') texts.push(...b.steps.map((st) => textOf(st.because.filter((x) => x.kind !== 'math'))));
      }
      for (const t of texts) expect(t, s.id).toMatch(/^[\x20-\x7e]*$/);
    }
    expect(reportLatex(doc)).not.toMatch(/\[U\+/);
    for (const f of allFormulas(doc)) katex.renderToString(f.latex, { displayMode: f.display, throwOnError: true, strict: 'error' });
  });
});

describe('ncssl report flags for the analyses', () => {
  it('--analyses, --points, --flows select what the report shows; a bad list is one line and exit 2', async () => {
    const r = await runCli(['report', 'proofs/models/scalar.yaml', '--format', 'json', '--analyses', 'invariants,metric', '--points', '2', '--flows', '0']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    const sg = json.sections.find((s: { id: string }) => s.id === 'procedures').subsections.find((s: { id: string }) => s.id === 'procedure-sg');
    expect(sg.subsections.map((s: { id: string }) => s.id)).toEqual(['sg-field', 'sg-jacobian', 'sg-curl']);
    const bad = await runCli(['report', 'proofs/models/scalar.yaml', '--analyses', 'stabilty']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--analyses/);
  });
});

describe('the .tex of these reports', () => {
  const CI = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
  const present = spawnSync('sh', ['-c', 'command -v pdflatex']).status === 0;
  (present || CI ? it : it.skip)('compiles with pdflatex without overfull lines (capped tables, partial analyses, compact layout)', () => {
    const dir = resolve('test-artifacts', 'report-dynamics');
    mkdirSync(dir, { recursive: true });
    expect(Object.keys(built).sort()).toEqual(['capped', 'equilibria-only', 'random-2x2', 'scalar']);
    for (const [name, doc] of Object.entries(built)) {
      writeFileSync(join(dir, `${name}.tex`), reportLatex(doc));
      const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', `${name}.tex`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      const log = readFileSync(join(dir, `${name}.log`), 'latin1');
      expect(r.status, `${name}: ${log.split('\n').filter((l) => l.startsWith('!')).join('\n')}`).toBe(0);
      expect(log.match(/Overfull \\hbox.*/g) ?? [], name).toEqual([]);
      expect(existsSync(join(dir, `${name}.pdf`))).toBe(true);
    }
  }, 60_000);
});
