/**
 * `stable-equilibria` {procedure, points: collapsed | non-collapsed}: every sampled equilibrium of
 * that kind is transversally asymptotically stable (docs/math.md §6) — read off the stability
 * verdicts of the sampled points. All stable: holds (proved when every verdict is); some stable
 * and some unstable or degenerate: holds in part (the statement is true on part of the set only);
 * none stable and every one proved unstable or degenerate: fails; anything else: undecided.
 *
 * On a family, the points are its closed-form equilibria of that kind (collapsed, or residual
 * with A ≠ 0), each judged for every admissible value: stable or unstable (proved), stable on a
 * proved part of a line of points and not on the rest ("b < 0 or b > c/s"), stable on a curve
 * that is not the whole component (the rest unsolved: the statement then holds in part, as the
 * family's C4 says), or, for states too
 * large to form r in the symbols, decided exactly at each sampled admissible value — where a
 * point found not Hurwitz refutes the statement, and Hurwitz at every sample still proves
 * nothing for the other values (nor that the zero eigenvalues lie along the equilibria).
 */
import { equilibria, stability } from '../../analyses/index.js';
import type { PointStability } from '../../analyses/stability.js';
import type { FamilyCheck, FamilyPointCheck, FamilyProcedureCheck } from '../../family/check.js';
import { describePoint, regionText } from '../../family/claims.js';
import { SpecError } from '../../model/spec-error.js';
import type { FamilyScope, StatementVerdict } from '../statement.js';
import { type FamilyVerdict, checkProcedureParam, familyProcedureOf, missingProcedure, procedureOf, registerEvidence } from './registry.js';

const STABLE = 'transversally asymptotically stable';

/** One closed-form point of a family: stable on all of it, on a proved part, on none, or not known; and how far that reaches. */
interface FamilyPointJudgement {
  stable: 'all' | 'part' | 'none' | 'unknown';
  scope: FamilyScope;
  words: string;
}

function judgeFamilyPoint(p: FamilyProcedureCheck, x: FamilyPointCheck): FamilyPointJudgement {
  const s = x.stability;
  const exists = x.point.denominator.isConstant() || x.point.denominatorSign !== null;
  const at = describePoint(p, x.point) + (exists ? '' : ` where ${x.point.denominator.toString()} ≠ 0`);
  if (s.verdict === 'stable' && x.point.exhaustive) return { stable: 'all', scope: 'all', words: `${at}: stable for every admissible value (proved)` };
  // A curve through one candidate encoder: the other points of the component are not solved, and may be unstable.
  if (s.verdict === 'stable') return { stable: 'part', scope: 'all', words: `${at}: stable for every admissible value (proved); the other equilibria of this kind are not solved in closed form` };
  if (s.verdict === 'unstable') return { stable: 'none', scope: 'all', words: `${at}: unstable for every admissible value (proved)` };
  if (s.verdict === 'sampled') {
    const { hurwitz, of, kernels } = s.atSamples!;
    const tally = `${at}: decided exactly at ${of} sampled admissible values, the nonzero eigenvalues have negative real part at ${hurwitz} (zero eigenvalues: ${kernels.join(' or ')})`;
    if (of > 0 && hurwitz < of) return { stable: 'none', scope: 'sampled', words: `${tally}; not asymptotically stable at the others` };
    return { stable: 'unknown', scope: 'sampled', words: `${tally}; not proved for the other values, nor that the zero eigenvalues lie along a set of equilibria` };
  }
  // Conditional: stable exactly where the open conditions hold. When each of them holds on a
  // proved region of one free coordinate of a line of points that carries the zero eigenvalues,
  // the line is stable there and not stable where a condition is ≤ 0 (r is then not Hurwitz).
  const open = s.conditions.filter((c) => c.proof === null);
  const line = x.point.free.length === s.kernel && x.point.sampled.length === 0;
  if (line && open.length > 0 && open.every((c) => c.region !== null)) {
    return { stable: 'part', scope: 'all', words: `${at}: stable exactly where ${open.map((c) => regionText(c.region!)).join(' and ')}, not stable elsewhere (proved for every admissible value)` };
  }
  return { stable: 'unknown', scope: 'all', words: `${at}: ${s.reason}` };
}

function familyVerdict(check: FamilyCheck, params: Record<string, unknown>): FamilyVerdict {
  const p = familyProcedureOf(check, params);
  const component = params.points === 'collapsed' ? 'collapsed' : 'residual';
  const judged = p.points.filter((x) => x.point.component === component).map((x) => judgeFamilyPoint(p, x));
  const evidence = judged.map((j) => `${p.label}: ${j.words}`);
  if (judged.length === 0) return { outcome: 'undecided', level: 'inconclusive', scope: 'all', evidence: [`${p.label}: no ${params.points as string} equilibrium in closed form to judge by`] };
  const scope: FamilyScope = judged.some((j) => j.scope === 'sampled') ? 'sampled' : 'all';
  const someStable = judged.some((j) => j.stable === 'all' || j.stable === 'part');
  const someNot = judged.some((j) => j.stable === 'none' || j.stable === 'part');
  if (someStable && someNot) return { outcome: 'holds in part', level: 'proved', scope, evidence };
  if (judged.every((j) => j.stable === 'all')) return { outcome: 'holds', level: 'proved', scope, evidence };
  if (judged.every((j) => j.stable === 'none')) return { outcome: 'fails', level: 'refuted', scope, evidence };
  return { outcome: 'undecided', level: 'inconclusive', scope, evidence };
}

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
  family: familyVerdict,
});
