/**
 * The sections of a family's report, in order; adding one is a new file here plus its line.
 */
import type { FamilySectionBuilder } from '../context.js';
import { familyClaimsSection } from './claims.js';
import { familySection } from './family.js';
import { familyObjectiveSection } from './objective.js';
import { familyProceduresSection } from './procedures.js';
import { familyReadingSection } from './reading.js';

export const FAMILY_SECTIONS: readonly FamilySectionBuilder[] = [
  familySection,
  familyClaimsSection,
  familyReadingSection,
  familyObjectiveSection,
  familyProceduresSection,
];
