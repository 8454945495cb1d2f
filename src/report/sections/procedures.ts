/**
 * One section per procedure (in the spec's order), whose subsections come from the
 * per-procedure builders (`registerProcedureSection`): field, Jacobian, curl, and whatever is
 * added later.
 */
import type { BuiltSection, ProcedureContext, ReportContext } from '../context.js';
import { code, paragraph, text } from '../document.js';
import { DEFAULT_DYNAMICS_MAX_STATE } from '../../analyses/analysis.js';
import { procedureSectionBuilders, registerSection } from './registry.js';

/** Each procedure of the spec, in its order, as the context its sections are built from. */
export function procedureContexts(ctx: ReportContext): ProcedureContext[] {
  return ctx.model.procedures.map((name) => {
    const core = ctx.check.derivation.procedures.find((p) => p.procedure.name === name)!;
    return {
      report: ctx,
      name,
      label: core.procedure.words.label,
      core,
      check: ctx.check.procedures.find((p) => p.name === name)!,
      matrix: ctx.matrix.procedures.find((p) => p.name === name)!,
    };
  });
}

function build(ctx: ReportContext): BuiltSection | null {
  if (ctx.model.procedures.length === 0) return null;
  const subsections = procedureContexts(ctx).map((pctx): BuiltSection => {
    const core = pctx.core;
    const parts = procedureSectionBuilders()
      .map((b) => b.build(pctx))
      .filter((s): s is BuiltSection => s !== null);
    return {
      id: `procedure-${pctx.name}`,
      title: `${core.procedure.words.label}: ${core.procedure.words.title}`,
      // What the procedure does is step (1) of its field's derivation, and the state's size shows in
      // its field: an opening paragraph would say both again.
      blocks: [],
      subsections: parts,
    };
  });
  return {
    id: 'procedures',
    title: 'Procedures',
    blocks: [
      // The contents list what each procedure's section holds; only a missing analysis needs a word.
      ...(ctx.check.analyses.length > 1
        ? []
        : [
            paragraph(
              text(
                `For each training procedure: its field, its Jacobian and its curl with the verdict on integrability. The dynamical analyses (equilibria, stability, collapse, conserved quantities, constant metrics) were not run for this report: by default they run when every state dimension is at most ${DEFAULT_DYNAMICS_MAX_STATE} (the largest here is ${Math.max(...ctx.check.derivation.procedures.map((d) => d.state.length))}), and `),
              code('--analyses all'),
              text(' selects them.'),
            ),
          ]),
    ],
    subsections,
  };
}

registerSection({ id: 'procedures', order: 30, build });
