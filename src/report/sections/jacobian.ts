/** Per procedure: the Jacobian as an operator, in Kronecker form, and in coordinates. */
import { variableLatex } from '../../notation/latex-poly.js';
import { type Block, math, paragraph, ref, text } from '../document.js';
import { CLOSED_FORMS } from '../reading-ids.js';
import type { BuiltSection, ProcedureContext } from '../context.js';
import { dotLatex, presentMatrix } from '../instantiated.js';
import { stepsBlock } from '../rules.js';
import { stateLayout } from './layout.js';
import { registerProcedureSection } from './registry.js';

function build(ctx: ProcedureContext): BuiltSection {
  const mm = ctx.report.matrix.model;
  const names = ctx.core.stateNames;
  const n = names.length;
  const agreement = ctx.report.agreements.find((a) => a.subject === `${ctx.name} Jacobian`);
  const shown = presentMatrix({
    m: ctx.core.jacobian,
    layout: stateLayout(ctx),
    left: '\\mathrm{D}V',
    caption: [text(`The Jacobian of the ${ctx.label} field in coordinates, `), math(`${n} \\times ${n}`), text(', by blocks:')],
    entryLeft: (i, j) => `\\partial_{${variableLatex(names[j]!)}} ${dotLatex(names[i]!)}`,
    appendixId: `${ctx.name}-jacobian-coordinates`,
    appendixTitle: `${ctx.label} Jacobian in coordinates`,
    limits: ctx.report.limits,
  });
  // With p = q = 1 every block is 1×1: vec is the identity and the Kronecker form repeats the
  // operator entry by entry, so that step is left out (the coordinates below show the same).
  const scalarBlocks = mm.p.size === 1 && mm.q.size === 1;
  const steps = scalarBlocks ? ctx.matrix.jacobian.steps.filter((s) => s.rule !== 'vec') : ctx.matrix.jacobian.steps;
  const blocks: Block[] = [
    stepsBlock(steps, { mm, procedure: ctx.core.procedure, said: { first: ctx.report.said, here: `${ctx.name}-jacobian` } }),
    ...(scalarBlocks && agreement && ctx.report.said.has(CLOSED_FORMS)
      ? // The field is factored in the closed-form section and every entry is in the JSON: the
        // matrix of its derivatives would be a raw listing.
        [paragraph(text('In coordinates: the derivatives of the field of '), ref(CLOSED_FORMS), text(`; the operator above gives the same ${agreement.entries} entries (compared exactly; each in the JSON report).`))]
      : [
          paragraph(
            text('In coordinates: '),
            ...(agreement
              ? [
                  text(
                    scalarBlocks
                      ? `the Jacobian of the coordinate field; the operator above (its blocks are 1×1 here) gives the same ${agreement.entries} entries (compared exactly):`
                      : `the Kronecker blocks above, evaluated and restricted to the free coordinates, equal the Jacobian of the coordinate field (${agreement.entries} entries compared exactly):`,
                  ),
                ]
              : [text('(At this size the Kronecker blocks were not re-evaluated entry by entry.)')]),
          ),
          ...shown.body,
        ]),
  ];
  return {
    id: `${ctx.name}-jacobian`,
    title: 'Jacobian',
    blocks,
    appendix: shown.appendix,
    data: {
      jacobian: ctx.core.jacobian.flatMap((row, i) =>
        row.flatMap((p, j) => (p.isZero() ? [] : [{ row: names[i], column: names[j], value: p.toString() }])),
      ),
    },
  };
}

registerProcedureSection({ id: 'jacobian', order: 20, build });
