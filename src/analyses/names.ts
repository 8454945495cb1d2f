/**
 * The analyses `check` and `report` can run, and when they run by default. A module of constants
 * with no imports, so the command line's help texts and flag parsing can read them without
 * loading the analyses themselves. The analyses are a registry (analysis.ts, index.ts); this is
 * its light copy, kept equal to it by test/analyses/registry.test.ts.
 */

export const ANALYSIS_NAMES = ['integrability', 'equilibria', 'stability', 'collapse', 'invariants', 'metric'] as const;
export type AnalysisName = (typeof ANALYSIS_NAMES)[number];

/** Largest state dimension for which the default run includes the dynamical analyses. */
export const DEFAULT_DYNAMICS_MAX_STATE = 36;
