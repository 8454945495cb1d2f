/**
 * Section "The claims on this model": the theory's claims C1-C4 (docs/math.md, section 3) as they come out on this
 * model — holds, fails or undecided, at which level, and the findings behind each — read off the
 * same findings as the sections that follow (src/analyses/claims.ts decides nothing new).
 */
import type { ClaimOutcome } from '../../analyses/claims.js';
import type { BuiltSection, ReportContext } from '../context.js';
import { type Inline, emph, math, paragraph, ref, text } from '../document.js';
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

/** Each claim as the theory states it (docs/math.md, section 3), said once in the report: here. */
const CLAIMS: Record<string, Inline[]> = {
  C1: [text('(optimization view): the SG and EMA fields are, in general, not the gradient field of any twice-differentiable function, whereas GD is one (up to the rate matrix).')],
  C2: [text('(collapse is avoided): SG and EMA do not minimize '), math('E'), text(', yet their limit points are, in general, not collapsed ('), math('A \\neq 0'), text(').')],
  C3: [text('(linear case): minimizing '), math('E'), text(' itself by GD always leads to collapse: every equilibrium of GD has '), math('A = 0'), text(', without assumptions on the predictor or the data.')],
  C4: [text('(linear case): the equilibria of SG and EMA form algebraic varieties whose non-collapsed points are, in general, asymptotically stable.')],
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
        text('Each claim as the theory states it, then how it comes out on this model ('),
        ref(READING.claims),
        text('), with its level and the findings it rests on; the sections below give every derivation and certificate.'),
      ),
      {
        // A list, not a table: the statements are sentences, and LaTeX tables do not wrap them.
        kind: 'list',
        items: claims.map((c) => [
          emph(c.id),
          text(' '),
          ...(CLAIMS[c.id] ?? [...prose(c.statement), text('.')]),
          text(' '),
          emph(`${OUTCOME[c.outcome][0]!.toUpperCase()}${OUTCOME[c.outcome].slice(1)}${c.outcome === 'fails' ? ` (refuted; counterexample ${c.refutedAt})` : c.outcome === 'not analysed' ? '' : ` (${c.level})`}:`),
          text(' '),
          ...mergedEvidence(c.evidence).flatMap((e, k) => [...(k > 0 ? [text('; ')] : []), ...prose(e)]),
          text('.'),
        ]),
      },
    ],
    data: { claims },
  };
}

registerSection({ id: 'claims', order: 15, build });
