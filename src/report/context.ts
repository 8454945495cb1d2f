/**
 * What every section builder receives: the model, the core's derivation and `checkModel`
 * findings, the matrix-level derivation, and the exact agreements between the two. Builders read
 * this and return document blocks; they never compute verdicts of their own.
 */
import type { ModelCheck, ProcedureCheck } from '../analyses/check-model.js';
import type { ProcedureTrajectories } from '../analyses/trajectories.js';
import type { Experiment } from '../experiments/experiment.js';
import type { Agreement } from '../matrix/consistency.js';
import type { MatrixDerivation, MatrixProcedureDerivation } from '../matrix/derive.js';
import type { Model, ProcedureName } from '../model/model.js';
import type { ProcedureDerivation } from '../procedures/derive.js';
import type { Block, Section } from './document.js';

/** Sizes above which instantiated objects move from the body to the appendix, or are left out. */
export interface ReportLimits {
  /** Largest state dimension whose Jacobian and curl are printed as a matrix in the body. */
  bodyMatrixDimension: number;
  /** Most polynomial terms (all entries together) printed in the body. */
  bodyTerms: number;
  /** Most polynomial terms printed in the appendix per object; beyond, see `ncssl derive --json`. */
  appendixTerms: number;
  /** Most sampled equilibria per component in a body table; the rest are described in the appendix. */
  bodyPoints: number;
  /**
   * `default`: raw instantiated objects too long for the body (entry lists of fields, Jacobians,
   * potentials, equation systems) stay out of the appendix: the body gives their structure and
   * counts, the JSON every entry. `full` (`ncssl report --appendix full`) prints them in the appendix.
   */
  appendix: 'default' | 'full';
}

export const DEFAULT_LIMITS: ReportLimits = { bodyMatrixDimension: 3, bodyTerms: 48, appendixTerms: 60_000, bodyPoints: 8, appendix: 'default' };

export interface ReportContext {
  model: Model;
  /** The spec path, as given on the command line. */
  source: string;
  check: ModelCheck;
  matrix: MatrixDerivation;
  /** Every exact comparison of a matrix closed form with the polynomial core. */
  agreements: Agreement[];
  /** Float flows of every procedure from shared seeded starts (empty when none were asked for). */
  trajectories: ProcedureTrajectories[];
  /** The training loops run beside the theory (`report --simulate`); null when not asked for. */
  simulation: Experiment | null;
  limits: ReportLimits;
  /**
   * Explanations already given, by key (a derivation rule's identities), with the section that
   * gave them: builders run in reading order, so a later section cites the first instead of
   * repeating it. Filled while the document is built; nothing else reads it.
   */
  said: Map<string, string>;
}

export interface ProcedureContext {
  report: ReportContext;
  name: ProcedureName;
  /** The procedure's short name for running text ("SG"): its `words.label`. */
  label: string;
  core: ProcedureDerivation;
  check: ProcedureCheck;
  matrix: MatrixProcedureDerivation;
}

/**
 * What a section builder returns. `id` must be unique in the document (prefix it with the
 * procedure for per-procedure sections); `appendix` sections are numbered A, B, … and can be
 * referred to with `ref(id)` from the body.
 */
export interface BuiltSection {
  id: string;
  title: string;
  blocks: Block[];
  subsections?: BuiltSection[];
  appendix?: BuiltSection[];
  data?: Section['data'];
}
