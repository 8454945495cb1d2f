/**
 * What every section of a family's report reads: the findings of `checkFamily`, the source path
 * and the variable naming of this family (notation.ts).
 */
import type { FamilyCheck } from '../../family/check.js';
import type { BuiltSection } from '../context.js';

export interface FamilyReportContext {
  check: FamilyCheck;
  source: string;
  /** Variable name → LaTeX, for this family (a, b, ξ for 1×1 blocks; τ for tau). */
  variable: (name: string) => string;
}

/** One section of a family's report; null when it has nothing to say for this family. */
export type FamilySectionBuilder = (ctx: FamilyReportContext) => BuiltSection | null;
