/**
 * Section "In closed form": what a paper would state about this model, read off the family
 * analyses run on the model seen as a family with no symbols (src/family/of-model.ts). E, each
 * field and curl factored (common factors pulled out), the conserved quantities, GD's collapse,
 * and each equilibrium set solved (b = 4/5 on the scalar model, not only sampled points) with
 * det(λI − DV) and where along the set it is stable, derived as a set (0 < b < 4/5 unstable).
 * The later sections give the derivations and the sampled points; this one gives the results.
 *
 * Only models with one encoder and one predictor entry (the worked example's shape) get the
 * section: there every set is solved and decided in closed form and each formula fits a line. On
 * larger ones the family analyses decide stability at sampled values only (states above 6), which
 * the equilibria tables already give, and the factored fields run to many lines.
 */
import type { BuiltSection, ReportContext } from '../context.js';
import { type Block, type Inline, math, paragraph, ref, text } from '../document.js';
import { checkFamily, type FamilyPointCheck, type FamilyProcedureCheck } from '../../family/check.js';
import { familyOfModel } from '../../family/of-model.js';
import { pointQuotients } from '../../family/points.js';
import { targetToEncoder } from '../../model/parameters.js';
import { Rational } from '../../exact/rational.js';
import type { Poly } from '../../poly/poly.js';
import { factoredLatex, familyVariables, fractionLatex } from '../family/notation.js';
import { reducedLatex } from '../family/sections/procedures.js';
import type { ConditionRegion } from '../../family/condition-region.js';
import { CLOSED_FORMS, READING } from '../reading-ids.js';
import { stability } from '../../analyses/index.js';
import { registerSection } from './registry.js';


type Variable = (name: string) => string;

/** The eigenvalue −r₀/r₁ when r has degree 1 with a number as leading coefficient, else null. */
function linearRoot(reduced: readonly Poly[]): Poly | null {
  if (reduced.length !== 2 || !reduced[0]!.isConstant()) return null;
  return reduced[1]!.scale(reduced[0]!.constantTerm().inv().neg());
}

/** "stable exactly for b < 0 or b > 4/5, unstable for 0 < b < 4/5 (proved)". */
function regionSentence(r: ConditionRegion, coefficient: boolean, v: Variable): Inline[] {
  const u = v(r.numerator.ring.names[r.variable]!);
  const root = fractionLatex(r.numerator, r.denominator, v);
  return [
    text(': stable exactly for '),
    math(`${u} < 0`),
    text(' or '),
    math(`${u} > ${root}`),
    ...(coefficient ? [text(', unstable for '), math(`0 < ${u} < ${root}`)] : []),
    text(' (proved)'),
  ];
}

function pointSentence(p: FamilyProcedureCheck, x: FamilyPointCheck, v: Variable): Inline[] {
  const ring = x.point.denominator.ring;
  const free = new Set(x.point.free.map((f) => f.variable));
  const fixed = pointQuotients(x.point, p.fp.state).flatMap((c, k) => (free.has(p.fp.state[k]!) ? [] : [`${v(p.fp.stateNames[k]!)} = ${fractionLatex(c.numerator, c.denominator, v)}`]));
  const frees = x.point.free.map((f) => `${v(ring.names[f.variable]!)} ${f.sign === 'nonzero' ? '\\ne 0' : '\\in \\mathbb{R}'}`);
  const s = x.stability;
  const root = linearRoot(s.reduced);
  const kernel = s.kernel === 0 ? '' : s.kernel === 1 ? '\\lambda\\,' : `\\lambda^{${s.kernel}}\\,`;
  const spectrum: Inline[] = root
    ? [text(', eigenvalues '), math(`\\{0, ${factoredLatex(root, v)}\\}`)]
    : [text(', '), math(`\\det(\\lambda I - DV) = ${kernel}r(\\lambda)`), text(', '), math(`r(\\lambda) \\propto ${reducedLatex(s.reduced, v)}`)];
  const verdict: Inline[] = [];
  if (s.verdict === 'stable') {
    const square = s.conditions.find((c) => c.square);
    verdict.push(text(': stable (proved'));
    if (!root) verdict.push(text(': '), math('r'), text(' passes the Routh-Hurwitz test'));
    if (square && root) verdict.push(text(', '), math(`${factoredLatex(square.polynomial, v)} > 0`), text(' for every '), math(v(square.square!.name)), text(': negative discriminant'));
    else if (frees.length) verdict.push(text(' for every '), math(frees.join(',\\ ')));
    verdict.push(text(')'));
  } else if (s.verdict === 'unstable') verdict.push(text(': unstable (proved, a coefficient of '), math('r'), text(' is negative)'));
  else {
    for (const c of s.conditions.filter((c) => !c.proof)) {
      if (c.square) verdict.push(text(': stable for every '), math(v(c.square.name)), text(' (negative discriminant)'));
      else if (c.region) verdict.push(...regionSentence(c.region, c.kind === 'coefficient', v));
      else verdict.push(text(': stable where '), math(`${factoredLatex(c.display, v)} > 0`));
    }
  }
  const name = x.point.component === 'collapsed' ? 'collapsed' : 'non-collapsed';
  return [text(`The ${name} set `), math([...fixed, ...frees].join(',\\ ')), ...spectrum, ...verdict, text('.')];
}

function procedureBlocks(p: FamilyProcedureCheck, v: Variable, weightDecayZero: boolean): Block[] {
  const label = p.fp.procedure.words.label;
  const i = p.integrability;
  const W = i.rateScaled ? 'P^{-1}V' : 'V';
  const component = (k: number) => (i.rateScaled ? `(P^{-1}V)_{${v(p.fp.stateNames[k]!)}}` : `V_{${v(p.fp.stateNames[k]!)}}`);
  const integrability: Inline[] =
    i.kind === 'gradient'
      ? [text(i.rateScaled ? 'A gradient field up to the rates: ' : 'A gradient field: '), math(`${W} = -\\nabla \\Phi`), text(', '), math(`\\Phi = ${i.isObjectivePlusDecay ? (weightDecayZero ? 'E' : 'E + \\tfrac{\\lambda}{2}\\lVert x \\rVert^2') : factoredLatex(i.potential, v)}`), text('.')]
      : [
          text(i.rateScaled ? 'Not a gradient field, not even up to the rates: the curl ' : 'Not a gradient field: the curl '),
          math(`\\partial_{${v(p.fp.stateNames[i.witness.j]!)}} ${component(i.witness.i)} - \\partial_{${v(p.fp.stateNames[i.witness.i]!)}} ${component(i.witness.j)} = ${factoredLatex(i.witness.curl, v)}`),
          ...(i.everywhere ? [text(' is nonzero wherever '), math(`${v(i.witness.monomial)} \\ne 0`)] : []),
          text('.'),
        ];
  const conserved: Inline[] = p.invariants.quantities.length
    ? [text(' Conserved: '), math(p.invariants.quantities.map((q) => factoredLatex(q, v)).join(',\\ ')), text('.')]
    : [];
  const collapse: Inline[] = p.collapse
    ? p.collapse.proved
      ? [text(' Collapse (proved): every equilibrium has '), math('A = 0'), text(', since the joint moment matrix has positive leading minors '), math(p.collapse.minors.map((m) => factoredLatex(m.minor, v)).join(',\\ ')), text(' and '), math('\\lambda \\ge 0'), text('.')]
      : [text(` Collapse not proved in closed form: ${p.collapse.reason}.`)]
    : [];
  return [
    paragraph(text(`${label}:`)),
    { kind: 'equation', rows: p.fp.stateNames.map((name, k) => ({ left: `\\dot{${v(name)}}`, right: `= ${factoredLatex(p.fp.field[k]!, v)}` })) },
    paragraph(...integrability, ...conserved, ...collapse),
    ...(p.points.length ? [{ kind: 'list' as const, items: p.points.map((x) => pointSentence(p, x, v)) }] : []),
  ];
}

function build(ctx: ReportContext): BuiltSection | null {
  if (ctx.model.encoder.in !== 1 || ctx.model.encoder.out !== 1) return null;
  const check = checkFamily(familyOfModel(ctx.model), { seed: 1 });
  if (check.procedures.some((p) => p.points.some((x) => x.point.sampled.length > 0 || x.stability.verdict === 'sampled'))) return null;
  const v = familyVariables(check.family);
  const d = check.derivation;
  const E = d.objective.renameVariables(targetToEncoder(d.params));
  const naming: Inline[] = [text(' Write '), math('a = A_{1,1},\\ b = B_{1,1},\\ \\xi = T_{1,1}'), text('.')];
  const blocks: Block[] = [
    paragraph(
      text('The results of the sections below in their simplest form, each an exact identity for this model (common factors pulled out); the sets of equilibria solved in closed form, each with its stability'),
      // The reading guide explains stability only when the stability analysis ran.
      ...(ctx.check.procedures.some((p) => p.results.get(stability)) ? [text(' ('), ref(READING.stability), text(')')] : []),
      text(' derived along the whole set (the sections below give every equilibrium found).'),
      ...naming,
    ),
    { kind: 'equation', rows: [{ left: 'E(a, b) = F(a, b, a)', right: `= ${factoredLatex(E, v)}` }] },
    ...check.procedures.flatMap((p) => procedureBlocks(p, v, ctx.model.weightDecay.isZero())),
  ];
  const data = {
    E: E.toString(),
    procedures: check.procedures.map((p) => ({
      name: p.fp.procedure.name,
      field: p.fp.field.map((f) => f.toString()),
      integrability: p.integrability.kind,
      curl: p.integrability.kind === 'not-gradient' ? p.integrability.witness.curl.toString() : null,
      conserved: p.invariants.quantities.map((q) => q.toString()),
      collapse: p.collapse ? p.collapse.proved : null,
      equilibria: p.points.map((x) => ({
        component: x.point.component,
        coordinates: pointQuotients(x.point, p.fp.state).map((c) => (c.denominator.isConstant() && c.denominator.constantTerm().equals(Rational.ONE) ? c.numerator.toString() : `(${c.numerator})/(${c.denominator})`)),
        free: x.point.free.map((f) => d.params.ring.names[f.variable]!),
        verdict: x.stability.verdict,
        kernel: x.stability.kernel,
        r: x.stability.reduced.map((c) => c.toString()),
        stableExactlyOutside: x.stability.conditions.flatMap((c) => (c.region ? [{ variable: d.params.ring.names[c.region.variable]!, from: '0', to: `(${c.region.numerator})/(${c.region.denominator})` }] : [])),
      })),
    })),
  };
  ctx.said.set(CLOSED_FORMS, CLOSED_FORMS);
  return { id: CLOSED_FORMS, title: 'In closed form', blocks, data };
}

registerSection({ id: CLOSED_FORMS, order: 25, build });
