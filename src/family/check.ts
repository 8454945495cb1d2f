/**
 * Every analysis of a family, for all admissible values of its symbols: the findings as data,
 * which `check` prints, `check --json` serialises, the report renders and the certificate writer
 * turns into certificates. Decides nothing by itself: each part lives in its own file.
 *
 * Example: `checkFamily(family, { seed: 1 }).procedures[1].integrability.kind === 'not-gradient'`
 * for SG on the scalar family.
 */
import { findAdmissibleValues } from './admissible.js';
import { familyGdCollapse } from './collapse.js';
import { deriveFamily } from './derive.js';
import { domainOf } from './domain.js';
import type { Family } from './family.js';
import { familyIntegrability } from './integrability.js';
import { familyInvariants } from './invariants.js';
import { momentValidity } from './moment-validity.js';
import { parametricPoints } from './points.js';
import { familyStability } from './stability.js';
import type { ClaimVerdict } from '../analyses/claims.js';
import type { FamilyCheck, FamilyProcedureCheck } from './findings.js';
import { familyClaims } from './claims.js';

export interface FamilyCheckOptions {
  seed: number;
  /** Admissible values at which conditions are also evaluated. */
  samples?: number;
}

export type { FamilyCheck, FamilyPointCheck, FamilyProcedureCheck } from './findings.js';

export function checkFamily(family: Family, options: FamilyCheckOptions): FamilyCheck {
  const derivation = deriveFamily(family);
  const domain = domainOf(family);
  const samples = findAdmissibleValues(family, options.samples ?? 8, options.seed, true);
  const probe = samples[0] ?? findAdmissibleValues(family, 1, options.seed)[0] ?? new Map();
  const procedures = derivation.procedures.map((fp): FamilyProcedureCheck => {
    const points = parametricPoints(derivation, fp, domain, probe, options.seed).map((point) => ({
      point,
      stability: familyStability(fp, point, domain, samples),
    }));
    return {
      fp,
      label: fp.procedure.words.label,
      integrability: familyIntegrability(derivation, fp, domain),
      invariants: familyInvariants(derivation, fp),
      points,
      collapse: fp.procedure.recipe === 'identify-then-differentiate' ? familyGdCollapse(derivation, fp, domain) : null,
    };
  });
  const validity = momentValidity(derivation, domain);
  const check = { family, derivation, domain, validity, samples, procedures, claims: [] as ClaimVerdict[] };
  check.claims = familyClaims(check);
  return check;
}
