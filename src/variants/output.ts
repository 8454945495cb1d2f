/**
 * What `ncssl check` prints for a variant, as text and as JSON, from `checkVariant`'s results
 * (never recomputed here).
 *
 * Example: `variantCheckText(checkVariant(v, { samples: 64, seed: 1 }), 'v.yaml')`.
 */
import type { CurlCertificate } from '../interval/certified-curl.js';
import type { ClaimVerdict } from '../analyses/claims.js';
import type { VariantCheck, VariantCurlVerdict } from './check.js';
import type { VariantDynamics } from './claims.js';
import { NEWTON_RESIDUAL, RANK_TOLERANCE, type VariantLimits } from './limits.js';
import { type CosineNorms, type LimitStability, ZERO_EIGENVALUE_TOLERANCE } from './stability.js';
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

const normWords = (c: CosineNorms) =>
  `min ‖p‖ ${c.prediction === null ? 'not computed' : g(c.prediction)}, min ‖z‖ ${g(c.code)}${c.antiAligned > 0 ? `, ${c.antiAligned} pair${c.antiAligned === 1 ? '' : 's'} with p against z (cos < −1/2)` : ''}`;

/** One line: the transversal verdict of docs/math.md §6 at the level numerical, with what it rests on. */
export function stabilityWords(s: LimitStability, cosine: CosineNorms | null): string {
  const dims = `0 has multiplicity ${s.zeroEigenvalues}, equilibria found in ${s.localDimension} dimension${s.localDimension === 1 ? '' : 's'} (kernel ${s.kernelDimension})`;
  switch (s.verdict) {
    case 'transversally asymptotically stable': {
      const margin = s.transversalMaxRe === null ? 'every direction tangent' : `margin ${g(-s.transversalMaxRe)}`;
      const eta = s.largestStableLearningRate === null ? '' : `; loop stable for η < ${g(s.largestStableLearningRate)}`;
      return `transversally asymptotically stable (numerical): ${dims}; ${margin}${eta}`;
    }
    case 'unstable':
      return `unstable (numerical): max Re λ ${g(s.maxRe)}`;
    case 'degenerate':
      return `degenerate (numerical): ${dims}; the linear test says nothing`;
    case 'singular':
      return `at a singularity of the cosine loss (${cosine ? normWords(cosine) : 'a norm ≈ 0'}): no linear test`;
    default:
      return s.level === 'inconclusive' && Number.isNaN(s.maxRe) ? 'inconclusive: floats overflow' : `inconclusive: ${dims}, more than the zero eigenvalues`;
  }
}

function limitLines(l: VariantLimits): string[] {
  const lines = [`    flow limits (${l.limits.length} seeded flows, seed ${l.seed}; numerical): ${l.collapsed} collapsed of ${l.atRest} at rest, share ${l.atRest ? (l.collapsed / l.atRest).toFixed(2) : '–'} (Wilson 95% [${l.interval[0].toFixed(2)}, ${l.interval[1].toFixed(2)}])`];
  for (const x of l.limits) {
    if (x.status !== 'rest') {
      lines.push(`      flow ${x.start}: ${x.status === 'diverged' ? 'diverged' : 'not at rest within the step and time budget'} (max |V| ${g(x.flowResidual)})`);
      continue;
    }
    lines.push(`      flow ${x.start}: ${x.kind}, code rank ${x.codeRank} of ${x.maxRank}; Newton residual ${g(x.residual)} after ${x.newtonSteps} step${x.newtonSteps === 1 ? '' : 's'} (flow end ${g(x.flowResidual)})`);
    lines.push(`        ${stabilityWords(x.stability!, x.cosine)}`);
    if (x.cosine && x.stability!.verdict !== 'singular') lines.push(`        cosine loss: ${normWords(x.cosine)}`);
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
    lines.push(`  Flow limits: refined by Newton's least-squares steps to max |V| ≤ ${NEWTON_RESIDUAL} where they converge; collapsed when the encoder is at 0 or the centred codes of all views have rank 0, dimensionally collapsed when their rank is below min(q, rank of the centred views); a singular value counts as 0 at or below ${RANK_TOLERANCE}·max(1, the largest); an eigenvalue of DV counts as 0 when |Re λ| ≤ ${ZERO_EIGENVALUE_TOLERANCE}·max(1, max |DV_ij|).`);
    lines.push(...claimLines(dynamics.claims));
  }
  return lines.join('\n') + '\n';
}

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
      ...(dynamics ? { limits: dynamics.limits[check.procedures.indexOf(p)] } : {}),
    })),
    ...(dynamics ? { tolerances: { newtonResidual: NEWTON_RESIDUAL, rank: RANK_TOLERANCE, zeroEigenvalue: ZERO_EIGENVALUE_TOLERANCE }, claims: dynamics.claims } : {}),
  };
}
