/**
 * Builds the report document of one model: runs `checkModel` and the matrix derivation, compares
 * every matrix closed form with the polynomial core exactly (a disagreement is an internal error:
 * no report is better than a wrong one), then asks each registered section for its blocks and
 * numbers the sections.
 *
 * Example: `const doc = buildReport(model, 'proofs/scalar.yaml', { samples: 64, seed: 1 })`.
 */
import { basename, extname } from 'node:path';
import { type CheckOptions, checkModel } from '../analyses/check-model.js';
import { integrability } from '../analyses/index.js';
import { DEFAULT_TRAJECTORY_MAX_STATE, DEFAULT_TRAJECTORY_STARTS, simulateTrajectories } from '../analyses/trajectories.js';
import {
  type Agreement,
  compareCurl,
  compareField,
  compareJacobian,
  compareObjective,
  comparePotential,
} from '../matrix/consistency.js';
import type { Experiment } from '../experiments/experiment.js';
import { deriveMatrixModel } from '../matrix/derive.js';
import type { Model } from '../model/model.js';
import { type BuiltSection, DEFAULT_LIMITS, type ProcedureContext, type ReportContext, type ReportLimits } from './context.js';
import { type ReportDocument, type Section, code, text } from './document.js';
import { sectionBuilders } from './sections/index.js';

export interface ReportOptions {
  /** Random points of the float curl cross-check. */
  samples: number;
  seed: number;
  /** Dynamical analyses, points per component, flows: as for `ncssl check` (its defaults when absent). */
  analyses?: CheckOptions['analyses'];
  points?: number;
  flows?: number;
  /** Seeded starts of the plotted trajectories (default: 6 when every state dimension is at most 50 and a dynamical analysis runs, else 0). */
  trajectories?: number;
  limits?: ReportLimits;
  /** `full` prints raw entry lists in the appendix (`--appendix full`); overrides `limits.appendix`. */
  appendix?: ReportLimits['appendix'];
  /** The training loops on this model (`--simulate`), run by the caller: a sweep runs in worker threads. */
  simulation?: Experiment;
}

/** The base name of a report's files: the spec's base name, kept to safe characters. */
export function reportFileBase(path: string): string {
  const base = basename(path, extname(path)).replace(/[^A-Za-z0-9._-]/g, '_');
  return base === '' || base.startsWith('.') ? `report${base}` : base;
}

/** Largest state dimension whose Jacobian and curls are re-derived entry by entry from the Kronecker forms. */
export const MAX_CHECKED_DIMENSION = 48;
/** Largest state dimension whose field is re-derived from the matrix form (the cost grows like n⁵). */
export const MAX_CHECKED_FIELD_DIMENSION = 300;

function compareAll(ctx: Pick<ReportContext, 'matrix' | 'check'>): Agreement[] {
  const { matrix, check } = ctx;
  const core = check.derivation;
  const mm = matrix.model;
  const out = compareObjective(mm, matrix.objective, core);
  for (const p of matrix.procedures) {
    const c = core.procedures.find((x) => x.procedure.name === p.name)!;
    if (c.state.length > MAX_CHECKED_FIELD_DIMENSION) continue;
    out.push(compareField(mm, p.field, c, core.params));
    if (c.state.length > MAX_CHECKED_DIMENSION) continue;
    out.push(compareJacobian(mm, p.jacobian, c, core.params, p.name));
    const finding = check.procedures.find((x) => x.name === p.name)!.results.require(integrability);
    for (const [cd, verdict] of [
      [p.curl, finding.euclidean],
      [p.rateAdjustedCurl, finding.rateAdjusted],
    ] as const) {
      if (!cd) continue;
      out.push(compareCurl(mm, cd, c, core.params, p.name));
      if (cd.vanishes) {
        if (!verdict?.integrable || !verdict.potential) {
          out.push({ subject: `${p.name} ${cd.variant} potential`, ok: false, entries: 0, mismatch: 'the curl form vanishes but the core found no potential' });
        } else out.push(comparePotential(mm, cd, verdict.potential, core.params, p.name));
      }
    }
  }
  return out;
}

/** A built section with its number ("3.1"), subsections numbered below it. */
export function numbered(built: BuiltSection, number: string): Section {
  return {
    id: built.id,
    number,
    title: built.title,
    blocks: built.blocks,
    subsections: (built.subsections ?? []).map((s, k) => numbered(s, `${number}.${k + 1}`)),
    ...(built.data ? { data: built.data } : {}),
  };
}

function collectAppendix(built: BuiltSection): BuiltSection[] {
  return [...(built.appendix ?? []), ...(built.subsections ?? []).flatMap(collectAppendix)];
}

export function buildReport(model: Model, source: string, options: ReportOptions): ReportDocument {
  const { limits: _limits, trajectories: starts, appendix, simulation, ...checkOptions } = options;
  const check = checkModel(model, checkOptions);
  const maxState = Math.max(0, ...check.derivation.procedures.map((d) => d.state.length));
  // The figures illustrate the dynamical claims: by default they come with those analyses.
  const dynamical = check.analyses.some((a) => a !== integrability.name);
  const defaultStarts = dynamical && maxState <= DEFAULT_TRAJECTORY_MAX_STATE ? DEFAULT_TRAJECTORY_STARTS : 0;
  const trajectories = simulateTrajectories(check.derivation, { starts: starts ?? defaultStarts, seed: options.seed });
  const matrix = deriveMatrixModel(model);
  const base = { model, source, check, matrix };
  const agreements = compareAll(base);
  const failed = agreements.find((a) => !a.ok);
  if (failed) throw new Error(`matrix closed form disagrees with the polynomial core: ${failed.subject}: ${failed.mismatch}`);
  const ctx: ReportContext = { ...base, agreements, trajectories, simulation: simulation ?? null, limits: { ...(options.limits ?? DEFAULT_LIMITS), ...(appendix ? { appendix } : {}) }, said: new Map() };

  const built = sectionBuilders()
    .map((b) => b.build(ctx))
    .filter((s): s is BuiltSection => s !== null);
  const appendixBuilt = built.flatMap(collectAppendix);
  const ids = new Set<string>();
  const checkIds = (s: BuiltSection) => {
    if (ids.has(s.id)) throw new Error(`two report sections share the id ${s.id}`);
    ids.add(s.id);
    (s.subsections ?? []).forEach(checkIds);
    (s.appendix ?? []).forEach(checkIds);
  };
  built.forEach(checkIds);
  return {
    title: `Derivations for the model ${model.name}`,
    fileBase: reportFileBase(source),
    subtitle: [text('Generated by ncssl from '), code(source), text('. All numbers are exact rationals unless marked numerical.')],
    sections: built.map((s, k) => numbered(s, String(k + 1))),
    appendix: appendixBuilt.map((s, k) => numbered(s, String.fromCharCode(65 + (k % 26)) + (k >= 26 ? String(Math.floor(k / 26)) : ''))),
  };
}

export type { ProcedureContext };
