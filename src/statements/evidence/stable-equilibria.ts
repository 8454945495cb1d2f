/**
 * `stable-equilibria` {procedure, points: collapsed | non-collapsed}: every sampled equilibrium of
 * that kind is transversally asymptotically stable (docs/math.md §6) — read off the stability
 * verdicts of the sampled points. All stable: holds (proved when every verdict is); some stable
 * and some unstable or degenerate: holds in part (the statement is true on part of the set only);
 * none stable and every one proved unstable or degenerate: fails; anything else: undecided.
 */
import { equilibria, stability } from '../../analyses/index.js';
import type { PointStability } from '../../analyses/stability.js';
import { SpecError } from '../../model/spec-error.js';
import type { StatementVerdict } from '../statement.js';
import { checkProcedureParam, missingProcedure, procedureOf, registerEvidence } from './registry.js';

const STABLE = 'transversally asymptotically stable';

registerEvidence({
  name: 'stable-equilibria',
  summary: 'every sampled collapsed (or non-collapsed) equilibrium of the procedure is transversally asymptotically stable (stability)',
  check(params, where) {
    checkProcedureParam(params, where, ['points']);
    if (params.points !== 'collapsed' && params.points !== 'non-collapsed') throw new SpecError(`${where}points`, `expected collapsed or non-collapsed, got ${JSON.stringify(params.points) ?? 'nothing'}`);
  },
  analyses: () => ['equilibria', 'stability'],
  inapplicable: missingProcedure,
  verdict(check, params): StatementVerdict {
    const p = procedureOf(check, params);
    const wantCollapsed = params.points === 'collapsed';
    const components = p.results.require(equilibria).components;
    const verdicts = p.results.require(stability);
    const chosen: PointStability[] = components.flatMap((c, i) => c.points.flatMap((point, j) => (point.collapsed === wantCollapsed ? [verdicts[i]![j]!] : [])));
    const stable = chosen.filter((s) => s.verdict === STABLE);
    const bad = chosen.filter((s) => s.verdict === 'unstable' || s.verdict === 'degenerate');
    const proved = (xs: PointStability[]) => xs.filter((s) => s.level === 'proved').length;
    const undecided = chosen.length - stable.length - bad.length;
    const tally =
      `${p.label}: of ${chosen.length} sampled ${params.points as string} equilibria, ${stable.length} stable (${proved(stable)} proved), ` +
      `${bad.length} unstable or degenerate (${proved(bad)} proved)${undecided > 0 ? `, ${undecided} inconclusive` : ''}`;
    const levelOf = (xs: PointStability[]) => (proved(xs) === xs.length ? 'proved' : 'numerical');
    if (chosen.length === 0) return { outcome: 'undecided', level: 'inconclusive', evidence: [`${tally}: none to judge by`] };
    if (stable.length > 0 && bad.length > 0) {
      return { outcome: 'holds in part', level: levelOf(stable) === 'proved' && levelOf(bad) === 'proved' ? 'proved' : 'numerical', evidence: [tally] };
    }
    if (stable.length === chosen.length) return { outcome: 'holds', level: levelOf(stable), evidence: [tally] };
    if (bad.length === chosen.length && proved(bad) === bad.length) return { outcome: 'fails', level: 'refuted', evidence: [tally] };
    return { outcome: 'undecided', level: 'inconclusive', evidence: [tally] };
  },
});
