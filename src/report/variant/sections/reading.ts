/**
 * "How to read this report": each idea the later sections use, said once — the verdict levels on
 * a variant, the named subexpressions, the curl and its certificate, the flow limits and their
 * stability. Later sections refer here instead of repeating it.
 */
import { CURL_TOLERANCE } from '../../../analyses/curl-sampling.js';
import { TRAJECTORY_BLOW_UP, TRAJECTORY_MAX_STEPS, TRAJECTORY_MAX_TIME, TRAJECTORY_REST } from '../../../analyses/trajectories.js';
import { NEWTON_RESIDUAL, RANK_TOLERANCE, ZERO_EIGENVALUE_TOLERANCE } from '../../../variants/limits.js';
import { SINGULAR_NORM } from '../../../variants/stability.js';
import type { BuiltSection } from '../../context.js';
import { emph, math, paragraph, text } from '../../document.js';
import type { VariantReportContext } from '../context.js';
import { floatMath } from '../notation.js';

export const VARIANT_READING = { levels: 'reading-levels', curl: 'reading-curl', limits: 'reading-limits' } as const;

export function variantReadingSection(ctx: VariantReportContext): BuiltSection {
  const relu = ctx.check.variant.encoder.kind === 'mlp' && ctx.check.variant.encoder.activation === 'relu';
  return {
    id: 'reading',
    title: 'How to read this report',
    blocks: [],
    subsections: [
      {
        id: VARIANT_READING.levels,
        title: 'Levels of evidence and notation',
        blocks: [
          paragraph(
            text("This variant's fields are not polynomials, so nothing here is proved in exact arithmetic. A verdict is "),
            emph('certified'),
            text(' when it rests on interval arithmetic with outward rounding, which encloses every real value the floats approximate; it assumes only that the platform computes tanh, exp and log1p to within a relative '),
            math('2^{-40}'),
            text(' (+, -, *, / and square roots are correctly rounded by IEEE 754). It is '),
            emph('numerical'),
            text(' when it rests on floating-point computation alone, and '),
            emph('inconclusive'),
            text(' when neither decides it.'),
          ),
          paragraph(
            text('The state is written with the entries of the encoder '),
            math('A_{ij}'),
            text(' (an MLP layer k: '),
            math('A^{(k)}_{ij}'),
            text(', biases '),
            math('a^{(k)}_{i}'),
            text('), of the predictor '),
            math('B_{ij}'),
            text(' and of the target '),
            math('T_{ij}'),
            text(' ('),
            math('t^{(k)}_{i}'),
            text('). In the closed forms, '),
            math('u_k'),
            text(' names a subexpression used more than once; names are numbered in the order they are defined, each before its first use, and each display names its own.'),
          ),
          ...(relu ? [paragraph(text('ReLU is not differentiable where a pre-activation is 0: no certificate is given on a box where one may vanish.'))] : []),
        ],
      },
      {
        id: VARIANT_READING.curl,
        title: 'Gradient fields and the curl',
        blocks: [
          paragraph(
            text('A field '),
            math('V'),
            text(' is the gradient of a twice-differentiable function only if its Jacobian '),
            math('DV'),
            text(' is symmetric everywhere, that is if every curl entry '),
            math('\\partial V_i / \\partial x_j - \\partial V_j / \\partial x_i'),
            text(' vanishes; up to the rates, the same question is asked of '),
            math('P^{-1} V'),
            text('. At each seeded point '),
            math('x'),
            text(' a large curl entry is enclosed by interval arithmetic over the box '),
            math('x \\pm r\\,(1 + |x|)'),
            text(' (r is given with each certificate): an enclosure that excludes 0 proves the curl nonzero on the whole box, so the field is not a gradient field (certified). A gradient field has curl 0 and no enclosure can exclude it; beside the enclosures, the float curl at the same points counts as nonzero above '),
            math(`${floatMath(CURL_TOLERANCE, 1)}\\,(1 + \\max |DV|)`),
            text(' (numerical).'),
          ),
        ],
      },
      {
        id: VARIANT_READING.limits,
        title: 'Flow limits, collapse and stability',
        blocks: [
          paragraph(
            text(`Each procedure is run as a flow from the same ${ctx.dynamics.flows} seeded starts (seed ${ctx.options.seed}: the entries of the encoder and predictor standard normal, the target starting as a copy of the encoder) until `),
            math(`\\max_i |V_i| \\le ${floatMath(TRAJECTORY_REST, 1)}`),
            text(` (longer while the encoder is small but not yet at 0); a flow that has not come to rest after ${TRAJECTORY_MAX_STEPS} steps or at time `),
            math(floatMath(TRAJECTORY_MAX_TIME, 1)),
            text(', or whose entries pass '),
            math(floatMath(TRAJECTORY_BLOW_UP, 1)),
            text(", is not at rest. A flow's end is refined by Newton's least-squares steps while the residual "),
            math('\\max_i |V_i|'),
            text(' falls, down to '),
            math(floatMath(NEWTON_RESIDUAL, 1)),
            text('. Collapse is judged on the codes of all views at the limit: their centred matrix has a rank (singular values above '),
            math(`${floatMath(RANK_TOLERANCE, 1)} \\max(1, s_{\\max})`),
            text('); rank 0 is '),
            emph('collapsed'),
            text(', a rank below the largest the data allow is '),
            emph('dimensionally collapsed'),
            text(', and the largest rank is '),
            emph('not collapsed'),
            text('.'),
          ),
          paragraph(
            text('Stability is read off the float eigenvalues '),
            math('\\mu'),
            text(' of '),
            math('DV'),
            text(' at the limit: one with '),
            math('\\mathrm{Re}\\,\\mu'),
            text(' above the tolerance '),
            math(`${floatMath(ZERO_EIGENVALUE_TOLERANCE, 1)} \\max(1, \\max |DV_{ij}|)`),
            text(' makes the limit unstable. Equilibria often come in continua (the symmetries of the loss): a point on a set of equilibria of dimension '),
            math('k'),
            text(' has at least '),
            math('k'),
            text(' zero eigenvalues, along the set, and is '),
            emph('transversally asymptotically stable'),
            text(' when 0 has multiplicity exactly '),
            math('k'),
            text(' and every other eigenvalue has negative real part; the margin is '),
            math('-\\max \\mathrm{Re}\\,\\mu'),
            text(' over those others. More zero eigenvalues than '),
            math('k'),
            text(' leave the linear test undecided ('),
            emph('degenerate'),
            text('). '),
            math('k'),
            text(' is found by stepping from the limit along the null directions of '),
            math('DV'),
            text(" and projecting back onto V = 0 by Newton's steps: a direction counts when the projection stays about as far from the limit as the step, so "),
            math('k'),
            text(' is a lower bound found by search. All of this is numerical.'),
          ),
          ...(ctx.check.variant.loss === 'cosine'
            ? [
                paragraph(
                  text('The cosine loss is not differentiable where a prediction '),
                  math('p'),
                  text(' or a code '),
                  math('z'),
                  text(' is 0. A limit where one has norm at most '),
                  math(`${floatMath(SINGULAR_NORM, 1)} \\max(1, \\text{the largest})`),
                  text(' is marked singular and decides nothing about stability.'),
                ),
              ]
            : []),
        ],
      },
    ],
  };
}
