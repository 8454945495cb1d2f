/**
 * The claims of docs/math.md §3 on one model, read off the analysis results `checkModel` already
 * holds (this file decides nothing new): for each claim whether it holds, fails or stays
 * undecided here, at which level, and the findings it rests on. A claim that fails on a variant
 * is a result, said plainly, with the level at which its counterexample was found. `checkModel`
 * assesses them once and carries them in `ModelCheck.claims`; printers read that.
 *
 * Example: on proofs/models/scalar.yaml every claim holds (proved); on proofs/models/noise-free-scalar.yaml C3
 * fails: `checkModel(model, options).claims.find((c) => c.id === 'C3').outcome === 'fails'`.
 */
import type { ModelCheck, ProcedureCheck } from './check-model.js';
import type { GdCollapseProof } from './collapse.js';
import type { FlowSummary } from './equilibria.js';
import type { Level } from './finding.js';
import { collapse, equilibria, integrability, stability as stabilityAnalysis } from './index.js';
import type { PointStability } from './stability.js';

export type ClaimId = 'C1' | 'C2' | 'C3' | 'C4';
/**
 * `holds`: what was shown is the claim. `holds in part`: it was shown for some sampled points or
 * starts and shown not to hold for others (the evidence gives the counts): the claim is not
 * universal on this model, though not refuted as an "in general" statement either.
 */
export type ClaimOutcome = 'holds' | 'holds in part' | 'fails' | 'undecided' | 'not analysed';

export interface ClaimVerdict {
  id: ClaimId;
  /** The claim as it reads for the procedures of this model. */
  statement: string;
  outcome: ClaimOutcome;
  /** holds, holds in part: proved or numerical (the weakest part); fails: refuted; undecided and not analysed: inconclusive. */
  level: Level;
  /** With `fails`: the level of the counterexample (certified: an interval enclosure, on a variant). */
  refutedAt?: 'proved' | 'certified' | 'numerical';
  /** One line per finding the verdict rests on. */
  evidence: string[];
}

export interface Part {
  outcome: Exclude<ClaimOutcome, 'not analysed'>;
  /** Level of what makes the part hold or fail (proved, certified or numerical), or inconclusive. */
  level: 'proved' | 'certified' | 'numerical' | 'inconclusive';
  evidence: string;
}

const upper = (p: ProcedureCheck) => p.label;
/** Minimization of E itself (GD): C1 says it is a gradient field, C3 that it collapses. */
const minimizesE = (p: ProcedureCheck) => p.role === 'original-objective';

/** Any part fails → fails; any undecided → undecided; any holds in part → holds in part; else holds (each at the weakest level). */
export function combine(id: ClaimId, statement: string, parts: Part[]): ClaimVerdict {
  const evidence = parts.map((p) => p.evidence);
  const failed = parts.filter((p) => p.outcome === 'fails');
  if (failed.length > 0) {
    // The strongest counterexample refutes.
    const refutedAt = failed.some((p) => p.level === 'proved') ? 'proved' : failed.some((p) => p.level === 'certified') ? 'certified' : 'numerical';
    return { id, statement, outcome: 'fails', level: 'refuted', refutedAt, evidence };
  }
  if (parts.length === 0 || parts.some((p) => p.outcome === 'undecided')) return { id, statement, outcome: 'undecided', level: 'inconclusive', evidence };
  const level = parts.some((p) => p.level === 'numerical') ? 'numerical' : parts.some((p) => p.level === 'certified') ? 'certified' : 'proved';
  return { id, statement, outcome: parts.some((p) => p.outcome === 'holds in part') ? 'holds in part' : 'holds', level, evidence };
}

/** C1: GD is a gradient field up to the rate matrix; SG and EMA are not, not even up to it. */
function optimizationView(procedures: ProcedureCheck[]): ClaimVerdict {
  const parts = procedures.map((p): Part => {
    const { euclidean, rateAdjusted } = p.results.require(integrability);
    const gradient = euclidean.integrable || (rateAdjusted?.integrable ?? false);
    const which = euclidean.integrable ? 'V' : 'P⁻¹V';
    if (minimizesE(p)) {
      return gradient
        ? { outcome: 'holds', level: 'proved', evidence: `${upper(p)}: ${which} is a gradient field (proved, with its potential)` }
        : { outcome: 'fails', level: 'proved', evidence: `${upper(p)}: neither V nor P⁻¹V is a gradient field (proved, curl certificate)` };
    }
    return gradient
      ? { outcome: 'fails', level: 'proved', evidence: `${upper(p)}: ${which} is a gradient field (proved, with its potential)` }
      : { outcome: 'holds', level: 'proved', evidence: `${upper(p)}: V${rateAdjusted ? ' and P⁻¹V are' : ' is'} not the gradient of any C² function (proved, curl certificate)` };
  });
  const online = procedures.filter((p) => !minimizesE(p)).map(upper);
  const direct = procedures.filter(minimizesE).map(upper);
  const statement = [
    ...(online.length > 0 ? [`the ${online.join(' and ')} field${online.length > 1 ? 's are not gradient fields' : ' is not a gradient field'}, not even up to the rate matrix`] : []),
    ...(direct.length > 0 ? [`the ${direct.join(' and ')} field${direct.length > 1 ? 's are' : ' is'} one, up to the rate matrix`] : []),
  ].join('; ');
  return combine('C1', statement, parts);
}

/** C3: every equilibrium of GD is collapsed. */
function gdCollapse(gd: ProcedureCheck): ClaimVerdict {
  const statement = `minimizing E by ${upper(gd)} collapses: every equilibrium has A = 0`;
  const proof = gd.results.get(collapse)?.gd;
  if (!proof) return notAnalysed('C3', statement, 'collapse');
  const part: Part =
    proof.level === 'proved'
      ? { outcome: 'holds', level: 'proved', evidence: `${upper(gd)}: ${gdProofWords(proof)} (proved)` }
      : proof.level === 'refuted'
        ? { outcome: 'fails', level: 'proved', evidence: `${upper(gd)}: counterexample ${proof.counterexample ?? ''}`.trim() }
        : { outcome: 'undecided', level: 'inconclusive', evidence: `${upper(gd)}: the proof stops: ${proof.reason}` };
  return combine('C3', statement, [part]);
}

/** Why the GD collapse proof concluded, read off its step ids (the analysis's own reason names the joint moment matrix J, a letter the report keeps for the Jacobian). */
function gdProofWords(proof: GdCollapseProof): string {
  if (proof.steps.some((s) => s.id === 'weight-decay' && s.checked)) return 'weight decay with E ≥ 0 forces A = 0 at every equilibrium';
  if (proof.steps.some((s) => s.id === 'definite-moments' && s.checked)) return 'E vanishes at every equilibrium and the joint moment matrix of the two views is positive definite';
  return proof.reason;
}

/** The non-collapsed sampled points of a procedure with their stability verdicts. */
function nonCollapsedVerdicts(p: ProcedureCheck): PointStability[] {
  const finding = p.results.require(equilibria);
  const stability = p.results.get(stabilityAnalysis);
  return finding.components.flatMap((c, i) => c.points.flatMap((point, j) => (point.collapsed || !stability ? [] : [stability[i]![j]!])));
}

function flowsText(flows: FlowSummary | null): string {
  if (!flows || flows.starts === 0) return 'no sampling flows were run (--flows N asks for them; by default none run above state dimension 18)';
  const rest = [`${flows.nonCollapsed} not collapsed`, `${flows.collapsed} collapsed`, ...(flows.undecided > 0 ? [`${flows.undecided} undecided`] : [])].join(', ');
  return `sampling flows from ${flows.starts} seeded starts: ${flows.atRest} at rest (${rest}), ${flows.unfinished} unfinished, ${flows.diverged} diverged`;
}

/** The collapsed sampled points of a procedure with their stability verdicts. */
function collapsedVerdicts(p: ProcedureCheck): PointStability[] {
  const finding = p.results.require(equilibria);
  const stability = p.results.get(stabilityAnalysis);
  return finding.components.flatMap((c, i) => c.points.flatMap((point, j) => (!point.collapsed || !stability ? [] : [stability[i]![j]!])));
}

/**
 * C2: SG and EMA avoid collapse — their limit points are, in general, not collapsed. What can be
 * shown is from which starts: a stable non-collapsed equilibrium attracts an open set of starts
 * (proved when its stability is proved); a stable collapsed equilibrium, or a sampling flow that
 * ends collapsed, shows that collapse is not avoided from every start. Both together: the claim
 * holds in part. Fails (numerical) when every flow came to rest collapsed and no stable
 * non-collapsed equilibrium was found.
 */
function collapseAvoided(online: ProcedureCheck[]): ClaimVerdict | null {
  if (online.length === 0) return null;
  const statement = `${online.map(upper).join(' and ')} avoid${online.length === 1 ? 's' : ''} collapse: ${online.length === 1 ? 'its' : 'their'} flows end, in general, at non-collapsed points`;
  if (online.some((p) => !p.results.get(equilibria))) return notAnalysed('C2', statement, 'equilibria');
  const parts = online.map((p): Part => {
    const isStable = (s: PointStability) => s.verdict === 'transversally asymptotically stable';
    const stable = nonCollapsedVerdicts(p).filter(isStable);
    const stableCollapsed = collapsedVerdicts(p).filter(isStable);
    const flows = p.results.require(equilibria).flows;
    const tail = flowsText(flows);
    const level = (xs: PointStability[]) => (xs.some((s) => s.level === 'proved') ? 'proved' : 'numerical');
    // Evidence that some starts do collapse: a stable collapsed point, else a flow that ended collapsed.
    const collapses =
      stableCollapsed.length > 0
        ? `${stableCollapsed.length} sampled collapsed equilibri${stableCollapsed.length === 1 ? 'um is' : 'a are'} stable too (${stableCollapsed.filter((s) => s.level === 'proved').length} proved), so collapse attracts an open set of starts as well`
        : flows && flows.collapsed > 0
          ? `${flows.collapsed} of ${flows.starts} sampling flows ended collapsed`
          : null;
    const partly = (what: string, lvl: Part['level']): Part => ({
      outcome: 'holds in part',
      level: lvl,
      evidence: `${upper(p)}: ${what}, but ${collapses}: collapse is avoided from an open set of starts, not from all; ${tail}`,
    });
    if (stable.length > 0) {
      const what = `a non-collapsed equilibrium is transversally asymptotically stable (${level(stable)}), so it attracts an open set of starts`;
      // The weaker of the two halves bounds the level of "in part".
      // Collapse shown only by float flows keeps that half, and so the whole, numerical.
      if (collapses) return partly(what, level(stable) === 'proved' && stableCollapsed.length > 0 && level(stableCollapsed) === 'proved' ? 'proved' : 'numerical');
      return { outcome: 'holds', level: level(stable), evidence: `${upper(p)}: ${what}; ${tail}` };
    }
    if (flows && flows.nonCollapsed > 0) {
      if (collapses) return partly(`${flows.nonCollapsed} of ${flows.starts} sampling flows ended not collapsed`, 'numerical');
      return { outcome: 'holds', level: 'numerical', evidence: `${upper(p)}: ${tail}` };
    }
    const allCollapsed = flows !== null && flows.starts > 0 && flows.collapsed === flows.starts;
    if (allCollapsed) return { outcome: 'fails', level: 'numerical', evidence: `${upper(p)}: every flow came to rest collapsed and no stable non-collapsed equilibrium was found; ${tail}` };
    return { outcome: 'undecided', level: 'inconclusive', evidence: `${upper(p)}: no stable non-collapsed equilibrium was found; ${tail}` };
  });
  return combine('C2', statement, parts);
}

/**
 * C4: the non-collapsed equilibria of SG and EMA are (in general) transversally asymptotically
 * stable. Holds when every sampled non-collapsed point is; holds in part when some are and some
 * are unstable or degenerate (the claim is then not universal on this model); fails when every
 * sampled one is proved unstable or degenerate. Float-only bad points make it "in part" at the
 * numerical level, never a failure: Newton's method finds saddles as readily as attractors.
 * No interval is given for the share: the points are chosen (eigenvector encoders, flow limits),
 * not drawn at random from the variety, so a binomial interval would not mean what it says.
 */
function stableVarieties(online: ProcedureCheck[]): ClaimVerdict | null {
  if (online.length === 0) return null;
  // What sampling can show: the claim ("in general they are") is stated beside it, not claimed.
  const statement = `every sampled non-collapsed equilibrium of ${online.map(upper).join(' and ')} is transversally asymptotically stable (the claim: in general they are)`;
  if (online.some((p) => !p.results.get(stabilityAnalysis))) return notAnalysed('C4', statement, 'stability');
  const parts = online.map((p): Part => {
    const verdicts = nonCollapsedVerdicts(p);
    const stable = verdicts.filter((s) => s.verdict === 'transversally asymptotically stable');
    const bad = verdicts.filter((s) => s.verdict === 'unstable' || s.verdict === 'degenerate');
    const proved = (xs: PointStability[]) => xs.filter((s) => s.level === 'proved').length;
    const undecided = verdicts.length - stable.length - bad.length;
    const tally =
      `of ${verdicts.length} sampled non-collapsed equilibria, ${stable.length} stable (${proved(stable)} proved), ` +
      `${bad.length} unstable or degenerate (${proved(bad)} proved)${undecided > 0 ? `, ${undecided} inconclusive` : ''}`;
    // Proved only when every point it counts is: one float verdict makes the whole numerical.
    const levelOf = (xs: PointStability[]) => (proved(xs) === xs.length ? 'proved' : 'numerical');
    if (stable.length > 0 && bad.length > 0) {
      const lvl = levelOf(stable) === 'proved' && levelOf(bad) === 'proved' ? 'proved' : 'numerical';
      return { outcome: 'holds in part', level: lvl, evidence: `${upper(p)}: ${tally}: the claim holds on part of the variety, not on all of it` };
    }
    if (stable.length > 0 && undecided === 0) return { outcome: 'holds', level: levelOf(stable), evidence: `${upper(p)}: ${tally}` };
    if (stable.length > 0) return { outcome: 'undecided', level: 'inconclusive', evidence: `${upper(p)}: ${tally}` };
    if (verdicts.length > 0 && proved(bad) === verdicts.length) return { outcome: 'fails', level: 'proved', evidence: `${upper(p)}: ${tally}` };
    return { outcome: 'undecided', level: 'inconclusive', evidence: `${upper(p)}: ${tally}` };
  });
  return combine('C4', statement, parts);
}

function notAnalysed(id: ClaimId, statement: string, analysis: string): ClaimVerdict {
  return { id, statement, outcome: 'not analysed', level: 'inconclusive', evidence: [`not analysed: the ${analysis} analysis did not run (see --analyses)`] };
}

export function assessClaims(check: Pick<ModelCheck, 'procedures'>): ClaimVerdict[] {
  const direct = check.procedures.filter(minimizesE);
  const online = check.procedures.filter((p) => !minimizesE(p));
  return [optimizationView(check.procedures), collapseAvoided(online), ...direct.map(gdCollapse), stableVarieties(online)].filter(
    (c): c is ClaimVerdict => c !== null,
  );
}
