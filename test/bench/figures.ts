/**
 * Report-figure benchmark: the Trajectories section's float flows (6 shared seeded starts, every
 * procedure, Dormand–Prince until rest or 20 000 steps) on the bundled specs, then the whole
 * report document and its figure files (PDF and SVG). Measures, asserts nothing.
 *
 * Example: `benchFigures().forEach((r) => console.log(r.name, r.ms))`.
 */
import { DEFAULT_TRAJECTORY_STARTS, simulateTrajectories } from '../../src/analyses/trajectories.js';
import { loadSpecFile } from '../../src/model/spec.js';
import { deriveModel } from '../../src/procedures/derive.js';
import { figureFiles } from '../../src/render/index.js';
import { buildReport } from '../../src/report/build.js';
import type { DynamicsRow } from './dynamics.js';

function row(file: string): DynamicsRow[] {
  const path = `proofs/models/${file}`;
  const derivation = deriveModel(loadSpecFile(path));
  let t0 = performance.now();
  const runs = simulateTrajectories(derivation, { starts: DEFAULT_TRAJECTORY_STARTS, seed: 1 });
  const tFlows = performance.now() - t0;
  const flows = runs.flatMap((r) => r.trajectories);
  const samples = flows.reduce((s, t) => s + t.samples.length, 0);
  const atRest = flows.filter((t) => t.status === 'rest').length;
  const states = runs.map((r) => r.stateNames.length).join('/');
  const doc = buildReport(loadSpecFile(path), path, { samples: 64, seed: 1 });
  t0 = performance.now();
  const files = [...figureFiles(doc, 'tex'), ...figureFiles(doc, 'md')];
  const tFiles = performance.now() - t0;
  const bytes = files.reduce((s, f) => s + (typeof f.content === 'string' ? Buffer.byteLength(f.content) : f.content.length), 0);
  return [
    { name: `${file} (states ${states}): trajectories`, ms: tFlows, detail: `${flows.length} flows, ${atRest} at rest, ${samples} kept samples` },
    { name: `${file}: figure files`, ms: tFiles, detail: `${files.length} files (PDF + SVG), ${(bytes / 1024).toFixed(0)} KiB` },
  ];
}

export function benchFigures(): DynamicsRow[] {
  row('scalar.yaml'); // warm-up
  return ['scalar.yaml', 'linear-2x2.yaml', 'linear-4to2.yaml', 'linear-3x3.yaml'].flatMap(row);
}
