/**
 * Moving-average target (BYOL), matrix form: differentiate F in the online blocks at (A, B, T),
 * T being its own state that follows the encoder. With the residual R = BAΣ1 − TΣ12ᵀ:
 * Ȧ = −BᵀR − λA, Ḃ = −α(RAᵀ + λB), Ṫ = τ(A − T).
 */
import type { Step } from '../steps.js';
import {
  RATE,
  definitionRows,
  definitionThenResult,
  differentiate,
  fieldRows,
  gradientSteps,
  onlineBlocks,
  onlineFieldBlock,
  residual,
  specializeStep,
  targetFieldBlock,
  type FieldDerivation,
} from './common.js';
import type { MatrixModel } from '../linear-model.js';
import type { ObjectiveDerivation } from '../objective.js';

export function movingAverageMatrix(mm: MatrixModel, objective: ObjectiveDerivation): FieldDerivation {
  const online = onlineBlocks(mm);
  const states = online.map((b) => b.state!);
  const R = residual(mm, false);
  const d = differentiate(objective.form, states);
  const blocks = [
    ...online.map((b) => onlineFieldBlock(b, RATE[b.role as 'encoder' | 'predictor'], d.gradients.get(b.state!.id)!)),
    targetFieldBlock(mm),
  ];
  const steps: Step[] = [
    ...gradientSteps('F', d, states, [R]),
    {
      rule: 'field',
      rows: [
        ...definitionThenResult(definitionRows(blocks.slice(0, -1), 'F', []), fieldRows(blocks.slice(0, -1), [R], {})),
        ...fieldRows(blocks.slice(-1), [], {}),
      ],
    },
  ];
  const special = specializeStep(mm, blocks, [R]);
  if (special) steps.push(special);
  return { blocks, steps, residual: R };
}
