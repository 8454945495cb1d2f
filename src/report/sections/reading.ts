/**
 * Section "How to read this report": every explanation a reader needs more than once — the
 * claims, the verdict levels, the curl, stability on continua of equilibria, the columns of the
 * equilibria tables, conserved quantities and constant metrics, the two kinds of float flows —
 * said once here. Later sections refer to these subsections with `ref(READING.x)` (../reading-ids.ts) instead of
 * repeating them, so the report stays short and no paragraph appears twice.
 *
 * Which subsections appear depends only on which analyses ran (a reader is not told how to read
 * a table the report does not have).
 */
import { collapse, equilibria, invariants, metric, stability } from '../../analyses/index.js';
import type { BuiltSection, ReportContext } from '../context.js';
import { type Block, code, emph, math, paragraph, ref, text } from '../document.js';
import { READING } from '../reading-ids.js';
import { registerSection } from './registry.js';


/** Where a reader who lacks the repository finds the theory: the paper and ncssl's documentation page by its title. */
const SOURCE =
  'The claims are those of B. Terver, J. Ponce and M. Hebert, Dual Perspectives on Non-Contrastive Self-Supervised Learning (arXiv:2507.01028), as restated in the page "The mathematics ncssl checks" of the ncssl documentation.';

function claims(): BuiltSection {
  return {
    id: READING.claims,
    title: 'The claims',
    blocks: [
      paragraph(text(SOURCE)),
      {
        kind: 'list',
        items: [
          [emph('C1'), text(' (optimization view): the SG and EMA fields are, in general, not the gradient field of any twice-differentiable function, whereas GD is one (up to the rate matrix).')],
          [emph('C2'), text(' (collapse is avoided): SG and EMA do not minimize '), math('E'), text(', yet their limit points are, in general, not collapsed ('), math('A \\neq 0'), text(').')],
          [emph('C3'), text(' (linear case): minimizing '), math('E'), text(' itself by GD always leads to collapse: every equilibrium of GD has '), math('A = 0'), text(', without assumptions on the predictor or the data.')],
          [emph('C4'), text(' (linear case): the equilibria of SG and EMA form algebraic varieties whose non-collapsed points are, in general, asymptotically stable.')],
        ],
      },
      paragraph(
        text(
          'A claim holds on this model when what was shown is the claim; it holds in part when it was shown for some of the sampled points or starts but not for all (the counts are given); it fails when a counterexample was found; otherwise it is undecided.',
        ),
      ),
    ],
  };
}

function levels(): BuiltSection {
  const meaning: Record<string, string> = {
    proved: 'exact arithmetic: a rational witness, a polynomial identity, an exact Routh-Hurwitz test',
    numerical: 'floating point only, with the tolerance and the number of points tried',
    refuted: 'a counterexample, with the level at which it was found',
    inconclusive: 'undecided, with the reason',
  };
  return {
    id: READING.levels,
    title: 'Verdict levels',
    blocks: [
      paragraph(text('Every verdict names the level of its evidence. Numbers are exact rationals unless a verdict or a table marks them numerical.')),
      {
        kind: 'table',
        header: [[text('level')], [text('rests on')]],
        rows: Object.entries(meaning).map(([level, words]) => [[emph(level)], [text(words)]]),
      },
    ],
  };
}

function curl(): BuiltSection {
  return {
    id: READING.curl,
    title: 'Curl and gradient fields',
    blocks: [
      paragraph(
        text('A field '),
        math('V'),
        text(' is '),
        math('-\\nabla \\Phi'),
        text(' for a twice-differentiable '),
        math('\\Phi'),
        text(' exactly when its Jacobian '),
        math('\\mathrm{D}V'),
        text(' is symmetric everywhere (Schwarz and the Poincare lemma). Its '),
        emph('curl'),
        text(' is the antisymmetric part: the bilinear form '),
        math('\\omega(\\delta, \\varepsilon) = \\langle \\varepsilon, \\mathrm{D}V[\\delta] \\rangle - \\langle \\delta, \\mathrm{D}V[\\varepsilon] \\rangle = \\langle \\varepsilon, C[\\delta] \\rangle'),
        text(' with '),
        math('C = \\mathrm{D}V - \\mathrm{D}V^{*}'),
        text(', in coordinates the matrix '),
        math('\\mathrm{D}V - \\mathrm{D}V^{\\top}'),
        text('. One rational point where two mixed partial derivatives differ proves that no potential exists (a potential would make them equal); ncssl re-checks such a certificate from the field alone, by exact finite differences, without the symbolic Jacobian. An identity '),
        math('C \\equiv 0'),
        text(' proves one does, and it is '),
        math('\\Phi(x) = -\\int_0^1 \\langle x, V(tx) \\rangle\\, \\mathrm{d}t'),
        text('. With a predictor rate '),
        math('\\alpha \\neq 1'),
        text(' or an EMA rate the same is asked of '),
        math('P^{-1} V'),
        text(', where '),
        math('P'),
        text(' is the constant diagonal matrix of the rates.'),
      ),
    ],
  };
}

function stabilityText(): BuiltSection {
  return {
    id: READING.stability,
    title: 'Stability on continua of equilibria',
    blocks: [
      paragraph(
        text('Equilibria come in continua, so stability is meant transversally. At a point of a component of local dimension '),
        math('k'),
        text(', the tangent directions give at least '),
        math('k'),
        text(' zero eigenvalues of '),
        math('\\mathrm{D}V'),
        text('; the point is '),
        emph('transversally asymptotically stable'),
        text(' (in the tables: stable) when exactly '),
        math('k'),
        text(' eigenvalues are 0 and all others have negative real part, so nearby trajectories converge to a point of the component.'),
      ),
      paragraph(
        text('The exact certificate at a rational point: '),
        math('\\det(\\lambda I - \\mathrm{D}V) = \\lambda^{k_0} r(\\lambda)'),
        text(' with '),
        math('r(0) \\neq 0'),
        text(', computed in rational arithmetic, and the first column '),
        math('\\rho'),
        text(' of the Routh array of '),
        math('r'),
        text('. A sign change in '),
        math('\\rho'),
        text(' proves the point unstable; '),
        math('k_0 > \\dim \\ker \\mathrm{D}V'),
        text(' proves it degenerate (the linearisation does not decide). Stability is proved when every entry of '),
        math('\\rho'),
        text(' is positive and a manifold of equilibria of dimension '),
        math('k = k_0'),
        text(' through the point is proved: '),
        math('n - k'),
        text(' equations of the component with independent gradients there, and cofactors '),
        math('u_i V_i = \\sum_j h_{ij} g_j'),
        text(' with '),
        math('u_i(x) \\neq 0'),
        text(' (the JSON report carries them). Without that proof the verdict is inconclusive. At float points the same reading of float eigenvalues is numerical.'),
      ),
    ],
  };
}

function tables(): BuiltSection {
  return {
    id: READING.tables,
    title: 'The tables of sampled equilibria',
    blocks: [
      paragraph(
        text('Each row is a sampled equilibrium '),
        math('x_j'),
        text(', numbered through all components of a procedure. '),
        math('k'),
        text(' is the dimension of the component at the point ('),
        math('n'),
        text(' minus the rank of the Jacobian of its equations, or the dimension of a proved manifold of equilibria through it); '),
        math('\\max_i \\lvert V_i \\rvert'),
        text(' bounds the field at a float point by a power of ten; in compact tables '),
        math('k_0'),
        text(' is the number of zero eigenvalues of '),
        math('\\mathrm{D}V'),
        text(' and '),
        math('\\max \\operatorname{Re} \\mu'),
        text(' the largest real part of the others. Eigenvalues written as integers or fractions are exact roots of '),
        math('r'),
        text('; decimals are floating point with 4 significant digits. '),
        math('\\eta_{\\max} = \\min_{\\mu} (-2 \\operatorname{Re} \\mu / \\lvert \\mu \\rvert^{2})'),
        text(', over the eigenvalues '),
        math('\\mu'),
        text(' off the tangent directions, is the largest learning rate for which the discrete loop '),
        math('x + \\eta V(x)'),
        text(' is stable at the point (none when the point is not stable). Where the columns '),
        math('r(\\lambda)'),
        text(' and '),
        math('\\rho'),
        text(' appear, they give the exact certificate at each rational point; otherwise it follows the table. A verdict at an exact point is proved unless it says inconclusive; at a float point it is numerical.'),
      ),
    ],
  };
}

function conserved(ctx: ReportContext): BuiltSection {
  const blocks: Block[] = [];
  if (ctx.check.procedures.some((p) => p.results.get(invariants))) {
    blocks.push(
      paragraph(
        text('A polynomial '),
        math('Q'),
        text(' of the state is '),
        emph('conserved'),
        text(' when '),
        math('\\nabla Q \\cdot V \\equiv 0'),
        text(': every trajectory stays on a level set of '),
        math('Q'),
        text(', which tells from the start whether a trajectory can reach the collapsed set. All conserved polynomials of degree at most 2 are found at once: '),
        math('\\nabla Q \\cdot V \\equiv 0'),
        text(' is a linear system in the coefficients of '),
        math('Q'),
        text(' (constants, always conserved, left out), solved exactly; when it has full rank, the rank is computed modulo a large prime '),
        math('p'),
        text(', which suffices: a rational solution, scaled to coprime integers, would survive the reduction. The JSON report (and '),
        code('ncssl check --json'),
        text(') gives each basis in the syntax of '),
        code('ncssl derive'),
        text('.'),
      ),
    );
  }
  if (ctx.check.procedures.some((p) => p.results.get(metric))) {
    blocks.push(
      paragraph(
        text('Beyond the paper, C1 is asked in every constant metric: is there a symmetric '),
        math('G \\neq 0'),
        text(' with '),
        math('G\\, \\mathrm{D}V(x)'),
        text(' symmetric for every '),
        math('x'),
        text('? For an invertible '),
        math('G'),
        text(' this gives '),
        math('V = -G^{-1} \\nabla \\Phi'),
        text(', a gradient field in the metric '),
        math('G'),
        text(' (a Riemannian one when '),
        math('G \\succ 0'),
        text('). The condition is linear in the entries of '),
        math('G'),
        text(' on and above the diagonal.'),
      ),
    );
  }
  return { id: READING.conserved, title: 'Conserved quantities and constant metrics', blocks };
}

function flows(ctx: ReportContext): BuiltSection | null {
  const sampling = ctx.check.procedures.some((p) => (p.results.get(equilibria)?.flows?.starts ?? 0) > 0);
  const plotted = ctx.trajectories.length > 0 && ctx.trajectories[0]!.trajectories.length > 0;
  if (!sampling && !plotted) return null;
  const collapseTable = ctx.check.procedures.some((p) => p.results.get(collapse) !== undefined);
  return {
    id: READING.flows,
    title: 'Two sets of float flows',
    blocks: [
      paragraph(
        text('Floating-point flows are evidence and decide no proved verdict. '),
        ...(sampling
          ? [
              emph('Sampling flows'),
              text(' (option --flows) start from random points seeded per procedure; where they come to rest is added to the sampled equilibria, and their outcomes are counted '),
              ...(collapseTable ? [text('in the collapse table of '), ref('comparison'), text(' and ')] : []),
              text('in the claims. '),
            ]
          : []),
        ...(plotted
          ? [
              emph('Plotted trajectories'),
              text(' (option --trajectories) start from points shared by all procedures, so that the procedures can be compared start by start in the figures of the Trajectories section; their outcomes are counted there only.'),
            ]
          : []),
        ...(sampling && plotted ? [text(' The two sets have different starts, so their counts differ.')] : []),
      ),
    ],
  };
}

function build(ctx: ReportContext): BuiltSection {
  const withStability = ctx.check.procedures.some((p) => p.results.get(stability));
  const flowSection = flows(ctx);
  const conservedSection = conserved(ctx);
  return {
    id: 'reading',
    title: 'How to read this report',
    blocks: [
      paragraph(
        text(
          'The report derives, for one model, each training procedure\'s field from the objective, then states what the analyses found. Explanations needed more than once are given here once; later sections refer to them.',
        ),
      ),
    ],
    subsections: [
      claims(),
      levels(),
      curl(),
      ...(withStability ? [stabilityText(), tables()] : []),
      ...(conservedSection.blocks.length > 0 ? [conservedSection] : []),
      ...(flowSection ? [flowSection] : []),
    ],
  };
}

registerSection({ id: 'reading', order: 12, build });
