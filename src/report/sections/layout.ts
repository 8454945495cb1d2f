/** The state of a procedure split into its blocks (A, B, T), for summaries and appendix titles. */
import { parameterBlock } from '../../matrix/linear-model.js';
import type { ProcedureContext } from '../context.js';
import type { StateLayout } from '../instantiated.js';

export function stateLayout(ctx: ProcedureContext): StateLayout {
  const params = ctx.report.check.derivation.params;
  return {
    names: ctx.core.stateNames,
    blocks: ctx.matrix.field.blocks.map((b) => ({ label: b.state.latex, size: parameterBlock(b.block, params).variables.length })),
  };
}
