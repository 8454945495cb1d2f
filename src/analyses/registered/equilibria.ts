/**
 * Registered analysis "equilibria" (docs/math.md §4): the components of the equilibrium set with
 * their equations and sampled points, and the float flow limits (equilibria.ts). Its output
 * lists every sampled point; analyses that speak about single points (stability) add their
 * lines and JSON keys to each point's entry through their `point` hook.
 */
import { type EquilibriaFinding, type EquilibriumPoint, analyseEquilibria } from '../equilibria.js';
import { noteJson, noteText, originText } from '../equilibria-notes.js';
import { shorten } from '../../notation/check-text.js';
import { type AnalysisView, DEFAULT_DYNAMICS_MAX_STATE, pointJson, pointText, registerAnalysis } from '../analysis.js';

function equilibriumPointJson(point: EquilibriumPoint, view: AnalysisView, i: number, j: number): Record<string, unknown> {
  const coordinates = Object.fromEntries(view.stateNames.map((name, k) => [name, point.exact ? point.values[k]!.toString() : point.values[k]!]));
  return {
    exact: point.exact,
    coordinates,
    residual: point.residual,
    collapsed: point.collapsed,
    origin: originText(point.origin),
    ...pointJson(view, i, j),
  };
}

function lines(finding: EquilibriaFinding, view: AnalysisView): string[] {
  const out = ['equilibria:'];
  finding.components.forEach((c, i) => {
    const exact = c.points.filter((p) => p.exact).length;
    out.push(`  ${c.title} — ${c.points.length} sampled point(s), ${exact} exact`);
    out.push(`    equations: ${shorten(c.equations.map(String).join(', '))}`);
    for (const note of c.notes) out.push(`    note: ${noteText(note)}`);
    c.points.forEach((p, j) => {
      const coords = view.stateNames.map((n, k) => `${n} = ${p.exact ? p.values[k]!.toString() : Number(p.values[k]!.toPrecision(6))}`).join(', ');
      out.push(`    point ${j + 1} (${p.exact ? 'exact' : `float, residual ${p.residual.toExponential(1)}`}): ${shorten(coords)}`);
      for (const line of pointText(view, i, j)) out.push(`      ${line}`);
    });
  });
  for (const note of finding.notes) out.push(`  note: ${noteText(note)}`);
  const fl = finding.flows;
  if (fl) {
    out.push(
      `  flows from ${fl.starts} seeded starts (numerical, seed ${fl.seed}): ${fl.atRest} reached an equilibrium ` +
        `(${fl.collapsed} collapsed, ${fl.nonCollapsed} not${fl.undecided > 0 ? `, ${fl.undecided} undecided` : ''}), ${fl.diverged} diverged, ${fl.unfinished} unfinished`,
    );
  }
  return out;
}

export const equilibria = registerAnalysis<EquilibriaFinding>({
  name: 'equilibria',
  summary: 'components of the equilibrium set: their equations, sampled points, flow limits',
  requires: [],
  defaultRun: { kind: 'up-to-state', maxState: DEFAULT_DYNAMICS_MAX_STATE },
  run: ({ derivation, procedure, options }) => analyseEquilibria(derivation, procedure, options),
  toJson(finding, view) {
    return {
      equilibria: {
        components: finding.components.map((c, i) => ({
          id: c.id,
          title: c.title,
          equations: c.equations.map((e) => e.toString()),
          containment: c.containment,
          // The sentences of `check`'s text, and the same notes as data (noteData[k] is notes[k]).
          notes: c.notes.map(noteText),
          noteData: c.notes.map(noteJson),
          points: c.points.map((p, j) => equilibriumPointJson(p, view, i, j)),
        })),
        flows: finding.flows,
        notes: finding.notes.map(noteText),
        noteData: finding.notes.map(noteJson),
      },
    };
  },
  text: lines,
});
