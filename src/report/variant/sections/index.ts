/**
 * The sections of a variant's report, in order; adding one is a new file here plus its line.
 */
import type { VariantSectionBuilder } from '../context.js';
import { variantClaimsSection } from './claims.js';
import { variantLimitsSection } from './equilibria.js';
import { variantFieldsSection } from './fields.js';
import { variantIntegrabilitySection } from './integrability.js';
import { variantModelSection } from './model.js';
import { variantObjectiveSection } from './objective.js';
import { variantReadingSection } from './reading.js';

export const VARIANT_SECTIONS: readonly VariantSectionBuilder[] = [
  variantModelSection,
  variantReadingSection,
  variantClaimsSection,
  variantObjectiveSection,
  variantFieldsSection,
  variantIntegrabilitySection,
  variantLimitsSection,
];
