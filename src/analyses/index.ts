/**
 * Loads every analysis so it registers itself, in canonical order (the order they run and
 * print in; an analysis comes after those it requires). Import this module, not the files one
 * by one. To add an analysis: one file in registered/ calling `registerAnalysis`, one line here.
 */
import './registered/integrability.js';
import './registered/equilibria.js';
import './registered/stability.js';
import './registered/collapse.js';
import './registered/invariants.js';
import './registered/metric.js';

export { integrability } from './registered/integrability.js';
export { equilibria } from './registered/equilibria.js';
export { type StabilityFinding, stability } from './registered/stability.js';
export { collapse } from './registered/collapse.js';
export { invariants } from './registered/invariants.js';
export { metric } from './registered/metric.js';
export {
  type Analysis,
  type AnalysisView,
  AnalysisResults,
  DEFAULT_DYNAMICS_MAX_STATE,
  allAnalyses,
  defaultAnalyses,
  getAnalysis,
  normalizeAnalyses,
  registerAnalysis,
  runAnalyses,
} from './analysis.js';
