/**
 * "Flow limits and their stability": per procedure, where its seeded flows came to rest, as
 * `variantDynamics` found them — collapsed or not by the rank of the codes, the residual after
 * Newton's refinement, and the float eigenvalue verdict with its margin and zero eigenvalues
 * (numerical). Nothing is recomputed here.
 */
import type { VariantLimit, VariantLimits } from '../../../variants/limits.js';
import { type TransversalVerdict, lossSingular } from '../../../variants/stability.js';
import type { BuiltSection } from '../../context.js';
import { type Block, type Inline, emph, math, paragraph, ref, text } from '../../document.js';
import { type Figure, type Panel, logTimeAxis, niceTicks, paddedRange, roundForFigure } from '../../figure.js';
import type { VariantReportContext } from '../context.js';
import { floatMath } from '../notation.js';
import { VARIANT_READING } from './reading.js';

const KIND: Record<string, string> = { collapsed: 'collapsed', 'dimensionally collapsed': 'dimensionally collapsed', 'full rank': 'not collapsed', 'not at rest': 'not at rest' };
const VERDICT: Record<TransversalVerdict, string> = {
  'transversally asymptotically stable': 'transversally stable',
  unstable: 'unstable',
  degenerate: 'degenerate: undecided',
  singular: 'at a singularity of the loss',
  inconclusive: 'inconclusive',
};

function row(x: VariantLimit): Inline[][] {
  const s = x.stability;
  const status = x.status === 'rest' ? KIND[x.kind] ?? x.kind : x.status === 'diverged' ? 'diverged' : 'not at rest';
  // A margin only where the verdict is stability: elsewhere it would be a negative number that says nothing more.
  const margin = s?.verdict === 'transversally asymptotically stable' && s.transversalMaxRe !== null ? floatMath(-s.transversalMaxRe) : '-';
  const verdict: Inline[] = !s
    ? [text('-')]
    : s.verdict === 'unstable'
      ? [text('unstable, '), math(`\\max \\mathrm{Re}\\,\\mu = ${floatMath(s.maxRe)}`)]
      : s.verdict === 'singular' && x.kink !== null && !(x.cosine && lossSingular(x.cosine))
        ? [text('at a ReLU kink')]
      : s.verdict === 'singular' && x.cosine
        ? [text('singular: '), math(x.cosine.prediction !== null && x.cosine.prediction <= x.cosine.code ? `\\min \\lVert p \\rVert = ${floatMath(x.cosine.prediction)}` : `\\min \\lVert z \\rVert = ${floatMath(x.cosine.code)}`)]
        : x.certified?.verdict === 'stable'
          ? [text('stable (certified)')]
          : [text(VERDICT[s.verdict])];
  return [
    [text(String(x.start))],
    [text(status)],
    [text(x.status === 'rest' ? `${x.codeRank} of ${x.maxRank}` : '-')],
    [math(x.status === 'rest' ? floatMath(x.residual, 2) : floatMath(x.flowResidual, 2))],
    verdict,
    [text(s ? `${s.zeroEigenvalues} / ${s.localDimension}` : '-')],
    [math(margin)],
  ];
}

function summary(l: VariantLimits): Inline[] {
  const dimensional = l.limits.filter((x) => x.kind === 'dimensionally collapsed').length;
  if (l.limits.length === 0) return [text('No flow was run (the number of flows was 0).')];
  if (l.atRest === 0) return [text(`None of the ${l.limits.length} flows came to rest.`)];
  return [
    text(`${l.atRest} of ${l.limits.length} flows came to rest: ${l.collapsed} collapsed, ${dimensional} dimensionally collapsed, ${l.atRest - l.collapsed - dimensional} not collapsed. The collapsed share has the Wilson 95% interval `),
    math(`[${l.interval[0].toFixed(2)}, ${l.interval[1].toFixed(2)}]`),
    text('.'),
  ];
}


export function variantLimitsSection(ctx: VariantReportContext): BuiltSection {
  const subsections = ctx.dynamics.limits.map((l): BuiltSection => ({
    id: `limits-${l.procedure}`,
    title: `Where the flows of ${l.procedure} come to rest`,
    blocks: [
      paragraph(...summary(l)),
      ...(l.limits.length === 0 ? [] : [{
        kind: 'table',
        header: [
          [text('flow')],
          [text('limit')],
          [text('code rank')],
          [text('residual')],
          [text('stability')],
          [math('\\mu = 0'), text(' / '), math('k')],
          [text('margin')],
        ],
        rows: l.limits.map(row),
      } satisfies Block]),
    ],
    data: { limits: l },
  }));
  const figure = spreadFigure(ctx.dynamics.limits);
  const certified = ctx.dynamics.limits.some((l) => l.limits.some((x) => x.certified?.verdict === 'stable'));
  const intro: Block[] = [
    paragraph(
        text(`Each procedure's ${ctx.dynamics.flows} seeded flows, their limits refined by Newton's method, the rank of the codes there and the eigenvalues `),
        math('\\mu'),
        text(' of '),
        math('DV'),
        text(' (numerical; '),
        ref(VARIANT_READING.limits),
        text('). The residual is '),
        math('\\max_i |V_i|'),
        text(" after Newton's steps (at the flow's end for a flow not at rest); "),
        math('\\mu = 0'),
        text(' counts the eigenvalues within the tolerance of 0, beside the dimension '),
        math('k'),
        text(' of the set of equilibria found through the limit; the margin of a stable limit is minus the largest real part over the other eigenvalues.'),
      ),
  ];
  return {
    id: 'limits',
    title: 'Flow limits and their stability',
    blocks: [
      ...intro,
      ...(certified ? [paragraph(...CERTIFIED_WORDS)] : []),
      ...(figure
        ? [{
            kind: 'figure' as const,
            id: 'flows',
            caption: [
              text('Spread of the codes '),
              math('\\sqrt{\\textstyle\\frac{1}{N}\\sum_x \\lVert f_\\theta(x) - \\bar z \\rVert^2}'),
              text(' over the views '),
              math('x'),
              text(' of the data ('),
              math('\\bar z'),
              text(` their mean code; 0 is collapse) along each procedure's flows from the same ${ctx.dynamics.flows} seeded starts, time on a `),
              math('\\log(1 + t)'),
              text(' axis; a dot marks a flow at rest.'),
            ],
            figure,
          } satisfies Block]
        : []),
    ],
    subsections,
  };
}

/** Said once, where some limit is certified: what "stable (certified)" rests on. */
const CERTIFIED_WORDS: Inline[] = [
  text('A stable limit with no zero eigenvalue is an isolated equilibrium, and its stability is then certified: interval arithmetic shows exactly one equilibrium in a box around the computed limit (Krawczyk\'s test), and a symmetric '),
  math('P \\succ 0'),
  text(' with '),
  math('DV^{\\top} P + P\\, DV \\prec 0'),
  text(' over the whole box (an interval Cholesky factorization), so every eigenvalue of '),
  math('DV'),
  text(' at that equilibrium has negative real part. The tables mark such a limit '),
  emph('stable (certified)'),
  text('.'),
];

/** One panel per procedure: the spread of the codes along each flow (a colour per start, the same in every panel). */
function spreadFigure(all: readonly VariantLimits[]): Figure | null {
  const shown = all.filter((l) => l.limits.some((x) => x.path.length > 0));
  if (shown.length === 0) return null;
  const finite = (p: [number, number]) => Number.isFinite(p[0]) && Number.isFinite(p[1]);
  const points = shown.flatMap((l) => l.limits.flatMap((x) => x.path.filter(finite)));
  const longest = Math.max(0, ...points.map((p) => p[0]));
  const [, top] = paddedRange(points.map((p) => p[1]), true);
  const panels = shown.map(
    (l): Panel => ({
      title: l.procedure,
      x: logTimeAxis(longest),
      y: { label: 'spread of the codes', min: 0, max: top, ticks: niceTicks(0, top) },
      series: l.limits.map((x) => ({
        color: x.start - 1,
        points: x.path.filter(finite).map(([t, spread]) => [roundForFigure(Math.log10(1 + t)), roundForFigure(Math.min(spread, top))] as [number, number]),
        endMarker: x.status === 'rest',
      })),
      guides: [],
      arrows: [],
    }),
  );
  const starts = Math.max(...shown.map((l) => l.limits.length));
  return { panels, legend: Array.from({ length: starts }, (_, k) => ({ color: k, label: `start ${k + 1}` })) };
}
