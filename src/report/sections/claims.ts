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

/**
 * The evidence lines of a claim, those that say the same of several procedures ("SG: …",
 * "EMA: …" with the same words) merged into one ("SG and EMA, each: …"), so the list never
 * repeats a sentence.
 */
export function mergedEvidence(evidence: readonly string[]): string[] {
  const groups = new Map<string, string[]>();
  const order: string[] = [];
  for (const line of evidence) {
    const m = /^([A-Za-z][\w-]*): (.*)$/s.exec(line);
    const key = m ? m[2]! : line;
    if (!groups.has(key)) (groups.set(key, []), order.push(key));
    if (m) groups.get(key)!.push(m[1]!);
  }
  return order.map((rest) => {
    const labels = groups.get(rest)!;
    if (labels.length === 0) return rest;
    if (labels.length === 1) return `${labels[0]}: ${rest}`;
    return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}, each: ${rest}`;
  });
}

function build(ctx: ReportContext): BuiltSection {
  const claims = ctx.check.claims;
  return {
    id: 'claims',
    title: 'The claims on this model',
    blocks: [
      paragraph(
        text('Each claim ('),
        ref(READING.claims),
        text(') as it comes out on this model, with its level and the findings it rests on; the sections below give every derivation and certificate.'),
      ),
      {
        // A list, not a table: the statements are sentences, and LaTeX tables do not wrap them.
        kind: 'list',
        items: claims.map((c) => [
          emph(`${c.id} ${OUTCOME[c.outcome]}${c.outcome === 'fails' ? ` (refuted; counterexample ${c.refutedAt})` : c.outcome === 'not analysed' ? '' : ` (${c.level})`}:`),
          text(' '),
          ...prose(c.statement),
          text('. '),
          ...mergedEvidence(c.evidence).flatMap((e, k) => [...(k > 0 ? [text('; ')] : []), ...prose(e)]),
          text('.'),
        ]),
      },
    ],
    data: { claims },
  };
}

registerSection({ id: 'claims', order: 15, build });
