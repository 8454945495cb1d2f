/**
 * Section "The claims on this model": the theory's claims C1-C4 (docs/math.md, section 3) as they come out on this
 * model — holds, fails or undecided, at which level, and the findings behind each — read off the
 * same findings as the sections that follow (src/analyses/claims.ts decides nothing new).
 */
import type { ClaimOutcome } from '../../analyses/claims.js';
import type { BuiltSection, ReportContext } from '../context.js';
import { emph, paragraph, ref, text } from '../document.js';
import { READING } from '../reading-ids.js';
import { prose } from './dynamics-format.js';
import { registerSection } from './registry.js';

const OUTCOME: Record<ClaimOutcome, string> = {
  holds: 'holds',
  'holds in part': 'holds in part',
  fails: 'fails on this model',
  undecided: 'undecided',
  'not analysed': 'not analysed',
};

function build(ctx: ReportContext): BuiltSection {
  const claims = ctx.check.claims;
  return {
    id: 'claims',
    title: 'The claims on this model',
    blocks: [
      paragraph(
        text(
          'Each claim of the theory as it comes out on this model, with the level of its evidence and the findings it rests on; the sections below give every derivation and certificate. The claims and the outcomes are stated in ',
        ),
        ref(READING.claims),
        text('.'),
      ),
      {
        // A list, not a table: the statements are sentences, and LaTeX tables do not wrap them.
        kind: 'list',
        items: claims.map((c) => [
          emph(`${c.id} ${OUTCOME[c.outcome]}${c.outcome === 'fails' ? ` (refuted; counterexample ${c.refutedAt})` : c.outcome === 'not analysed' ? '' : ` (${c.level})`}:`),
          text(' '),
          ...prose(c.statement),
          text('. '),
          ...c.evidence.flatMap((e, k) => [...(k > 0 ? [text('; ')] : []), ...prose(e)]),
          text('.'),
        ]),
      },
    ],
    data: { claims },
  };
}

registerSection({ id: 'claims', order: 15, build });
