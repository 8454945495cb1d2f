/**
 * Stop gradient (SimSiam), matrix form: differentiate F in the online blocks with T held fixed,
 * then set T := A. With the residual M = BAΣ1 − AΣ12ᵀ: Ȧ = −BᵀM − λA, Ḃ = −α(MAᵀ + λB).
 */
import { targetToEncoder } from '../linear-model.js';
import type { Step } from '../steps.js';
import {
  RATE,
  definitionOf,
  definitionRows,
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

export function differentiateThenIdentifyMatrix(mm: MatrixModel, objective: ObjectiveDerivation): FieldDerivation {
  const online = onlineBlocks(mm);
  const states = online.map((b) => b.state!);
  const R = residual(mm, false);
  const M = residual(mm, true);
  const d = differentiate(objective.form, states);
  const toEncoder = targetToEncoder(mm);
  const blocks = online.map((b) =>
    onlineFieldBlock(b, RATE[b.role as 'encoder' | 'predictor'], d.gradients.get(b.state!.id)!.substitute(toEncoder)),
  );
  const at = targetIsEncoder(mm);
  const steps: Step[] = [
    ...gradientSteps('F', d, states, [R]),
    { rule: 'field', rows: definitionRows(blocks, 'F', at) },
    { rule: 'stop-gradient', rows: fieldRows(blocks, [M], {}), where: [definitionOf(M)], substitutions: at },
  ];
  const special = specializeStep(mm, blocks, [M]);
  if (special) steps.push(special);
  return { blocks, steps, residual: M };
}
