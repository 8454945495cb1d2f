/**
 * One section per procedure (in the spec's order), whose subsections come from the
 * per-procedure builders (`registerProcedureSection`): field, Jacobian, curl, and whatever is
 * added later.
 */
import type { BuiltSection, ProcedureContext, ReportContext } from '../context.js';
import { type Inline, code, math, paragraph, text } from '../document.js';
import { DEFAULT_DYNAMICS_MAX_STATE } from '../../analyses/dynamics.js';
import type { ProcedureName } from '../../model/model.js';

/** How each field is obtained from F, in words (ASCII text and LaTeX). */
const HOW: Record<ProcedureName, Inline[]> = {
  gd: [text('gradient flow on the original objective '), math('E(A, B) = F(A, B, A)'), text(': the target is the encoder before differentiating')],
  sg: [text('the gradients of '), math('F(A, B, T)'), text(' in the online blocks, taken with the target held fixed and evaluated at '), math('T = A')],
  ema: [text('the gradients of '), math('F(A, B, T)'), text(' at the current target, which follows the encoder, '), math('\\dot{T} = \\tau (A - T)')],
};
import { procedureSectionBuilders, registerSection } from './registry.js';

function build(ctx: ReportContext): BuiltSection | null {
  if (ctx.model.procedures.length === 0) return null;
  const subsections = ctx.model.procedures.map((name): BuiltSection => {
    const core = ctx.check.derivation.procedures.find((p) => p.procedure.name === name)!;
    const pctx: ProcedureContext = {
      report: ctx,
      name,
      core,
      check: ctx.check.procedures.find((p) => p.name === name)!,
      matrix: ctx.matrix.procedures.find((p) => p.name === name)!,
    };
    const parts = procedureSectionBuilders()
      .map((b) => b.build(pctx))
      .filter((s): s is BuiltSection => s !== null);
    return {
      id: `procedure-${name}`,
      title: `${name.toUpperCase()}: ${core.procedure.title}`,
      blocks: [paragraph(text('The field: '), ...HOW[name], text(`. The state has ${core.state.length} coordinates.`))],
      subsections: parts,
    };
  });
  return {
    id: 'procedures',
    title: 'Procedures',
    blocks: [
      paragraph(
        text(
          'For each training procedure: its field in matrix form and in coordinates, the Jacobian as an operator and in Kronecker form, and the curl with the verdict on integrability' +
            (ctx.check.analyses.length > 1
              ? '; then its equilibria and their stability, collapse, conserved quantities and constant metrics, as far as those analyses were run.'
              : `. The dynamical analyses (equilibria, stability, collapse, conserved quantities, constant metrics) were not run for this report: by default they run when every state dimension is at most ${DEFAULT_DYNAMICS_MAX_STATE} (the largest here is ${Math.max(...ctx.check.derivation.procedures.map((d) => d.state.length))}), and `),
        ),
        ...(ctx.check.analyses.length > 1 ? [] : [code('--analyses all'), text(' selects them.')]),
      ),
    ],
    subsections,
  };
}

registerSection({ id: 'procedures', order: 30, build });
