/**
 * A validated model of the linear family (MATH.md §4): every number exact, every moment matrix
 * checked. Produced by `parseSpec` (spec.ts); consumed by the objective and the procedures.
 */
import type { Rational } from '../exact/rational.js';

export type EncoderKind = 'linear' | 'diagonal' | 'scalar';
export type PredictorKind = 'linear' | 'diagonal' | 'identity';
/** A registered procedure's name (src/procedures/: gd, sg, ema, and any added there). */
export type ProcedureName = string;

/** A dense matrix of exact rationals, row-major: `m[i][j]` is row i, column j (0-based). */
export type RationalMatrix = Rational[][];

/** How the spec described the data; kept so reports can restate it. */
export type DataSource =
  | { kind: 'noise'; covariance: RationalMatrix; noise: Rational }
  | { kind: 'explicit' };

export interface Model {
  name: string;
  /** Encoder `A ∈ ℝ^{q×p}`: `in` is p, `out` is q. The EMA target has the same kind. */
  encoder: { kind: EncoderKind; in: number; out: number };
  /** Predictor `B ∈ ℝ^{q×q}` acting on the code. */
  predictor: { kind: PredictorKind };
  /** Second moments of the views: Σ1 = E[x1 x1ᵀ] (p×p), Σ2 = E[x2 x2ᵀ], Σ12 = E[x1 x2ᵀ]. */
  moments: { sigma1: RationalMatrix; sigma2: RationalMatrix; sigma12: RationalMatrix };
  data: DataSource;
  /** λ ≥ 0 */
  weightDecay: Rational;
  /** α > 0, the predictor's learning-rate ratio */
  predictorRate: Rational;
  /** τ > 0, the continuous EMA rate */
  emaRate: Rational;
  /** Procedures to analyse, in the order given, without repeats. */
  procedures: ProcedureName[];
}

/** Limits that keep every analysis bounded; documented in docs/spec.md. */
export const LIMITS = {
  /** Largest input dimension p and code dimension q. */
  maxDimension: 64,
  /** Largest EMA state dimension 2·(encoder parameters) + (predictor parameters). */
  maxStateDimension: 800,
  /** Largest spec file, in bytes. */
  maxSpecBytes: 1_000_000,
  /**
   * Every nonzero number of a spec (moments, rates, weight decay) has magnitude between
   * 10^-maxMagnitudeExponent and 10^maxMagnitudeExponent. The float evidence (eigenvalues, flows,
   * curl samples) multiplies a rate by a moment and squares the product; 10^±200 stays far inside
   * double precision's normal range (about 10^±308), so floats neither overflow nor underflow
   * where the exact analyses do not need them to (issue 9).
   */
  maxMagnitudeExponent: 50,
} as const;
