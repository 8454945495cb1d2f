/**
 * Per procedure: collapse (docs/math.md claims C2 and C3), read off the `collapse` finding of
 * `checkModel`. For GD the proof that every equilibrium has A = 0 — E as a quadratic form in the
 * joint moment matrix (printed Σ_joint), Euler's identity for the 2-homogeneous E, then Σ_joint ≻ 0 or λ > 0 — with
 * which steps were checked as exact identities and where the argument stops when it does; for SG
 * and EMA whether non-collapsed equilibria exist (an exact witness proves it). For all: the share
 * of sampled equilibria of each component with their stability verdicts, and where the float
 * flows from random starts came to rest.
 */
import type { CollapseFinding, ComponentShare, GdCollapseProof, GdCollapseStepId } from '../../analyses/collapse.js';
import { collapse, equilibria } from '../../analyses/index.js';
import type { RationalMatrix } from '../../model/model.js';
import type { BuiltSection, ProcedureContext } from '../context.js';
import { type Block, type DerivationStep, type Inline, emph, math, paragraph, ref, text } from '../document.js';
import { READING } from '../reading-ids.js';
import { rationalMatrixLatex } from '../equations.js';
import { count, prose } from './dynamics-format.js';
import { registerProcedureSection } from './registry.js';

/** [[Σ1, Σ12], [Σ12ᵀ, Σ2]] with this model's numbers. */
function jointMoments(ctx: ProcedureContext): RationalMatrix {
  const { sigma1, sigma2, sigma12 } = ctx.report.model.moments;
  const p = sigma1.length;
  return Array.from({ length: 2 * p }, (_, i) =>
    Array.from({ length: 2 * p }, (_, j) => {
      if (i < p && j < p) return sigma1[i]![j]!;
      if (i >= p && j >= p) return sigma2[i - p]![j - p]!;
      return i < p ? sigma12[i]![j - p]! : sigma12[j]![i - p]!;
    }),
  );
}

/** Largest joint moment matrix printed with its numbers (2p × 2p). */
const PRINTED_JOINT_SIZE = 6;

function checkedWords(checked: boolean): Inline[] {
  return checked ? [text(' (checked as an exact polynomial identity)')] : [text(' ('), emph('this identity does not hold for this field, so the argument stops here'), text(')')];
}

/** The GD proof as derivation steps, read by step id; null when a step it words is missing. */
/** The joint second-moment matrix of the two views: not J, which is the Jacobian's letter (and the rectangular identity's). */
const JOINT = '\\Sigma_{\\mathrm{joint}}';

function gdSteps(ctx: ProcedureContext, gd: GdCollapseProof): DerivationStep[] | null {
  const step = (id: GdCollapseStepId) => gd.steps.find((s) => s.id === id);
  const [form, euler, last] = [step('quadratic-form'), step('euler'), step('weight-decay') ?? step('definite-moments')];
  if (!form || !step('joint-moments') || !euler) return null;
  const mm = ctx.report.matrix.model;
  const s12t = mm.sigma12.symmetric ? mm.sigma12.latex : `${mm.sigma12.latex}^{\\top}`;
  const J = jointMoments(ctx);
  const jRight = `= \\begin{bmatrix} ${mm.sigma1.latex} & ${mm.sigma12.latex} \\\\ ${s12t} & ${mm.sigma2.latex} \\end{bmatrix}` + (J.length <= PRINTED_JOINT_SIZE ? ` = ${rationalMatrixLatex(J)}` : '');
  const steps: DerivationStep[] = [
    {
      because: [
        text('The original objective is a quadratic form in '),
        math('Y = [B A,\\ -A]'),
        text(' with the joint second-moment matrix '),
        math(JOINT),
        text(' of the two views'),
        ...checkedWords(form.checked),
        text(':'),
      ],
      rows: [
        { left: 'E(A, B) = F(A, B, A)', right: `= \\tfrac{1}{2} \\operatorname{tr}(Y ${JOINT} Y^{\\top})` },
        { left: JOINT, right: jRight },
      ],
    },
    {
      because: [
        math(JOINT),
        text(
          gd.jointMoments === 'positive definite'
            ? ' is positive definite (exact test), so '
            : gd.jointMoments === 'positive semidefinite, singular'
              ? ' is positive semidefinite but singular (exact test), so '
              : ' is not positive semidefinite (exact test), so ',
        ),
        math('E'),
        text(gd.jointMoments === 'not positive semidefinite' ? ' can be negative:' : ' is nonnegative:'),
      ],
      rows: [
        {
          left: JOINT,
          right:
            gd.jointMoments === 'positive definite'
              ? '\\succ 0 \\;\\Longrightarrow\\; E \\geq 0'
              : gd.jointMoments === 'positive semidefinite, singular'
                ? `\\succeq 0,\\ \\det ${JOINT} = 0`+' \\;\\Longrightarrow\\; E \\geq 0'
                : '\\not\\succeq 0',
        },
      ],
    },
    {
      because: [
        math('E'),
        text(" is homogeneous of degree 2 in the encoder's free parameters "),
        math('u'),
        text(' (collected in the vector '),
        math('a'),
        text(`), and ${ctx.label}'s encoder field is `),
        math('V_u = -\\partial E / \\partial u - \\lambda u'),
        text(", so by Euler's identity"),
        ...checkedWords(euler.checked),
        text(', and at every equilibrium ('),
        math('V = 0'),
        text('):'),
      ],
      rows: [
        { left: '\\sum_{u} u\\, V_u + \\lambda \\lVert a \\rVert^{2} + 2E', right: '\\equiv 0' },
        { left: '2E', right: '= -\\lambda \\lVert a \\rVert^{2}' },
      ],
    },
  ];
  if (last) {
    steps.push(
      last.id === 'weight-decay'
        ? {
            because: [text('With weight decay '), math('\\lambda > 0'), text(' and '), math('E \\geq 0'), text(':')],
            rows: [{ left: '0 \\leq 2E = -\\lambda \\lVert a \\rVert^{2} \\leq 0', right: '\\;\\Longrightarrow\\; a = 0 \\;\\Longrightarrow\\; A = 0' }],
          }
        : {
            because: [text('Without weight decay, '), math('E = 0'), text(' at every equilibrium, and '), math(`${JOINT} \\succ 0`), text(' leaves only '), math('Y = 0'), text(':')],
            rows: [{ left: `\\tfrac{1}{2} \\operatorname{tr}(Y ${JOINT} Y^{\\top}) = 0,\\ ${JOINT} \\succ 0`, right: '\\;\\Longrightarrow\\; Y = 0 \\;\\Longrightarrow\\; A = 0' }],
          },
    );
  }
  return steps;
}

function gdBlocks(ctx: ProcedureContext, gd: GdCollapseProof): Block[] {
  const blocks: Block[] = [
    paragraph(
      text('Claim C3 ('),
      ref('claims'),
      text(`): every equilibrium of ${ctx.label} has `),
      math('A = 0'),
      text('. The proof, with each step checked for this model:'),
    ),
  ];
  const steps = gdSteps(ctx, gd);
  if (steps) blocks.push({ kind: 'steps', steps });
  else blocks.push(...gd.steps.map((s, k) => paragraph(text(`(${k + 1}) `), ...prose(s.statement), text(s.checked ? ' (checked).' : ' (does not hold).'))));
  const proved = gd.level === 'proved';
  blocks.push(
    paragraph(
      emph(`Verdict (${gd.level}):`),
      text(' '),
      ...(proved
        ? [text(`every equilibrium of ${ctx.label} is collapsed, `), math('A = 0'), text('.')]
        : gd.counterexample
          ? [text('the claim fails on this model (a finding, not an error): '), ...prose(gd.counterexample), text('. The proof above stops because '), ...prose(gd.reason), text('.')]
          : [text('the argument stops: '), ...prose(gd.reason), text('. Collapse of every equilibrium is neither proved nor refuted here; the sampled equilibria below are the evidence.')]),
    ),
  );
  return blocks;
}

/** The label `x_j` of the first non-collapsed sampled point (exact when asked), numbered as in the equilibria section. */
function firstWitness(ctx: ProcedureContext, exact: boolean): string | null {
  const components = ctx.check.results.get(equilibria)?.components ?? [];
  let label = 0;
  for (const c of components) {
    for (const p of c.points) {
      label++;
      if (!p.collapsed && (!exact || p.exact)) return `x_{${label}}`;
    }
  }
  return null;
}

function sharesTable(f: CollapseFinding): Block {
  const titles = { collapsed: 'collapsed', residual: 'family M = 0', other: 'other non-collapsed' } as const;
  return {
    kind: 'table',
    header: [[text('component')], [text('points')], [text('exact')], [text('stable')], [text('unstable')], [text('degenerate')], [text('inconclusive')]],
    rows: f.shares.map((s) => [
      [text(titles[s.component])],
      [text(String(s.points))],
      [text(String(s.exactPoints))],
      [text(String(s.verdicts['transversally asymptotically stable']))],
      [text(String(s.verdicts.unstable))],
      [text(String(s.verdicts.degenerate))],
      [text(String(s.verdicts.inconclusive))],
    ]),
  };
}

/** A verdict on non-collapsed equilibria as a short table cell (the evidence, when it is not a witness, follows the table). */
function nonCollapsedCell(ctx: ProcedureContext, f: CollapseFinding): Inline[] {
  const nc = f.nonCollapsed;
  if (nc.exists !== true) return [text(nc.exists === false ? `none exist (${nc.level})` : 'undecided')];
  const witness = firstWitness(ctx, nc.level === 'proved');
  return [text(`non-collapsed exist (${nc.level})`), ...(witness ? [text(': '), math(witness), text(', '), ref(`${ctx.name}-equilibria`)] : [])];
}

const stable = (xs: readonly ComponentShare[]) => xs.reduce((s, x) => s + x.verdicts['transversally asymptotically stable'], 0);
const points = (xs: readonly ComponentShare[]) => xs.reduce((s, x) => s + x.points, 0);
const sharesCell = (xs: readonly ComponentShare[]): Inline[] => [text(points(xs) === 0 ? '0' : `${points(xs)} (${stable(xs)} stable)`)];

/**
 * Collapse across the procedures, one row each: the verdict (GD's proof is in its own section),
 * the sampled equilibria collapsed and not with how many are stable, and where the sampling flows
 * came to rest; then the evidence of verdicts without a witness, and the counts by component
 * when the equilibria tables do not show every point.
 */
export function collapseComparison(ctxs: readonly ProcedureContext[]): { blocks: Block[]; data: Record<string, unknown> } | null {
  const rows = ctxs.flatMap((ctx) => {
    const f = ctx.check.results.get(collapse);
    return f ? [{ ctx, f }] : [];
  });
  if (rows.length === 0) return null;
  const withFlows = rows.some(({ f }) => f.flows !== null);
  const seeds = [...new Set(rows.flatMap(({ f }) => (f.flows ? [f.flows.seed] : [])))];
  const header: Inline[][] = [[text('procedure')], [text('verdict (level)')], [text('collapsed')], [text('not collapsed')]];
  if (withFlows) header.push([text('flows')]);
  const blocks: Block[] = [
    paragraph(
      text('Claim C3 for GD, claim C2 for the others ('),
      ref('claims'),
      text('): the verdict, the sampled equilibria above, collapsed or not, with how many are stable (a stable collapsed point attracts nearby trajectories)'),
      ...(withFlows
        ? [
            text(', and where the sampling flows ('),
            ref(READING.flows),
            text(`${seeds.length === 1 ? `, seed ${seeds[0]}` : ''}) came to rest: collapsed / not collapsed / other (diverged, unfinished, or too small to tell from 0)`),
          ]
        : []),
      text('.'),
    ),
    {
      kind: 'table',
      header,
      rows: rows.map(({ ctx, f }) => {
        const collapsed = f.shares.filter((s) => s.component === 'collapsed');
        const others = f.shares.filter((s) => s.component !== 'collapsed');
        const verdict: Inline[] = f.gd
          ? [text(f.gd.level === 'proved' ? 'all collapsed (proved): ' : f.gd.counterexample ? 'not all collapsed: ' : 'undecided: '), ref(`${ctx.name}-collapse`)]
          : nonCollapsedCell(ctx, f);
        const fl = f.flows;
        const row: Inline[][] = [[text(ctx.label)], verdict, sharesCell(collapsed), sharesCell(others)];
        if (withFlows) row.push([text(fl ? `${fl.collapsed} / ${fl.nonCollapsed} / ${fl.diverged + fl.unfinished + fl.undecided} of ${fl.starts}` : 'not run')]);
        return row;
      }),
    },
  ];
  for (const { ctx, f } of rows) {
    if (!f.gd && f.nonCollapsed.exists !== true) blocks.push(paragraph(text(`${ctx.label}: `), ...prose(f.nonCollapsed.evidence), text('.')));
  }
  // The counts by verdict are read off the equilibria tables when every point is in them.
  for (const { ctx, f } of rows) {
    if (f.shares.some((x) => x.points > ctx.report.limits.bodyPoints)) blocks.push(paragraph(text(`${ctx.label}, the sampled equilibria by component and verdict:`)), sharesTable(f));
  }
  const data: Record<string, unknown> = {};
  for (const { ctx, f } of rows) data[ctx.name] = collapse.toJson(f, ctx.check);
  return { blocks, data };
}

/** GD's section: the proof of C3 (the other procedures' collapse verdicts are in the comparison table). */
function build(ctx: ProcedureContext): BuiltSection | null {
  const f = ctx.check.results.get(collapse);
  if (!f?.gd) return null;
  return {
    id: `${ctx.name}-collapse`,
    title: 'Collapse',
    blocks: gdBlocks(ctx, f.gd),
    data: collapse.toJson(f, ctx.check),
  };
}

registerProcedureSection({ id: 'collapse', order: 50, build });
