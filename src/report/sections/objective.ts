/** Section "Objective": F derived in trace form from ½ E‖BAx1 − Tx2‖², then in coordinates. */
import type { BuiltSection, ReportContext } from '../context.js';
import { type Block, math, paragraph, text } from '../document.js';
import { polyRows } from '../equations.js';
import { presentRows } from '../instantiated.js';
import { stepsBlock } from '../rules.js';
import { registerSection } from './registry.js';

function build(ctx: ReportContext): BuiltSection {
  const { matrix, check } = ctx;
  const F = check.derivation.objective;
  const agreement = ctx.agreements.find((a) => a.subject === 'objective F(A, B, T)')!;
  const shown = presentRows({
    rows: polyRows('F', F),
    terms: F.size,
    what: 'This polynomial',
    appendixId: 'objective-coordinates',
    appendixTitle: 'The objective in coordinates',
    limits: ctx.limits,
  });
  const blocks: Block[] = [
    stepsBlock(matrix.objective.steps, { mm: matrix.model }),
    paragraph(
      text('In coordinates (every entry of '),
      math('A'),
      text(', '),
      math('B'),
      text(', '),
      math('T'),
      text(
        ` a variable), the trace form is a polynomial, and expanding the expectation entry by entry gives the same polynomial (compared exactly${agreement.ok ? ', equal' : ''}).`,
      ),
    ),
    ...shown.body,
  ];
  return { id: 'objective', title: 'Objective', blocks, appendix: shown.appendix, data: { objective: F.toString() } };
}

registerSection({ id: 'objective', order: 20, build });
