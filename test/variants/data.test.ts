import { describe, expect, it } from 'vitest';
import { SpecError } from '../../src/model/spec-error.js';
import { irisTable } from '../../src/experiments/tables.js';
import { parseVariant } from '../../src/variants/spec.js';

const spec = (data: string, p = 2) => `loss: cosine\nencoder: {kind: linear, in: ${p}, out: 2}\npredictor: {kind: linear}\ndata: ${data}`;
const pairsOf = (data: string, p = 2) => parseVariant(spec(data, p), 'v').data;

function errorOf(data: string, p = 2): string {
  try {
    parseVariant(spec(data, p), 'v');
  } catch (e) {
    if (e instanceof SpecError) return e.message;
    throw e;
  }
  throw new Error('expected a SpecError');
}

describe('variant data drawn from a seed', () => {
  it('draws the same exact pairs from the same seed, and others from another', () => {
    const a = pairsOf('{sample: 5, seed: 3, augment: {noise: 1/10}}');
    const b = pairsOf('{sample: 5, seed: 3, augment: {noise: 1/10}}');
    const c = pairsOf('{sample: 5, seed: 4, augment: {noise: 1/10}}');
    const text = (d: typeof a) => d.pairs.map((p) => [...p.x1, ...p.x2].map(String).join(' ')).join('\n');
    expect(a.pairs).toHaveLength(5);
    expect(text(a)).toBe(text(b));
    expect(text(a)).not.toBe(text(c));
    // Every entry on the grid of hundredths: an exact rational with denominator dividing 100.
    for (const p of a.pairs) for (const x of [...p.x1, ...p.x2]) expect(100n % x.den === 0n || x.den === 1n, String(x)).toBe(true);
    expect(a.origin).toBe('5 pairs drawn with seed 3: x from the standard Gaussian; views of x with noise variance 1/10; entries rounded to hundredths');
  });

  it('makes both views equal to x without augmentation', () => {
    const d = pairsOf('{sample: 6, seed: 1}');
    for (const p of d.pairs) expect(p.x1.map(String)).toEqual(p.x2.map(String));
  });

  it('draws x with the covariance asked for (empirical second moment of many pairs)', () => {
    const d = pairsOf('{sample: 20000, seed: 2, from: {covariance: [[2, 1], [1, 1]]}, augment: {noise: 1/4}}');
    const m = (f: (p: (typeof d.pairs)[number]) => number) => d.pairs.reduce((s, p) => s + f(p), 0) / d.pairs.length;
    // Σ1 = X + σ²I, Σ12 = X: within 4 standard errors of 20000 draws.
    expect(m((p) => p.x1[0]!.toNumber() ** 2)).toBeCloseTo(2.25, 1);
    expect(m((p) => p.x1[1]!.toNumber() ** 2)).toBeCloseTo(1.25, 1);
    expect(m((p) => p.x1[0]!.toNumber() * p.x1[1]!.toNumber())).toBeCloseTo(1, 1);
    expect(m((p) => p.x1[0]!.toNumber() * p.x2[0]!.toNumber())).toBeCloseTo(2, 1);
    expect(m((p) => p.x1[0]!.toNumber() * p.x2[1]!.toNumber())).toBeCloseTo(1, 1);
  });

  it('draws iris rows when asked, unchanged without augmentation', () => {
    const rows = new Set(irisTable().rows.map((r) => r.map(String).join(' ')));
    const d = pairsOf('{sample: 8, seed: 5, from: iris}', 4);
    for (const p of d.pairs) expect(rows.has(p.x1.map(String).join(' '))).toBe(true);
  });

  it('refuses bad draws with one line naming the field', () => {
    expect(errorOf('{sample: 0, seed: 1}')).toMatch(/^data\.sample: expected an integer from 1 to 100000/);
    expect(errorOf('{sample: 2.5, seed: 1}')).toMatch(/^data\.sample: expected an integer/);
    expect(errorOf('{sample: 4}')).toMatch(/^data\.seed: /);
    expect(errorOf('{sample: 4, seed: 1, from: uniform}')).toMatch(/^data\.from: expected normal, iris or \{covariance: X\}/);
    expect(errorOf('{sample: 4, seed: 1, from: iris}')).toBe('data.from: expected an encoder input of 4 for iris (four measurements), got 2');
    expect(errorOf('{sample: 4, seed: 1, from: {covariance: [[1, 2], [2, 1]]}}')).toMatch(/^data\.from\.covariance: expected a positive semidefinite matrix/);
    expect(errorOf('{sample: 4, seed: 1, augment: {mask: 1}}')).toMatch(/^data\.augment\.mask: expected a number in \[0, 1\)/);
    expect(errorOf('{sample: 4, seed: 1, augment: {blur: 1}}')).toMatch(/^data\.augment/);
    expect(errorOf('{pairs: [[[1, 0], [1, 1]]], sample: 4}')).toBe('data.sample: expected either pairs or a sample (sample, seed, from, augment), not both');
    expect(errorOf('{covariance: [[1, 0], [0, 1]], noise: 1/10}')).toMatch(/^data\.covariance: expected view pairs or a sample in a variant spec \(second moments are read by linear-family specs/);
    expect(errorOf('{pairs: [[[1, 0], [1, 1]], [[0, 0], [1, 1]]]}')).toBe('data.pairs[1][0]: expected a view that is not all zeros under the cosine loss with an encoder without biases (its code is 0 for every θ, where the loss is undefined)');
    expect(errorOf('{sample: 40, seed: 1, augment: {mask: 9/10}}')).toMatch(/^data\.sample: expected draws without a view of zeros under the cosine loss/);
    expect(errorOf('{seed: 4}')).toBe('data: expected pairs: [[x1, x2], …] or sample: n (with seed, from, augment), got neither');
  });
});
