/**
 * `avoids-collapse` {procedure?}: the seeded flows of the procedure (of every procedure of the
 * model when none is named) end, in general, at non-collapsed points — numerical evidence, as
 * claim C2 reads it, but asked of any procedure, so that one statement can expect it to hold under
 * a stop gradient or EMA and to fail without them. Per procedure: no flow at rest collapsed →
 * holds; some → holds in part; every one → fails (the flows are the counterexample); none at rest
 * → undecided. Procedures combine as the claims do (one failing fails the statement).
 *
 * On a variant it reads the flow limits of `variantLimits` (collapse judged on the codes); on a
 * numeric model the sampling flows of the equilibria analysis. A family's flows are not run (its
 * equilibria are solved in closed form), so it does not apply there.
 */
import { equilibria } from '../../analyses/index.js';
import { SpecError } from '../../model/spec-error.js';
import type { StatementVerdict } from '../statement.js';
import { registerEvidence } from './registry.js';

interface Tally {
  procedure: string;
  atRest: number;
  collapsed: number;
  words: string;
}

function part(t: Tally): StatementVerdict {
  if (t.atRest === 0) return { outcome: 'undecided', level: 'inconclusive', evidence: [`${t.procedure}: no flow came to rest; ${t.words}`] };
  if (t.collapsed === t.atRest) return { outcome: 'fails', level: 'refuted', evidence: [`${t.procedure}: every flow at rest collapsed; ${t.words}`] };
  return { outcome: t.collapsed === 0 ? 'holds' : 'holds in part', level: 'numerical', evidence: [`${t.procedure}: ${t.words}`] };
}

/** Fails if one fails, else undecided if one is, else holds in part if one does, else holds. */
function combined(parts: StatementVerdict[]): StatementVerdict {
  const evidence = parts.flatMap((p) => p.evidence);
  for (const outcome of ['fails', 'undecided', 'holds in part'] as const) {
    const found = parts.find((p) => p.outcome === outcome);
    if (found) return { outcome, level: found.level, evidence };
  }
  return { outcome: 'holds', level: 'numerical', evidence };
}

const chosen = <T>(items: T[], name: (t: T) => string, params: Record<string, unknown>) => (params.procedure === undefined ? items : items.filter((t) => name(t) === params.procedure));

registerEvidence({
  name: 'avoids-collapse',
  summary: 'the seeded flows of the procedure (or of every procedure) end, in general, non-collapsed (flow limits; numerical)',
  check(params, where) {
    for (const k of Object.keys(params)) if (k !== 'procedure') throw new SpecError(`${where}${k}`, 'unknown field; expected procedure (optional)');
    if (params.procedure !== undefined && (typeof params.procedure !== 'string' || !/^[a-z][a-z0-9-]*$/.test(params.procedure))) {
      throw new SpecError(`${where}procedure`, `expected a procedure name such as sg, ema or sg-online, got ${JSON.stringify(params.procedure)}`);
    }
  },
  analyses: () => ['equilibria'],
  inapplicable(subject, params) {
    if (subject.kind === 'family') return 'a family’s flows are not run (its equilibria are solved in closed form; claim C2 reads them)';
    if (params.procedure !== undefined && !subject.procedures.includes(params.procedure as string)) return `the model has no procedure ${String(params.procedure)} (its procedures: ${subject.procedures.join(', ')})`;
    return null;
  },
  verdict(check, params) {
    return combined(
      chosen(check.procedures, (p) => p.name, params).map((p) => {
        const flows = p.results.require(equilibria).flows;
        if (!flows || flows.starts === 0) return { outcome: 'undecided', level: 'inconclusive', evidence: [`${p.label}: no sampling flows were run`] };
        const words = `${flows.collapsed} of ${flows.atRest} flows at rest collapsed, ${flows.nonCollapsed} did not, ${flows.undecided} undecided (${flows.starts} seeded starts, seed ${flows.seed}; numerical)`;
        // A flow whose encoder the rule could not tell from 0 is neither: only decided ones count.
        return part({ procedure: p.label, atRest: flows.collapsed + flows.nonCollapsed, collapsed: flows.collapsed, words });
      }),
    );
  },
  family: () => ({ outcome: 'undecided', level: 'inconclusive', scope: 'all', evidence: ['a family’s flows are not run (its equilibria are solved in closed form; claim C2 reads them)'] }),
  variant(findings, params) {
    return combined(
      chosen(findings.dynamics.limits, (l) => l.procedure, params).map((l) => {
        const dimensional = l.limits.filter((x) => x.kind === 'dimensionally collapsed').length;
        const words = `${l.collapsed} of ${l.atRest} flows at rest collapsed (Wilson 95% [${l.interval[0].toFixed(2)}, ${l.interval[1].toFixed(2)}]), ${dimensional} dimensionally collapsed, ${l.limits.length - l.atRest} not at rest (seed ${l.seed}; numerical)`;
        return part({ procedure: l.procedure, atRest: l.atRest, collapsed: l.collapsed, words });
      }),
    );
  },
});
