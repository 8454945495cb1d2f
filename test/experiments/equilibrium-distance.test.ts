/**
 * Distance to the nearest predicted equilibrium component against closed forms: a line and a
 * plane (affine: the orthogonal projection, by hand), a circle (|r − 1|: the projection from a
 * point runs along the radius), the nearest of several, an equation's monomial factor divided out; on the scalar model's SG equilibria
 * (A = 0 and the line s·b = c of docs/math.md 5) against min(|a|, |b − c/s|) from the model's
 * own numbers; null where no point of the component exists; same point, same number.
 */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/analyses/check-model.js';
import { equilibria } from '../../src/analyses/index.js';
import { compileComponents, distanceToComponent, nearestComponent, withoutMonomialFactor } from '../../src/experiments/equilibrium-distance.js';
import { loadSpecFile } from '../../src/model/spec.js';
import { seededRandom } from '../../src/numeric/random.js';
import { parsePoly } from '../../src/poly/parse.js';
import { Ring } from '../../src/poly/ring.js';

const R = new Ring(['x', 'y', 'z']);
const P = (s: string) => parsePoly(R, s);
const compiled = (id: string, ...equations: string[]) => compileComponents([{ id, equations: equations.map(P) }], [0, 1, 2])[0]!;

describe('distance to a component', () => {
  const rng = seededRandom(5);
  const points = Array.from({ length: 20 }, () => [0, 1, 2].map(() => 4 * rng.normal()));

  it('affine components: the orthogonal projection', () => {
    const plane = compiled('plane', 'x + 2*y - 2*z - 3');
    const line = compiled('line', 'x - 1', 'y + z');
    for (const [x, y, z] of points as Array<[number, number, number]>) {
      expect(distanceToComponent(plane, [x, y, z])).toBeCloseTo(Math.abs(x + 2 * y - 2 * z - 3) / 3, 10);
      expect(distanceToComponent(line, [x, y, z])).toBeCloseTo(Math.hypot(x - 1, (y + z) / Math.SQRT2), 10);
    }
  });

  it('a curved component: the unit circle in the plane z = 0 reached along the radius', () => {
    const circle = compiled('circle', 'x^2 + y^2 - 1', 'z');
    for (const [x, y, z] of points as Array<[number, number, number]>) {
      expect(distanceToComponent(circle, [x, y, z])).toBeCloseTo(Math.hypot(Math.hypot(x, y) - 1, z), 8);
    }
  });

  it('divides an equation by its monomial factor only', () => {
    expect(String(withoutMonomialFactor(P('x^2*y*z - 3*x*y^2')))).toBe(String(P('x*z - 3*y')));
    expect(String(withoutMonomialFactor(P('x*y - 1')))).toBe(String(P('x*y - 1')));
    expect(String(withoutMonomialFactor(P('x^3')))).toBe(String(P('x^3')));
  });

  it('the nearest of several, by name; null when a component has no real point', () => {
    const all = [compiled('x = 0', 'x'), compiled('y = 2', 'y - 2'), compiled('empty', 'x^2 + 1')];
    expect(nearestComponent(all, [0.5, 1, 7])).toEqual({ component: 'x = 0', distance: 0.5 });
    expect(nearestComponent(all, [3, 2.25, 7])).toEqual({ component: 'y = 2', distance: 0.25 });
    expect(distanceToComponent(all[2]!, [1, 0, 0])).toBeNull();
    expect(nearestComponent([all[2]!], [1, 0, 0])).toBeNull();
    expect(nearestComponent(all, [3, 2.25, 7])).toEqual(nearestComponent(all, [3, 2.25, 7]));
  });
});

describe('on the scalar model', () => {
  it("SG's predicted equilibria: min(|a|, |b - c/s|)", () => {
    const model = loadSpecFile('proofs/models/scalar.yaml');
    const check = checkModel(model, { samples: 0, seed: 1, points: 1, flows: 0, analyses: ['equilibria'] });
    const sg = check.procedures.find((p) => p.name === 'sg')!;
    const d = check.derivation.procedures.find((p) => p.procedure.name === 'sg')!;
    const components = compileComponents(sg.results.require(equilibria).components, d.state);
    const s = model.moments.sigma1[0]![0]!.toNumber();
    const c = model.moments.sigma12[0]![0]!.toNumber();
    expect(model.weightDecay.isZero()).toBe(true); // the line b = c/s holds without weight decay
    const rng = seededRandom(11);
    for (let k = 0; k < 20; k++) {
      const [a, b] = [2 * rng.normal(), 2 * rng.normal()];
      const x = d.state.map((v) => (check.derivation.params.encoder.variables.includes(v) ? a : b));
      expect(nearestComponent(components, x)!.distance).toBeCloseTo(Math.min(Math.abs(a), Math.abs(b - c / s)), 9);
    }
  });
});
