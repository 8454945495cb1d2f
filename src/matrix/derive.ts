/**
 * Every matrix-level derivation of a model in one call: the symbols, the objective in trace
 * form, and per procedure its field, Jacobian operator with Kronecker blocks, and curl (for V and,
 * when a rate differs from 1, for P⁻¹V).
 *
 * Example: `deriveMatrixModel(model).procedures[0].field.steps` — the steps to print.
 */
import type { Model, ProcedureName } from '../model/model.js';
import { type CurlDerivation, deriveCurl } from './curl.js';
import { type JacobianDerivation, deriveJacobian } from './jacobian.js';
import { type MatrixModel, matrixModel } from './linear-model.js';
import { type ObjectiveDerivation, deriveObjective } from './objective.js';
import { getProcedure } from '../procedures/index.js';
import { type FieldDerivation, MATRIX_FIELD } from './procedures/index.js';

export interface MatrixProcedureDerivation {
  name: ProcedureName;
  field: FieldDerivation;
  jacobian: JacobianDerivation;
  curl: CurlDerivation;
  /** The curl of P⁻¹V; null when every rate is 1. */
  rateAdjustedCurl: CurlDerivation | null;
}

export interface MatrixDerivation {
  model: MatrixModel;
  objective: ObjectiveDerivation;
  procedures: MatrixProcedureDerivation[];
}

export function deriveMatrixModel(model: Model): MatrixDerivation {
  const mm = matrixModel(model);
  const objective = deriveObjective(mm);
  const procedures = model.procedures.map((name): MatrixProcedureDerivation => {
    const field = MATRIX_FIELD[getProcedure(name).recipe](mm, objective);
    // Mirrors the core: P⁻¹V is a separate question exactly when some state rate differs from 1.
    const hasRates = field.blocks.some(
      (b) => (b.block.role === 'predictor' && !model.predictorRate.isOne()) || (b.block.role === 'target' && !model.emaRate.isOne()),
    );
    return {
      name,
      field,
      jacobian: deriveJacobian(mm, field),
      curl: deriveCurl(mm, field, 'euclidean'),
      rateAdjustedCurl: hasRates ? deriveCurl(mm, field, 'rate-adjusted') : null,
    };
  });
  return { model: mm, objective, procedures };
}
