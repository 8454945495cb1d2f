/**
 * Adding an analysis is one registration: a toy registered here (it reads the conserved
 * quantities and the sampled equilibria, and evaluates the first conserved quantity at each
 * point) runs when selected, with what it requires, and shows in check's text and JSON — at the
 * procedure level and inside each equilibrium point — without touching any printer.
 */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/analyses/check-model.js';
import { defaultAnalyses, equilibria, invariants, registerAnalysis } from '../../src/analyses/index.js';
import { Rational, q } from '../../src/exact/rational.js';
import { checkJson } from '../../src/render/check-json.js';
import { checkText } from '../../src/render/check-text.js';
import { scalarModel } from '../helpers/models.js';

interface ToyResult {
  conserved: number;
  /** The first conserved quantity at each exact point (component, point), as text; null without one. */
  values: Array<Array<string | null>>;
}

const toy = registerAnalysis<ToyResult>({
  name: 'toy',
  summary: 'the first conserved quantity at every sampled equilibrium',
  requires: [equilibria, invariants],
  defaultRun: { kind: 'up-to-state', maxState: 0 },
  run({ procedure }, earlier) {
    const [first] = earlier.require(invariants).basis;
    const values = earlier.require(equilibria).components.map((c) =>
      c.points.map((p) => (first && p.exact ? first.evaluate((v) => p.values[procedure.state.indexOf(v)]!).toString() : null)),
    );
    return { conserved: earlier.require(invariants).basis.length, values };
  },
  toJson: (r) => ({ toy: { conserved: r.conserved } }),
  text: (r) => [`toy: ${r.conserved} conserved quantities`],
  point: {
    json: (r, i, j) => ({ toyValue: r.values[i]![j] }),
    text: (r, i, j) => (r.values[i]![j] === null ? [] : [`toy value ${r.values[i]![j]}`]),
  },
});

describe('a toy analysis registered in a test', () => {
  // MATH.md §5: SG on the scalar model conserves a² − b² (the only conserved quadratic).
  const model = scalarModel(q(5, 2), q(2), { procedures: ['sg'] });
  const check = checkModel(model, { samples: 2, seed: 1, points: 2, flows: 0, analyses: [toy.name] });

  it('runs with what it requires, in canonical order, and only when asked for', () => {
    expect(check.analyses).toEqual(['integrability', 'equilibria', 'invariants', 'toy']);
    expect(defaultAnalyses(2)).not.toContain('toy');
    expect(check.procedures[0]!.results.require(toy).conserved).toBe(1);
  });

  it("appears in check's JSON: its keys after the others', and a value in every point", () => {
    const sg = (checkJson(check, 'scalar.yaml').procedures as Record<string, Record<string, unknown>>).sg!;
    expect(Object.keys(sg).slice(-3)).toEqual(['equilibria', 'invariants', 'toy']);
    expect(sg.toy).toEqual({ conserved: 1 });
    const points = (sg.equilibria as { components: Array<{ points: Array<{ exact: boolean; coordinates: Record<string, string>; toyValue: string | null }> }> }).components.flatMap((c) => c.points);
    expect(points.length).toBeGreaterThan(2);
    for (const p of points) {
      if (!p.exact) continue;
      // a² − b² at the point, from its printed coordinates (the basis is primitive, up to sign).
      const [a, b] = [Rational.parse(p.coordinates.A_1_1!)!, Rational.parse(p.coordinates.B_1_1!)!];
      const value = a.mul(a).sub(b.mul(b));
      expect([value.toString(), value.neg().toString()]).toContain(p.toyValue);
    }
  });

  it("appears in check's text: its line after the conserved quantities, a line under each exact point", () => {
    const lines = checkText(check, 'scalar.yaml').split('\n');
    const conserved = lines.findIndex((l) => l.startsWith('    conserved quantities of degree ≤ 2'));
    expect(lines[conserved + 1]).toBe('    toy: 1 conserved quantities');
    const pointLines = lines.flatMap((l, k) => (/^ {8}point \d+ \(exact\)/.test(l) ? [k] : []));
    expect(pointLines.length).toBeGreaterThan(0);
    for (const k of pointLines) expect(lines[k + 1]).toMatch(/^ {10}toy value -?\d+(\/\d+)?$/);
  });
});
