/**
 * The claims of MATH.md §3 on one model, read off the findings `checkModel` already holds (this
 * file decides nothing new): for each claim whether it holds, fails or stays undecided here, at
 * which level, and the findings it rests on. A claim that fails on a variant is a result, said
 * plainly, with the level at which its counterexample was found.
 *
 * Example: on proofs/scalar.yaml every claim holds (proved); on proofs/noise-free-scalar.yaml C3
 * fails: `assessClaims(check).find((c) => c.id === 'C3').outcome === 'fails'`.
 */
import type { ModelCheck, ProcedureCheck } from './check-model.js';
import type { Level } from './finding.js';

export type ClaimId = 'C1' | 'C2' | 'C3' | 'C4';
export type ClaimOutcome = 'holds' | 'fails' | 'undecided';

export interface ClaimVerdict {
  id: ClaimId;
  /** The claim as it reads for the procedures of this model. */
  statement: string;
  outcome: ClaimOutcome;
  /** holds: proved or numerical; fails: refuted; undecided: inconclusive. */
  level: Level;
  /** With `fails`: the level of the counterexample. */
  refutedAt?: 'proved' | 'numerical';
  /** One line per finding the verdict rests on. */
  evidence: string[];
}

interface Part {
  outcome: ClaimOutcome;
  /** Level of what makes the part hold or fail (proved or numerical), or inconclusive. */
  level: 'proved' | 'numerical' | 'inconclusive';
  evidence: string;
}

const NAMES: Record<string, string> = { gd: 'GD', sg: 'SG', ema: 'EMA' };
const upper = (p: ProcedureCheck) => NAMES[p.name] ?? p.name;

/** Every part holds → holds at the weakest level; any part fails → fails; else undecided. */
function combine(id: ClaimId, statement: string, parts: Part[]): ClaimVerdict {
  const evidence = parts.map((p) => p.evidence);
  const failed = parts.filter((p) => p.outcome === 'fails');
  if (failed.length > 0) {
    const refutedAt = failed.some((p) => p.level === 'proved') ? 'proved' : 'numerical';
    return { id, statement, outcome: 'fails', level: 'refuted', refutedAt, evidence };
  }
  if (parts.length === 0 || parts.some((p) => p.outcome === 'undecided')) return { id, statement, outcome: 'undecided', level: 'inconclusive', evidence };
  return { id, statement, outcome: 'holds', level: parts.some((p) => p.level === 'numerical') ? 'numerical' : 'proved', evidence };
}

/** C1: GD is a gradient field up to the rate matrix; SG and EMA are not, not even up to it. */
function optimizationView(procedures: ProcedureCheck[]): ClaimVerdict {
  const parts = procedures.map((p): Part => {
    const { euclidean, rateAdjusted } = p.integrability;
    const gradient = euclidean.integrable || (rateAdjusted?.integrable ?? false);
    const which = euclidean.integrable ? 'V' : 'P⁻¹V';
    if (p.name === 'gd') {
      return gradient
        ? { outcome: 'holds', level: 'proved', evidence: `GD: ${which} is a gradient field (proved, with its potential)` }
        : { outcome: 'fails', level: 'proved', evidence: 'GD: neither V nor P⁻¹V is a gradient field (proved, curl certificate)' };
    }
    return gradient
      ? { outcome: 'fails', level: 'proved', evidence: `${upper(p)}: ${which} is a gradient field (proved, with its potential)` }
      : { outcome: 'holds', level: 'proved', evidence: `${upper(p)}: V${rateAdjusted ? ' and P⁻¹V are' : ' is'} not the gradient of any C² function (proved, curl certificate)` };
  });
  const online = procedures.filter((p) => p.name !== 'gd').map(upper);
  const statement = [
    ...(online.length > 0 ? [`the ${online.join(' and ')} field${online.length > 1 ? 's are' : ' is'} not a gradient field, not even up to the rate matrix`] : []),
    ...(procedures.some((p) => p.name === 'gd') ? ['the GD field is one, up to the rate matrix'] : []),
  ].join('; ');
  return combine('C1', statement, parts);
}

/** C3: every equilibrium of GD is collapsed. */
function gdCollapse(gd: ProcedureCheck): ClaimVerdict | null {
  const proof = gd.dynamics.collapse?.gd;
  if (!proof) return null;
  const part: Part =
    proof.level === 'proved'
      ? { outcome: 'holds', level: 'proved', evidence: `GD: ${proof.reason} (proved)` }
      : proof.level === 'refuted'
        ? { outcome: 'fails', level: 'proved', evidence: `GD: counterexample ${proof.counterexample ?? ''}`.trim() }
        : { outcome: 'undecided', level: 'inconclusive', evidence: `GD: the proof stops: ${proof.reason}` };
  return combine('C3', 'minimizing E by GD collapses: every equilibrium has A = 0', [part]);
}

/** C2: SG and EMA have non-collapsed equilibria (flows reaching them are the float evidence). */
function collapseAvoided(online: ProcedureCheck[]): ClaimVerdict | null {
  const withCollapse = online.filter((p) => p.dynamics.collapse);
  if (withCollapse.length === 0) return null;
  const parts = withCollapse.map((p): Part => {
    const nc = p.dynamics.collapse!.nonCollapsed;
    const flows = p.dynamics.collapse!.flows;
    const flowText = flows && flows.atRest > 0 ? `; float flows from ${flows.starts} random starts: ${flows.nonCollapsed} of ${flows.atRest} at rest not collapsed` : '';
    if (nc.exists === true) return { outcome: 'holds', level: nc.level === 'proved' ? 'proved' : 'numerical', evidence: `${upper(p)}: non-collapsed equilibria exist (${nc.level}): ${nc.evidence}${flowText}` };
    if (nc.exists === false) return { outcome: 'fails', level: nc.level === 'proved' ? 'proved' : 'numerical', evidence: `${upper(p)}: every equilibrium is collapsed (${nc.level}): ${nc.evidence}` };
    return { outcome: 'undecided', level: 'inconclusive', evidence: `${upper(p)}: ${nc.evidence}${flowText}` };
  });
  return combine('C2', `${withCollapse.map(upper).join(' and ')} avoid${withCollapse.length === 1 ? 's' : ''} collapse: non-collapsed equilibria exist`, parts);
}

/**
 * C4: the non-collapsed equilibria of SG and EMA are (in general) transversally asymptotically
 * stable. Holds when some sampled non-collapsed point is; fails when every sampled one is proved
 * unstable or degenerate ("in general" is not refuted by one bad point among good ones).
 */
function stableVarieties(online: ProcedureCheck[]): ClaimVerdict | null {
  const withStability = online.filter((p) => p.dynamics.equilibria?.stability);
  if (withStability.length === 0) return null;
  const parts = withStability.map((p): Part => {
    const { finding, stability } = p.dynamics.equilibria!;
    const verdicts = finding.components.flatMap((c, i) => c.points.flatMap((point, j) => (point.collapsed ? [] : [stability![i]![j]!])));
    const stable = verdicts.filter((s) => s.verdict === 'transversally asymptotically stable');
    const provedStable = stable.filter((s) => s.level === 'proved').length;
    const provedBad = verdicts.filter((s) => (s.verdict === 'unstable' || s.verdict === 'degenerate') && s.level === 'proved').length;
    const tally = `${verdicts.length} sampled non-collapsed equilibria: ${stable.length} transversally asymptotically stable (${provedStable} proved), ${provedBad} proved unstable or degenerate`;
    if (stable.length > 0) return { outcome: 'holds', level: provedStable > 0 ? 'proved' : 'numerical', evidence: `${upper(p)}: ${tally}` };
    if (verdicts.length > 0 && provedBad === verdicts.length) return { outcome: 'fails', level: 'proved', evidence: `${upper(p)}: ${tally}` };
    return { outcome: 'undecided', level: 'inconclusive', evidence: `${upper(p)}: ${tally}` };
  });
  return combine('C4', `the non-collapsed equilibria of ${withStability.map(upper).join(' and ')} are transversally asymptotically stable (at the sampled points)`, parts);
}

export function assessClaims(check: ModelCheck): ClaimVerdict[] {
  const gd = check.procedures.find((p) => p.name === 'gd');
  const online = check.procedures.filter((p) => p.name !== 'gd');
  return [optimizationView(check.procedures), collapseAvoided(online), gd ? gdCollapse(gd) : null, stableVarieties(online)].filter(
    (c): c is ClaimVerdict => c !== null,
  );
}
