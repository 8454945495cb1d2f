/**
 * One section per procedure: its field in the symbols, whether it is a gradient field, what it
 * conserves, GD's collapse proof, and its equilibria in closed form with their stability. Signs
 * proved on the domain are shown with the substitution that proves them (reading section).
 */
import { type Block, type Inline, math, paragraph, text } from '../../document.js';
import type { BuiltSection } from '../../context.js';
import { withMath } from '../../words.js';
import type { FamilyPointCheck, FamilyProcedureCheck } from '../../../family/check.js';
import { pointQuotients } from '../../../family/points.js';
import type { PositivityCertificate } from '../../../family/positivity.js';
import type { ConditionRegion, SquareProof } from '../../../family/condition-region.js';
import { parsePoly } from '../../../poly/parse.js';
import { Ring } from '../../../poly/ring.js';
import type { Poly } from '../../../poly/poly.js';
import { polyLatex } from '../../../notation/latex-poly.js';
import type { FamilyReportContext } from '../context.js';
import { factoredLatex, fractionLatex, symbolLatex } from '../notation.js';

/** "with s = c + d_1, d_1 > 0: 2cd_1 + d_1² > 0" as inline math, from a sign certificate. */
export function proofInline(cert: PositivityCertificate, variable: (n: string) => string): Inline[] {
  const names = [...new Set(cert.expanded.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [])];
  const ring = new Ring(names.sort());
  const expanded = polyLatex(parsePoly(ring, cert.expanded), { variable });
  const relation = { positive: '> 0', nonnegative: '\\ge 0', negative: '< 0', nonpositive: '\\le 0' }[cert.conclusion];
  const subs = cert.substitutions.map((s) => `${symbolLatex(s.target)} = ${s.by.split(/\s*\+\s*/).map((t) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(t) ? variable(t) : t)).join(' + ')}`);
  if (subs.length === 0) return [text('proved (every term has that sign on the domain)')];
  return [text('with '), math(subs.join(',\\ ')), text(': '), math(`${expanded} ${relation}`), text(' (every term has that sign)')];
}

/** "holds exactly for b < 0 or b > c/s: the points with 0 < b < c/s are unstable". */
export function regionInline(r: ConditionRegion, coefficient: boolean, variable: (n: string) => string): Inline[] {
  const u = variable(r.numerator.ring.names[r.variable]!);
  const root = fractionLatex(r.numerator, r.denominator, variable);
  const inside = [text('; the points with '), math(`0 < ${u} < ${root}`), text(' are unstable (a negative coefficient of '), math('r'), text(')')];
  return [text('holds exactly for '), math(`${u} < 0`), text(' or '), math(`${u} > ${root}`), ...(coefficient ? inside : [])];
}

/** "for every b: completing the square, s > 0 and 4s² − 4c² > 0". */
export function squareInline(q: SquareProof, variable: (n: string) => string): Inline[] {
  const u = variable(q.name);
  const poly = (text: string) => polyLatex(parsePoly(new Ring([...new Set(text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? [])].sort()), text), { variable });
  return [text('for every '), math(u), text(' (complete the square: '), math(`${poly(q.leading.polynomial)} > 0`), text(' and '), math(`${poly(q.discriminant.polynomial)} > 0`), text(', the latter '), ...proofInline(q.discriminant, variable), text(')')];
}

function fieldBlock(p: FamilyProcedureCheck, ctx: FamilyReportContext): Block {
  return {
    kind: 'equation',
    rows: p.fp.stateNames.map((name, k) => ({ left: `\\dot{${ctx.variable(name)}}`, right: `= ${factoredLatex(p.fp.field[k]!, ctx.variable)}` })),
  };
}

function integrabilityBlocks(p: FamilyProcedureCheck, ctx: FamilyReportContext): Block[] {
  const i = p.integrability;
  const W = i.rateScaled ? 'P^{-1}V' : 'V';
  if (i.kind === 'gradient') {
    return [
      paragraph(text('Gradient field for every admissible value: '), math(`${W} = -\\nabla \\Phi`), text(' with')),
      { kind: 'equation', rows: [{ left: '\\Phi', right: `= ${factoredLatex(i.potential, ctx.variable)}${i.isObjectivePlusDecay ? ' = E + \\tfrac{\\lambda}{2}\\lVert x \\rVert^2' : ''}` }] },
    ];
  }
  const w = i.witness;
  const [xi, xj] = [ctx.variable(p.fp.stateNames[w.i]!), ctx.variable(p.fp.stateNames[w.j]!)];
  const curl = `\\frac{\\partial W_{${xi}}}{\\partial ${xj}} - \\frac{\\partial W_{${xj}}}{\\partial ${xi}}`;
  return [
    paragraph(text('Not a gradient field'), text(i.rateScaled ? ', not even up to the rates' : ''), text(': with '), math(`W = ${W}`), text(',')),
    { kind: 'equation', rows: [{ left: curl, right: `= ${factoredLatex(w.curl, ctx.variable)}` }] },
    paragraph(
      ...(i.everywhere && w.proof
        ? [text('which is nonzero wherever '), math(`${ctx.variable(w.monomial)} \\ne 0`), text(' for every admissible value, since its coefficient '), math(polyLatex(w.coefficient, { variable: ctx.variable })), text(' is nonzero: '), ...proofInline(w.proof, ctx.variable), text('.')]
        : [text('so the field is not a gradient field wherever '), math(`${polyLatex(w.coefficient, { variable: ctx.variable })} \\ne 0`), text('; it is one only where every coefficient of every curl entry vanishes.')]),
    ),
  ];
}

function conservedBlocks(p: FamilyProcedureCheck, ctx: FamilyReportContext): Block[] {
  const q = p.invariants.quantities;
  if (q.length === 0) return [paragraph(text('No quadratic quantity whose coefficients are numbers, or numbers times one symbol, is conserved for all values.'))];
  return [
    paragraph(text(`Conserved along every trajectory, for every admissible value (`), math('\\nabla Q \\cdot V \\equiv 0'), text('):')),
    { kind: 'equation', rows: q.map((Q, k) => ({ left: q.length > 1 ? `Q_{${k + 1}}` : 'Q', right: `= ${factoredLatex(Q, ctx.variable)}` })) },
  ];
}

function collapseBlocks(p: FamilyProcedureCheck, ctx: FamilyReportContext): Block[] {
  const c = p.collapse;
  if (!c) return [];
  const minors = c.minors.map((m, k): Inline[] => [math(`\\Delta_{${k + 1}}(J) = ${factoredLatex(m.minor, ctx.variable)}`), text(': '), ...(m.proof ? proofInline(m.proof, ctx.variable) : [text('not proved positive')])]);
  return [
    paragraph(
      text('Collapse: '),
      ...withMath(
        c.proved
          ? 'every equilibrium has $A = 0$, for every admissible value. At an equilibrium $2E = -\\lambda \\lVert A \\rVert^2$ (Euler, since $E$ is quadratic in $A$), and $E = \\tfrac{1}{2}\\sum_k y_k J y_k^{\\top}$ with $y_k$ the rows of $[BA, -A]$ and $J$ the joint moment matrix of the two views. $J$ is positive definite (its leading minors below are positive) and $\\lambda \\ge 0$, so $E = 0$ and $A = 0$.'
          : `not proved for the family: ${c.reason}.`,
      ),
    ),
    { kind: 'list', items: minors },
  ];
}

/** r(λ) from its coefficients, leading first: `2\lambda + \left(5b^{2} - 4b\right)`. */
export function reducedLatex(reduced: readonly Poly[], v: (name: string) => string): string {
  const d = reduced.length - 1;
  const r = reduced.map((c, i) => ({ c, power: d - i })).filter(({ c }) => !c.isZero());
  return r.map(({ c, power }, k) => {
    const coefficient = c.size > 1 ? `\\left(${polyLatex(c, { variable: v })}\\right)` : polyLatex(c, { variable: v });
    const lam = power === 0 ? '' : power === 1 ? '\\lambda' : `\\lambda^{${power}}`;
    const body = power === 0 ? coefficient : coefficient === '1' ? lam : `${coefficient}\\,${lam}`;
    return k === 0 || body.startsWith('-') ? body : `+ ${body}`;
  }).join(' ');
}

function pointBlocks(p: FamilyProcedureCheck, x: FamilyPointCheck, ctx: FamilyReportContext): Block[] {
  const v = ctx.variable;
  const ring = x.point.denominator.ring;
  // A free coordinate is not restated (b = b): the "for" clause names it.
  const freeVars = new Set(x.point.free.map((f) => f.variable));
  const coords = pointQuotients(x.point, p.fp.state).flatMap((c, k) => (freeVars.has(p.fp.state[k]!) ? [] : [`${v(p.fp.stateNames[k]!)} = ${fractionLatex(c.numerator, c.denominator, v)}`]));
  const free = x.point.free.map((f) => `${v(ring.names[f.variable]!)} ${f.sign === 'nonzero' ? '\\ne 0' : '\\in \\mathbb{R}'}`);
  const sampled = x.point.sampled.map((s) => `${v(ring.names[s.variable]!)} = ${s.value}`);
  const s = x.stability;
  const rLatex = reducedLatex(s.reduced, v);
  const title = x.point.component === 'collapsed' ? 'Collapsed equilibria' : 'Non-collapsed equilibria';
  const verdict: Inline[] =
    s.verdict === 'stable'
      ? [text('transversally asymptotically stable for every admissible value'), text(s.kernel > 0 ? ` (the ${s.kernel}-dimensional set of these points carries the zero eigenvalue${s.kernel > 1 ? 's' : ''})` : ''), text('.')]
      : s.verdict === 'unstable'
        ? [text('unstable for every admissible value: a coefficient of '), math('r'), text(' is negative.')]
        : s.verdict === 'sampled'
          ? [text(`decided at sampled values only (the state is too large for r in the symbols): ${s.reason}.`)]
          : [text('stable exactly where the conditions below are positive; '), text(s.conditions.every((c) => c.proof) ? 'they are, but the set of equilibria through the point is not shown to have dimension k.' : 'not all are proved positive on the whole domain.')];
  const conditions = s.conditions.map((c): Inline[] => [
    math(`${factoredLatex(c.proof ? c.polynomial : c.display, v)} > 0`),
    text(': '),
    ...(c.proof
      ? proofInline(c.proof, v)
      : c.square
        ? squareInline(c.square, v)
        : c.negative
        ? [text('fails for every admissible value')]
        : c.region
          ? regionInline(c.region, c.kind === 'coefficient', v)
          : [text(`an open condition (holds at ${c.holdsAtSamples.holds} of ${c.holdsAtSamples.of} sampled values${x.point.free.length ? ', free coordinates at 1' : ''})`)]),
  ]);
  return [
    paragraph(text(`${title}: `), math(coords.join(',\\ ')), ...(free.length + sampled.length ? [text(' for '), math([...free, ...sampled].join(',\\ '))] : []), text('. There')),
    ...(s.verdict === 'sampled' ? [] : [{ kind: 'equation' as const, rows: [{ left: '\\det(\\lambda I - DV)', right: `= ${s.kernel === 0 ? '' : s.kernel === 1 ? '\\lambda\\,' : `\\lambda^{${s.kernel}}\\,`}r(\\lambda),\\quad r(\\lambda) \\propto ${rLatex}` }] }]),
    paragraph(text('These points are '), ...verdict),
    ...(conditions.length ? [{ kind: 'list' as const, items: conditions }] : []),
  ];
}

function procedureSection(p: FamilyProcedureCheck, ctx: FamilyReportContext): BuiltSection {
  const words = p.fp.procedure.words;
  const blocks: Block[] = [
    paragraph(...withMath(`${words.label}: ${words.how}.`)),
    fieldBlock(p, ctx),
    ...integrabilityBlocks(p, ctx),
    ...conservedBlocks(p, ctx),
    ...collapseBlocks(p, ctx),
    ...p.points.flatMap((x) => pointBlocks(p, x, ctx)),
  ];
  return { id: `procedure-${p.fp.procedure.name}`, title: `${words.label}: ${words.title}`, blocks };
}

export function familyProceduresSection(ctx: FamilyReportContext): BuiltSection {
  return {
    id: 'procedures',
    title: 'The procedures',
    blocks: [paragraph(text('Each procedure in turn, every expression in the symbols.'))],
    subsections: ctx.check.procedures.map((p) => procedureSection(p, ctx)),
  };
}
