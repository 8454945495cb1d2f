/**
 * Per procedure, beyond the paper: is the field a gradient in some constant metric, i.e. is there
 * a symmetric G ≠ 0 with G · DV(x) symmetric for every x? Read off the `metric` finding of
 * `checkModel`: "none" with the full-rank certificate, or the space of such G (a basis, which
 * of its elements are positive definite, whether P⁻¹ is one).
 */
import type { Matrix } from '../../exact/linear-algebra.js';
import type { Rational } from '../../exact/rational.js';
import { rationalLatex, variableLatex } from '../../notation/latex-poly.js';
import { metric } from '../../analyses/index.js';
import type { BuiltSection, ProcedureContext } from '../context.js';
import { type Block, type EquationRow, emph, math, paragraph, ref, text } from '../document.js';
import { READING } from '../reading-ids.js';
import { DISPLAY_WIDTH, rationalMatrixLatex, relationRows } from '../equations.js';
import { commaLines, prose } from './dynamics-format.js';
import { registerProcedureSection } from './registry.js';

/** Largest G printed as a full matrix. */
const PRINTED_SIZE = 6;
/** Most nonzero entries of a non-diagonal G listed in the body. */
const LISTED_ENTRIES = 40;

function isDiagonal(g: Matrix): boolean {
  return g.every((row, i) => row.every((x, j) => i === j || x.isZero()));
}

/** diag(c₁ I_{m₁}, c₂ I_{m₂}, …) from the runs of equal diagonal entries. */
function diagonalLatex(g: Matrix): string {
  const runs: Array<[Rational, number]> = [];
  g.forEach((row, i) => {
    const last = runs[runs.length - 1];
    if (last && last[0].equals(row[i]!)) last[1]++;
    else runs.push([row[i]!, 1]);
  });
  if (runs.length === 1 && runs[0]![0].isOne()) return `I_{${runs[0]![1]}}`;
  const item = ([c, m]: [Rational, number]) => (m === 1 ? rationalLatex(c) : c.isOne() ? `I_{${m}}` : `${rationalLatex(c)}\\, I_{${m}}`);
  return `\\operatorname{diag}(${runs.map(item).join(', ')})`;
}

function metricRows(ctx: ProcedureContext, g: Matrix, k: number): EquationRow[] | null {
  const left = `G_{${k + 1}}`;
  if (g.length <= PRINTED_SIZE) return [{ left, right: `= ${rationalMatrixLatex(g)}` }];
  if (isDiagonal(g)) return relationRows(left, '=', () => [diagonalLatex(g)]).slice(0, 1);
  const names = ctx.core.stateNames.map(variableLatex);
  const entries: string[] = [];
  g.forEach((row, i) => row.forEach((x, j) => (j >= i && !x.isZero() ? entries.push(`(${names[i]}, ${names[j]}) \\mapsto ${rationalLatex(x)}`) : null)));
  if (entries.length > LISTED_ENTRIES) return null;
  return relationRows(left, ':', (w) => commaLines(entries, Math.min(w, DISPLAY_WIDTH)));
}

function build(ctx: ProcedureContext): BuiltSection | null {
  const m = ctx.check.results.get(metric);
  if (!m) return null;
  const n = ctx.core.state.length;
  const c = m.certificate;
  // What the question is and why a full rank modulo a prime suffices: Section READING.conserved, once.
  const blocks: Block[] = [
    paragraph(
      text('Whether '),
      math('V'),
      text(' is a gradient field in some constant metric '),
      math('G'),
      text(' ('),
      ref(READING.conserved),
      text(`) is a condition linear in the ${c.unknowns} entries of `),
      math('G'),
      text(` on and above the diagonal (state dimension ${n}).`),
    ),
  ];
  if (m.level !== 'proved') {
    blocks.push(
      paragraph(
        emph('Verdict (inconclusive):'),
        text(' '),
        ...prose(m.reason ?? 'the system was not solved'),
        text('.'),
        ...(m.inverseRatesWork ? [text(' Still, '), math('G = P^{-1}'), text(' (the inverse rate matrix) is checked to be one, exactly.')] : []),
      ),
    );
  } else if (!m.exists) {
    blocks.push(
      paragraph(
        emph('Verdict (proved):'),
        text(' no constant metric makes '),
        math('V'),
        text(' a gradient: only '),
        math('G = 0'),
        text(' makes '),
        math('G\\, \\mathrm{D}V'),
        text(` symmetric everywhere: the equations at random points have full rank ${c.rank} modulo the prime${c.primes.length === 1 ? '' : 's'} ${c.primes.join(', ')}.`),
      ),
    );
  } else {
    const d = m.basis.length;
    const pd = m.positiveDefinite.filter((x) => x).length;
    blocks.push(
      paragraph(
        emph('Verdict (proved):'),
        text(' the symmetric '),
        math('G'),
        text(' with '),
        math('G\\, \\mathrm{D}V'),
        text(` symmetric everywhere form a space of dimension ${d} (rank ${c.rank} of ${c.unknowns} unknowns), each basis element verified as an exact polynomial identity. `),
        text(
          pd > 0
            ? `Positive definite: ${pd} of the ${d} basis element${d === 1 ? '' : 's'}, a genuine Riemannian metric in which `
            : m.inverseRatesWork
              ? 'No basis element is positive definite by itself, but the space holds one (below). '
              : 'No basis element is positive definite. ',
        ),
        ...(pd > 0 ? [math('V'), text(' is a gradient. ')] : []),
        ...(m.inverseRatesWork ? [text('The inverse rate matrix '), math('P^{-1}'), text(' is one of them: '), math('V = -P \\nabla \\Phi'), text(' is a preconditioned gradient field.')] : []),
      ),
    );
    const rows = m.basis.map((g, k) => metricRows(ctx, g, k));
    const printable = rows.filter((r): r is EquationRow[] => r !== null).flat();
    if (printable.length > 0) blocks.push(paragraph(text('A basis:')), { kind: 'equation', rows: printable });
    if (rows.some((r) => r === null)) blocks.push(paragraph(text('Basis elements with many nonzero entries are given in the JSON report only.')));
  }
  return {
    id: `${ctx.name}-metric`,
    title: 'Constant metrics',
    blocks,
    data: metric.toJson(m, ctx.check),
  };
}

registerProcedureSection({ id: 'metric', order: 70, build });
