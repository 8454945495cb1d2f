/**
 * What `ncssl check` prints for a variant, as text and as JSON, from `checkVariant`'s results
 * (never recomputed here).
 *
 * Example: `variantCheckText(checkVariant(v, { samples: 64, seed: 1 }), 'v.yaml')`.
 */
import type { StabilityCertificate } from '../interval/certified-stability.js';
import type { CurlCertificate } from '../interval/certified-curl.js';
import type { ClaimVerdict } from '../analyses/claims.js';
import type { VariantCheck, VariantCurlVerdict } from './check.js';
import type { VariantDynamics } from './claims.js';
import { NEWTON_RESIDUAL, RANK_TOLERANCE, type VariantLimits } from './limits.js';
import { type CosineNorms, type LimitStability, SINGULAR_NORM, STEP_SIZES, TANGENT_STEP, ZERO_EIGENVALUE_TOLERANCE, lossSingular } from './stability.js';
import type { Variant } from './variant.js';
import { RECIPE_WORDS, describeVariant } from './words.js';

const g = (x: number) => x.toPrecision(6);
/** 2^-20 rather than 9.5367431640625e-7. */
const radiusText = (r: number) => (Number.isInteger(Math.log2(r)) ? `2^${Math.log2(r)}` : String(r));

function certificateLine(c: CurlCertificate, names: string[], what: string): string {
  if (c.level !== 'certified') return '';
  return `      certificate: ${what}[${names[c.i]}, ${names[c.j]}] ∈ [${g(c.enclosure.lo)}, ${g(c.enclosure.hi)}] on the box x ± ${radiusText(c.radius)}·(1 + |x|) around (${c.point.map(g).join(', ')})`;
}

function verdictLines(label: string, v: VariantCurlVerdict, names: string[], what: string): string[] {
  const { certified, sampled } = v;
  const head =
    v.verdict === 'not-gradient'
      ? `${label}: not a gradient field (certified: a curl entry excludes 0 by interval arithmetic at ${certified.certifiedPoints} of ${certified.samples} seeded points)`
      : `${label}: undecided (no curl certificate at ${certified.samples} seeded points${Object.entries(certified.inconclusive).map(([r, k]) => `; ${k} ${r}`).join('')})`;
  const floats = `      float curl check: nonzero at ${sampled.nonzeroPoints} of ${sampled.samples} points (seed ${sampled.seed}, max |curl| ${g(sampled.maxCurl)}; numerical)`;
  return [`    ${head}`, ...(certified.first ? [certificateLine(certified.first, names, what)] : []), floats];
}

/** Three significant digits for the margins, bounds and norms of the stability lines. */
const g3 = (x: number) => (x === 0 ? '0' : x.toPrecision(3));

const normWords = (c: CosineNorms) =>
  `min ‖p‖ ${c.prediction === null ? 'not computed' : g3(c.prediction)}, min ‖z‖ ${g3(c.code)}${c.antiAligned > 0 ? `; ${c.antiAligned} pair${c.antiAligned === 1 ? '' : 's'} with p against z` : ''}`;

/** One short line: the transversal verdict of docs/math.md §6 (numerical), with what it rests on (the legend: stabilityLegend). */
export function stabilityWords(s: LimitStability, cosine: CosineNorms | null, kink: number | null = null): string {
  const zeros = `0 of multiplicity ${s.zeroEigenvalues}`;
  switch (s.verdict) {
    case 'transversally asymptotically stable': {
      const margin = s.transversalMaxRe === null ? 'no other eigenvalue' : `margin ${g3(-s.transversalMaxRe)}`;
      const eta = s.largestStableLearningRate === null ? '' : `, η < ${g3(s.largestStableLearningRate)}`;
      return `transversally asymptotically stable (numerical): k = ${s.localDimension}, ${zeros}, ${margin}${eta}`;
    }
    case 'unstable':
      return `unstable (numerical): max Re λ ${g3(s.maxRe)}`;
    case 'degenerate':
      return s.zeroEigenvalues > s.localDimension
        ? `degenerate (numerical): ${zeros} > k = ${s.localDimension} (kernel ${s.kernelDimension}): no linear test`
        : `degenerate (numerical): k = ${s.localDimension}, ${zeros}, an eigenvalue on the imaginary axis: no linear test`;
    case 'singular':
      if (cosine === null || !lossSingular(cosine)) return `at a kink of a ReLU (a pre-activation ${kink === null ? '≈ 0' : `of size ${g3(kink)}`}: V is not differentiable there): no linear test`;
      return `at a singularity of the cosine loss (${normWords(cosine)}): no linear test`;
    default:
      return Number.isNaN(s.maxRe) ? 'inconclusive: floats overflow' : `inconclusive (numerical): k = ${s.localDimension} > ${zeros}`;
  }
}

/** The certified stability of an isolated limit (src/interval/certified-stability.ts), or why it was not certified. */
export function certifiedStabilityWords(c: StabilityCertificate): string {
  return c.verdict === 'stable'
    ? `certified stable: one equilibrium in the box x* ± ${radiusText(c.radius)}·(1 + |x*|) (Krawczyk), every eigenvalue of DV there with Re λ < 0 (Lyapunov matrix, interval Cholesky pivots ≥ ${g3(c.minPivot)})`
    : `not certified: ${c.reason}`;
}

/** What the words of the stability lines mean, printed once under the flow limits (the cosine loss's singularity when it has one). */
const stabilityLegend = (cosine: boolean, relu: boolean) => [
  `  Stability of a limit x* (docs/math.md §6; numerical): an eigenvalue or singular value of DV counts as 0 when |λ| ≤ ${ZERO_EIGENVALUE_TOLERANCE}·max(1, max |DV_ij|).`,
  `    k: the dimension of the set of equilibria found through x* (kernel directions stepped by ${STEP_SIZES.join(' and ')} times 1 + |x*|,`,
  `    projected back onto V = 0, tangents confirmed at ${TANGENT_STEP}). Stable when 0 has multiplicity k and every other Re λ < −tol;`,
  '    margin: −max Re λ over those others; η: the loop x + ηV(x) is stable at x* for learning rates below it (min −2 Re λ/|λ|²).',
  ...(cosine ? [`    The cosine loss is singular where a prediction p or code z has norm ≤ ${SINGULAR_NORM}·max(1, the largest): no linear test there.`] : []),
  ...(relu ? [`    A ReLU has a kink where a pre-activation is ≤ ${SINGULAR_NORM}·max(1, the largest) in size: V is not differentiable there, no linear test.`] : []),
];

function limitLines(l: VariantLimits): string[] {
  const lines = [`    flow limits (${l.limits.length} seeded flows, seed ${l.seed}; numerical): ${l.collapsed} collapsed of ${l.atRest} at rest, share ${l.atRest ? (l.collapsed / l.atRest).toFixed(2) : '–'} (Wilson 95% [${l.interval[0].toFixed(2)}, ${l.interval[1].toFixed(2)}])`];
  for (const x of l.limits) {
    if (x.status !== 'rest') {
      lines.push(`      flow ${x.start}: ${x.status === 'diverged' ? 'diverged' : 'not at rest within the step and time budget'} (max |V| ${g(x.flowResidual)})`);
      continue;
    }
    lines.push(`      flow ${x.start}: ${x.kind}, code rank ${x.codeRank} of ${x.maxRank}; Newton residual ${g(x.residual)} after ${x.newtonSteps} step${x.newtonSteps === 1 ? '' : 's'} (flow end ${g(x.flowResidual)})`);
    lines.push(`        ${stabilityWords(x.stability!, x.cosine, x.kink)}`);
    if (x.certified) lines.push(`        ${certifiedStabilityWords(x.certified)}`);
    if (x.cosine && x.stability!.verdict !== 'singular') lines.push(`        cosine loss at x*: ${normWords(x.cosine)}`);
  }
  return lines;
}

function claimLines(claims: readonly ClaimVerdict[]): string[] {
  return ['  Claims:', ...claims.flatMap((c) => [`    ${c.id} ${c.outcome} (${c.level}${c.refutedAt ? `, counterexample ${c.refutedAt}` : ''}): ${c.statement}`, ...c.evidence.map((e) => `      ${e}`)])];
}

export function variantCheckText(check: VariantCheck, path: string, dynamics?: VariantDynamics): string {
  const v = check.variant;
  const lines = [`${v.name} (${path}): variant — ${describeVariant(v)}`];
  lines.push('  Its fields are not polynomials: the exact analyses (potentials, equilibrium varieties, exact stability) do not apply; verdicts rest on interval arithmetic (certified) or floats (numerical).');
  if (!v.smooth) lines.push('  ReLU: the field is not differentiable where a pre-activation is 0; a curl is certified only on boxes where no pre-activation vanishes.');
  for (const p of check.procedures) {
    const f = p.field;
    lines.push(`  ${f.procedure.name}: ${RECIPE_WORDS[f.procedure.recipe]}; state ${f.stateNames.length} (${f.stateNames.join(', ')})`);
    lines.push(...verdictLines('gradient field (C1), V', p.euclidean, f.stateNames, 'curl DV'));
    if (p.rateAdjusted) lines.push(...verdictLines('gradient field (C1), P⁻¹V', p.rateAdjusted, f.stateNames, 'curl P⁻¹DV'));
    const limits = dynamics?.limits[check.procedures.indexOf(p)];
    if (limits) lines.push(...limitLines(limits));
  }
  if (dynamics) {
    lines.push(`  Flow limits: Newton's least-squares steps to max |V| ≤ ${NEWTON_RESIDUAL} where they converge. Collapsed: the encoder at 0`);
    lines.push(`    or the centred codes of all views of rank 0; dimensionally collapsed: their rank below min(q, rank of the centred views);`);
    lines.push(`    a singular value of the codes counts as 0 at or below ${RANK_TOLERANCE}·max(1, the largest).`);
    lines.push(...stabilityLegend(v.loss === 'cosine', !v.smooth));
    lines.push(...claimLines(dynamics.claims));
  }
  return lines.join('\n') + '\n';
}

const withoutPaths = (l: VariantLimits) => ({ ...l, limits: l.limits.map(({ path: _path, ...rest }) => rest) });

export function variantCheckJson(check: VariantCheck, path: string, dynamics?: VariantDynamics): Record<string, unknown> {
  const verdict = (v: VariantCurlVerdict | null) => (v ? { verdict: v.verdict, level: v.level, certified: v.certified, sampled: v.sampled } : null);
  return {
    spec: path,
    name: check.variant.name,
    kind: 'variant',
    description: describeVariant(check.variant),
    smooth: check.variant.smooth,
    procedures: check.procedures.map((p) => ({
      name: p.field.procedure.name,
      recipe: p.field.procedure.recipe,
      state: p.field.stateNames,
      rates: p.field.rates.map(String),
      curl: verdict(p.euclidean),
      rateAdjustedCurl: verdict(p.rateAdjusted),
      // The flow paths are the report's figure, not check's data: left out here.
      ...(dynamics ? { limits: withoutPaths(dynamics.limits[check.procedures.indexOf(p)]!) } : {}),
    })),
    ...(dynamics ? { tolerances: { newtonResidual: NEWTON_RESIDUAL, rank: RANK_TOLERANCE, zeroEigenvalue: ZERO_EIGENVALUE_TOLERANCE, stepSizes: STEP_SIZES, tangentStep: TANGENT_STEP, singularNorm: SINGULAR_NORM }, claims: dynamics.claims } : {}),
  };
}
