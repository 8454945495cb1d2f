/**
 * Gradient descent on the original objective, matrix form: set T := A in F first, giving
 * E(A, B), then differentiate E. With M = BAΣ1 − AΣ12ᵀ:
 * Ȧ = −BᵀM − AΣ2 + BAΣ12 − λA (for symmetric Σ2), Ḃ = −α(MAᵀ + λB).
 */
import { call, sym } from '../expr.js';
import { display } from '../factor.js';
import { targetToEncoder } from '../linear-model.js';
import type { Step } from '../steps.js';
import {
  RATE,
  definitionOf,
  definitionRows,
  definitionThenResult,
  differentiate,
  fieldRows,
  gradientSteps,
  onlineBlocks,
  onlineFieldBlock,
  residual,
  specializeStep,
  targetIsEncoder,
  type FieldDerivation,
} from './common.js';
import type { MatrixModel } from '../linear-model.js';
import type { ObjectiveDerivation } from '../objective.js';

export function identifyThenDifferentiateMatrix(mm: MatrixModel, objective: ObjectiveDerivation): FieldDerivation {
  const online = onlineBlocks(mm);
  const states = online.map((b) => b.state!);
  const M = residual(mm, true);
  const E = objective.form.substitute(targetToEncoder(mm));
  const d = differentiate(E, states);
  const blocks = online.map((b) => onlineFieldBlock(b, RATE[b.role as 'encoder' | 'predictor'], d.gradients.get(b.state!.id)!));
  const args = online.map((b) => sym(b.state!));
  const enc = sym(mm.encoder.state!);
  const Fargs = mm.predictor.state ? [enc, sym(mm.predictor.state), enc] : [enc, enc];
  const steps: Step[] = [
    {
      rule: 'original-objective',
      rows: [
        { lhs: call('E', args), rhs: call('F', Fargs) },
        { lhs: null, rhs: display(E) },
      ],
      substitutions: targetIsEncoder(mm),
    },
    ...gradientSteps('E', d, states, [M]),
    { rule: 'field', rows: definitionThenResult(definitionRows(blocks, 'E', []), fieldRows(blocks, [M], {})), where: [definitionOf(M)] },
  ];
  const special = specializeStep(mm, blocks, [M]);
  if (special) steps.push(special);
  return { blocks, steps, residual: M };
}
