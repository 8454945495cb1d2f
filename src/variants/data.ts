/**
 * A variant's data: view pairs written out, or drawn from a seed. Either way the objective is the
 * exact average of the loss over a finite list of pairs of rationals, so a drawn sample is as
 * exact as a written one and the same spec always gives the same pairs.
 *
 *   data: {pairs: [[[1, 0], [1, 1/2]], [[0, 1], [1/4, 1]]]}
 *   data: {sample: 32, seed: 7, from: {covariance: [[1, 1/2], [1/2, 1]]}, augment: {noise: 1/10}}
 *
 * A sample draws x from `from` — `normal` (standard Gaussian, the default), `iris` (a row of the
 * iris table standardised as in the experiments, p = 4) or `{covariance: X}` (Gaussian N(0, X)) —
 * and makes each view from it as the experiments do: x_i = s_i·(m_i ⊙ x) + ε_i, with the scale,
 * mask and noise of `augment` (default 0: both views equal x). Every entry is then rounded to
 * hundredths, which makes it an exact rational.
 *
 * Example: `readVariantData(parseYamlMapping('data: {sample: 4, seed: 1}').get('data'), 2).pairs.length === 4`.
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { isMap, isScalar, isSeq } from 'yaml';
import { Rational } from '../exact/rational.js';
import { type Augmentation, augmentView, viewDraw } from '../experiments/data.js';
import { irisTable } from '../experiments/tables.js';
import { checkMoment, clip, fail, got, item, numberText, readMapping, readMatrix, readModelNumber, required } from '../model/spec.js';
import { seededRandom } from '../numeric/random.js';
import type { VariantData, ViewPair } from './variant.js';

/** At most this many pairs, written or drawn: the objective has a term per pair. */
export const MAX_PAIRS = 100_000;

/** The data keys that only variant specs have (a linear spec's data is moments). */
export const VARIANT_DATA_KEYS = ['pairs', 'sample'];

/** Drawn entries are rounded to this grid, making them exact rationals. */
const GRID = 100;

/** The keys of the linear family's moments (src/model/spec.ts), refused here with a pointer. */
const MOMENT_KEYS = ['covariance', 'noise', 'viewCovariance', 'viewCovariance2', 'crossCovariance'];

export function readVariantData(node: unknown, p: number): VariantData {
  const moment = isMap(node) ? node.items.map((i) => (isScalar(i.key) ? String(i.key.value) : '')).find((k) => MOMENT_KEYS.includes(k)) : undefined;
  if (moment) {
    // A variant's objective is a finite average (cosine loss and MLPs need the pairs themselves).
    fail(`data.${moment}`, 'expected view pairs or a sample in a variant spec (second moments are read by linear-family specs, those without loss, stopGradient, ema, mlp or set predictors)');
  }
  const map = readMapping(node, 'data', ['pairs', 'sample', 'seed', 'from', 'augment'], 'a mapping {pairs: [[x1, x2], …]} or {sample: n, seed, from, augment} (variant specs read data as view pairs)');
  if (map.has('pairs')) {
    const extra = ['sample', 'seed', 'from', 'augment'].find((k) => map.has(k));
    if (extra) fail(`data.${extra}`, 'expected either pairs or a sample (sample, seed, from, augment), not both');
    return { kind: 'pairs', pairs: readPairs(map.get('pairs'), p) };
  }
  if (!map.has('sample')) fail('data', 'expected pairs: [[x1, x2], …] or sample: n (with seed, from, augment), got neither');
  return readSample(map, p);
}

function readPairs(list: unknown, p: number): ViewPair[] {
  if (!isSeq(list) || list.items.length === 0) fail('data.pairs', `expected a non-empty list of view pairs [x1, x2], ${got(list)}`);
  if (list.items.length > MAX_PAIRS) fail('data.pairs', `expected at most ${MAX_PAIRS} pairs, got ${list.items.length}`);
  const vector = (v: unknown, path: string): Rational[] => {
    if (!isSeq(v) || v.items.length !== p) fail(path, `expected a view: a list of ${p} numbers (p = encoder input dimension), ${got(v)}`);
    return v.items.map((x, j) => readModelNumber(x, item(path, j)));
  };
  return list.items.map((pair, i): ViewPair => {
    const path = item('data.pairs', i);
    if (!isSeq(pair) || pair.items.length !== 2) fail(path, `expected a pair [x1, x2] of two views, ${got(pair)}`);
    return { x1: vector(pair.items[0], item(path, 0)), x2: vector(pair.items[1], item(path, 1)) };
  });
}

function readCount(node: unknown, path: string, lowest: number, highest: number, what: string): number {
  const r = readModelNumber(node, path, what);
  if (!r.isInteger() || r.compare(Rational.of(lowest)) < 0 || r.compare(Rational.of(highest)) > 0) fail(path, `expected ${what}, got ${clip(numberText(node) ?? r.toString())}`);
  return r.toNumber();
}

function readSample(map: Map<string, unknown>, p: number): VariantData {
  const n = readCount(map.get('sample'), 'data.sample', 1, MAX_PAIRS, `an integer from 1 to ${MAX_PAIRS} (the number of pairs drawn)`);
  const seed = readCount(required(map, 'data.seed', 'the seed of the draw, an integer from 1 to 2^32 − 1'), 'data.seed', 1, 2 ** 32 - 1, 'an integer from 1 to 2^32 − 1');
  const source = readSource(map.get('from'), p);
  const aug = readAugmentation(map.get('augment'));
  const draw = viewDraw(aug);
  const rng = seededRandom(seed);
  const x = new Float64Array(p);
  const views = new Float64Array(2 * p);
  const exact = (v: number) => Rational.of(Math.round(v * GRID), GRID);
  const pairs = Array.from({ length: n }, (): ViewPair => {
    source.draw(rng, x);
    augmentView(Array.from(x), draw, rng, views, 0);
    augmentView(Array.from(x), draw, rng, views, p);
    return { x1: Array.from(views.subarray(0, p), exact), x2: Array.from(views.subarray(p), exact) };
  });
  const parts = [aug.noise.isZero() ? '' : `noise variance ${aug.noise}`, aug.mask.isZero() ? '' : `mask probability ${aug.mask}`, aug.scale.isZero() ? '' : `scale 1 ± ${aug.scale}`].filter(Boolean);
  const origin = `${n} pair${n === 1 ? '' : 's'} drawn with seed ${seed}: x from ${source.words}; ${parts.length ? `views of x with ${parts.join(', ')}` : 'both views equal to x'}; entries rounded to hundredths`;
  return { kind: 'pairs', pairs, origin };
}

interface Source {
  words: string;
  draw(rng: ReturnType<typeof seededRandom>, out: Float64Array): void;
}

function readSource(node: unknown, p: number): Source {
  if (node === undefined || isScalarText(node, 'normal')) return gaussian(null, p, 'the standard Gaussian');
  if (isScalarText(node, 'iris')) {
    if (p !== 4) fail('data.from', `expected an encoder input of 4 for iris (four measurements), got ${p}`);
    const rows = irisTable().rows.map((r) => r.map((v) => v.toNumber()));
    return { words: 'the iris table (standardised columns)', draw: (rng, out) => out.set(rows[Math.floor(rng.next() * rows.length)]!) };
  }
  const map = readMapping(node, 'data.from', ['covariance'], 'normal, iris or {covariance: X}');
  const covariance = readMatrix(required(map, 'data.from.covariance', `a ${p}×${p} covariance matrix`), 'data.from.covariance', p);
  checkMoment(covariance, 'data.from.covariance');
  return gaussian(covariance.map((r) => r.map((v) => v.toNumber())), p, 'a Gaussian with the given covariance');
}

function isScalarText(node: unknown, text: string): boolean {
  return typeof node === 'object' && node !== null && 'value' in node && (node as { value: unknown }).value === text;
}

/** x = V·√D·z for X = V D Vᵀ (X may be singular), z standard normal; X = I when null. */
function gaussian(covariance: number[][] | null, p: number, words: string): Source {
  const z = new Float64Array(p);
  if (covariance === null) return { words, draw: (rng, out) => out.forEach((_, i) => (out[i] = rng.normal())) };
  const eig = new EigenvalueDecomposition(new Matrix(covariance), { assumeSymmetric: true });
  const root = eig.realEigenvalues.map((d) => Math.sqrt(Math.max(d, 0)));
  const v = eig.eigenvectorMatrix;
  return {
    words,
    draw(rng, out) {
      for (let k = 0; k < p; k++) z[k] = rng.normal();
      for (let i = 0; i < p; i++) {
        let acc = 0;
        for (let k = 0; k < p; k++) acc += v.get(i, k) * root[k]! * z[k]!;
        out[i] = acc;
      }
    },
  };
}

function readAugmentation(node: unknown): Augmentation {
  if (node === undefined) return { noise: Rational.ZERO, mask: Rational.ZERO, scale: Rational.ZERO };
  const map = readMapping(node, 'data.augment', ['noise', 'mask', 'scale'], 'a mapping {noise, mask, scale}');
  const value = (key: string, ok: (r: Rational) => boolean, what: string): Rational => {
    if (!map.has(key)) return Rational.ZERO;
    const r = readModelNumber(map.get(key), `data.augment.${key}`, what);
    if (!ok(r)) fail(`data.augment.${key}`, `expected ${what}, got ${clip(numberText(map.get(key)) ?? r.toString())}`);
    return r;
  };
  return {
    noise: value('noise', (r) => r.sign() >= 0, 'a number ≥ 0 (the variance of the noise added to each entry)'),
    mask: value('mask', (r) => r.sign() >= 0 && r.compare(Rational.ONE) < 0, 'a number in [0, 1) (the probability that an entry is masked)'),
    scale: value('scale', (r) => r.sign() >= 0 && r.compare(Rational.ONE) <= 0, 'a number in [0, 1] (the half-width of the scale around 1)'),
  };
}
