/** Section "How this report was checked": every exact comparison made while building it. */
import type { BuiltSection, ReportContext } from '../context.js';
import { emph, paragraph, text } from '../document.js';
import { registerSection } from './registry.js';

function build(ctx: ReportContext): BuiltSection {
  return {
    id: 'checks',
    title: 'How this report was checked',
    blocks: [
      // A difference stops the report (build.ts), so every comparison printed was equal: one paragraph says which.
      paragraph(
        text(
          'Two independent derivations stand behind each formula: the matrix calculus shown above, and the coordinate-wise derivation of the polynomial core. Every closed form was evaluated with this model\'s matrices and compared with the core entry by entry, in exact rational arithmetic (a difference stops the report); compared and found equal, with the number of polynomials: ',
        ),
        text(ctx.agreements.map((a) => `${a.subject} (${a.entries})`).join('; ')),
        text('. Verdicts marked proved rest on exact arithmetic only; floating-point samples never decide one. The same spec and options give the same report, byte for byte.'),
      ),
    ],
    data: { agreements: ctx.agreements },
  };
}

registerSection({ id: 'checks', order: 90, build });
