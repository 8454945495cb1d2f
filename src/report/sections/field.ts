/** Per procedure: the field derived in matrix form, then in coordinates. */
import { type Block, paragraph, ref, text } from '../document.js';
import { CLOSED_FORMS } from '../reading-ids.js';
import type { BuiltSection, ProcedureContext } from '../context.js';
import { fieldRows, presentRows, termCount } from '../instantiated.js';
import { stepsBlock } from '../rules.js';
import { registerProcedureSection } from './registry.js';

function build(ctx: ProcedureContext): BuiltSection {
  const mm = ctx.report.matrix.model;
  const agreement = ctx.report.agreements.find((a) => a.subject === `${ctx.name} field`);
  const shown = presentRows({
    rows: fieldRows(ctx.core.stateNames, ctx.core.field),
    terms: termCount(ctx.core.field),
    what: 'The field in coordinates',
    appendixId: `${ctx.name}-field-coordinates`,
    appendixTitle: `${ctx.label} field in coordinates`,
    limits: ctx.report.limits,
  });
  const blocks: Block[] = [
    stepsBlock(ctx.matrix.field.steps, { mm, procedure: ctx.core.procedure, said: { first: ctx.report.said, here: `${ctx.name}-field` } }),
    ...(ctx.report.said.has(CLOSED_FORMS) && agreement
      ? [paragraph(text(`In coordinates: the field factored in `), ref(CLOSED_FORMS), text(`; the matrix form above gives the same ${agreement.entries} polynomials (compared exactly).`))]
      : [
          paragraph(
            text(
              agreement
                ? `In coordinates, as derived from the polynomial F; the matrix form above gives the same ${agreement.entries} polynomials (compared exactly):`
                : 'In coordinates, as derived coordinate by coordinate from the polynomial F. (At this size the matrix form was not re-evaluated entry by entry.)',
            ),
          ),
          ...shown.body,
        ]),
  ];
  return {
    id: `${ctx.name}-field`,
    title: 'Field',
    blocks,
    appendix: shown.appendix,
    data: {
      state: ctx.core.stateNames,
      rates: ctx.core.rates.map(String),
      field: ctx.core.field.map(String),
    },
  };
}

registerProcedureSection({ id: 'field', order: 10, build });
