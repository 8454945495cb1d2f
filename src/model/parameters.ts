/**
 * The parameter blocks of a linear model as matrices of polynomials over one ring.
 *
 * Example: for `encoder: {kind: scalar, in: 2, out: 2}` the encoder matrix is
 * `[[A_1_1, 0], [0, A_1_1]]` and its only state variable is `A_1_1`.
 *
 * The ring holds the state variables (A, then B, then T, each row-major) followed by the
 * entries of the two views x1, x2, which the objective needs before taking expectations.
 */
import { Rational } from '../exact/rational.js';
import { Poly } from '../poly/poly.js';
import { Ring } from '../poly/ring.js';
import type { EncoderKind, Model, PredictorKind } from './model.js';

export interface ParameterBlock {
  /** 'A' encoder θ, 'B' predictor ψ, 'T' EMA target ξ. */
  symbol: 'A' | 'B' | 'T';
  rows: number;
  cols: number;
  /** Ring indices of the block's free parameters (the state coordinates), in state order. */
  variables: number[];
  /** The matrix, entry by entry, as polynomials in the free parameters. */
  matrix: Poly[][];
}

export interface Parametrization {
  ring: Ring;
  encoder: ParameterBlock;
  predictor: ParameterBlock;
  target: ParameterBlock;
  /** Ring indices of the entries of x1 and x2. */
  view1: number[];
  view2: number[];
}

type BlockKind = EncoderKind | PredictorKind;

/** The (row, col) pairs that carry a free parameter, and how entries share them. */
function freeEntries(kind: BlockKind, rows: number, cols: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (kind === 'linear') {
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out.push([i, j]);
  } else if (kind === 'diagonal') {
    for (let i = 0; i < Math.min(rows, cols); i++) out.push([i, i]);
  } else if (kind === 'scalar') {
    out.push([0, 0]);
  }
  return out;
}

function variableName(symbol: string, i: number, j: number): string {
  return `${symbol}_${i + 1}_${j + 1}`;
}

function blockNames(symbol: string, kind: BlockKind, rows: number, cols: number): string[] {
  return freeEntries(kind, rows, cols).map(([i, j]) => variableName(symbol, i, j));
}

function buildBlock(ring: Ring, symbol: 'A' | 'B' | 'T', kind: BlockKind, rows: number, cols: number): ParameterBlock {
  const zero = Poly.zero(ring);
  const one = Poly.constant(ring, Rational.ONE);
  const variables = blockNames(symbol, kind, rows, cols).map((n) => ring.indexOf(n));
  const matrix: Poly[][] = [];
  for (let i = 0; i < rows; i++) {
    const row: Poly[] = [];
    for (let j = 0; j < cols; j++) {
      if (kind === 'linear') row.push(Poly.variable(ring, ring.indexOf(variableName(symbol, i, j))));
      else if (i !== j) row.push(zero);
      else if (kind === 'diagonal') row.push(Poly.variable(ring, ring.indexOf(variableName(symbol, i, i))));
      else if (kind === 'scalar') row.push(Poly.variable(ring, variables[0]!));
      else row.push(one); // identity predictor: fixed, no parameter
    }
    matrix.push(row);
  }
  return { symbol, rows, cols, variables, matrix };
}

/**
 * Builds the ring and the three parameter blocks of `model`. A family's `symbols` (moments and
 * rates in symbols, src/family/) join the ring between the state and the views: they are never
 * differentiated, and the views must stay last for `expectation`.
 */
export function parametrize(model: Pick<Model, 'encoder' | 'predictor'>, symbols: readonly string[] = []): Parametrization {
  const p = model.encoder.in;
  const q = model.encoder.out;
  const enc = model.encoder.kind;
  const pred = model.predictor.kind;
  const names = [
    ...blockNames('A', enc, q, p),
    ...blockNames('B', pred, q, q),
    ...blockNames('T', enc, q, p),
    ...symbols,
    ...Array.from({ length: p }, (_, j) => `x1_${j + 1}`),
    ...Array.from({ length: p }, (_, j) => `x2_${j + 1}`),
  ];
  const ring = new Ring(names);
  return {
    ring,
    encoder: buildBlock(ring, 'A', enc, q, p),
    predictor: buildBlock(ring, 'B', pred, q, q),
    target: buildBlock(ring, 'T', enc, q, p),
    view1: Array.from({ length: p }, (_, j) => ring.indexOf(`x1_${j + 1}`)),
    view2: Array.from({ length: p }, (_, j) => ring.indexOf(`x2_${j + 1}`)),
  };
}

/** The substitution ξ := θ as a variable renaming: each target parameter to its encoder twin. */
export function targetToEncoder(params: Parametrization): Map<number, number> {
  const map = new Map<number, number>();
  params.target.variables.forEach((v, k) => map.set(v, params.encoder.variables[k]!));
  return map;
}
