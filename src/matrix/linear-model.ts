/**
 * The symbols of one linear model (docs/math.md §4): A ∈ ℝ^{q×p}, B ∈ ℝ^{q×q}, T ∈ ℝ^{q×p}, the
 * moments with the symmetries the model's numbers actually have, and what each parameter matrix
 * stands for given its kind:
 *
 * | kind      | matrix                 | state symbol |
 * |-----------|------------------------|--------------|
 * | linear    | A                      | A            |
 * | diagonal  | A (diagonal; Aᵀ = A if square) | A     |
 * | scalar    | a·J, J = I_{q×p}       | a            |
 * | identity  | I                      | none         |
 *
 * Example: `matrixModel(model).encoder.state` is the symbol A (or a for a scalar encoder).
 */
import { Rational } from '../exact/rational.js';
import type { EncoderKind, Model, PredictorKind, RationalMatrix } from '../model/model.js';
import type { ParameterBlock, Parametrization } from '../model/parameters.js';
import { Poly } from '../poly/poly.js';
import { type Environment, type PolyMatrix, constantMatrix, identityMatrix } from './instantiate.js';
import { MatrixForm } from './normal-form.js';
import type { ScalarValues } from './scalars.js';
import { type Dim, type MatSymbol, SCALAR_SHAPE, matrixSymbol } from './symbols.js';

export interface MatrixBlock {
  role: 'encoder' | 'predictor' | 'target';
  /** The parameter matrix as written in F: A, B or T. */
  matrix: MatSymbol;
  kind: EncoderKind | PredictorKind;
  /** The state coordinates' symbol: the matrix itself, a scalar a / t, or null (fixed identity). */
  state: MatSymbol | null;
  /** The matrix in terms of the state: A, a·J or I. */
  value: MatrixForm;
}

export interface MatrixModel {
  model: Model;
  p: Dim;
  q: Dim;
  encoder: MatrixBlock;
  predictor: MatrixBlock;
  target: MatrixBlock;
  sigma1: MatSymbol;
  sigma2: MatSymbol;
  sigma12: MatSymbol;
  x1: MatSymbol;
  x2: MatSymbol;
  /** The rectangular identity I_{q×p} of a scalar encoder with p ≠ q. */
  J: MatSymbol | null;
  /** Σ1 = Σ2 (then both are written Σ). */
  exchangeable: boolean;
  /** Σ12 = Σ12ᵀ. */
  crossSymmetric: boolean;
  /** λ, α, τ of the model. */
  values: Required<ScalarValues>;
}

function isSymmetric(m: RationalMatrix): boolean {
  return m.every((row, i) => row.every((x, j) => x.equals(m[j]![i]!)));
}

function sameMatrix(a: RationalMatrix, b: RationalMatrix): boolean {
  return a.every((row, i) => row.every((x, j) => x.equals(b[i]![j]!)));
}

const RANK = { B: 0, A: 1, T: 2, J: 4, Sigma1: 6, Sigma2: 7, Sigma12: 8, x1: 9, x2: 10 };

/** Builds the symbols of `model`. */
export function matrixModel(model: Model): MatrixModel {
  const p: Dim = { name: 'p', size: model.encoder.in };
  const q: Dim = { name: 'q', size: model.encoder.out };
  const square = p.size === q.size;
  const { sigma1, sigma2, sigma12 } = model.moments;
  const exchangeable = sameMatrix(sigma1, sigma2);
  const crossSymmetric = isSymmetric(sigma12);
  const moment = (id: string, latex: string, m: RationalMatrix, rank: number) =>
    matrixSymbol({ id, latex, shape: { rows: p, cols: p }, symmetric: isSymmetric(m), role: 'constant', rank });
  const S1 = exchangeable ? moment('Sigma', '\\Sigma', sigma1, RANK.Sigma1) : moment('Sigma1', '\\Sigma_{1}', sigma1, RANK.Sigma1);
  const S2 = exchangeable ? S1 : moment('Sigma2', '\\Sigma_{2}', sigma2, RANK.Sigma2);
  const S12 = moment('Sigma12', '\\Sigma_{12}', sigma12, RANK.Sigma12);
  const view = (id: string, latex: string, rank: number) =>
    matrixSymbol({ id, latex, shape: { rows: p, cols: { name: '1', size: 1 } }, symmetric: false, role: 'view', rank });
  const J =
    model.encoder.kind === 'scalar' && !square
      ? matrixSymbol({ id: 'J', latex: 'I_{q\\times p}', shape: { rows: q, cols: p }, symmetric: false, role: 'constant', rank: RANK.J })
      : null;

  const encoderBlock = (role: 'encoder' | 'target', id: 'A' | 'T', scalarName: string, rank: number): MatrixBlock => {
    const kind = model.encoder.kind;
    const matrix = matrixSymbol({
      id,
      latex: id,
      shape: { rows: q, cols: p },
      symmetric: kind === 'diagonal' && square,
      role: 'state',
      rank,
    });
    if (kind !== 'scalar') return { role, matrix, kind, state: matrix, value: MatrixForm.symbol(matrix) };
    const scalar = matrixSymbol({ id: scalarName, latex: scalarName, shape: SCALAR_SHAPE, symmetric: true, role: 'state', rank });
    const unit = J ? MatrixForm.symbol(J) : MatrixForm.identity(q);
    return { role, matrix, kind, state: scalar, value: MatrixForm.symbol(scalar).mul(unit) };
  };
  const predictorKind = model.predictor.kind;
  const B = matrixSymbol({
    id: 'B',
    latex: 'B',
    shape: { rows: q, cols: q },
    symmetric: predictorKind === 'diagonal',
    role: 'state',
    rank: RANK.B,
  });
  const predictor: MatrixBlock =
    predictorKind === 'identity'
      ? { role: 'predictor', matrix: B, kind: predictorKind, state: null, value: MatrixForm.identity(q) }
      : { role: 'predictor', matrix: B, kind: predictorKind, state: B, value: MatrixForm.symbol(B) };
  return {
    model,
    p,
    q,
    encoder: encoderBlock('encoder', 'A', 'a', RANK.A),
    predictor,
    target: encoderBlock('target', 'T', 't', RANK.T),
    sigma1: S1,
    sigma2: S2,
    sigma12: S12,
    x1: view('x1', 'x_{1}', RANK.x1),
    x2: view('x2', 'x_{2}', RANK.x2),
    J,
    exchangeable,
    crossSymmetric,
    values: { lambda: model.weightDecay, alpha: model.predictorRate, tau: model.emaRate },
  };
}

/** The substitutions that express F in the state symbols: B ↦ I, A ↦ aJ, T ↦ tJ (when they apply). */
export function kindSubstitutions(mm: MatrixModel): Map<string, MatrixForm> {
  const out = new Map<string, MatrixForm>();
  for (const b of [mm.encoder, mm.predictor, mm.target]) {
    if (b.state === null || b.state.id !== b.matrix.id) out.set(b.matrix.id, b.value);
  }
  return out;
}

/** ξ := θ in the state symbols: T ↦ A (or t ↦ a). */
export function targetToEncoder(mm: MatrixModel): Map<string, MatrixForm> {
  return new Map([[mm.target.state!.id, MatrixForm.symbol(mm.encoder.state!)]]);
}

function rationalPolyMatrix(params: Parametrization, m: RationalMatrix): PolyMatrix {
  return constantMatrix(params.ring, m.length, m[0]!.length, (i, j) => m[i]![j]!);
}

/** Values of every symbol for instantiation against the core's parametrization. */
export function environment(mm: MatrixModel, params: Parametrization): Environment {
  const symbols = new Map<string, PolyMatrix>();
  const ring = params.ring;
  const blocks: Array<[MatrixBlock, ParameterBlock]> = [
    [mm.encoder, params.encoder],
    [mm.predictor, params.predictor],
    [mm.target, params.target],
  ];
  for (const [b, pb] of blocks) {
    symbols.set(b.matrix.id, pb.matrix);
    if (b.state && b.state.id !== b.matrix.id) symbols.set(b.state.id, [[Poly.variable(ring, pb.variables[0]!)]]);
  }
  symbols.set(mm.sigma1.id, rationalPolyMatrix(params, mm.model.moments.sigma1));
  symbols.set(mm.sigma2.id, rationalPolyMatrix(params, mm.model.moments.sigma2));
  symbols.set(mm.sigma12.id, rationalPolyMatrix(params, mm.model.moments.sigma12));
  if (mm.J) {
    symbols.set(mm.J.id, constantMatrix(ring, mm.q.size, mm.p.size, (i, j) => (i === j ? Rational.ONE : Rational.ZERO)));
  }
  return { ring, symbols, scalars: mm.values };
}

/**
 * S_X: the columns are vec(∂X/∂θ_k) for the block's free parameters θ_k in state order, so that
 * vec(δX) = S_X δθ and the state-coordinate Jacobian block is S_Xᵀ (∂vec V_X/∂vec Y) S_Y.
 * A scalar state symbol (a) is its own coordinate: S = [1].
 */
export function selection(block: MatrixBlock, pb: ParameterBlock, params: Parametrization): PolyMatrix {
  if (block.state === null) return [];
  if (block.state.id !== block.matrix.id) return identityMatrix(params.ring, 1);
  const rows = pb.rows * pb.cols;
  return Array.from({ length: rows }, (_, r) => {
    const i = r % pb.rows;
    const j = Math.floor(r / pb.rows);
    return pb.variables.map((v) => pb.matrix[i]![j]!.derivative(v));
  });
}

/** The core parameter block of a matrix block. */
export function parameterBlock(block: MatrixBlock, params: Parametrization): ParameterBlock {
  return block.role === 'encoder' ? params.encoder : block.role === 'predictor' ? params.predictor : params.target;
}
