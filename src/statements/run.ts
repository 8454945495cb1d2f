/**
 * Runs statements on their models: each model is loaded and checked once, with the analyses its
 * statements' evidence kinds read (and what they require), then every statement's verdict on it is
 * read off the findings by its evidence kind and compared with the expectation. A model file with
 * symbols (`parameters:`) is a family: it is checked once by `checkFamily`, every analysis for all
 * admissible values of its symbols, and each kind reads its family findings instead. A variant
 * (src/variants/: cosine loss, MLP encoders, set predictors, data pairs) is checked once by
 * `checkVariant` (certified curl at the seeded samples) and its seeded flows to rest
 * (`variantDynamics`, DEFAULT_VARIANT_FLOWS of them), and the kinds that read those give its
 * verdicts (certified or numerical); the others say they do not apply. Nothing here decides a
 * verdict; it only routes findings to statements.
 *
 * Example: `proveStatements([loadStatementFile('proofs/sg-not-gradient.yaml')], …).rows[0].agrees`.
 */
import { dirname, join } from 'node:path';
import { type CheckOptions, type ModelCheck, checkModel } from '../analyses/check-model.js';
import { enforceFamilyBudget } from '../family/budget.js';
import { type FamilyCheck, checkFamily } from '../family/check.js';
import { enforceBudget } from '../limits/budget.js';
import { SpecError } from '../model/spec-error.js';
import { enforceVariantLimit } from '../cli/variant-limit.js';
import { checkVariant } from '../variants/check.js';
import { DEFAULT_VARIANT_FLOWS, variantDynamics } from '../variants/claims.js';
import { type SpecOfAnyKind, loadSpecOfAnyKind } from '../variants/load.js';
import { getEvidence } from './evidence/index.js';
import type { VariantFindings } from './evidence/registry.js';
import type { Expectation, Statement, StatementVerdict } from './statement.js';

export interface LoadedStatement {
  /** The statement file as the user named it (or as found in a named folder). */
  path: string;
  /** Where to open it (the path placed in the caller's directory). */
  openPath: string;
  statement: Statement;
}

export interface ProofRow {
  statement: string;
  /** The model file as shown: the statement's folder joined with the path it gives. */
  model: string;
  expected: Expectation;
  verdict: StatementVerdict;
  /** The outcome agrees, and so does the level when the expectation names one. */
  agrees: boolean;
}

/** A model checked: a numeric one with the analyses run on it, a family (checked whole) with its symbols, or a variant with its procedures. */
export type CheckedModel = { path: string; name: string } & (
  | { kind: 'model'; analyses: string[] }
  | { kind: 'family'; symbols: string[] }
  | { kind: 'variant'; procedures: string[]; flows: number }
);

export interface ProofRun {
  statements: LoadedStatement[];
  /** Every model checked, in first-use order. */
  models: CheckedModel[];
  rows: ProofRow[];
  options: CheckOptions;
}

export function agrees(expected: Expectation, verdict: StatementVerdict): boolean {
  return verdict.outcome === expected.outcome && (expected.level === undefined || expected.level === verdict.level);
}

interface ModelEntry {
  path: string;
  openPath: string;
  spec: SpecOfAnyKind;
  analyses: Set<string>;
  check?: ModelCheck;
  familyCheck?: FamilyCheck;
  variantFindings?: VariantFindings;
}

const procedures = (spec: SpecOfAnyKind): readonly string[] =>
  spec.kind === 'model' ? spec.model.procedures : spec.kind === 'family' ? spec.family.procedures : spec.variant.procedures.map((p) => p.name);
const subject = (spec: SpecOfAnyKind) => ({ kind: spec.kind, procedures: procedures(spec) });

/**
 * Loads every model first (a bad one stops the run before any work: exit 2), then checks each once
 * and reads the verdicts. `progress` gets a line per model checked.
 */
export function proveStatements(statements: readonly LoadedStatement[], options: Pick<CheckOptions, 'samples' | 'seed'>, progress: (line: string) => void = () => {}): ProofRun {
  const models = new Map<string, ModelEntry>();
  const modelPath = (s: LoadedStatement, e: Expectation) => ({ path: join(dirname(s.path), e.model), openPath: join(dirname(s.openPath), e.model) });
  for (const s of statements) {
    const kind = getEvidence(s.statement.evidence.kind)!;
    s.statement.models.forEach((e, i) => {
      const { path, openPath } = modelPath(s, e);
      let entry = models.get(path);
      if (!entry) {
        let spec: SpecOfAnyKind;
        try {
          spec = loadSpecOfAnyKind(openPath);
          // Check's state limit, from the spec's shapes, before any model is checked.
          if (spec.kind === 'variant') enforceVariantLimit(spec.variant, 'prove');
        } catch (err) {
          if (err instanceof SpecError) throw new SpecError(`${s.path}: models[${i}].model: ${path}: ${err.field}`, err.expected);
          throw err;
        }
        if (spec.kind === 'model') enforceBudget(spec.model, 'check', path);
        else if (spec.kind === 'family') enforceFamilyBudget(spec.family, path);
        entry = { path, openPath, spec, analyses: new Set() };
        models.set(path, entry);
      }
      if (!kind.inapplicable?.(subject(entry.spec), s.statement.evidence.params)) for (const a of kind.analyses(s.statement.evidence.params)) entry.analyses.add(a);
    });
  }
  const checkOptions: CheckOptions = { samples: options.samples, seed: options.seed };
  let done = 0;
  for (const entry of models.values()) {
    done++;
    if (entry.spec.kind === 'family') {
      progress(`[${done}/${models.size}] checking ${entry.path} (a family in ${entry.spec.family.ring.names.join(', ')}: every analysis, for all admissible values)\n`);
      entry.familyCheck = checkFamily(entry.spec.family, { seed: options.seed });
      continue;
    }
    if (entry.spec.kind === 'variant') {
      progress(`[${done}/${models.size}] checking ${entry.path} (a variant: certified curl at ${options.samples} points, ${DEFAULT_VARIANT_FLOWS} seeded flows)\n`);
      const check = checkVariant(entry.spec.variant, checkOptions);
      entry.variantFindings = { check, dynamics: variantDynamics(check, { flows: DEFAULT_VARIANT_FLOWS, seed: options.seed }) };
      continue;
    }
    const analyses = [...entry.analyses].sort();
    progress(`[${done}/${models.size}] checking ${entry.path} (${analyses.length > 0 ? analyses.join(', ') : 'integrability'})\n`);
    entry.check = checkModel(entry.spec.model, { ...checkOptions, analyses: analyses.length > 0 ? analyses : ['integrability'] });
  }
  const rows: ProofRow[] = statements.flatMap((s) => {
    const kind = getEvidence(s.statement.evidence.kind)!;
    return s.statement.models.map((expected): ProofRow => {
      const entry = models.get(modelPath(s, expected).path)!;
      const params = s.statement.evidence.params;
      const why = kind.inapplicable?.(subject(entry.spec), params) ?? null;
      const family = entry.spec.kind === 'family';
      const undecided = (reason: string): StatementVerdict => ({ outcome: 'undecided', level: 'inconclusive', evidence: [reason], ...(family ? { scope: 'all' as const } : {}) });
      const verdict: StatementVerdict =
        why !== null
          ? undecided(why)
          : entry.spec.kind === 'variant'
            ? (kind.variant?.(entry.variantFindings!, params) ?? undecided(`the evidence kind ${kind.name} reads exact analyses of the linear family, which a variant does not have (its fields are not polynomials)`))
            : family
              ? kind.family(entry.familyCheck!, params)
              : kind.verdict(entry.check!, params);
      return { statement: s.statement.name, model: entry.path, expected, verdict, agrees: agrees(expected, verdict) };
    });
  });
  return {
    statements: [...statements],
    models: [...models.values()].map((m): CheckedModel =>
      m.spec.kind === 'family'
        ? { path: m.path, name: m.spec.family.name, kind: 'family', symbols: [...m.spec.family.ring.names] }
        : m.spec.kind === 'variant'
          ? { path: m.path, name: m.spec.variant.name, kind: 'variant', procedures: [...procedures(m.spec)], flows: DEFAULT_VARIANT_FLOWS }
          : { path: m.path, name: m.spec.model.name, kind: 'model', analyses: m.check!.analyses },
    ),
    rows,
    options: checkOptions,
  };
}
