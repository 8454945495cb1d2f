/**
 * Per procedure: the equilibria and their stability (docs/math.md claims C3–C4, section 6), read off
 * the `equilibria` and `stability` findings of `checkModel`. For each component of the
 * equilibrium set: the equations that define it, why its points are equilibria, and a table of
 * sampled points with eigenvalues, verdict, level and largest stable learning rate; at rational
 * points the exact certificate det(λI − DV) = λ^k0 · r(λ) with the Routh first column of r.
 * Small states get everything in the body; larger ones a compact table, with each point in full
 * (matrices, every eigenvalue, certificate) in an appendix section. The JSON has all of it.
 * Absent when the equilibria were not analysed (the Procedures section then says why).
 */
import type { EquilibriumComponent } from '../../analyses/equilibria.js';
import { type ComponentNote, type EquilibriaNote, irrationalText, noteText } from '../../analyses/equilibria-notes.js';
import { equilibria, stability as stabilityAnalysis } from '../../analyses/index.js';
import { withMath } from '../words.js';
import type { StabilityVerdict } from '../../analyses/stability.js';
import { Rational } from '../../exact/rational.js';
import { exponentOf, factorsOf, monomialOfVariable, multiplyMonomials, ONE_MONOMIAL } from '../../poly/monomial.js';
import { Poly } from '../../poly/poly.js';
import { polyLatex, polyLatexLines, rationalLatex, variableLatex } from '../../notation/latex-poly.js';
import { latexWidth } from '../../notation/latex-width.js';
import type { BuiltSection, ProcedureContext } from '../context.js';
import { type Block, type EquationRow, type Inline, emph, math, paragraph, ref, text } from '../document.js';
import { DISPLAY_WIDTH, relationRows } from '../equations.js';
import { presentRows } from '../instantiated.js';
import { CLOSED_FORMS, READING } from '../reading-ids.js';
import { count, prose } from './dynamics-format.js';
import {
  type SampledPoint,
  type TableLayout,
  certificateCells,
  certificateRows,
  certificateSummary,
  spectrumRows,
  tableFits,
  labelsInline,
  originInlines,
  pointDetailBlocks,
  pointName,
  pointsTable,
  sampledPoint,
} from './equilibrium-points.js';
import { registerProcedureSection } from './registry.js';

/** Largest state dimension whose certificates are printed in the body (beyond: the appendix). */
const BODY_CERTIFICATE_STATE = 3;

const TITLES: Record<EquilibriumComponent['id'], string> = {
  collapsed: 'collapsed equilibria',
  residual: 'the non-collapsed family M = 0',
  other: 'other non-collapsed equilibria',
};

/** Σ1 and Σ12ᵀ as this model writes them (Σ when the views are exchangeable; Σ12 when symmetric). */
function moments(ctx: ProcedureContext): { s1: string; s12t: string } {
  const mm = ctx.report.matrix.model;
  return { s1: mm.sigma1.latex, s12t: mm.sigma12.symmetric ? mm.sigma12.latex : `${mm.sigma12.latex}^{\\top}` };
}

/** g = m·h with m the largest monomial dividing every term (for display: `A_{1,1} (\tfrac{5}{2} B_{1,1} - 2)`). */
function monomialContent(g: Poly): { factor: string; rest: Poly } | null {
  const terms = g.sortedTerms();
  if (terms.length < 2) return null;
  const vars = new Set<number>();
  for (const [m] of terms) for (const [v] of factorsOf(m)) vars.add(v);
  let common = ONE_MONOMIAL;
  for (const v of [...vars].sort((a, b) => a - b)) {
    const e = Math.min(...terms.map(([m]) => exponentOf(m, v)));
    if (e > 0) common = multiplyMonomials(common, monomialOfVariable(v, e));
  }
  if (common === ONE_MONOMIAL) return null;
  const divide = (m: string): string => {
    let out = ONE_MONOMIAL;
    for (const [v, e] of factorsOf(m)) {
      const left = e - exponentOf(common, v);
      if (left > 0) out = multiplyMonomials(out, monomialOfVariable(v, left));
    }
    return out;
  };
  const rest = Poly.fromTerms(g.ring, terms.map(([m, c]) => [divide(m), c] as [string, Rational]));
  const factor = polyLatex(Poly.fromTerms(g.ring, [[common, Rational.ONE]]));
  return { factor, rest };
}

/** Rows `g_i = …`, a common monomial factor shown when the factored form fits a line. */
function equationRows(equations: readonly Poly[]): EquationRow[] {
  return equations.flatMap((g, i) => {
    const left = `g_{${i + 1}}`;
    const content = monomialContent(g);
    if (content) {
      const factored = `${content.factor}\\,\\bigl(${polyLatex(content.rest)}\\bigr)`;
      if (latexWidth(left) + latexWidth(factored) + 3 <= DISPLAY_WIDTH) return [{ left, right: `= ${factored}` }];
    }
    return relationRows(left, '=', (w) => polyLatexLines(g, w));
  });
}

/** Equations that are a single state variable (x = 0), and the rest. */
function splitVariables(ctx: ProcedureContext, equations: readonly Poly[]): { zero: string[]; rest: Poly[] } {
  const zero: string[] = [];
  const rest: Poly[] = [];
  for (const g of equations) {
    const terms = g.sortedTerms();
    const single = terms.length === 1 && terms[0]![0].length === 1 && ctx.core.state.includes(g.variables()[0]!);
    if (single) zero.push(ctx.core.stateNames[ctx.core.state.indexOf(g.variables()[0]!)]!);
    else rest.push(g);
  }
  return { zero, rest };
}

/** `A = 0, T = 0` when whole blocks vanish, else the coordinates. */
function zeroBlocksLatex(ctx: ProcedureContext, zero: readonly string[]): string {
  const params = ctx.report.check.derivation.params;
  const names = (vars: number[]) => vars.filter((v) => ctx.core.state.includes(v)).map((v) => ctx.core.stateNames[ctx.core.state.indexOf(v)]!);
  const parts: string[] = [];
  const left = new Set(zero);
  for (const b of [params.encoder, params.predictor, params.target]) {
    const n = names(b.variables);
    if (n.length > 0 && n.every((x) => left.has(x))) {
      parts.push(`${b.symbol} = 0`);
      n.forEach((x) => left.delete(x));
    }
  }
  parts.push(...[...left].map((x) => `${variableLatex(x)} = 0`));
  return parts.join(',\\ ');
}

function componentDescription(ctx: ProcedureContext, c: EquilibriumComponent, index: number, hasFamily: boolean): { blocks: Block[]; appendix: BuiltSection[] } {
  const { s1, s12t } = moments(ctx);
  const ema = ctx.core.procedure.recipe === 'moving-average';
  const blocks: Block[] = [];
  const appendix: BuiltSection[] = [];
  const containment = [emph(`Every point of this set is an equilibrium (${c.containment.level}):`), text(' ')];
  if (c.id === 'collapsed') {
    const { zero, rest } = splitVariables(ctx, c.equations);
    blocks.push(
      paragraph(
        text('The collapsed points '),
        math(zeroBlocksLatex(ctx, zero)),
        text(rest.length === 0 ? ': ' : ', where the remaining components of the field reduce to the equations below: '),
        emph(`equilibria (${c.containment.level})`),
        text(rest.length === 0 ? ', the field vanishing identically there.' : ', the common zeros of that list.'),
      ),
    );
    if (rest.length > 0) blocks.push({ kind: 'equation', rows: equationRows(rest) });
  } else if (c.id === 'residual') {
    const target = ema ? 'T' : 'A';
    blocks.push(
      paragraph(
        text('The points where the residual vanishes, '),
        math(`M = B A ${s1} - ${target} ${s12t} = 0`),
        ...(ema ? [text(' and '), math('T = A')] : []),
        text(': '),
        emph(`equilibria (${c.containment.level})`),
        text(', since '),
        math('V_A = -B^{\\top} M'),
        text(', '),
        math('V_B = -\\alpha\\, M A^{\\top}'),
        ...(ema ? [text(', '), math('V_T = \\tau (A - T)')] : []),
        text(' (on the free parameters) hold as exact polynomial identities. In coordinates, the common zeros of'),
      ),
    );
    const shown = presentRows({
      rows: equationRows(c.equations),
      terms: c.equations.reduce((s, g) => s + g.size, 0),
      what: 'This system of equations',
      appendixId: `${ctx.name}-component-${index + 1}-equations`,
      appendixTitle: `${ctx.label} equations of the non-collapsed family`,
      limits: ctx.report.limits,
    });
    blocks.push(...shown.body);
    appendix.push(...shown.appendix);
  } else {
    blocks.push(
      paragraph(
        text('Equilibria with '),
        math('A \\neq 0'),
        text(hasFamily ? ' off the family above: the common zeros of the components of ' : ': the common zeros of the components of '),
        math('V'),
        text(' itself (the field of '),
        ref(`${ctx.name}-field`),
        text('). '),
        ...containment,
        text('the equations are the field.'),
      ),
    );
  }
  // With the sets solved in the closed-form section, where the exact points come from is said by
  // the origins of the sampled points below; the eigenvalue note would say it a second time.
  const solved = ctx.report.said.has(CLOSED_FORMS);
  for (const note of c.notes) if (!(solved && note.kind === 'eigenvalues' && note.irrational.length === 0)) blocks.push(paragraph(...componentNote(note)));
  return { blocks, appendix };
}

/** The check's sentence for a note, as a reader's sentence (Unicode notation as inline math). */
function noteSentence(note: ComponentNote | EquilibriaNote): Inline[] {
  const words = noteText(note);
  return [...prose(words.charAt(0).toUpperCase() + words.slice(1)), text('.')];
}

/** The analyses' notes on a component, worded for a reader (with formulas where they help). */
function componentNote(note: ComponentNote): Inline[] {
  if (note.kind === 'eigenvalues') {
    const rational = note.rational;
    const irrational = note.irrational;
    // One formula per number, so that a long list can break between them.
    const list = (xs: readonly string[]): Inline[] => xs.flatMap((x, i) => [...(i > 0 ? [text(', ')] : []), math(x)]);
    return [
      text('Points are built from encoders whose rows span a subspace invariant under '),
      math('\\Sigma_{1}^{-1} \\Sigma_{12}'),
      text(', whose eigenvalues are '),
      ...(rational.length > 0 ? [...list(rational.map((r: Rational) => rationalLatex(r))), text(' (rational'), text(irrational.length > 0 ? ') and ' : ')')] : []),
      ...(irrational.length > 0 ? [...list(irrational.map(irrationalText)), text(' (irrational, 6 digits)')] : []),
      text(
        rational.length > 0
          ? ': rational eigenvectors give exact points.'
          : ': exact points come from invariant subspaces spanned without eigenvectors (such as the whole space), float points from the eigenvectors.',
      ),
    ];
  }
  return noteSentence(note);
}

/** Notes on the equilibrium set as a whole (why a family is not claimed). */
function findingNote(ctx: ProcedureContext, note: EquilibriaNote): Inline[] {
  const { s1, s12t } = moments(ctx);
  if (note.kind === 'not-residual-form') {
    return [
      text('No family '),
      math('M = 0'),
      text(' is claimed for this field: its encoder (or predictor) component is not '),
      math('-B^{\\top} M - \\lambda A'),
      text(' (resp. '),
      math('-\\alpha (M A^{\\top} + \\lambda B)'),
      text(') as a polynomial identity'),
      ...(ctx.core.procedure.recipe === 'identify-then-differentiate' ? [text(': differentiating through the target adds a term')] : []),
      text('.'),
    ];
  }
  if (note.kind === 'projection') {
    return [
      text(`With a ${note.encoderKind} encoder the field sees only the projection of `),
      math(`M = B A ${s1} - T ${s12t}`),
      text(" on the encoder's parameters: "),
      math('M = 0'),
      text(' is a proper subvariety of the equilibrium set, so the non-collapsed equilibria are described by '),
      math('V = 0'),
      text(' itself.'),
    ];
  }
  if (note.kind === 'weight-decay') {
    return [
      text('With weight decay '),
      math('\\lambda > 0'),
      text(', '),
      math('M = 0'),
      text(' leaves '),
      math('V = -\\lambda P x \\neq 0'),
      text(" away from the origin: non-collapsed equilibria are sought by Newton's method and as limits of the flow instead."),
    ];
  }
  return noteSentence(note);
}

const VERDICT_ORDER: StabilityVerdict[] = ['transversally asymptotically stable', 'unstable', 'degenerate', 'inconclusive'];

/** "5 transversally asymptotically stable, 1 unstable". */
function verdictCounts(points: readonly SampledPoint[]): string {
  const parts = VERDICT_ORDER.map((v) => [v, points.filter((p) => p.stability?.verdict === v).length] as const)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${v}`);
  return parts.length === 0 ? 'none' : parts.join(', ');
}

function claimBlocks(ctx: ProcedureContext, points: readonly SampledPoint[], components: number, withStability: boolean): Block[] {
  const blocks: Block[] = [];
  const exact = points.filter((p) => p.point.exact).length;
  blocks.push(
    paragraph(
      emph('Found'),
      ...(withStability ? [text(' (stability and the tables as in '), ref(READING.stability), text(')')] : []),
      emph(':'),
      text(
        ` ${count(components, 'component')} of the equilibrium set; ${count(points.length, 'sampled point')} (${exact} exact, ${points.length - exact} float)` +
          (withStability ? `, of which ${verdictCounts(points)}.` : '; stability was not selected.'),
      ),
    ),
  );
  return blocks;
}

/** The widest table that fits; small states keep their points in the body, larger ones go compact. */
function layoutOf(ctx: ProcedureContext, points: readonly SampledPoint[]): TableLayout {
  if (ctx.core.state.length > BODY_CERTIFICATE_STATE) return 'compact';
  const shown = (['full', 'points'] as const).find((l) => tableFits(points, ctx.core.stateNames, l));
  return shown ?? 'compact';
}

function build(ctx: ProcedureContext): BuiltSection | null {
  const finding = ctx.check.results.get(equilibria);
  if (!finding) return null;
  const stability = ctx.check.results.get(stabilityAnalysis);
  const params = ctx.report.check.derivation.params;
  const limits = ctx.report.limits;
  let label = 0;
  const perComponent = finding.components.map((c, i) => c.points.map((p, j) => sampledPoint(++label, i, p, stability?.[i]?.[j] ?? null)));
  const all = perComponent.flat();
  // Each component's table in the widest layout that fits (its own points decide).
  const layouts = perComponent.map((points) => layoutOf(ctx, points.slice(0, limits.bodyPoints)));
  const blocks: Block[] = claimBlocks(ctx, all, finding.components.length, stability !== undefined);
  const appendix: BuiltSection[] = [];
  const detailed: SampledPoint[] = [];
  const detailsId = `${ctx.name}-equilibria-points`;

  finding.components.forEach((c, i) => {
    blocks.push({ kind: 'heading', text: `Component ${i + 1}: ${TITLES[c.id]}` });
    const described = componentDescription(ctx, c, i, finding.components.some((x) => x.id === 'residual'));
    blocks.push(...described.blocks);
    appendix.push(...described.appendix);
    const points = perComponent[i]!;
    if (points.length === 0) {
      blocks.push(paragraph(text('No point of this component was sampled.')));
      return;
    }
    const layout = layouts[i]!;
    const shown = points.slice(0, limits.bodyPoints);
    // The certificates go into the table when every one fits a cell and the wider table the page.
    const certified = layout === 'compact' ? [] : shown.filter((p) => p.stability?.certificate);
    const inTable = certified.length > 0 && certified.every((p) => certificateCells(p) !== null) && tableFits(shown, ctx.core.stateNames, layout, true);
    const hidden = points.slice(limits.bodyPoints);
    blocks.push(
      paragraph(
        text(`Sampled points (${points.filter((p) => p.point.exact).length} exact, ${points.filter((p) => !p.point.exact).length} float): `),
        ...originInlines(points),
        text('.'),
      ),
    );
    blocks.push(pointsTable(shown, ctx.core.stateNames, layout, inTable));
    if (hidden.length > 0) {
      blocks.push(
        paragraph(
          text(`The table shows the first ${shown.length} of ${points.length} points; `),
          ...labelsInline(hidden),
          text(' are given in '),
          ref(detailsId),
          text('.'),
        ),
      );
    }
    if (layout !== 'compact') {
      if (layout === 'points' && shown.some((p) => p.stability)) {
        blocks.push(paragraph(text('The eigenvalues of '), math('\\mathrm{D}V'), text(' at these points:')));
        blocks.push({ kind: 'equation', rows: shown.filter((p) => p.stability).flatMap(spectrumRows) });
      }
      const rows = certified.map((p) => certificateRows(p));
      if (certified.length > 0 && !inTable && ctx.report.said.has(CLOSED_FORMS)) {
        // r along the whole component is in the closed-form section: per point it is an instance.
        blocks.push(
          paragraph(
            text('At each rational point '),
            math('\\det(\\lambda I - \\mathrm{D}V) = \\lambda^{k_0} r(\\lambda)'),
            text(' with '),
            math('r'),
            text(' that of its set in '),
            ref(CLOSED_FORMS),
            text(' at its coordinates, up to a constant factor; each certificate ('),
            math('r'),
            text(' and '),
            math('\\rho'),
            text(') is in the JSON report.'),
          ),
        );
      } else if (certified.length > 0 && !inTable) {
        blocks.push(paragraph(text('The exact certificates at the rational points, with '), math('\\rho'), text(' the first column of the Routh array of the factor '), math('r'), text(':')));
        const printable = rows.filter((r): r is EquationRow[] => r !== null).flat();
        if (printable.length > 0) blocks.push({ kind: 'equation', rows: printable });
        certified.forEach((p, k) => (rows[k] === null ? blocks.push(paragraph(...certificateSummary(p))) : null));
      }
      detailed.push(...hidden);
    } else {
      detailed.push(...points);
      blocks.push(
        paragraph(
          text('The coordinates of these points, all eigenvalues of '),
          math('\\mathrm{D}V'),
          text(' there and the exact certificates at rational points are in '),
          ref(detailsId),
          text('.'),
        ),
      );
    }
  });
  for (const note of finding.notes) blocks.push(paragraph(...findingNote(ctx, note)));
  if (detailed.length > 0) {
    appendix.push({
      id: detailsId,
      title: `${ctx.label} equilibria: the sampled points`,
      blocks: [
        paragraph(
          text('Each point with its parameter matrices, the eigenvalues of '),
          math('\\mathrm{D}V'),
          text(' (exact where they are rational), its verdict and, at rational points, the certificate: '),
          math('\\det(\\lambda I - \\mathrm{D}V) = \\lambda^{k_0} r(\\lambda)'),
          text(' and the first column '),
          math('\\rho'),
          text(' of the Routh array of '),
          math('r'),
          text('.'),
        ),
        ...detailed.flatMap((p) => pointDetailBlocks(p, params, ctx.core.state, ctx.core.stateNames)),
      ],
    });
  }
  return {
    id: `${ctx.name}-equilibria`,
    title: stability ? 'Equilibria and their stability' : 'Equilibria',
    blocks,
    appendix,
    data: equilibria.toJson(finding, ctx.check),
  };
}

registerProcedureSection({ id: 'equilibria', order: 40, build });
