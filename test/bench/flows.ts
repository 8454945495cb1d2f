/**
 * Flow benchmark (issue 13): the report's float flows alone — 6 shared seeded starts, every
 * procedure, until rest or the budget — on one spec, as a whole process, so that it can be timed
 * from outside before and after a change of integrator. Prints one line: the flows' wall and
 * CPU ms inside the process (CPU is the steadier figure on a shared machine), how many flows,
 * how many came to rest and how many collapsed. Measures, asserts nothing.
 *
 * Example: `node dist/test/bench/flows.js proofs/models/linear-3x3.yaml`.
 */
import { DEFAULT_TRAJECTORY_STARTS, simulateTrajectories } from '../../src/analyses/trajectories.js';
import { loadSpecFile } from '../../src/model/spec.js';
import { deriveModel } from '../../src/procedures/derive.js';

export interface FlowsRow {
  spec: string;
  ms: number;
  cpuMs: number;
  flows: number;
  atRest: number;
  collapsed: number;
}

export function benchFlows(spec: string): FlowsRow {
  const derivation = deriveModel(loadSpecFile(spec));
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const runs = simulateTrajectories(derivation, { starts: DEFAULT_TRAJECTORY_STARTS, seed: 1 });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const flows = runs.flatMap((r) => r.trajectories);
  return {
    spec,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    flows: flows.length,
    atRest: flows.filter((t) => t.status === 'rest').length,
    collapsed: flows.filter((t) => t.end.collapsed === true).length,
  };
}

if (process.argv[1]?.endsWith('flows.js') && process.argv[2]) {
  const r = benchFlows(process.argv[2]);
  console.log(`${r.spec}: ${r.ms.toFixed(0)} ms wall, ${r.cpuMs.toFixed(0)} ms CPU, ${r.flows} flows, ${r.atRest} at rest, ${r.collapsed} collapsed`);
}
