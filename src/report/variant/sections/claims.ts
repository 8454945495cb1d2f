/**
 * "The claims on this variant": C1–C4 in one table (outcome and level, as `variantDynamics`
 * decided them), then each claim as this report states it for a variant with the findings it rests
 * on. The evidence lines are the engine's, merged where procedures say the same.
 */
import type { ClaimOutcome, ClaimVerdict } from '../../../analyses/claims.js';
import type { BuiltSection } from '../../context.js';
import { type Inline, emph, paragraph, ref, text } from '../../document.js';
import { mergedEvidence } from '../../sections/claims.js';
import type { VariantReportContext } from '../context.js';
import { variantProse } from '../notation.js';
import { VARIANT_READING } from './reading.js';

const OUTCOME: Record<ClaimOutcome, string> = {
  holds: 'holds',
  'holds in part': 'holds in part',
  fails: 'fails on this variant',
  undecided: 'undecided',
  'not analysed': 'not analysed',
};

/** Each claim as it reads on a variant: the theory's claims with "every equilibrium" made "every flow limit found". */
const STATEMENTS: Record<string, string> = {
  C1: 'The fields of the stop gradient (either side) and of the moving-average target are not gradient fields of any twice-differentiable function, not even up to the rates; the field of gradient descent on the original objective is one (up to the rates).',
  C2: 'The stop-gradient and moving-average flows end, in general, at non-collapsed points.',
  C3: 'Gradient descent on the original objective collapses: its flows end collapsed.',
  C4: 'The non-collapsed limits of the stop-gradient and moving-average flows are asymptotically stable (transversally to their set of equilibria).',
};

/** The level column: a failed claim is refuted at its counterexample's level (certified or numerical on a variant). */
export function levelText(c: ClaimVerdict): string {
  if (c.outcome === 'not analysed') return '-';
  return c.outcome === 'fails' && c.refutedAt ? `refuted (${c.refutedAt})` : c.level;
}

export function variantClaimsSection(ctx: VariantReportContext): BuiltSection {
  const claims = ctx.dynamics.claims;
  const capital = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;
  return {
    id: 'claims',
    title: 'The claims on this variant',
    blocks: [
      paragraph(text('How each claim comes out here, at the level of its evidence ('), ref(VARIANT_READING.levels), text('):')),
      {
        kind: 'table',
        header: [[text('claim')], [text('outcome')], [text('level')]],
        rows: claims.map((c) => [[text(c.id)], [text(OUTCOME[c.outcome])], [text(levelText(c))]]),
      },
      paragraph(text('Each claim, then what it rests on:')),
      {
        // A list, not a table: the statements are sentences, and LaTeX tables do not wrap them.
        kind: 'list',
        items: claims.map((c): Inline[] => [
          emph(c.id),
          text(` ${STATEMENTS[c.id] ?? ''} `),
          emph(`${capital(OUTCOME[c.outcome])}${c.outcome === 'not analysed' ? '' : ` (${levelText(c)})`}:`),
          text(' '),
          ...mergedEvidence(c.evidence.map((e) => e.replace(/^not analysed: /, ''))).flatMap((e, k) => [...(k > 0 ? [text('; ')] : []), ...variantProse(e)]),
          text('.'),
        ]),
      },
    ],
    data: { claims },
  };
}
