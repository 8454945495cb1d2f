/** Section "How this report was checked": every exact comparison made while building it. */
import type { BuiltSection, ReportContext } from '../context.js';
import { integrability } from '../../analyses/index.js';
import type { SymmetryVerdict } from '../../analyses/integrability.js';
import { emph, paragraph, text } from '../document.js';
import { registerSection } from './registry.js';

/**
 * The comparisons grouped by procedure: "GD: field (2), Jacobian (4), euclidean curl (4)", the
 * subjects as the consistency check names them ("gd field"), the procedure named by its label.
 */
function comparisons(ctx: ReportContext): string {
  const labels = new Map(ctx.check.procedures.map((p) => [p.name as string, p.label]));
  const groups = new Map<string, string[]>();
  for (const a of ctx.agreements) {
    const [head, ...rest] = a.subject.split(' ');
    const label = labels.get(head!);
    const key = label ?? '';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(`${label ? rest.join(' ') : a.subject} (${a.entries})`);
  }
  return [...groups].map(([label, items]) => (label ? `${label}: ${items.join(', ')}` : items.join(', '))).join('; ');
}

/** The float curl at random points beside each exact integrability verdict, in one sentence. */
function crossChecks(ctx: ReportContext): string {
  const parts: string[] = [];
  const disagree: string[] = [];
  let sample: SymmetryVerdict['sampled'] | null = null;
  for (const p of ctx.check.procedures) {
    const finding = p.results.get(integrability);
    if (!finding) continue;
    const variants: Array<[string, SymmetryVerdict]> = [[p.label, finding.euclidean], ...(finding.rateAdjusted ? [[`${p.label}, rate-adjusted`, finding.rateAdjusted] as [string, SymmetryVerdict]] : [])];
    for (const [name, v] of variants) {
      sample = v.sampled;
      parts.push(`${v.sampled.nonzeroPoints} (${name})`);
      if (v.integrable !== (v.sampled.nonzeroPoints === 0)) disagree.push(name);
    }
  }
  if (!sample) return '';
  return ` Cross-check of the integrability verdicts: the float curl was nonzero at ${parts.join(', ')} of ${sample.samples} random points (seed ${sample.seed}, relative tolerance ${sample.tolerance.toExponential(0)}), ${disagree.length === 0 ? 'nonzero exactly for the fields proved not to be gradient fields' : `at odds with the exact verdict of ${disagree.join(', ')}, which stands (floats decide nothing)`}.`;
}

function build(ctx: ReportContext): BuiltSection {
  return {
    id: 'checks',
    title: 'How this report was checked',
    blocks: [
      // A difference stops the report (build.ts), so every comparison printed was equal: one paragraph says which.
      paragraph(
        text(
          'Two independent derivations stand behind each formula: the matrix calculus shown above and the coordinate-wise polynomial core. Each matrix form was evaluated with this model\'s matrices and compared with the core entry by entry, exactly (a difference stops the report); equal, with the number of polynomials: ',
        ),
        text(comparisons(ctx)),
        text(`.${crossChecks(ctx)} Verdicts marked proved rest on exact arithmetic only; floating-point samples never decide one. The same spec and options give the same report, byte for byte.`),
      ),
    ],
    data: { agreements: ctx.agreements },
  };
}

registerSection({ id: 'checks', order: 90, build });
