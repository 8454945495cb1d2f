/**
 * The Jacobian of a field as a linear operator and in Kronecker form:
 * - DV[δ], the directional derivative (product rule on the matrix field, δ = (δA, δB, δT));
 * - ∂vec V_X / ∂vec Y, one block per pair of state blocks, by vec(W₁ δY W₂) = (W₂ᵀ ⊗ W₁) vec δY.
 *
 * Computed from the field with the model's trivial values (λ = 0, α = 1, τ = 1) substituted, so
 * displays stay short; the other constants remain symbols until instantiation.
 *
 * Example: for SG, `deriveJacobian(mm, sg).blocks[0].operator` displays as −δBᵀM − BᵀδM.
 */
import { vary } from './calculus.js';
import { type MatExpr, neg, product, sum, sym } from './expr.js';
import { type Abbreviation, display } from './factor.js';
import { type KronBlock, kroneckerBlocks, kroneckerDisplay } from './kronecker.js';
import type { MatrixModel } from './linear-model.js';
import type { MatrixForm } from './normal-form.js';
import { type FieldBlock, type FieldDerivation } from './procedures/index.js';
import { LAMBDA, negate, trivialValues, variedAbbreviation } from './procedures/common.js';
import { type ScalarValues, substituteScalars } from './scalars.js';
import type { Step, StepRow } from './steps.js';
import { type MatSymbol, SCALAR_SHAPE, matrixSymbol, variationOf } from './symbols.js';

export interface OperatorBlock {
  field: FieldBlock;
  /** DV_X[δ] in matrix form (before restricting to the block's kind). */
  operator: MatrixForm;
  /** For an online block, D∇_X[δ] (the gradient's variation), used to display Diag(…). */
  gradientVariation: MatrixForm | null;
  /** Kronecker blocks of this row block, keyed by the column block's state id. */
  kron: Map<string, KronBlock>;
}

export interface JacobianDerivation {
  /** δX for each block, in state order. */
  directions: MatSymbol[];
  blocks: OperatorBlock[];
  /** Residual and its variation (M, δM), for displays. */
  abbreviations: Abbreviation[];
  values: ScalarValues;
  steps: Step[];
}

/** The whole direction δ = (δA, δB, …) or ε, as one display symbol. */
export function directionSymbol(kind: 'delta' | 'eps'): MatSymbol {
  return matrixSymbol({
    id: kind,
    latex: kind === 'delta' ? '\\delta' : '\\varepsilon',
    shape: SCALAR_SHAPE,
    symmetric: true,
    role: 'variation',
    rank: 100,
  });
}

function specialized(f: MatrixForm, values: ScalarValues): MatrixForm {
  return f.mapCoefficients((c) => substituteScalars(c, values));
}

/** Diag(X), keeping a leading sign outside. */
export function diagOf(e: MatExpr): MatExpr {
  return e.kind === 'neg' ? neg({ kind: 'diag', arg: e.arg }) : { kind: 'diag', arg: e };
}

/** DV_X[δ] as displayed: factored, with Diag(·) around the gradient part of a diagonal block. */
function operatorDisplay(b: OperatorBlock, abbreviations: readonly Abbreviation[], values: ScalarValues): MatExpr {
  const fb = b.field;
  if (fb.block.kind !== 'diagonal' || b.gradientVariation === null) return display(b.operator, { abbreviations });
  const g = diagOf(display(b.gradientVariation, { abbreviations }));
  const lambda = substituteScalars(LAMBDA, values);
  const rate = substituteScalars(fb.rate, values);
  const dx = sym(variationOf(fb.state, 'delta'));
  const decay = lambda.isZero() ? null : product([{ kind: 'coefficient', value: lambda }, dx]);
  const inner = decay ? sum([g, decay]) : g;
  const isOne = rate.isConstant() && rate.constantTerm().isOne();
  return isOne ? negate(inner) : neg(product([{ kind: 'coefficient', value: rate }, inner]));
}

/** S_Xᵀ (·) S_Y around a Kronecker block when a side is diagonal (its coordinates are a subset). */
function selected(expr: MatExpr, row: FieldBlock, col: FieldBlock): MatExpr {
  // S_Xᵀ (cI) S_Y = cI: the encoder and the target share one pattern of free entries.
  const bare = expr.kind === 'neg' ? expr.arg : expr;
  const scalarTimesIdentity =
    bare.kind === 'identity' || (bare.kind === 'product' && bare.factors.length === 2 && bare.factors[1]!.kind === 'identity');
  if (scalarTimesIdentity) return expr;
  const factors: MatExpr[] = [];
  if (row.block.kind === 'diagonal') factors.push({ kind: 'transpose', arg: { kind: 'selection', sym: row.state } });
  factors.push(expr);
  if (col.block.kind === 'diagonal') factors.push({ kind: 'selection', sym: col.state });
  return factors.length === 1 ? expr : product(factors);
}

export function deriveJacobian(mm: MatrixModel, fd: FieldDerivation): JacobianDerivation {
  const values = trivialValues(mm);
  const states = fd.blocks.map((b) => b.state);
  const directions = states.map((s) => variationOf(s, 'delta'));
  const toDelta = new Map(states.map((s, k) => [s.id, directions[k]!]));
  const abbreviations = [fd.residual, variedAbbreviation(fd.residual, 'delta', states)];
  const blocks: OperatorBlock[] = fd.blocks.map((fb) => {
    const operator = vary(specialized(fb.field, values), toDelta);
    const gradientVariation = fb.gradient ? vary(specialized(fb.gradient, values), toDelta) : null;
    return { field: fb, operator, gradientVariation, kron: kroneckerBlocks(operator, directions) };
  });

  const delta = sym(directionSymbol('delta'));
  const operatorRows: StepRow[] = blocks.map((b) => ({
    lhs: { kind: 'directional', of: { kind: 'rate', sym: b.field.state }, direction: delta },
    rhs: operatorDisplay(b, abbreviations, values),
  }));
  const kronRows: StepRow[] = [];
  for (const row of blocks) {
    for (const col of fd.blocks) {
      const k = row.kron.get(col.state.id);
      if (!k) continue;
      kronRows.push({
        lhs: { kind: 'jacobianBlock', of: { kind: 'rate', sym: row.field.state }, wrt: sym(col.state) },
        rhs: selected(kroneckerDisplay(k, { abbreviations: [fd.residual] }), row.field, col),
      });
    }
  }
  const steps: Step[] = [
    {
      rule: 'directional',
      rows: operatorRows,
      where: abbreviations.slice(1).map((a) => ({ symbol: a.symbol, definition: display(a.form) })),
    },
    { rule: 'vec', rows: kronRows },
  ];
  return { directions, blocks, abbreviations, values, steps };
}
