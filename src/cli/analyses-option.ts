/** The --analyses flag of `check` and `report`, parsed without loading the analyses. */
import { ANALYSIS_NAMES, type AnalysisName } from '../analyses/names.js';
import { UsageError } from './command.js';

/** The --analyses list: known names separated by commas, or 'all'. */
export function analysesOption(value: string | boolean): AnalysisName[] {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === 'all') return [...ANALYSIS_NAMES];
  const names = text.split(',').map((n) => n.trim());
  const bad = names.find((n) => !(ANALYSIS_NAMES as readonly string[]).includes(n));
  if (text === '' || bad !== undefined) {
    throw new UsageError(`--analyses: expected a comma-separated list of ${ANALYSIS_NAMES.join(', ')} (or all), got ${JSON.stringify(value)}`);
  }
  return names as AnalysisName[];
}
