/**
 * Issue 9, finding 1: float evidence at huge or tiny magnitudes. ml-matrix's eigenvalue and SVD
 * iterations never return on a matrix with Inf or NaN, so every float routine checks finiteness
 * first (FloatOverflowError → an inconclusive verdict saying so) and scales by a power of two; and
 * the spec refuses numbers the float analyses cannot represent (LIMITS.maxMagnitudeExponent).
 */
import { describe, expect, it } from 'vitest';
import { FLOAT_OVERFLOW, FloatOverflowError, eigenvalues, leastSquares, numericalRank } from '../../src/numeric/eigenvalues.js';
import { parseSpec } from '../../src/model/spec.js';
import { SpecError } from '../../src/model/spec-error.js';
import { isOneLineError, runCli } from '../fuzz/cli.js';
import { analysePointStability, componentGeometry } from '../../src/analyses/stability.js';
import { Rational } from '../../src/exact/rational.js';
import { deriveModel } from '../../src/procedures/derive.js';

const spec = (over: { data?: string; extra?: string } = {}) =>
  `encoder: {kind: linear, in: 1, out: 1}\npredictor: {kind: linear}\ndata: ${over.data ?? '{covariance: [[2]], noise: 1/2}'}\n${over.extra ?? ''}`;

describe('float routines on matrices that are not finite', () => {
  it.each([
    ['Inf', [[Infinity, 1], [0, 1]]],
    ['-Inf', [[1, 0], [-Infinity, 1]]],
    ['NaN', [[NaN, 0], [0, 1]]],
  ])('refuse a matrix with %s at once (ml-matrix would loop forever)', (_, m) => {
    const t0 = performance.now();
    expect(() => eigenvalues(m)).toThrow(FloatOverflowError);
    expect(() => numericalRank(m)).toThrow(FloatOverflowError);
    expect(() => leastSquares(m, [1, 1])).toThrow(FloatOverflowError);
    expect(performance.now() - t0).toBeLessThan(100);
  });

  it('give the reason as data: "inconclusive: floats overflow at this scale"', () => {
    expect(FLOAT_OVERFLOW).toMatch(/^inconclusive: floats overflow at this scale/);
    expect(() => eigenvalues([[NaN]])).toThrow(/floats overflow at this scale/);
  });

  it('scale finite matrices by a power of two: eigenvalues near 1e300 and 1e-300 come out exactly', () => {
    // Without scaling, squares of these entries overflow (or underflow) inside the QR iteration.
    expect(eigenvalues([[3e300, 0], [0, -1e300]])).toEqual([{ re: 3e300, im: 0 }, { re: -1e300, im: 0 }]);
    expect(eigenvalues([[0, -2e-300], [2e-300, 0]])).toEqual([{ re: 0, im: -2e-300 }, { re: 0, im: 2e-300 }]);
    expect(numericalRank([[1e300, 1e300], [1e300, 1e300]])).toBe(1);
    expect(leastSquares([[2e200, 0], [0, 0]], [4e200, 1])).toEqual([2, 0]);
  });

  it('throw when the results themselves overflow', () => {
    // Finite entries near the largest double whose eigenvalues lie beyond it.
    expect(() => eigenvalues([[1.7e308, 1.7e308], [1.7e308, 1.7e308]])).toThrow(FloatOverflowError);
  });
});

describe('the spec refuses magnitudes the float analyses cannot represent', () => {
  const cases: Array<[string, string, string]> = [
    ['covariance 1e308', spec({ data: '{covariance: [[1e308]], noise: 0}' }), 'data.covariance[0][0]'],
    ['emaRate 1e400', spec({ extra: 'emaRate: 1e400\n' }), 'emaRate'],
    ['moments of 1e-300', spec({ data: '{viewCovariance: [[1e-300]], crossCovariance: [[0]]}' }), 'data.viewCovariance[0][0]'],
    ['10^5000/3', spec({ data: `{covariance: [["1${'0'.repeat(5000)}/3"]], noise: 0}` }), 'data.covariance[0][0]'],
    ['weightDecay 1e308', spec({ extra: 'weightDecay: 1e308\n' }), 'weightDecay'],
    ['noise 1e-51', spec({ data: '{covariance: [[1]], noise: 1e-51}' }), 'data.noise'],
  ];
  it.each(cases)('%s: one SpecError naming the field and the range', (_, text, field) => {
    let error: unknown;
    try {
      parseSpec(text, 'x');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).field).toBe(field);
    expect((error as SpecError).expected).toMatch(/magnitude between 1e-50 and 1e50/);
  });

  it('accepts the ends of the range and 0, and keeps them exact', () => {
    const m = parseSpec(spec({ data: '{covariance: [[1e50]], noise: 0}', extra: 'weightDecay: 1e-50\npredictorRate: "100000000000000000000000000000000000000000000000000"\n' }), 'x');
    expect(m.moments.sigma1[0]![0]!.toString()).toBe(`1${'0'.repeat(50)}`);
    expect(m.weightDecay.toString()).toBe(`1/1${'0'.repeat(50)}`);
  });

  it('through the CLI: each listed case is one line, exit 2, within a second', async () => {
    await runCli(['check', '/dev/stdin'], { input: cases[0]![1] }); // loads the command's modules once
    for (const [, text] of cases.slice(0, 5)) {
      const r = await runCli(['check', '/dev/stdin'], { input: text });
      expect(isOneLineError(r), r.stderr).toBe(true);
      expect(r.ms).toBeLessThan(1000);
    }
  });
});

describe('the analyses at the edge of the accepted range', () => {
  it('check ends with exit 0 and finite or inconclusive float evidence', async () => {
    const text = spec({ data: '{covariance: [[1e50]], noise: 1e-50}', extra: 'weightDecay: 1e50\npredictorRate: 1e-50\nemaRate: 1e50\n' });
    const r = await runCli(['check', '/dev/stdin', '--json'], { input: text });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/internal error/);
  }, 60_000);
});

describe('a verdict where floats overflow', () => {
  // Moments at the top of the range and a point far out: DV's entries pass 1e308 in floats.
  const d = deriveModel(parseSpec(spec({ data: '{covariance: [[1e50]], noise: 1e50}', extra: 'procedures: [sg]\n' }), 'x')).procedures[0]!;
  const geometry = componentGeometry(d, []);

  it('at a float point: inconclusive, saying why, with no eigenvalues', () => {
    const point = { exact: false as const, values: [1e150, 1e150], residual: 0, collapsed: false, origin: { kind: 'collapsed' as const } };
    const s = analysePointStability(d, geometry, point);
    expect(s).toMatchObject({ verdict: 'inconclusive', level: 'inconclusive', numericalVerdict: 'inconclusive', eigenvalues: [] });
    expect(s.reason).toMatch(/floats overflow at this scale/);
  });

  it('at an exact point: the exact verdict stands, only the float cross-check is inconclusive', () => {
    const big = Rational.parse('1e200')!;
    const point = { exact: true as const, values: [big, big], residual: 0 as const, collapsed: false, origin: { kind: 'collapsed' as const } };
    const s = analysePointStability(d, geometry, point, { recheck: false });
    expect(s.certificate).not.toBeNull();
    expect(s.level).not.toBe('numerical');
    expect(s.numericalVerdict).toBe('inconclusive');
    expect(s.eigenvalues).toEqual([]);
  });
});
