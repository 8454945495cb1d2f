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
import { NEWTON_RESIDUAL, RANK_TOLERANCE, type VariantLimits, ZERO_EIGENVALUE_TOLERANCE } from './limits.js';
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

function limitLines(l: VariantLimits): string[] {
  const lines = [`    flow limits (${l.limits.length} seeded flows, seed ${l.seed}; numerical): ${l.collapsed} collapsed of ${l.atRest} at rest, share ${l.atRest ? (l.collapsed / l.atRest).toFixed(2) : '–'} (Wilson 95% [${l.interval[0].toFixed(2)}, ${l.interval[1].toFixed(2)}])`];
  for (const x of l.limits) {
    if (x.status !== 'rest') {
      lines.push(`      flow ${x.start}: ${x.status === 'diverged' ? 'diverged' : 'not at rest within the step and time budget'} (max |V| ${g(x.flowResidual)})`);
      continue;
    }
    const s = x.stability!;
    const stability =
      s.verdict === 'inconclusive'
        ? 'eigenvalues inconclusive (floats overflow)'
        : s.verdict === 'stable'
          ? `stable, margin ${g(-s.maxRe)}`
          : s.verdict === 'unstable'
            ? `unstable, max Re λ ${g(s.maxRe)}`
            : `no eigenvalue with Re λ > ${s.tolerance.toExponential(1)}; ${s.zeroEigenvalues} within ${s.tolerance.toExponential(1)} of 0 (counted as zero: the linear test says nothing along them)`;
    lines.push(`      flow ${x.start}: ${x.kind}, code rank ${x.codeRank} of ${x.maxRank}; Newton residual ${g(x.residual)} after ${x.newtonSteps} step${x.newtonSteps === 1 ? '' : 's'} (flow end ${g(x.flowResidual)}); ${stability}`);
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
