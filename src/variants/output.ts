/**
 * What `ncssl check` prints for a variant, as text and as JSON, from `checkVariant`'s results
 * (never recomputed here).
 *
 * Example: `variantCheckText(checkVariant(v, { samples: 64, seed: 1 }), 'v.yaml')`.
 */
import type { CurlCertificate } from '../interval/certified-curl.js';
import type { VariantCheck, VariantCurlVerdict } from './check.js';
import type { Variant } from './variant.js';

const RECIPE_WORDS: Record<string, string> = {
  'identify-then-differentiate': 'gradient through both branches (no stop gradient, no EMA)',
  'differentiate-then-identify': 'stop gradient on the target branch (SimSiam)',
  'moving-average': 'moving-average target (BYOL)',
  'target-branch': 'stop gradient on the online branch (gradient through the target branch only)',
};

function describe(v: Variant): string {
  const e = v.encoder;
  const encoder = e.kind === 'mlp' ? `MLP ${e.layers.join('→')}${e.activation ? ` (${e.activation})` : ''}${e.bias ? ' with biases' : ''}` : `${e.kind} encoder ${e.in}→${e.out}`;
  const p = v.predictor;
  const predictor = p.kind === 'directcopy' ? `DirectCopy predictor (F̂ + ${p.eps}·I)` : p.kind === 'directpred' ? `DirectPred predictor (power ${p.power}, eps ${p.eps})` : `${p.kind} predictor`;
  return `${v.loss} loss, ${encoder}, ${predictor}, ${v.data.pairs.length} view pair${v.data.pairs.length === 1 ? '' : 's'}`;
}

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

export function variantCheckText(check: VariantCheck, path: string): string {
  const v = check.variant;
  const lines = [`${v.name} (${path}): variant — ${describe(v)}`];
  lines.push('  Its fields are not polynomials: the exact analyses (potentials, equilibrium varieties, exact stability) do not apply; verdicts rest on interval arithmetic (certified) or floats (numerical).');
  if (!v.smooth) lines.push('  ReLU: the field is not differentiable where a pre-activation is 0; a curl is certified only on boxes where no pre-activation vanishes.');
  for (const p of check.procedures) {
    const f = p.field;
    lines.push(`  ${f.procedure.name}: ${RECIPE_WORDS[f.procedure.recipe]}; state ${f.stateNames.length} (${f.stateNames.join(', ')})`);
    lines.push(...verdictLines('gradient field (C1), V', p.euclidean, f.stateNames, 'curl DV'));
    if (p.rateAdjusted) lines.push(...verdictLines('gradient field (C1), P⁻¹V', p.rateAdjusted, f.stateNames, 'curl P⁻¹DV'));
  }
  return lines.join('\n') + '\n';
}

export function variantCheckJson(check: VariantCheck, path: string): Record<string, unknown> {
  const verdict = (v: VariantCurlVerdict | null) => (v ? { verdict: v.verdict, level: v.level, certified: v.certified, sampled: v.sampled } : null);
  return {
    spec: path,
    name: check.variant.name,
    kind: 'variant',
    description: describe(check.variant),
    smooth: check.variant.smooth,
    procedures: check.procedures.map((p) => ({
      name: p.field.procedure.name,
      recipe: p.field.procedure.recipe,
      state: p.field.stateNames,
      rates: p.field.rates.map(String),
      curl: verdict(p.euclidean),
      rateAdjustedCurl: verdict(p.rateAdjusted),
    })),
  };
}
