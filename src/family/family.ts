/**
 * A family of models of the linear family: a spec whose moments and rates are polynomials in
 * declared symbols (`s`, `c`, `tau`), each symbol with its assumptions. Produced by
 * `parseFamilySpec` (spec.ts); every analysis of a family holds for all admissible values of the
 * symbols, or names the values where it does not.
 *
 * Example: `covariance: [[x]], noise: sigma2` with `parameters: {x: positive, sigma2: positive}`
 * gives Σ1 = Σ2 = [[x + sigma2]] and Σ12 = [[x]], polynomials over the ring (sigma2, x).
 */
import type { Rational } from '../exact/rational.js';
import type { EncoderKind, PredictorKind, ProcedureName } from '../model/model.js';
import type { Poly } from '../poly/poly.js';
import type { Ring } from '../poly/ring.js';

import type { SignClass } from './positivity.js';

export type { SignClass };

/** One declared symbol. */
export interface FamilySymbol {
  name: string;
  sign: SignClass;
}

/** A polynomial inequality between symbols, `lhs < rhs` (strict) or `lhs ≤ rhs`, as written. */
export interface Inequality {
  text: string;
  lhs: Poly;
  rhs: Poly;
  strict: boolean;
}

/** A matrix of polynomials in the family's symbols, row-major. */
export type PolyMatrix = Poly[][];

export type FamilyData =
  | { kind: 'noise'; covariance: PolyMatrix; noise: Poly }
  | { kind: 'explicit' };

export interface Family {
  name: string;
  encoder: { kind: EncoderKind; in: number; out: number };
  predictor: { kind: PredictorKind };
  /** The symbols, sorted by name: the order of `ring`. */
  symbols: FamilySymbol[];
  /** The ring of the symbols alone; moments and rates live here. */
  ring: Ring;
  inequalities: Inequality[];
  moments: { sigma1: PolyMatrix; sigma2: PolyMatrix; sigma12: PolyMatrix };
  data: FamilyData;
  weightDecay: Poly;
  predictorRate: Poly;
  emaRate: Poly;
  procedures: ProcedureName[];
}

/** Values for every symbol of a family, by name. */
export type SymbolValues = ReadonlyMap<string, Rational>;
