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
  'The claims C1-C4 are those of B. Terver, J. Ponce and M. Hebert, Dual Perspectives on Non-Contrastive Self-Supervised Learning (arXiv:2507.01028), as the page "The mathematics ncssl checks" of the ncssl documentation states them;';

/** Where the claims come from, what "holds", "holds in part" and "fails" mean, and the levels of evidence. */
function claims(): BuiltSection {
  return {
    id: READING.claims,
    title: 'The claims and the levels of evidence',
    blocks: [
      paragraph(text(SOURCE), text(' '), ref('claims'), text(' states each with its outcome on this model.')),
      paragraph(
        text(
          'A claim holds on this model when what was shown is the claim; it holds in part when it was shown for some of the sampled points or starts but not for all (the counts are given); it fails when a counterexample was found; otherwise it is undecided. Every verdict names its level: ',
        ),
        emph('proved'),
        text(' (exact arithmetic: a rational witness, a polynomial identity, an exact Routh-Hurwitz test), '),
        emph('numerical'),
        text(' (floating point, with the tolerance and the number of points tried), '),
        emph('refuted'),
        text(' (a counterexample, with its level) or '),
        emph('inconclusive'),
        text(' (with the reason). Numbers are exact rationals unless marked numerical.'),
      ),
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
        text(' is the antisymmetric part, '),
        math('\\omega(\\delta, \\varepsilon) = \\langle \\varepsilon, \\mathrm{D}V[\\delta] \\rangle - \\langle \\delta, \\mathrm{D}V[\\varepsilon] \\rangle = \\langle \\varepsilon, C[\\delta] \\rangle'),
        text(' with '),
        math('C = \\mathrm{D}V - \\mathrm{D}V^{*}'),
        text(' (in coordinates '),
        math('\\mathrm{D}V - \\mathrm{D}V^{\\top}'),
        text('). One rational point where two mixed partial derivatives differ proves that no potential exists; ncssl re-checks such a certificate from the field alone, by exact finite differences. An identity '),
        math('C \\equiv 0'),
        text(' proves one does: '),
        math('\\Phi(x) = -\\int_0^1 \\langle x, V(tx) \\rangle\\, \\mathrm{d}t'),
        text('. With rates ('),
        math('\\alpha \\neq 1'),
        text(' or an EMA rate) the same is asked of '),
        math('P^{-1} V'),
        text(', '),
        math('P'),
        text(' the diagonal matrix of the rates.'),
      ),
    ],
  };
}

/** Transversal stability, its exact certificate, and the columns of the equilibria tables. */
function stabilityText(): BuiltSection {
  return {
    id: READING.stability,
    title: 'Stability and the tables of equilibria',
    blocks: [
      paragraph(
        text('Equilibria come in continua: at a point of a component of dimension '),
        math('k'),
        text(' (column '),
        math('k'),
        text(': '),
        math('n'),
        text(' minus the rank of the Jacobian of its equations, or the dimension of a proved manifold of equilibria), the tangent directions give at least '),
        math('k'),
        text(' zero eigenvalues of '),
        math('\\mathrm{D}V'),
        text('. The point is '),
        emph('transversally asymptotically stable'),
        text(' (stable) when exactly '),
        math('k'),
        text(' are 0 and all others have negative real part: nearby trajectories converge to a point of the component. The exact certificate at a rational point is '),
        math('\\det(\\lambda I - \\mathrm{D}V) = \\lambda^{k_0} r(\\lambda)'),
        text(', '),
        math('r(0) \\neq 0'),
        text(', with '),
        math('\\rho'),
        text(' the first column of the Routh array of '),
        math('r'),
        text(': a sign change in '),
        math('\\rho'),
        text(' proves the point unstable, '),
        math('k_0 > \\dim \\ker \\mathrm{D}V'),
        text(' degenerate; stability is proved when '),
        math('\\rho > 0'),
        text(' and a manifold of equilibria of dimension '),
        math('k = k_0'),
        text(' through the point is proved ('),
        math('n - k'),
        text(' equations with independent gradients there and cofactors '),
        math('u_i V_i = \\sum_j h_{ij} g_j'),
        text(', '),
        math('u_i(x) \\neq 0'),
        text(', in the JSON report), inconclusive otherwise. At float points the same reading of float eigenvalues is numerical.'),
      ),
      paragraph(
        text('In the tables each row is a sampled equilibrium '),
        math('x_j'),
        text(', numbered through the components of a procedure; '),
        math('\\max_i \\lvert V_i \\rvert'),
        text(' bounds the field at a float point; compact tables give '),
        math('k_0'),
        text(' and the largest real part '),
        math('\\max \\operatorname{Re} \\mu'),
        text(' of the other eigenvalues. Eigenvalues written as fractions are exact roots of '),
        math('r'),
        text(', decimals floating point (4 significant digits). '),
        math('\\eta_{\\max} = \\min_{\\mu} (-2 \\operatorname{Re} \\mu / \\lvert \\mu \\rvert^{2})'),
        text(', over the eigenvalues off the tangent directions, is the largest learning rate for which the discrete loop '),
        math('x + \\eta V(x)'),
        text(' is stable there. The columns '),
        math('r(\\lambda)'),
        text(' and '),
        math('\\rho'),
        text(', where shown, are the exact certificates (otherwise they follow the table).'),
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
        text(', which tells from the start whether a trajectory can reach the collapsed set. All conserved polynomials of degree at most 2 (constants left out) solve one linear system in the coefficients of '),
        math('Q'),
        text(', solved exactly; a full rank is computed modulo a large prime '),
        math('p'),
        text(' (a rational solution, scaled to coprime integers, would survive the reduction). The JSON report gives each basis.'),
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
        text('); the condition is linear in the entries of '),
        math('G'),
        text('.'),
      ),
    );
  }
  return { id: READING.conserved, title: 'Conserved quantities and constant metrics', blocks };
}

function flows(ctx: ReportContext): BuiltSection | null {
  const sampling = Math.max(0, ...ctx.check.procedures.map((p) => p.results.get(equilibria)?.flows?.starts ?? 0));
  const plotted = ctx.trajectories[0]?.trajectories.length ?? 0;
  if (sampling === 0 && plotted === 0) return null;
  const collapseTable = ctx.check.procedures.some((p) => p.results.get(collapse) !== undefined);
  return {
    id: READING.flows,
    title: 'Float flows',
    blocks: [
      paragraph(
        text(
          'Floating-point flows are evidence and decide no proved verdict. All of them leave from one list of seeded starts, the same for every procedure (the entries of the encoder and the predictor standard normal, a target starting as a copy of the encoder), so start ',
        ),
        math('k'),
        text(' is the same flow wherever it is counted. '),
        ...(sampling > 0
          ? [
              text(`The first ${sampling} (option --flows) sample equilibria: where they come to rest is added to the tables, and their outcomes are counted `),
              ...(collapseTable ? [text('in the collapse table of '), ref('comparison'), text(' and ')] : []),
              text('in the claims. '),
            ]
          : []),
        ...(plotted > 0 ? [text(`The first ${plotted} (option --trajectories) are plotted in the Trajectories section${sampling > 0 && sampling <= plotted ? `, starts 1 to ${sampling} among them` : ''}.`)] : []),
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
    ],
    subsections: [
      claims(),
      curl(),
      ...(withStability ? [stabilityText()] : []),
      ...(conservedSection.blocks.length > 0 ? [conservedSection] : []),
      ...(flowSection ? [flowSection] : []),
    ],
  };
}

registerSection({ id: 'reading', order: 12, build });
