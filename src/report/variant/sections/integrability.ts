/**
 * "Integrability": per procedure, whether V (and P⁻¹V when a rate is not 1) is a gradient field —
 * the certified curl of `checkVariant` (points certified, the first certificate with its entry,
 * enclosure and box) beside the float curl check at the same seeded points.
 */
import type { CurlCertificate } from '../../../interval/certified-curl.js';
import type { VariantCurlVerdict } from '../../../variants/check.js';
import type { BuiltSection } from '../../context.js';
import { type Block, type Inline, math, paragraph, ref, text } from '../../document.js';
import type { VariantReportContext } from '../context.js';
import { coordinateLatex, floatMath } from '../notation.js';
import { VARIANT_READING } from './reading.js';

const REASONS: Record<string, string> = {
  'zero-float-curl': 'the float curl was 0',
  'enclosure-contains-zero': 'the enclosure contained 0',
  'not-smooth-on-box': 'a ReLU argument may vanish on the box',
};

/** 2^{-20} rather than 9.5367431640625e-7. */
const radiusLatex = (r: number) => (Number.isInteger(Math.log2(r)) ? `2^{${Math.log2(r)}}` : floatMath(r));

function verdictCell(v: VariantCurlVerdict): Inline[] {
  return [text(v.verdict === 'not-gradient' ? 'not a gradient field' : 'undecided')];
}

function certificateBlocks(c: CurlCertificate, names: readonly string[], what: string): Block[] {
  if (c.level !== 'certified') return [];
  const [xi, xj] = [coordinateLatex(names[c.i]!), coordinateLatex(names[c.j]!)];
  return [
    paragraph(text(`The first certificate, for ${what}: with `), math(`W = ${c.rateAdjusted ? 'P^{-1}V' : 'V'}`), text(',')),
    {
      kind: 'equation',
      rows: [{ left: `\\frac{\\partial W_{${xi}}}{\\partial ${xj}} - \\frac{\\partial W_{${xj}}}{\\partial ${xi}}`, right: `\\in [${floatMath(c.enclosure.lo, 6)},\\ ${floatMath(c.enclosure.hi, 6)}]` }],
    },
    paragraph(
      text('on the box '),
      math(`x \\pm ${radiusLatex(c.radius)}\\,(1 + |x|)`),
      text(' around '),
      ...c.point.flatMap((v, k): Inline[] => [...(k > 0 ? [text(', ')] : []), math(`${coordinateLatex(names[k]!)} = ${floatMath(v, 6)}`)]),
      text('.'),
    ),
  ];
}

export function variantIntegrabilitySection(ctx: VariantReportContext): BuiltSection {
  const subsections = ctx.check.procedures.map((p): BuiltSection => {
    const names = p.field.stateNames;
    const curls: Array<[string, VariantCurlVerdict]> = [['V', p.euclidean], ...(p.rateAdjusted ? [['P^{-1}V', p.rateAdjusted] as [string, VariantCurlVerdict]] : [])];
    const row = ([w, v]: [string, VariantCurlVerdict]): Inline[][] => [
      [math(w)],
      verdictCell(v),
      [text(v.level)],
      [text(`${v.certified.certifiedPoints} of ${v.certified.samples}`)],
      [text(`${v.sampled.nonzeroPoints} of ${v.sampled.samples}`)],
      [math(floatMath(v.sampled.maxCurl))],
    ];
    const why = curls.flatMap(([w, v]) => {
      const reasons = Object.entries(v.certified.inconclusive).filter(([, k]) => k > 0);
      return reasons.length === 0 ? [] : [[math(w), text(': not certified at '), text(reasons.map(([r, k]) => `${k} point${k === 1 ? '' : 's'} (${REASONS[r] ?? r})`).join(', ')), text('.')]];
    });
    return {
      id: `integrability-${p.field.procedure.name}`,
      title: `Is the field of ${p.field.procedure.name} a gradient field?`,
      blocks: [
        {
          kind: 'table',
          header: [[text('field')], [text('verdict')], [text('level')], [text('certified at')], [text('float curl nonzero at')], [text('largest |curl|')]],
          rows: curls.map(row),
        },
        ...(why.length > 0 ? [{ kind: 'list' as const, items: why }] : []),
        ...curls.flatMap(([w, v]) => (v.certified.first ? certificateBlocks(v.certified.first, names, w === 'V' ? 'V' : 'the rate-adjusted field') : [])),
      ],
      data: { curl: p.euclidean, rateAdjustedCurl: p.rateAdjusted },
    };
  });
  const first = ctx.check.procedures[0];
  return {
    id: 'integrability',
    title: 'Integrability',
    blocks: [
      paragraph(
        text(`At ${first ? first.euclidean.certified.samples : 0} seeded points (seed ${ctx.options.seed}) per field, the enclosure of a curl entry and the float curl, as explained in `),
        ref(VARIANT_READING.curl),
        text('.'),
      ),
    ],
    subsections,
  };
}
