/**
 * Per procedure: the conserved quantities of degree at most 2 (docs/math.md section 5: a² − b² under
 * SG on the scalar model), read off the `invariants` finding of `checkModel` — a basis of every
 * polynomial Q with ∇Q · V ≡ 0, complete and exact, with the rank of the linear system that
 * proves completeness.
 */
import { invariants } from '../../analyses/index.js';
import type { BuiltSection, ProcedureContext } from '../context.js';
import { type Block, type Inline, emph, math, paragraph, ref, text } from '../document.js';
import { READING } from '../reading-ids.js';
import { polyRows } from '../equations.js';
import { presentRows } from '../instantiated.js';
import { prose } from './dynamics-format.js';
import { registerProcedureSection } from './registry.js';

function build(ctx: ProcedureContext): BuiltSection | null {
  const inv = ctx.check.results.get(invariants);
  if (!inv) return null;
  const n = ctx.core.state.length;
  const c = inv.certificate;
  // The method is said once (Section READING.conserved); here only the result and its size.
  const system: Inline[] = [math('\\nabla Q \\cdot V \\equiv 0'), text(` in the ${c.unknowns} coefficients of `), math('Q'), text(` (monomials of degree 1 and 2 in ${n} coordinates)`)];
  const blocks: Block[] = [];
  const appendix: BuiltSection[] = [];
  if (inv.level !== 'proved') {
    blocks.push(paragraph(emph('Verdict (inconclusive):'), text(' '), ...prose(inv.reason ?? 'the system was not solved'), text(' ('), ref(READING.conserved), text(').')));
  } else if (inv.basis.length === 0) {
    blocks.push(
      paragraph(
        emph('Verdict (proved):'),
        text(' no polynomial of degree at most 2 other than the constants is conserved ('),
        ref(READING.conserved),
        text('): the system '),
        ...system,
        text(` has full rank ${c.rank} modulo the prime${c.primes.length === 1 ? '' : 's'} ${c.primes.join(', ')}.`),
      ),
    );
  } else {
    const d = inv.basis.length;
    blocks.push(
      paragraph(
        emph('Verdict (proved):'),
        text(` the conserved polynomials of degree at most 2 (`),
        ref(READING.conserved),
        text(`) form, up to constants, a space of dimension ${d}: the system `),
        ...system,
        text(` has rank ${c.rank}; a basis, each element verified as an exact identity `),
        math('\\nabla Q_i \\cdot V \\equiv 0'),
        text(':'),
      ),
    );
    const rows = inv.basis.flatMap((q, i) => polyRows(`Q_{${i + 1}}`, q));
    const shown = presentRows({
      rows,
      terms: inv.basis.reduce((s, q) => s + q.size, 0),
      what: 'The basis',
      finding: true,
      appendixId: `${ctx.name}-invariants-basis`,
      appendixTitle: `${ctx.label} conserved quantities`,
      limits: ctx.report.limits,
    });
    blocks.push(...shown.body);
    appendix.push(...shown.appendix);
  }
  return {
    id: `${ctx.name}-invariants`,
    title: 'Conserved quantities',
    blocks,
    appendix,
    data: invariants.toJson(inv, ctx.check),
  };
}

registerProcedureSection({ id: 'invariants', order: 60, build });
