/** "The claims": C1–C4 for the family, one row each, with the evidence in words. */
import { paragraph, text } from '../../document.js';
import type { BuiltSection } from '../../context.js';
import type { FamilyReportContext } from '../context.js';

export function familyClaimsSection(ctx: FamilyReportContext): BuiltSection {
  const claims = ctx.check.claims;
  return {
    id: 'claims',
    title: 'The claims for every admissible value',
    blocks: [
      {
        kind: 'table',
        header: [[text('Claim')], [text('Outcome')]],
        rows: claims.map((c) => [[text(`${c.id}: ${c.statement}`)], [text(c.outcome === 'fails' ? `fails (refuted, ${c.refutedAt})` : `${c.outcome} (${c.level})`)]]),
      },
      paragraph(text('The evidence for each claim is in the procedure sections: the curl (C1), the non-collapsed equilibria and their stability (C2, C4) and the collapse proof (C3).')),
    ],
    data: { claims },
  };
}
