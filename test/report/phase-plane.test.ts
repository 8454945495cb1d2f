/**
 * The phase plane of the trajectories section on the scalar model (docs/math.md §5): its
 * equilibrium lines come from the equilibria findings (SG's and EMA's b = c/s, everyone's
 * a = 0; GD has no line b = const), and its arrows from the float field (SG's ḃ has the sign of
 * c − s·b wherever a ≠ 0). `componentLine` reads lines off equations and refuses the rest.
 */
import { describe, expect, it } from 'vitest';
import { q } from '../../src/exact/rational.js';
import { parsePoly } from '../../src/poly/parse.js';
import { Ring } from '../../src/poly/ring.js';
import { buildReport } from '../../src/report/build.js';
import { allSections } from '../../src/report/document.js';
import type { Figure } from '../../src/report/figure.js';
import { componentLine } from '../../src/report/sections/trajectories.js';
import { scalarModel } from '../helpers/models.js';

const S = q(3);
const C = q(2);
const doc = buildReport(scalarModel(S, C, { emaRate: q(1, 3) }), 'phase-test', { samples: 4, seed: 3 });

function phase(): Figure {
  for (const s of allSections(doc)) {
    for (const b of s.blocks) if (b.kind === 'figure' && b.id === 'phase-plane') return b.figure;
  }
  throw new Error('no phase-plane figure');
}

describe('phase plane on the scalar model', () => {
  const figure = phase();
  const byTitle = (t: string) => figure.panels.find((p) => p.title.startsWith(t))!;

  it('draws the equilibrium lines of each procedure: a = 0 for all, b = c/s for SG and EMA only', () => {
    const cs = C.div(S);
    for (const t of ['SG', 'EMA']) {
      const guides = byTitle(t).guides;
      expect(guides.find((g) => g.orientation === 'horizontal')).toEqual({ orientation: 'horizontal', at: cs.toNumber(), label: `$B_{11} = ${cs.toString()}$` });
      expect(guides.find((g) => g.orientation === 'vertical')?.at).toBe(0);
    }
    expect(byTitle('GD').guides).toEqual([{ orientation: 'vertical', at: 0, label: '$A_{11} = 0$' }]);
  });

  it("draws SG's direction field: b moves towards c/s wherever a is not 0", () => {
    const arrows = byTitle('SG').arrows;
    expect(arrows.length).toBeGreaterThan(40);
    for (const a of arrows) {
      if (Math.abs(a.x) < 1e-3 || Math.abs(a.y - 2 / 3) < 1e-3) continue;
      expect(Math.sign(a.dy), JSON.stringify(a)).toBe(Math.sign(2 - 3 * a.y));
    }
    for (const p of figure.panels) for (const a of p.arrows) expect(a.x >= p.x.min && a.x <= p.x.max && a.y >= p.y.min && a.y <= p.y.max).toBe(true);
  });
});

describe('componentLine', () => {
  const ring = new Ring(['a', 'b', 't']);
  const [a, b, t] = [0, 1, 2];
  const toEncoder = new Map([[t, a]]);
  const line = (...eqs: string[]) => componentLine(eqs.map((e) => parsePoly(ring, e)), a, b, toEncoder);

  it('reads b = const after dividing out a power of a, and a = const, with targets set to their encoder', () => {
    expect(line('5/2*a*b - 2*a')).toEqual({ orientation: 'horizontal', at: q(4, 5) });
    expect(line('5/2*a*b - 2*t', 'a - t')).toEqual({ orientation: 'horizontal', at: q(4, 5) });
    expect(line('a')).toEqual({ orientation: 'vertical', at: q(0) });
    expect(line('a', 't')).toEqual({ orientation: 'vertical', at: q(0) });
    expect(line('a^2*b - a^2')).toEqual({ orientation: 'horizontal', at: q(1) });
  });

  it('refuses what is no line of the plane', () => {
    expect(line('a*b - 1')).toBeNull(); // a hyperbola
    expect(line('a*b - a^2')).toBeNull(); // b = a, not b = const
    expect(line('a', 'b - 1')).toBeNull(); // a point
    expect(line('b^2 - 1')).toBeNull(); // two lines
    expect(line('a*b - 2*a', 'b - 3')).toBeNull(); // contradictory
  });
});

describe('phase plane: starts, direction of travel, conserved level sets', () => {
  const figure = phase();
  const byTitle = (t: string) => figure.panels.find((p) => p.title.startsWith(t))!;

  it('every flow has a start marker and an arrow of travel', () => {
    for (const p of figure.panels) for (const s of p.series) expect([s.startMarker, s.travelArrow]).toEqual([true, true]);
  });

  it('SG and EMA: level curves of a^2 - b^2 through each start (the worked example conserves it), none for GD', () => {
    expect(byTitle('GD').levelCurves ?? []).toEqual([]);
    for (const t of ['SG', 'EMA']) {
      const panel = byTitle(t);
      const curves = panel.levelCurves ?? [];
      expect(curves.length).toBeGreaterThan(0);
      const levels = panel.series.map((s) => s.points[0]![0] ** 2 - s.points[0]![1] ** 2);
      // Each drawn point lies, up to the grid's interpolation, on the level of some start.
      const span = Math.max(panel.x.max - panel.x.min, panel.y.max - panel.y.min);
      for (const curve of curves) {
        const value = (p: [number, number]) => p[0] ** 2 - p[1] ** 2;
        const level = levels.reduce((best, c) => (Math.abs(c - value(curve[0]!)) < Math.abs(best - value(curve[0]!)) ? c : best), Infinity);
        for (const p of curve) expect(Math.abs(value(p) - level)).toBeLessThan(0.01 * span * span);
      }
      // And the flows stay on their level: a flow's end has its start's a^2 - b^2.
      for (const s of panel.series) {
        const [a0, b0] = s.points[0]!;
        const [a1, b1] = s.points[s.points.length - 1]!;
        expect(a1 ** 2 - b1 ** 2).toBeCloseTo(a0 ** 2 - b0 ** 2, 3);
      }
    }
  });
});
