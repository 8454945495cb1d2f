/**
 * The claims C1–C4 of docs/math.md §3 on a variant (issue 12, item 5), with the labels of the
 * linear family (src/analyses/claims.ts, whose `combine` rule this uses) and the level each piece
 * of evidence reaches here: C1 from the certified curl of `checkVariant`, C2–C4 from the flow
 * limits of limits.ts (numerical). Nothing is proved exactly on a variant.
 *
 *   C1  GD-like fields (no stop gradient, no EMA) are gradient fields up to the rates; the others are not.
 *   C2  the other procedures avoid collapse: their flows end, in general, non-collapsed.
 *   C3  GD-like procedures collapse: every flow ends collapsed.
 *   C4  the non-collapsed limits of the other procedures are transversally asymptotically stable (stability.ts).
 *
 * Example: `variantClaims(checkVariant(v, o), limits).find((c) => c.id === 'C2').outcome`.
 */
import { type ClaimVerdict, type Part, combine } from '../analyses/claims.js';
import type { VariantCheck, VariantProcedureCheck } from './check.js';
import { type VariantLimits, variantLimits } from './limits.js';
import type { TransversalVerdict } from './stability.js';

/** No stop gradient and no EMA: the field is −∇ of the objective with the target identified. */
const minimizesObjective = (p: VariantProcedureCheck) => p.field.procedure.recipe === 'identify-then-differentiate';
const share = (l: VariantLimits) =>
  `${l.collapsed} of ${l.atRest} flows at rest ended collapsed (Wilson 95% [${l.interval[0].toFixed(2)}, ${l.interval[1].toFixed(2)}])` +
  `, ${l.limits.filter((x) => x.kind === 'dimensionally collapsed').length} dimensionally collapsed` +
  `, ${l.limits.length - l.atRest} not at rest (seed ${l.seed}; numerical)`;

/**
 * C1 rests on certificates where there are any: their level is `certified`, never `proved`; a
 * GD-like field whose curl (of P⁻¹V) is certified nonzero refutes it at that level.
 */
function c1(check: VariantCheck): ClaimVerdict {
  const parts = check.procedures.map((p): Part => {
    const name = p.field.procedure.name;
    const curls = [p.euclidean, ...(p.rateAdjusted ? [p.rateAdjusted] : [])];
    const certified = curls.every((c) => c.verdict === 'not-gradient');
    const floatNonzero = curls.every((c) => c.sampled.nonzeroPoints > 0);
    if (minimizesObjective(p)) {
      // A gradient field's curl is 0: it can be seen in floats, never certified by an enclosure.
      const adjusted = p.rateAdjusted ?? p.euclidean;
      if (adjusted.verdict === 'not-gradient') return { outcome: 'fails', level: 'certified', evidence: `${name}: the curl of ${p.rateAdjusted ? 'P⁻¹V' : 'V'} excludes 0 on a box (certified)` };
      return adjusted.sampled.nonzeroPoints === 0
        ? { outcome: 'holds', level: 'numerical', evidence: `${name}: the float curl of ${p.rateAdjusted ? 'P⁻¹V' : 'V'} is 0 at all ${adjusted.sampled.samples} sampled points (numerical)` }
        : { outcome: 'undecided', level: 'inconclusive', evidence: `${name}: float curl nonzero at ${adjusted.sampled.nonzeroPoints} points, no certificate` };
    }
    if (certified) return { outcome: 'holds', level: 'certified', evidence: `${name}: V${p.rateAdjusted ? ' and P⁻¹V are' : ' is'} not the gradient of any C² function (certified, interval curl)` };
    if (floatNonzero) return { outcome: 'holds', level: 'numerical', evidence: `${name}: float curl nonzero, no certificate (numerical)` };
    return { outcome: 'undecided', level: 'inconclusive', evidence: `${name}: no curl certificate and float curl 0` };
  });
  return combine('C1', 'GD-like fields are gradient fields up to the rates; SG, EMA and the wrong-side SG are not, not even up to them', parts);
}

function c2(online: VariantLimits[]): ClaimVerdict {
  const statement = `${online.map((l) => l.procedure).join(' and ') || 'no stop-gradient or EMA procedure'}: the flows end, in general, at non-collapsed points`;
  const parts = online.map((l): Part => {
    const tail = share(l);
    if (l.atRest === 0) return { outcome: 'undecided', level: 'inconclusive', evidence: `${l.procedure}: no flow came to rest; ${tail}` };
    if (l.collapsed === l.atRest) return { outcome: 'fails', level: 'numerical', evidence: `${l.procedure}: every flow at rest collapsed; ${tail}` };
    return { outcome: l.collapsed === 0 ? 'holds' : 'holds in part', level: 'numerical', evidence: `${l.procedure}: ${tail}` };
  });
  return online.length === 0 ? notAnalysed('C2', statement, 'no procedure with a stop gradient or EMA') : combine('C2', statement, parts);
}

function c3(direct: VariantLimits[]): ClaimVerdict {
  const statement = `${direct.map((l) => l.procedure).join(' and ') || 'GD'} collapses: every flow ends collapsed`;
  if (direct.length === 0) return notAnalysed('C3', statement, 'no GD-like procedure (no stop gradient, no EMA) in this variant');
  return combine('C3', statement, direct.map((l): Part => {
    const tail = share(l);
    if (l.atRest === 0) return { outcome: 'undecided', level: 'inconclusive', evidence: `${l.procedure}: no flow came to rest; ${tail}` };
    if (l.collapsed === 0) return { outcome: 'fails', level: 'numerical', evidence: `${l.procedure}: no flow collapsed; ${tail}` };
    return { outcome: l.collapsed === l.atRest ? 'holds' : 'holds in part', level: 'numerical', evidence: `${l.procedure}: ${tail}` };
  }));
}

/**
 * C4 from the transversal verdicts of stability.ts (docs/math.md §6) at the non-collapsed limits,
 * all numerical: every one stable → holds; stable ones beside unstable or degenerate ones → holds
 * in part; every one unstable → fails (refuted at the numerical level); otherwise undecided. A
 * limit at a singularity of the cosine loss is not an equilibrium of a differentiable field: it is
 * counted apart and decides nothing.
 */
function c4(online: VariantLimits[]): ClaimVerdict {
  const statement = `every non-collapsed flow limit of ${online.map((l) => l.procedure).join(' and ') || 'the stop-gradient and EMA procedures'} is transversally asymptotically stable (docs/math.md §6)`;
  if (online.length === 0) return notAnalysed('C4', statement, 'no procedure with a stop gradient or EMA');
  return combine('C4', statement, online.map((l): Part => {
    const kept = l.limits.filter((x) => x.status === 'rest' && x.kind !== 'collapsed' && x.stability);
    const verdicts = kept.map((x) => x.stability!);
    const of = (v: TransversalVerdict) => verdicts.filter((s) => s.verdict === v);
    const [stable, unstable, degenerate, singular] = [of('transversally asymptotically stable'), of('unstable'), of('degenerate'), of('singular')];
    const judged = kept.length - singular.length;
    const undecided = judged - stable.length - unstable.length - degenerate.length;
    const certified = kept.filter((x) => x.certified?.verdict === 'stable').length;
    const margins = stable.flatMap((s) => (s.transversalMaxRe === null ? [] : [-s.transversalMaxRe]));
    const etas = stable.flatMap((s) => (s.largestStableLearningRate === null ? [] : [s.largestStableLearningRate]));
    const tally =
      `${l.procedure}: ${stable.length} of ${kept.length} non-collapsed limits transversally asymptotically stable` +
      (margins.length > 0 ? ` (min margin ${Math.min(...margins).toPrecision(3)}${etas.length > 0 ? `, all for η < ${Math.min(...etas).toPrecision(3)}` : ''})` : '') +
      `, ${unstable.length} unstable, ${degenerate.length} degenerate` +
      (singular.length > 0 ? `, ${singular.length} at a singularity of the loss` : '') +
      (undecided > 0 ? `, ${undecided} inconclusive` : '') +
      ' (numerical)' +
      (certified > 0 ? `; ${certified} of them certified stable (an isolated equilibrium proved in a box around it, its eigenvalues in the left half-plane by a Lyapunov matrix, in interval arithmetic)` : '');
    if (judged === 0) return { outcome: 'undecided', level: 'inconclusive', evidence: kept.length === 0 ? `${l.procedure}: no non-collapsed limit` : tally };
    // Numerical even when every limit found is certified stable: the certificates are about the
    // points near the limits, while which limits the flows reach (and that there are no others) is float evidence.
    if (stable.length === judged) return { outcome: 'holds', level: 'numerical', evidence: tally };
    if (unstable.length === judged) return { outcome: 'fails', level: 'numerical', evidence: tally };
    if (stable.length > 0 && unstable.length + degenerate.length > 0) return { outcome: 'holds in part', level: 'numerical', evidence: tally };
    return { outcome: 'undecided', level: 'inconclusive', evidence: tally };
  }));
}

function notAnalysed(id: ClaimVerdict['id'], statement: string, why: string): ClaimVerdict {
  return { id, statement, outcome: 'not analysed', level: 'inconclusive', evidence: [`not analysed: ${why}`] };
}

/** `limits[k]` belongs to `check.procedures[k]`. */
export function variantClaims(check: VariantCheck, limits: readonly VariantLimits[]): ClaimVerdict[] {
  const direct = limits.filter((_, k) => minimizesObjective(check.procedures[k]!));
  const online = limits.filter((_, k) => !minimizesObjective(check.procedures[k]!));
  return [c1(check), c2(online), c3(direct), c4(online)];
}

/** Flows per procedure when --flows is not given: each is a float ODE solve with a compiled field. */
export const DEFAULT_VARIANT_FLOWS = 12;

export interface VariantDynamics {
  flows: number;
  limits: VariantLimits[];
  claims: ClaimVerdict[];
}

/** The flow limits of every procedure of a checked variant (same seed, same starts) and the four claims. */
export function variantDynamics(check: VariantCheck, options: { flows: number; seed: number }): VariantDynamics {
  const limits = check.procedures.map((p) => variantLimits(check.variant, p.field, options));
  return { flows: options.flows, limits, claims: variantClaims(check, limits) };
}
