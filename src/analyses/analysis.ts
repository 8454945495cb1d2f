/**
 * The analyses of `ncssl check` as a registry. Each analysis lives in its own file in
 * src/analyses/registered/ and registers itself here with everything the rest of ncssl needs to
 * know about it — its name and one-line summary (for `check --help`), the analyses it builds on,
 * when it runs by default, how it runs on one procedure, and what it adds to `check`'s JSON and
 * text — so adding an analysis is one new file plus its line in src/analyses/index.ts. (The
 * command line's help and flag parsing read a light copy of the names and summaries, names.ts and
 * src/cli/check-command.ts, so that start-up loads no analysis; test/analyses/registry.test.ts
 * fails, showing the lines to add, until the copy matches.)
 *
 * Results are typed by the registration: `results.get(invariants)` is an `InvariantsFinding`
 * (or undefined when the analysis did not run), never a lookup by name.
 *
 * This module imports no analysis code, so it stays cheap to load.
 *
 * Example: `normalizeAnalyses(['collapse'])` is ['integrability', 'equilibria', 'stability', 'collapse'].
 */
import type { Derivation, ProcedureDerivation } from '../procedures/derive.js';
// names.ts is the CLI's light copy of the registry (help and flag parsing without loading the
// analyses); test/analyses/registry.test.ts keeps the two equal.
export { DEFAULT_DYNAMICS_MAX_STATE } from './names.js';

/** What one procedure's analyses run on. */
export interface AnalysisContext {
  derivation: Derivation;
  procedure: ProcedureDerivation;
  options: AnalysisOptions;
}

export interface AnalysisOptions {
  /** Random points of the float curl cross-check. */
  samples: number;
  seed: number;
  /** Points sampled per equilibrium component. */
  points: number;
  /** Random starts of the float flow (0: none). */
  flows: number;
}

/** What the output hooks see of one checked procedure (a `ProcedureCheck` is one). */
export interface AnalysisView {
  /** Names of the state coordinates, in order. */
  stateNames: readonly string[];
  /** Every result of this procedure, including those of analyses registered later. */
  results: AnalysisResults;
}

/**
 * When an analysis runs: `always` whatever `--analyses` says (integrability: cheap, and the
 * certificates and `verify` build on it), or by default when the largest state dimension of the
 * model is at most `maxState` (Infinity: at every size; 0: only when asked for).
 */
export type DefaultRun = { kind: 'always' } | { kind: 'up-to-state'; maxState: number };

export interface Analysis<R> {
  /** The name in `--analyses` and the JSON: lower-case letters, digits and '-'. */
  name: string;
  /** One line for `check --help`. */
  summary: string;
  /** The analyses whose results `run` reads; they are selected with it and registered before it. */
  requires: readonly AnyAnalysis[];
  defaultRun: DefaultRun;
  run(context: AnalysisContext, earlier: AnalysisResults): R;
  /** The keys it adds to the procedure's object in `check --json` (and the report's JSON data). */
  toJson(result: R, view: AnalysisView): Record<string, unknown>;
  /** Its lines under the procedure in `check`'s text, without the procedure's indentation. */
  text(result: R, view: AnalysisView): string[];
  /**
   * What it says about sampled equilibrium point j of component i, printed inside that point's
   * entry of the equilibria output (stability does this), when the analysis ran.
   */
  point?: {
    json(result: R, component: number, point: number, view: AnalysisView): Record<string, unknown>;
    text(result: R, component: number, point: number, view: AnalysisView): string[];
  };
}

/** An analysis of any result type (its hooks are methods, so `Analysis<R>` is one). */
export type AnyAnalysis = Analysis<unknown>;

/** The results of one procedure's analyses, keyed by the registration, in the order they ran. */
export class AnalysisResults {
  private readonly byAnalysis = new Map<AnyAnalysis, unknown>();

  set<R>(analysis: Analysis<R>, result: R): void {
    if (this.byAnalysis.has(analysis)) throw new Error(`analysis ${analysis.name} ran twice: internal error`);
    this.byAnalysis.set(analysis, result);
  }

  /** The result, or undefined when the analysis was not selected. */
  get<R>(analysis: Analysis<R>): R | undefined {
    return this.byAnalysis.get(analysis) as R | undefined;
  }

  /** The result of an analysis that must have run (a dependency, or integrability). */
  require<R>(analysis: Analysis<R>): R {
    if (!this.byAnalysis.has(analysis)) throw new Error(`analysis ${analysis.name} did not run: internal error`);
    return this.byAnalysis.get(analysis) as R;
  }

  /** Each analysis that ran with its result, in canonical order: for printers that treat them alike. */
  forEach(visit: <R>(analysis: Analysis<R>, result: R) => void): void {
    for (const [analysis, result] of this.byAnalysis) visit(analysis, result);
  }
}

const registry: AnyAnalysis[] = [];

const NAME = /^[a-z][a-z0-9-]{0,19}$/;

export function registerAnalysis<R>(analysis: Analysis<R>): Analysis<R> {
  if (!NAME.test(analysis.name)) throw new Error(`analysis name ${JSON.stringify(analysis.name)}: expected lower-case letters, digits and '-'`);
  if (registry.some((a) => a.name === analysis.name)) throw new Error(`analysis ${analysis.name} registered twice`);
  // Registration order is the canonical order, in which analyses run and print: what an
  // analysis reads must have run before it.
  const missing = analysis.requires.find((r) => !registry.includes(r));
  if (missing) throw new Error(`analysis ${analysis.name} requires ${missing.name}, which is not registered before it`);
  registry.push(analysis);
  return analysis;
}

/** Every registered analysis, in canonical order. */
export function allAnalyses(): readonly AnyAnalysis[] {
  return registry;
}

export function getAnalysis(name: string): AnyAnalysis | undefined {
  return registry.find((a) => a.name === name);
}

/**
 * The selection in canonical order, with what each analysis requires (transitively) and the
 * analyses that always run. Throws on an unknown name.
 */
export function normalizeAnalyses(selected: readonly string[]): string[] {
  const wanted = new Set<AnyAnalysis>();
  const add = (a: AnyAnalysis) => {
    if (wanted.has(a)) return;
    wanted.add(a);
    a.requires.forEach(add);
  };
  for (const name of selected) {
    const a = getAnalysis(name);
    if (!a) throw new Error(`unknown analysis ${JSON.stringify(name)}`);
    add(a);
  }
  registry.filter((a) => a.defaultRun.kind === 'always').forEach(add);
  return registry.filter((a) => wanted.has(a)).map((a) => a.name);
}

/** The analyses a default `check` runs for a model whose largest state dimension is `maxState`. */
export function defaultAnalyses(maxState: number): string[] {
  const byDefault = (d: DefaultRun) => d.kind === 'always' || maxState <= d.maxState;
  return normalizeAnalyses(registry.filter((a) => byDefault(a.defaultRun)).map((a) => a.name));
}

/** Runs the selected analyses (normalized here) on one procedure, in canonical order. */
export function runAnalyses(context: AnalysisContext, selected: readonly string[]): AnalysisResults {
  const names = new Set(normalizeAnalyses(selected));
  const results = new AnalysisResults();
  for (const a of registry) if (names.has(a.name)) results.set(a, a.run(context, results));
  return results;
}

/** The JSON keys every analysis that ran adds to equilibrium point j of component i. */
export function pointJson(view: AnalysisView, component: number, point: number): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  view.results.forEach((analysis, result) => Object.assign(json, analysis.point?.json(result, component, point, view)));
  return json;
}

/** The text lines every analysis that ran prints under equilibrium point j of component i. */
export function pointText(view: AnalysisView, component: number, point: number): string[] {
  const lines: string[] = [];
  view.results.forEach((analysis, result) => lines.push(...(analysis.point?.text(result, component, point, view) ?? [])));
  return lines;
}
