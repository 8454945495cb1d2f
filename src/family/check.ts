/**
 * Every analysis of a family, for all admissible values of its symbols: the findings as data,
 * which `check` prints, `check --json` serialises, the report renders and the certificate writer
 * turns into certificates. Decides nothing by itself: each part lives in its own file.
 *
 * Example: `checkFamily(family, { seed: 1 }).procedures[1].integrability.kind === 'not-gradient'`
 * for SG on the scalar family.
 */
import type { Rational } from '../exact/rational.js';
import { findAdmissibleValues } from './admissible.js';
import { type FamilyGdCollapse, familyGdCollapse } from './collapse.js';
import { type FamilyDerivation, type FamilyProcedure, deriveFamily } from './derive.js';
import { domainOf } from './domain.js';
import type { Family } from './family.js';
import { type FamilyIntegrability, familyIntegrability } from './integrability.js';
import { type FamilyInvariants, familyInvariants } from './invariants.js';
import { type MomentValidity, momentValidity } from './moment-validity.js';
import { type ParametricPoint, parametricPoints } from './points.js';
import type { PositivityContext } from './positivity.js';
import { type FamilyStability, familyStability } from './stability.js';
import { type ClaimVerdict } from '../analyses/claims.js';
import { familyClaims } from './claims.js';

export interface FamilyCheckOptions {
  seed: number;
  /** Admissible values at which conditions are also evaluated. */
  samples?: number;
}

export interface FamilyPointCheck {
  point: ParametricPoint;
  stability: FamilyStability;
}

export interface FamilyProcedureCheck {
  fp: FamilyProcedure;
  label: string;
  integrability: FamilyIntegrability;
  invariants: FamilyInvariants;
  points: FamilyPointCheck[];
  /** GD only. */
  collapse: FamilyGdCollapse | null;
}

export interface FamilyCheck {
  family: Family;
  derivation: FamilyDerivation;
  domain: PositivityContext;
  validity: MomentValidity;
  /** Seeded admissible values (valid models) used for numeric evaluation of conditions. */
  samples: Array<Map<string, Rational>>;
  procedures: FamilyProcedureCheck[];
  claims: ClaimVerdict[];
}

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
