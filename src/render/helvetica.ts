/**
 * Metrics of Helvetica, whose widths the figures' font shares (Nimbus Sans, embedded in the PDF
 * figures: src/render/figure-fonts.ts; test/render/figure-fonts.test.ts compares the two): the
 * layout places legend entries by them and the PDF writer anchors text (centred, right-aligned)
 * by them, since PDF has no text anchors of its own.
 *
 * Example: `textWidth('start 1', 7.5, false)` is the advance width in points.
 */

/** Helvetica advance widths (1/1000 em) of the printable ASCII characters 32–126 (Adobe AFM, WinAnsi). */
// prettier-ignore
const HELVETICA = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
/** Helvetica-Bold advance widths of the same characters (Adobe AFM, WinAnsi). */
// prettier-ignore
const HELVETICA_BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
  975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
  333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
  611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/**
 * Printable ASCII only: the norm bars ‖ (labels set as mathematics) become two bars, which
 * Helvetica has; anything else (the figure text is meant to be ASCII) becomes '?'.
 */
export function ascii(text: string): string {
  return text.replace(/\u2016/g, '||').replace(/[^\x20-\x7e]/g, '?');
}

export function textWidth(text: string, size: number, bold: boolean): number {
  let w = 0;
  const widths = bold ? HELVETICA_BOLD : HELVETICA;
  for (const ch of ascii(text)) w += widths[ch.charCodeAt(0) - 32]!;
  return (w / 1000) * size;
}

