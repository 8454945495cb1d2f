/**
 * The variant benchmark of issue 12 (item 7): SimSiam (stop gradient on the target, no EMA) on a
 * 2-layer tanh encoder 8 → 16 → 4 without bias, a linear 4 × 4 predictor (state 208), the cosine
 * loss, on 256 seeded view pairs with entries k/4, k in −8..8. Timed: the objective and the field
 * V, V and DV in floats at one point, then the certified curl at 64 seeded points. One process:
 *
 *   node dist/test/bench/variant-scale.js [pairs]
 *
 * It prints the phases' wall ms (and CPU ms, all threads: on a shared machine the wall time says
 * more about the neighbours) and the certified count, so that runs can be compared.
 */
import { performance } from 'node:perf_hooks';
import { certifyCurlAtSamples } from '../../src/interval/certified-curl.js';
import { seededRandom } from '../../src/numeric/random.js';
import { deriveVariant } from '../../src/variants/fields.js';
import { parseVariant } from '../../src/variants/spec.js';

export function variantScaleSpec(nPairs: number): string {
  const rng = seededRandom(12);
  const view = () => `[${Array.from({ length: 8 }, () => `${rng.int(-8, 8)}/4`).join(', ')}]`;
  const pairs = Array.from({ length: nPairs }, () => `[${view()}, ${view()}]`);
  return ['loss: cosine', 'stopGradient: target', 'ema: off', 'encoder: {kind: mlp, layers: [8, 16, 4], activation: tanh, bias: false}', 'predictor: {kind: linear}', `data: {pairs: [${pairs.join(', ')}]}`].join('\n');
}

export function benchVariantScale(nPairs: number): { state: number; fieldsMs: number; pointMs: number; curlMs: number; cpuMs: [number, number, number]; certified: number; samples: number } {
  const variant = parseVariant(variantScaleSpec(nPairs), 'bench');
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const c0 = cpu();
  const t0 = performance.now();
  const derivation = deriveVariant(variant);
  const field = derivation.fields[0]!;
  const t1 = performance.now();
  const c1 = cpu();
  const n = field.stateNames.length;
  const rng = seededRandom(5);
  const x = Float64Array.from({ length: n }, () => rng.normal());
  const [v, dv] = [new Float64Array(n), new Float64Array(n * n)];
  field.float.value(x, v);
  field.float.jacobian(x, dv);
  if (!dv.every(Number.isFinite)) throw new Error('variant-scale: DV not finite');
  const t2 = performance.now();
  const c2 = cpu();
  const samples = 64;
  const summary = certifyCurlAtSamples(derivation.layout.dag, field.field, { samples, seed: 1 });
  const t3 = performance.now();
  const c3 = cpu();
  return { state: n, fieldsMs: t1 - t0, pointMs: t2 - t1, curlMs: t3 - t2, cpuMs: [c1 - c0, c2 - c1, c3 - c2], certified: summary.certifiedPoints, samples };
}

if (process.argv[1]?.endsWith('variant-scale.js')) {
  const r = benchVariantScale(Number(process.argv[2] ?? 256));
  const [a, b, c] = r.cpuMs.map((ms) => ms.toFixed(0));
  console.log(`state ${r.state}: fields ${r.fieldsMs.toFixed(0)} ms, V and DV at a point ${r.pointMs.toFixed(0)} ms, certified curl ${r.curlMs.toFixed(0)} ms (${r.certified}/${r.samples} points certified); CPU ms ${a}, ${b}, ${c}`);
}
