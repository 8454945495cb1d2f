/**
 * The claims C1–C4 (docs/math.md §3) for a family, read off `checkFamily`'s findings: each holds
 * for every admissible value, fails, holds on a named part, or stays undecided. The outcome words
 * and the way parts combine are the numeric models' (src/analyses/claims.ts).
 *
 * Example: on proofs/models/scalar-symbolic.yaml every claim holds at level proved.
 */
import { type ClaimVerdict, type Part, combine } from '../analyses/claims.js';
import type { FamilyCheck, FamilyProcedureCheck } from './findings.js';
import { type ParametricPoint, pointCoordinates } from './points.js';
import type { ConditionRegion } from './condition-region.js';

const minimizesE = (p: FamilyProcedureCheck) => p.fp.procedure.recipe === 'identify-then-differentiate';
const values = 'for every admissible value of the symbols';

function c1(procedures: FamilyProcedureCheck[]): ClaimVerdict {
  const parts = procedures.map((p): Part => {
    const i = p.integrability;
    const which = i.rateScaled ? 'P⁻¹V' : 'V';
    if (i.kind === 'gradient') {
      const evidence = `${p.label}: ${which} = −∇Φ ${values} (proved, with Φ${i.isObjectivePlusDecay ? ' = E + λ/2‖x‖²' : ''})`;
      return minimizesE(p) ? { outcome: 'holds', level: 'proved', evidence } : { outcome: 'fails', level: 'proved', evidence };
    }
    const where = i.everywhere ? 'for any admissible value of the symbols' : `wherever ${i.witness.coefficient.toString()} ≠ 0`;
    const evidence = `${p.label}: ${which} is not a gradient field ${where} (proved: curl ${i.witness.curl.toString()})`;
    if (minimizesE(p)) return { outcome: 'fails', level: 'proved', evidence };
    return i.everywhere ? { outcome: 'holds', level: 'proved', evidence } : { outcome: 'holds in part', level: 'proved', evidence };
  });
  return combine('C1', 'SG and EMA are not gradient fields, not even up to the rate matrix; GD is one up to it', parts);
}

function c3(gd: FamilyProcedureCheck): ClaimVerdict {
  const proof = gd.collapse!;
  const part: Part = proof.proved
    ? { outcome: 'holds', level: 'proved', evidence: `${gd.label}: ${proof.reason} (proved)` }
    : { outcome: 'undecided', level: 'inconclusive', evidence: `${gd.label}: the proof stops: ${proof.reason}` };
  return combine('C3', `minimizing E by ${gd.label} collapses ${values}: every equilibrium has A = 0`, [part]);
}

/** The residual (non-collapsed) closed-form points of a procedure with their verdicts. */
const residual = (p: FamilyProcedureCheck) => p.points.filter((x) => x.point.component === 'residual');

/**
 * Collapsed points proved stable on part of their line: every condition proved, or holding on
 * one side of a proved root ("b < 0 or b > c/s"), with the line carrying the zero eigenvalue.
 */
function stableCollapsed(p: FamilyProcedureCheck): { where: string; level: 'proved' | 'numerical' } | null {
  let sampled: { where: string; level: 'numerical' } | null = null;
  for (const x of p.points) {
    if (x.point.component !== 'collapsed') continue;
    const s = x.stability;
    if (s.verdict === 'stable') return { where: 'everywhere on the line', level: 'proved' };
    if (s.verdict !== 'conditional' || x.point.free.length !== s.kernel || x.point.sampled.length > 0) continue;
    const open = s.conditions.filter((c) => c.proof === null);
    if (open.length > 0 && open.every((c) => c.region !== null)) return { where: open.map((c) => regionText(c.region!)).join(' and '), level: 'proved' };
    // Exact at each sampled value, with the free coordinates at 1: evidence at those values only.
    const at = s.stableAtSamples;
    if (at && at.holds > 0) {
      const free = x.point.free.map((f) => `${x.point.denominator.ring.names[f.variable]} = 1`).join(', ');
      sampled ??= { where: `${free || 'the sampled point'} for ${at.holds} of ${at.of} sampled values of the symbols`, level: 'numerical' };
    }
  }
  return sampled;
}

export function regionText(r: ConditionRegion): string {
  const u = r.numerator.ring.names[r.variable]!;
  const root = r.denominator.isConstant() && r.denominator.constantTerm().isOne() ? r.numerator.toString() : `${r.numerator}/${r.denominator}`;
  return `${u} < 0 or ${u} > ${root}`;
}

function c2(online: FamilyProcedureCheck[]): ClaimVerdict | null {
  if (online.length === 0) return null;
  const parts = online.map((p): Part => {
    const stable = residual(p).filter((x) => x.stability.verdict === 'stable');
    if (stable.length === 0) return { outcome: 'undecided', level: 'inconclusive', evidence: `${p.label}: no closed-form non-collapsed equilibrium proved stable` };
    const what = `${p.label}: the non-collapsed equilibria ${describePoint(p, stable[0]!.point)} are stable ${values} (proved), so they attract an open set of starts`;
    const attracting = stableCollapsed(p);
    if (attracting) {
      const how = attracting.level === 'proved' ? 'proved' : 'exact at each of those values';
      return { outcome: 'holds in part', level: attracting.level, evidence: `${what}; the collapsed equilibria are stable too where ${attracting.where} (${how}), so collapse is not avoided from every start` };
    }
    // "Holds" outright only when collapse is shown not to attract: every collapsed point unstable.
    const collapsed = p.points.filter((x) => x.point.component === 'collapsed');
    if (collapsed.length > 0 && collapsed.every((x) => x.stability.verdict === 'unstable')) return { outcome: 'holds', level: 'proved', evidence: `${what}; the collapsed equilibria are unstable (proved)` };
    return { outcome: 'undecided', level: 'inconclusive', evidence: `${what}; whether collapsed equilibria attract too is not decided` };
  });
  return combine('C2', 'SG and EMA avoid collapse: flows end, in general, at non-collapsed points', parts);
}

function c4(online: FamilyProcedureCheck[]): ClaimVerdict | null {
  if (online.length === 0) return null;
  const parts = online.map((p): Part => {
    const points = residual(p);
    if (points.length === 0) return { outcome: 'undecided', level: 'inconclusive', evidence: `${p.label}: the non-collapsed equilibria were not solved in closed form` };
    const x = points[0]!;
    const s = x.stability;
    const at = describePoint(p, x.point);
    if (s.verdict === 'stable' && x.point.exhaustive) return { outcome: 'holds', level: 'proved', evidence: `${p.label}: at ${at}, ${s.reason}` };
    // One curve of a larger set proved stable says nothing of the others (which may be unstable).
    if (s.verdict === 'stable') {
      return { outcome: 'holds in part', level: 'proved', evidence: `${p.label}: at ${at}, ${s.reason}; the other non-collapsed equilibria are not solved in closed form` };
    }
    if (s.verdict === 'unstable') return { outcome: 'fails', level: 'proved', evidence: `${p.label}: at ${at}, ${s.reason}` };
    return { outcome: 'undecided', level: 'inconclusive', evidence: `${p.label}: at ${at}, ${s.reason}` };
  });
  return combine('C4', 'the non-collapsed equilibria of SG and EMA are transversally asymptotically stable', parts);
}

/** "(A_1_1, B_1_1) = (A_1_1, c/s), A_1_1 ≠ 0". */
export function describePoint(p: FamilyProcedureCheck, point: ParametricPoint): string {
  const ring = point.denominator.ring;
  const coords = pointCoordinates(point, p.fp.state);
  const free = point.free.map((f) => `${ring.names[f.variable]} ${f.sign === 'nonzero' ? '≠ 0' : 'real'}`);
  const sampled = point.sampled.map((s) => `${ring.names[s.variable]} = ${s.value}`);
  const extra = [...free, ...sampled];
  return `(${p.fp.stateNames.join(', ')}) = (${coords.join(', ')})${extra.length ? `, ${extra.join(', ')}` : ''}`;
}

export function familyClaims(check: Pick<FamilyCheck, 'procedures'>): ClaimVerdict[] {
  const direct = check.procedures.filter(minimizesE);
  const online = check.procedures.filter((p) => !minimizesE(p));
  return [c1(check.procedures), c2(online), ...direct.map(c3), c4(online)].filter((c): c is ClaimVerdict => c !== null);
}
