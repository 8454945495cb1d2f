/**
 * The batched float curl check gives exactly what the plain one-point-at-a-time loop gives (same
 * seeded points, same reductions): the loop below is that reference, kept only here. With a
 * worker thread (only in the compiled build: vitest runs TypeScript, which a worker cannot load)
 * the numbers are the same again.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { q, type Rational } from '../../src/exact/rational.js';
import { CURL_TOLERANCE, sampleCurl } from '../../src/analyses/curl-sampling.js';
import { curlAtPoints } from '../../src/numeric/curl-points.js';
import { seededRandom } from '../../src/numeric/random.js';
import { compilePolys } from '../../src/poly/compile.js';
import type { Poly } from '../../src/poly/poly.js';
import { deriveModel } from '../../src/procedures/derive.js';
import { randomModel } from '../helpers/models.js';

function reference(jacobian: readonly Poly[][], state: readonly number[], rates: readonly Rational[] | null, samples: number, seed: number) {
  const n = state.length;
  const inverse = rates?.map((r) => 1 / r.toNumber()) ?? null;
  const compiled = compilePolys(jacobian.flat(), state);
  const rng = seededRandom(seed);
  const x = new Float64Array(n);
  const J = new Float64Array(n * n);
  const tallies = (inverse ? [null, inverse] : [null]).map((w) => ({ w, nonzero: 0, max: 0 }));
  for (let s = 0; s < samples; s++) {
    for (let k = 0; k < n; k++) x[k] = rng.normal();
    compiled.evaluate(x, J);
    for (const t of tallies) {
      let curl = 0;
      let scale = 0;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          const a = (t.w ? t.w[i]! : 1) * J[i * n + j]!;
          scale = Math.max(scale, Math.abs(a));
          if (j > i) curl = Math.max(curl, Math.abs(a - (t.w ? t.w[j]! : 1) * J[j * n + i]!));
        }
      }
      if (curl > CURL_TOLERANCE * (1 + scale)) t.nonzero++;
      t.max = Math.max(t.max, curl);
    }
  }
  return tallies.map((t) => [t.nonzero, t.max]);
}

describe('sampleCurl', () => {
  const models = [
    randomModel({ p: 3, q: 2, seed: 4, predictorRate: q(3), emaRate: q(1, 2), weightDecay: q(1, 10) }),
    randomModel({ p: 2, q: 2, seed: 6, encoder: 'diagonal', predictor: 'identity' }),
  ];
  it.each([1, 7, 8, 9, 20])('matches the one-point-at-a-time loop exactly with %i samples', (samples) => {
    for (const model of models) {
      for (const d of deriveModel(model).procedures) {
        const allOne = d.rates.every((r) => r.isOne());
        const got = sampleCurl(d.jacobian, d.state, allOne ? null : d.rates, { samples, seed: 3 });
        const expected = reference(d.jacobian, d.state, allOne ? null : d.rates, samples, 3);
        const tallies = [got.euclidean, got.rateAdjusted].filter((t) => t !== null);
        expect(tallies.map((t) => [t.nonzeroPoints, t.maxCurl])).toEqual(expected);
        expect(tallies.every((t) => t.samples === samples && t.seed === 3)).toBe(true);
      }
    }
  });

  it('gives the same numbers with a worker thread as without (compiled build)', async () => {
    const dist = (path: string) => pathToFileURL(resolve('dist', path)).href;
    expect(existsSync(resolve('dist/src/numeric/curl-worker.js'))).toBe(true);
    const built = {
      ...((await import(dist('src/numeric/curl-points.js'))) as typeof import('../../src/numeric/curl-points.js')),
      ...((await import(dist('src/poly/compile.js'))) as typeof import('../../src/poly/compile.js')),
      ...((await import(dist('src/procedures/derive.js'))) as typeof import('../../src/procedures/derive.js')),
      ...((await import(dist('test/helpers/models.js'))) as typeof import('../helpers/models.js')),
    };
    const rng = seededRandom(4);
    for (const d of built.deriveModel(built.randomModel({ p: 3, q: 2, seed: 2 })).procedures) {
      const n = d.state.length;
      const samples = 43;
      const points = Float64Array.from({ length: samples * n }, () => rng.normal());
      const weights = Float64Array.from(d.rates, (r) => 1 / r.toNumber() + 0.5);
      const job = (shared: boolean) => ({ program: built.compilePolys(d.jacobian.flat(), d.state, { shared }).program, n, weights, points, samples });
      const report = { workerBatches: 0 };
      const threaded = built.curlAtPoints(job(true), 'always', undefined, report);
      expect(report.workerBatches).toBe(Math.ceil(samples / 8)); // the worker really did them all
      expect([...threaded]).toEqual([...built.curlAtPoints(job(false), 'never')]);
      expect([...threaded]).toEqual([...curlAtPoints(job(false) as never, 'never')]); // and the sources agree
    }
  });
});
