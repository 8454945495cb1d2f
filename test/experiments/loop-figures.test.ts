/**
 * The loop's spectra and paths and their figures: the eigenvalues at each loop's end against
 * those of a finite-difference Jacobian of the float field at the same point; the kept paths
 * start where the loop starts, end where the loop and the flow from the same start end; the same
 * seeds give the same numbers and the same SVG; the SVGs are well formed with one dot per
 * eigenvalue, and, on the scalar model, a solid loop and a dashed flow per kept run over the
 * phase portrait (none for a model with more than one encoder entry).
 */
import { describe, expect, it } from 'vitest';
import { flowToRest } from '../../src/analyses/trajectories.js';
import { type ProcedureShare, PATH_SEEDS, collapseShare } from '../../src/experiments/collapse-share.js';
import { syntheticData } from '../../src/experiments/data.js';
import type { Experiment } from '../../src/experiments/experiment.js';
import { spectrumFigure } from '../../src/experiments/figures.js';
import type { JobResult } from '../../src/experiments/job.js';
import { loopSetup, trainLoop } from '../../src/experiments/loop.js';
import { loadSpecFile } from '../../src/model/spec.js';
import { eigenvalues } from '../../src/numeric/eigenvalues.js';
import { deriveModel } from '../../src/procedures/derive.js';
import { buildReport } from '../../src/report/build.js';
import { type FigureBlock, allFigures } from '../../src/report/document.js';
import { figureSvg } from '../../src/render/svg.js';

const OPTIONS = { steps: 300, lr: 0.05, batch: 16 };
const SEEDS = 7;

function shares(spec: string) {
  const model = loadSpecFile(spec);
  const derivation = deriveModel(model);
  const setup = loopSetup(model, syntheticData(model));
  return { model, derivation, setup, shares: derivation.procedures.map((_, k) => collapseShare(setup, derivation, k, OPTIONS, SEEDS)) };
}

/** Balanced tags and nothing unprintable: a well-formed SVG document. */
function expectWellFormed(svg: string): void {
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  const body = svg.replace(/<[^>]+\/>/g, '');
  const open = body.match(/<(\w+)[ >]/g)!.map((t) => t.slice(1, -1));
  const close = body.match(/<\/(\w+)>/g)!.map((t) => t.slice(2, -1));
  expect(open.sort()).toEqual(close.sort());
  expect(svg).not.toMatch(/NaN|Infinity|undefined/);
}

const scalar = shares('proofs/models/scalar.yaml');

describe('spectra at the loops ends', () => {
  it('equal the eigenvalues of a finite-difference Jacobian at the same end', () => {
    for (const [k, s] of scalar.shares.entries()) {
      const d = scalar.derivation.procedures[k]!;
      const n = d.state.length;
      expect(s.endSpectra.length).toBe(SEEDS - s.diverged);
      for (const path of s.paths) {
        const end = path.loop[path.loop.length - 1]!;
        const h = 1e-6;
        const plus = new Float64Array(n);
        const minus = new Float64Array(n);
        const fd = Array.from({ length: n }, () => new Array<number>(n).fill(0));
        for (let j = 0; j < n; j++) {
          const xp = Float64Array.from(end);
          const xm = Float64Array.from(end);
          xp[j]! += h;
          xm[j]! -= h;
          d.float.value(xp, plus);
          d.float.value(xm, minus);
          for (let i = 0; i < n; i++) fd[i]![j] = (plus[i]! - minus[i]!) / (2 * h);
        }
        const expected = eigenvalues(fd);
        const got = s.endSpectra.find((e) => e.seed === path.seed)!.eigenvalues;
        expect(got).toHaveLength(n);
        got.forEach(([re, im], i) => {
          expect(re).toBeCloseTo(expected[i]!.re, 5);
          expect(im).toBeCloseTo(expected[i]!.im, 5);
        });
      }
    }
  });

  it("GD's collapsed ends have the zero eigenvalue of the collapsed line, the rest left of the axis", () => {
    const gd = scalar.shares.find((s) => s.procedure === 'gd')!;
    for (const e of gd.endSpectra.filter((x) => x.collapsed === true)) {
      const sorted = e.eigenvalues.map(([re]) => re).sort((a, b) => b - a);
      expect(Math.abs(sorted[0]!)).toBeLessThan(1e-2);
      expect(sorted[1]!).toBeLessThan(0);
    }
  });
});

describe('paths', () => {
  it('start at the loop start and end at the loop end and the flow limit, at most 200 points', () => {
    for (const [k, s] of scalar.shares.entries()) {
      const d = scalar.derivation.procedures[k]!;
      expect(s.paths.map((p) => p.seed)).toEqual(Array.from({ length: Math.min(PATH_SEEDS, SEEDS) }, (_, i) => i + 1));
      const slots = d.state.map((v) => [...scalar.setup.layout.encoder.slots, ...scalar.setup.layout.predictor.slots, ...scalar.setup.layout.target.slots][[...scalar.setup.params.encoder.variables, ...scalar.setup.params.predictor.variables, ...scalar.setup.params.target.variables].indexOf(v)]!);
      for (const p of s.paths.slice(0, 2)) {
        const run = trainLoop(scalar.setup, d.procedure, { ...OPTIONS, seed: p.seed, records: 2 });
        expect(p.loop[0]).toEqual(slots.map((i) => run.start[i]));
        expect(p.loop[p.loop.length - 1]).toEqual(slots.map((i) => run.end[i]));
        expect(p.loop.length).toBeLessThanOrEqual(200);
        expect(p.flow.length).toBeLessThanOrEqual(200);
        const flow = flowToRest(d.float, Float64Array.from(p.loop[0]!), d.state.flatMap((v, i) => (scalar.setup.params.encoder.variables.includes(v) ? [i] : [])));
        expect(p.flow[p.flow.length - 1]).toEqual(Array.from(flow.end.x));
        expect(p.flow[0]).toEqual(p.loop[0]);
      }
    }
  });

  it('are the same for the same seeds', () => {
    const again = shares('proofs/models/scalar.yaml');
    expect(again.shares).toEqual(scalar.shares);
  });
});

const result = (all: ProcedureShare[]): JobResult => ({ data: { name: 'synthetic', description: '' }, moments: { sigma1: [], sigma2: [], sigma12: [] }, shares: all });

describe('figures', () => {
  it('spectrum: well-formed SVG, one dot per eigenvalue, the imaginary axis dashed, deterministic', () => {
    const svg = figureSvg(spectrumFigure(result(scalar.shares)), 'spectra');
    expectWellFormed(svg);
    const eigen = scalar.shares.reduce((t, s) => t + s.endSpectra.reduce((u, e) => u + e.eigenvalues.length, 0), 0);
    // Dots: one per eigenvalue, plus none elsewhere (the legend draws lines).
    expect(svg.match(/<circle [^>]*fill="#/g)).toHaveLength(eigen);
    expect(svg.match(/<line [^>]*stroke-dasharray/g)).toHaveLength(scalar.shares.length);
    expect(figureSvg(spectrumFigure(result(scalar.shares)), 'spectra')).toBe(svg);
  });

  it('phase plane of the scalar model: a solid loop and a dashed flow per kept run in each panel, over the direction field', () => {
    const simulation = { job: { spec: '', data: 'synthetic', dataShownAs: 'synthetic', augmentation: { noise: '0', mask: '0', scale: '0' }, options: OPTIONS, seeds: SEEDS }, main: result(scalar.shares), sweep: null } as Experiment;
    const doc = buildReport(scalar.model, 'scalar', { samples: 4, seed: 1, points: 1, flows: 1, trajectories: 0, simulation });
    const figures = new Map(allFigures(doc).map((f: FigureBlock) => [f.id, f.figure]));
    expect([...figures.keys()]).toEqual(['loop-metrics', 'loop-phase-plane', 'loop-equilibrium-distance', 'loop-spectra']);
    const phase = figures.get('loop-phase-plane')!;
    expect(phase.panels.map((p) => p.title)).toEqual(['GD', 'SG', 'EMA (projection)']);
    const runs = Math.min(PATH_SEEDS, SEEDS);
    for (const panel of phase.panels) {
      expect(panel.series.filter((s) => s.dashed)).toHaveLength(runs);
      expect(panel.series.filter((s) => !s.dashed && s.startMarker)).toHaveLength(runs);
      expect(panel.arrows.length).toBeGreaterThan(0);
      expect(panel.guides.some((g) => g.orientation === 'vertical' && g.at === 0)).toBe(true);
    }
    const svg = figureSvg(phase, 'phase');
    expectWellFormed(svg);
    expect(svg.match(/<polyline [^>]*stroke-dasharray/g)!.length).toBe(3 * runs);
    expect(svg.match(/<circle [^>]*fill="white"/g)).toHaveLength(3 * runs);
  });

  it('distance to the nearest predicted equilibrium: at each end, |a| for GD, min(|a|, |b - c/s|) for SG', () => {
    const simulation = { job: { spec: '', data: 'synthetic', dataShownAs: 'synthetic', augmentation: { noise: '0', mask: '0', scale: '0' }, options: OPTIONS, seeds: SEEDS }, main: result(scalar.shares), sweep: null } as Experiment;
    const doc = buildReport(scalar.model, 'scalar', { samples: 4, seed: 1, points: 1, flows: 1, trajectories: 0, simulation });
    const section = doc.sections.find((s) => s.id === 'training-loops')!;
    type Distances = Array<{ procedure: string; runs: Array<{ seed: number; steps: number[]; distances: number[]; nearestAtEnd: string }> }>;
    const all = section.data!.equilibriumDistances as Distances;
    const s = scalar.model.moments.sigma1[0]![0]!.toNumber();
    const c = scalar.model.moments.sigma12[0]![0]!.toNumber();
    for (const name of ['gd', 'sg']) {
      const share = scalar.shares.find((x) => x.procedure === name)!;
      const p = all.find((x) => x.procedure === name)!;
      expect(p.runs).toHaveLength(share.paths.length);
      p.runs.forEach((r, k) => {
        const path = share.paths[k]!;
        expect(r.steps[r.steps.length - 1]).toBe(OPTIONS.steps);
        expect(r.steps.length).toBeLessThanOrEqual(50);
        const [a, b] = path.loop[path.loop.length - 1]!;
        const expected = name === 'gd' ? Math.abs(a!) : Math.min(Math.abs(a!), Math.abs(b! - c / s));
        expect(r.distances[r.distances.length - 1]).toBeCloseTo(expected, 5);
      });
    }
    const figure = allFigures(doc).find((f) => f.id === 'loop-equilibrium-distance')!.figure;
    expectWellFormed(figureSvg(figure, 'distance'));
    expect(figure.panels.map((p) => p.series.length)).toEqual([0, 1, 2].map(() => Math.min(PATH_SEEDS, SEEDS)));
  });

  it('no phase plane when the encoder has more than one entry', () => {
    const two = shares('proofs/models/linear-2x2.yaml');
    const simulation = { job: { spec: '', data: 'synthetic', dataShownAs: 'synthetic', augmentation: { noise: '0', mask: '0', scale: '0' }, options: OPTIONS, seeds: SEEDS }, main: result(two.shares), sweep: null } as Experiment;
    const doc = buildReport(two.model, 'linear-2x2', { samples: 4, seed: 1, points: 1, flows: 0, trajectories: 0, analyses: ['equilibria'], simulation });
    expect(allFigures(doc).map((f) => f.id)).toEqual(['loop-metrics', 'loop-equilibrium-distance', 'loop-spectra']);
  });
});
