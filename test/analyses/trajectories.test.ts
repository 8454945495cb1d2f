/**
 * The plotted flows against what MATH.md §5 says of them, by hand: on the scalar model GD ends at
 * a = 0; SG ends on the line b = c/s at the point the conserved quantity a² − b² picks
 * (a∞² = a₀² − b₀² + (c/s)², with the sign of a₀); EMA ends on the same line with t = a. Also:
 * the procedures share their starts, samples run forward in time, and the runs are reproducible.
 */
import { describe, expect, it } from 'vitest';
import { q } from '../../src/exact/rational.js';
import { simulateTrajectories } from '../../src/analyses/trajectories.js';
import { deriveModel } from '../../src/procedures/derive.js';
import { loadSpecFile } from '../../src/model/spec.js';
import { scalarModel } from '../helpers/models.js';

const s = 5 / 2;
const c = 2;
const derivation = deriveModel(scalarModel(q(5, 2), q(2), { emaRate: q(1, 2) }));
const runs = simulateTrajectories(derivation, { starts: 8, seed: 5 });
const byName = Object.fromEntries(runs.map((r) => [r.name, r]));

describe('trajectories on the scalar model (MATH.md §5)', () => {
  it('GD: every flow comes to rest collapsed', () => {
    for (const t of byName.gd!.trajectories) {
      expect(t.status).toBe('rest');
      expect(t.end.collapsed).toBe(true);
      expect(Math.abs(t.end.x[0]!)).toBeLessThan(1e-6);
    }
  });

  it('SG: every flow ends where the conserved a² − b² sends it: on b = c/s, or collapsed when a₀² − b₀² + (c/s)² ≤ 0', () => {
    // b moves monotonically towards c/s (ḃ = −a²(bs − c)) while a keeps its sign; the flow stops
    // on the line b = c/s if a² = a₀² − b₀² + b² is still positive there, else at a = 0.
    const kinds = new Set<string>();
    for (const t of byName.sg!.trajectories) {
      expect(t.status).toBe('rest');
      const [a0, b0] = t.samples[0]!.x;
      const [a, b] = t.end.x;
      const onLine = a0! ** 2 - b0! ** 2 + (c / s) ** 2;
      if (onLine > 0) {
        expect(b).toBeCloseTo(c / s, 6);
        expect(a).toBeCloseTo(Math.sign(a0!) * Math.sqrt(onLine), 5);
        expect(t.end.collapsed).toBe(false);
      } else {
        expect(t.end.collapsed).toBe(true);
        expect(b).toBeCloseTo(Math.sign(b0!) * Math.sqrt(b0! ** 2 - a0! ** 2), 3);
      }
      kinds.add(onLine > 0 ? 'line' : 'collapsed');
    }
    // The seed was chosen so that both outcomes occur.
    expect([...kinds].sort()).toEqual(['collapsed', 'line']);
  });

  it('EMA: the target starts as a copy of the encoder; every flow ends on b = c/s with t = a, or collapsed (a = t = 0)', () => {
    for (const t of byName.ema!.trajectories) {
      expect(t.samples[0]!.x[2]).toBe(t.samples[0]!.x[0]);
      expect(t.status).toBe('rest');
      const [a, b, target] = t.end.x;
      if (t.end.collapsed) expect(Math.abs(target!)).toBeLessThan(1e-6);
      else {
        expect(b).toBeCloseTo(c / s, 6);
        expect(target).toBeCloseTo(a!, 6);
      }
    }
  });

  it('the procedures share their starts; samples begin at t = 0, move forward and end at the end', () => {
    for (const k of [0, 1, 2, 3, 4, 5, 6, 7]) {
      const starts = runs.map((r) => r.trajectories[k]!.samples[0]!.x.slice(0, 2));
      expect(starts[1]).toEqual(starts[0]);
      expect(starts[2]).toEqual(starts[0]);
    }
    for (const r of runs) {
      for (const t of r.trajectories) {
        expect(t.samples[0]!.t).toBe(0);
        for (let i = 1; i < t.samples.length; i++) expect(t.samples[i]!.t).toBeGreaterThan(t.samples[i - 1]!.t);
        expect(t.samples[t.samples.length - 1]!.x).toEqual(t.end.x);
        expect(t.samples[t.samples.length - 1]!.t).toBe(t.end.t);
        for (const x of t.samples) expect(x.encoderNorm).toBeCloseTo(Math.abs(x.x[0]!), 12);
      }
    }
  });

  it('is reproducible, and the seed changes the starts', () => {
    expect(simulateTrajectories(derivation, { starts: 8, seed: 5 })).toEqual(runs);
    const other = simulateTrajectories(derivation, { starts: 8, seed: 6 });
    expect(other[0]!.trajectories[0]!.samples[0]!.x).not.toEqual(runs[0]!.trajectories[0]!.samples[0]!.x);
    expect(simulateTrajectories(derivation, { starts: 0, seed: 5 })).toEqual([]);
  });
});

describe('trajectories where the outcome depends on the start', () => {
  it('noise-free views: GD conserves a² − (b − 1)² and ends at (±√(a₀² − (b₀ − 1)²), 1) or collapsed (C3 fails)', () => {
    // Σ1 = Σ2 = Σ12 = s: ȧ = −s a (b − 1)², ḃ = −s a² (b − 1), by hand from E = ½ s a² (b − 1)².
    const d = deriveModel(scalarModel(q(2), q(2), { procedures: ['gd'] }));
    const [gd] = simulateTrajectories(d, { starts: 12, seed: 3 });
    const outcomes = new Set<boolean | null>();
    for (const t of gd!.trajectories) {
      expect(t.status).toBe('rest');
      const [a0, b0] = t.samples[0]!.x as [number, number];
      const [a, b] = t.end.x as [number, number];
      const left = a0 ** 2 - (b0 - 1) ** 2;
      if (left > 1e-3) {
        expect(b).toBeCloseTo(1, 6);
        expect(a).toBeCloseTo(Math.sign(a0) * Math.sqrt(left), 5);
        expect(t.end.collapsed).toBe(false);
      } else if (left < -1e-3) {
        expect(t.end.collapsed).toBe(true);
      }
      outcomes.add(t.end.collapsed);
    }
    expect(outcomes.has(true) && outcomes.has(false)).toBe(true);
  });

  it('a slow transversal rate (GD, noise 1/1000): flows go on until |A| is told from 0, and all end collapsed (C3 proved there)', () => {
    const d = deriveModel(scalarModel(q(2001, 1000), q(2), { procedures: ['gd'] }));
    const [gd] = simulateTrajectories(d, { starts: 6, seed: 1 });
    for (const t of gd!.trajectories) expect([t.status, t.end.collapsed]).toEqual(['rest', true]);
  });
});

describe('trajectories on other shapes', () => {
  it('a 4→2 model: GD collapses, the encoder norm is the norm of all 8 entries, T(0) = A(0)', () => {
    // Valid moments (the random test models need not have a PSD joint moment matrix, and then
    // E is unbounded below and GD diverges).
    const d = deriveModel(loadSpecFile('proofs/models/linear-4to2.yaml'));
    const [gd, sg, ema] = simulateTrajectories(d, { starts: 3, seed: 1 });
    expect(gd!.encoderSlots).toHaveLength(8);
    for (const t of gd!.trajectories) expect([t.status, t.end.collapsed]).toEqual(['rest', true]);
    for (const t of [...sg!.trajectories, ...ema!.trajectories]) {
      const x = t.samples[0]!.x;
      expect(t.samples[0]!.encoderNorm).toBeCloseTo(Math.hypot(...x.slice(0, 8)), 12);
    }
    const emaStart = ema!.trajectories[0]!.samples[0]!.x;
    const names = ema!.stateNames;
    for (const [k, name] of names.entries()) if (name.startsWith('T_')) expect(emaStart[k]).toBe(emaStart[names.indexOf(name.replace('T_', 'A_'))]);
  });
});
