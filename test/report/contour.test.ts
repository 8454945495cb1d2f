/**
 * Level curves by marching squares (src/report/contour.ts) against curves known in closed form:
 * a circle (one closed curve) and a hyperbola (two open branches ending on the frame).
 */
import { describe, expect, it } from 'vitest';
import { levelCurve } from '../../src/report/contour.js';

describe('levelCurve', () => {
  it('a circle of radius 1/2 is one closed polyline of points at distance 1/2 from the centre', () => {
    const curves = levelCurve((x, y) => x * x + y * y, [-1, 1], [-1, 1], 0.25, 40);
    expect(curves).toHaveLength(1);
    const c = curves[0]!;
    expect(c[0]).toEqual(c[c.length - 1]);
    for (const [x, y] of c) expect(Math.abs(Math.hypot(x, y) - 0.5)).toBeLessThan(0.01);
  });

  it('the hyperbola x^2 - y^2 = 1/4 in the square: two branches, one on each side, ending on the frame', () => {
    const curves = levelCurve((x, y) => x * x - y * y, [-1, 1], [-1, 1], 0.25, 50);
    expect(curves).toHaveLength(2);
    expect(curves.map((c) => Math.sign(c[0]![0])).sort()).toEqual([-1, 1]);
    for (const c of curves) {
      for (const [x, y] of c) expect(Math.abs(x * x - y * y - 0.25)).toBeLessThan(0.01);
      for (const end of [c[0]!, c[c.length - 1]!]) expect(Math.max(Math.abs(end[0]), Math.abs(end[1]))).toBeCloseTo(1, 9);
    }
  });

  it('a level the function never takes draws nothing', () => {
    expect(levelCurve((x, y) => x * x + y * y, [-1, 1], [-1, 1], 5)).toEqual([]);
  });
});
