/**
 * One set of float flows (issue 11): the equilibria analysis's sampling flows are the first
 * --flows of the shared seeded starts that the report's trajectories plot, so every section counts
 * the same flows. Here each sampled flow limit is compared with the end of the plotted trajectory
 * from the same start, and the analysis's counts with the outcomes of those trajectories.
 */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/analyses/check-model.js';
import { equilibria } from '../../src/analyses/index.js';
import { simulateTrajectories } from '../../src/analyses/trajectories.js';
import { loadSpecFile } from '../../src/model/spec.js';

describe('sampling flows and plotted trajectories are one set', () => {
  for (const name of ['scalar', 'linear-2x2']) {
    it(`${name}: flow k of the equilibria analysis is trajectory k, for every procedure`, () => {
      const model = loadSpecFile(`proofs/models/${name}.yaml`);
      const flows = 3;
      const check = checkModel(model, { samples: 8, seed: 5, flows, analyses: ['equilibria'] });
      const plotted = simulateTrajectories(check.derivation, { starts: 5, seed: 5 });
      for (const p of check.procedures) {
        const finding = p.results.get(equilibria)!;
        const trajectories = plotted.find((t) => t.name === p.name)!.trajectories.slice(0, flows);
        const limits = finding.components.flatMap((c) => c.points).filter((pt) => pt.origin.kind === 'flow-limit');
        expect(limits.length, p.name).toBeGreaterThan(0);
        for (const pt of limits) {
          if (pt.origin.kind !== 'flow-limit') continue;
          expect(pt.values, `${p.name} start ${pt.origin.start}`).toEqual(trajectories[pt.origin.start - 1]!.end.x);
        }
        const rest = trajectories.filter((t) => t.status === 'rest');
        expect(finding.flows).toMatchObject({
          starts: flows,
          atRest: rest.length,
          collapsed: rest.filter((t) => t.end.collapsed === true).length,
          nonCollapsed: rest.filter((t) => t.end.collapsed === false).length,
        });
      }
    });
  }
});
