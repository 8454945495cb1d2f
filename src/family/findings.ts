/**
 * What `checkFamily` finds, as types: the data every printer, the certificate writer and the
 * claims read. Kept apart from check.ts so that claims.ts, which check.ts calls, can name them.
 */
import type { ClaimVerdict } from '../analyses/claims.js';
import type { Rational } from '../exact/rational.js';
import type { FamilyGdCollapse } from './collapse.js';
import type { FamilyDerivation, FamilyProcedure } from './derive.js';
import type { Family } from './family.js';
import type { FamilyIntegrability } from './integrability.js';
import type { FamilyInvariants } from './invariants.js';
import type { MomentValidity } from './moment-validity.js';
import type { ParametricPoint } from './points.js';
import type { PositivityContext } from './positivity.js';
import type { FamilyStability } from './stability.js';

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
