/**
 * The matrix-level field derivations (with the steps a report prints), one per way of making a
 * field from F: the `recipe` a procedure registers with (src/procedures/procedure.ts). Keyed by
 * recipe, so a new procedure made by an existing recipe needs nothing here, and \`check\`, which
 * prints no derivation, never loads this layer.
 */
import type { FieldRecipe } from '../../procedures/procedure.js';
import type { MatrixModel } from '../linear-model.js';
import type { ObjectiveDerivation } from '../objective.js';
import type { FieldDerivation } from './common.js';
import { differentiateThenIdentifyMatrix } from './differentiate-then-identify.js';
import { identifyThenDifferentiateMatrix } from './identify-then-differentiate.js';
import { movingAverageMatrix } from './moving-average.js';

export type { FieldBlock, FieldDerivation } from './common.js';

export const MATRIX_FIELD: Record<FieldRecipe, (mm: MatrixModel, objective: ObjectiveDerivation) => FieldDerivation> = {
  'identify-then-differentiate': identifyThenDifferentiateMatrix,
  'differentiate-then-identify': differentiateThenIdentifyMatrix,
  'moving-average': movingAverageMatrix,
};
