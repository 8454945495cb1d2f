/**
 * Figures: nice ticks, the layout (every curve inside its panel, data mapped monotonically), the
 * SVG (well formed, one polyline per drawn series) and the PDF (a structure a reader can open:
 * every cross-reference offset lands on its object, the stream length is exact), both
 * byte-for-byte deterministic. pdflatex including the PDFs is tested with the reports.
 */
import { describe, expect, it } from 'vitest';
import { type Figure, niceTicks, paddedRange } from '../../src/report/figure.js';
import { textWidth } from '../../src/render/helvetica.js';
import { figurePdf } from '../../src/render/pdf.js';
import { inflatedPdf } from './pdf-text.js';
import { labelWidth, layoutFigure, textRuns } from '../../src/render/plot-layout.js';
import { figureSvg } from '../../src/render/svg.js';

const figure: Figure = {
  panels: [0, 1].map((k) => ({
    title: `Panel ${k} (a \\ (b))`,
    x: { label: 't', min: 0, max: 10, ticks: niceTicks(0, 10) },
    y: { label: '$‖A_{11}‖$ (norm)', min: -1, max: 1, ticks: niceTicks(-1, 1) },
    series: [
      { color: 0, points: Array.from({ length: 50 }, (_, i) => [i / 5, Math.sin(i / 5 + k)] as [number, number]), endMarker: true },
      { color: 9, points: [[0, 0], [10, 0.5]], endMarker: false },
      // Outside both ranges: not drawn.
      { color: 2, points: [[20, 5]], endMarker: true },
    ],
    guides: [{ orientation: 'vertical', at: 0, label: 'A = 0' }, { orientation: 'horizontal', at: 7, label: 'off the panel' }],
    // Right, up, a zero vector (no direction: not drawn) and one off the panel (not drawn).
    arrows: [
      { x: 5, y: 0, dx: 1, dy: 0 },
      { x: 2, y: -0.5, dx: 0, dy: 3 },
      { x: 8, y: 0.5, dx: 0, dy: 0 },
      { x: 50, y: 0, dx: 1, dy: 1 },
    ],
  })),
  legend: [{ color: 0, label: 'start 1' }, { color: 9, label: 'start 2 <&>' }],
};

describe('ticks and ranges', () => {
  it('steps of 1, 2 or 5 times a power of ten, covering the range, labels without float noise', () => {
    for (const [lo, hi] of [[0, 1], [0, 0.7], [-3.2, 17], [1e-5, 3e-5], [0, 1234], [-0.3, 0.3]] as const) {
      const ticks = niceTicks(lo, hi);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks.length).toBeLessThanOrEqual(11);
      const step = ticks[1]!.at - ticks[0]!.at;
      const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
      expect([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-9)).toBe(true);
      expect(ticks[0]!.at).toBeGreaterThanOrEqual(lo - 1e-12);
      expect(ticks[ticks.length - 1]!.at).toBeLessThanOrEqual(hi + 1e-12);
      expect(ticks[0]!.at - lo).toBeLessThan(step + 1e-12);
      for (const t of ticks) {
        expect(t.label).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(t.label)).toBeCloseTo(t.at, 12);
      }
    }
    expect(niceTicks(0, 0.3).map((t) => t.label)).toEqual(['0.0', '0.1', '0.2', '0.3']);
    expect(niceTicks(0, 0.7).map((t) => t.label)).toEqual(['0.0', '0.2', '0.4', '0.6']);
    expect(niceTicks(-0.3, 0.3).map((t) => t.label)).toContain('0.0');
  });

  it('padded ranges are never empty and include 0 when asked', () => {
    expect(paddedRange([2, 2], false)).toEqual([1, 3]);
    expect(paddedRange([], true)).toEqual([0, 1]);
    expect(paddedRange([1, 3, NaN], true)[0]).toBe(0);
    const [lo, hi] = paddedRange([-1, 1], false);
    expect(lo).toBeLessThan(-1);
    expect(hi).toBeGreaterThan(1);
  });
});

describe('layout', () => {
  const { width, height, marks } = layoutFigure(figure);

  it('keeps every curve and dot inside the figure, in its own panel', () => {
    const polylines = marks.filter((m) => m.kind === 'polyline');
    // Two drawn series per panel; the one-point series outside the ranges is left out.
    expect(polylines).toHaveLength(4);
    polylines.forEach((m, k) => {
      const panel = Math.floor(k / 2);
      for (let i = 0; i < m.points.length; i += 2) {
        expect(m.points[i]!).toBeGreaterThanOrEqual((panel * width) / 2);
        expect(m.points[i]!).toBeLessThanOrEqual(((panel + 1) * width) / 2);
        expect(m.points[i + 1]!).toBeGreaterThanOrEqual(0);
        expect(m.points[i + 1]!).toBeLessThanOrEqual(height);
      }
    });
    // Only the series with an end marker inside the ranges gets a dot.
    expect(marks.filter((m) => m.kind === 'dot')).toHaveLength(2);
  });

  it('maps data monotonically: x rightwards, y upwards', () => {
    const line = marks.find((m) => m.kind === 'polyline' && m.points.length === 4)!;
    if (line.kind !== 'polyline') throw new Error('expected a polyline');
    const [x0, y0, x1, y1] = line.points as [number, number, number, number];
    expect(x1).toBeGreaterThan(x0);
    expect(y1).toBeLessThan(y0); // 0.5 is above 0
  });

  it('draws guides inside the range only, and every label', () => {
    const texts = marks.filter((m) => m.kind === 'text').map((m) => (m.kind === 'text' ? m.text : ''));
    expect(texts.filter((t) => t === 'A = 0')).toHaveLength(2);
    expect(texts).not.toContain('off the panel');
    expect(texts).toContain('start 2 <&>');
    expect(texts.filter((t) => t === '$‖A_{11}‖$ (norm)')).toHaveLength(2);
  });
});

describe('direction field', () => {
  const { marks } = layoutFigure(figure);
  const arrows = marks.filter((m) => m.kind === 'arrow');

  it('draws one fixed-length arrow per nonzero sample inside the panel, centred on it and along the field', () => {
    expect(arrows).toHaveLength(4); // two per panel
    const [right, up] = arrows as Array<Extract<(typeof arrows)[number], { kind: 'arrow' }>>;
    expect(Math.hypot(right!.x2 - right!.x1, right!.y2 - right!.y1)).toBeCloseTo(Math.hypot(up!.x2 - up!.x1, up!.y2 - up!.y1), 9);
    expect(right!.x2).toBeGreaterThan(right!.x1);
    expect(right!.y2).toBeCloseTo(right!.y1, 9);
    expect(up!.y2).toBeLessThan(up!.y1); // up on the page is smaller y
    expect(up!.x2).toBeCloseTo(up!.x1, 9);
    const centre = layoutFigure({ ...figure, panels: [{ ...figure.panels[0]!, arrows: [], series: [{ color: 0, points: [[5, 0], [5, 0]], endMarker: true }] }] });
    const dot = centre.marks.find((m) => m.kind === 'dot')!;
    if (dot.kind !== 'dot') throw new Error('expected a dot');
    // Same single panel: the arrow at (5, 0) is centred where a dot at (5, 0) lands.
    const single = layoutFigure({ ...figure, panels: [figure.panels[0]!] }).marks.find((m) => m.kind === 'arrow')!;
    if (single.kind !== 'arrow') throw new Error('expected an arrow');
    expect((single.x1 + single.x2) / 2).toBeCloseTo(dot.x, 9);
    expect((single.y1 + single.y2) / 2).toBeCloseTo(dot.y, 9);
  });

  it('is written as a shaft and a filled head by both writers', () => {
    const svg = figureSvg(figure, 'arrows');
    expect(svg.match(/<polygon points="[^"]+" fill="#b0b0b0"\/>/g)).toHaveLength(4);
    const pdf = inflatedPdf(figurePdf(figure));
    // A closed, filled triangle: move, two lines, close, fill.
    expect(pdf.match(/ m [\d.-]+ [\d.-]+ l [\d.-]+ [\d.-]+ l h f/g)).toHaveLength(4);
  });
});

describe('labels set as mathematics', () => {
  it('splits a label into plain text, italic letters and subscripts', () => {
    expect(textRuns('start 2 <&>')).toEqual([{ text: 'start 2 <&>', italic: false, sub: false }]);
    expect(textRuns('$‖A_{11}‖$ (norm)')).toEqual([
      { text: '‖', italic: false, sub: false },
      { text: 'A', italic: true, sub: false },
      { text: '11', italic: false, sub: true },
      { text: '‖ (norm)', italic: false, sub: false },
    ]);
    expect(textRuns('$t$ (axis: log(1 + $t$))').filter((r) => r.italic).map((r) => r.text)).toEqual(['t', 't']);
    // A subscript is narrower than the same digits on the baseline.
    expect(labelWidth('$A_{11}$', 10, false)).toBeLessThan(textWidth('A11', 10, false));
  });

  it('SVG: italic tspans, a subscript smaller and lowered, then raised back', () => {
    const svg = figureSvg(figure, 'math');
    expect(svg).toContain('<tspan>‖</tspan><tspan font-style="italic">A</tspan><tspan font-size="5.25" dy="1.88">11</tspan><tspan dy="-1.88">‖ (norm)</tspan>');
  });

  it('PDF: italic letters, a subscript smaller with a negative rise reset to 0, ‖ as two bars', () => {
    const pdf = inflatedPdf(figurePdf(figure));
    expect(pdf).toContain('/F1 7.5 Tf (||) Tj /F3 7.5 Tf (A) Tj /F1 5.25 Tf -1.88 Ts (11) Tj 0 Ts /F1 7.5 Tf (|| \\(norm\\)) Tj');
    // F3 is the italic font (embedded Nimbus Sans Italic, or Helvetica-Oblique where it is not installed).
    const f3 = /\/F3 (\d+) 0 R/.exec(pdf)![1];
    expect(pdf).toMatch(new RegExp(`\\n${f3} 0 obj\\n<< /Type /Font /Subtype /Type1 /BaseFont /([A-Z]{6}\\+NimbusSans-Italic|Helvetica-Oblique) `));
  });
});

describe('legend', () => {
  it('wraps into rows inside the figure, however many entries, and the figure grows to hold them', () => {
    const many: Figure = { ...figure, legend: Array.from({ length: 30 }, (_, k) => ({ color: k, label: `start ${k + 1}` })) };
    const one = layoutFigure(figure);
    const { width, height, marks } = layoutFigure(many);
    const legendTexts = marks.filter((m) => m.kind === 'text' && m.text.startsWith('start '));
    expect(legendTexts).toHaveLength(30);
    for (const m of legendTexts) {
      if (m.kind !== 'text') continue;
      expect(m.x + textWidth(m.text, m.size, false)).toBeLessThanOrEqual(width);
      expect(m.y).toBeLessThanOrEqual(height);
    }
    expect(height).toBeGreaterThan(one.height);
  });
});

describe('edge cases', () => {
  it('huge, tiny and flat data give finite coordinates and readable ticks; points off the ranges break the line', () => {
    for (const values of [[1e300, -1e300], [1e-20, 3e-20], [5, 5], [0, 0], [1e24, 2e24]]) {
      const [lo, hi] = paddedRange(values, false);
      expect(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo, String(values)).toBe(true);
      const ticks = niceTicks(lo, hi);
      for (const t of ticks) expect(t.label, String(values)).not.toMatch(/e\+?\d{2,}.*\d{10}|\d{12}/);
      const f: Figure = { panels: [{ ...figure.panels[0]!, y: { label: 'y', min: lo, max: hi, ticks }, series: [{ color: 0, points: values.map((v, i) => [i, v] as [number, number]), endMarker: true }] }], legend: [] };
      expect(figureSvg(f, 't'), String(values)).not.toMatch(/NaN|Infinity/);
      expect(inflatedPdf(figurePdf(f)), String(values)).not.toMatch(/NaN|Infinity/);
    }
    const gap: Figure = {
      panels: [{ ...figure.panels[0]!, series: [{ color: 0, points: [[0, 0], [1, 0.1], [2, 50], [3, 0.2], [4, 0.3]], endMarker: false }] }],
      legend: [],
    };
    expect(layoutFigure(gap).marks.filter((m) => m.kind === 'polyline')).toHaveLength(2);
  });
});

describe('SVG', () => {
  const svg = figureSvg(figure, 'A "test" figure');

  it('is well formed: balanced tags, escaped text, one polyline per drawn series', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const body = svg.replace(/<[^>]+\/>/g, '');
    const open = body.match(/<(\w+)[ >]/g)!.map((t) => t.slice(1, -1));
    const close = body.match(/<\/(\w+)>/g)!.map((t) => t.slice(2, -1));
    expect(open.sort()).toEqual(close.sort());
    expect(svg).toContain('start 2 &lt;&amp;&gt;');
    expect(svg).toContain('<title>A &quot;test&quot; figure</title>');
    expect(svg.match(/<polyline /g)).toHaveLength(4);
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  });

  it('is deterministic', () => {
    expect(figureSvg(figure, 'A "test" figure')).toBe(svg);
  });
});

describe('PDF', () => {
  const pdf = figurePdf(figure);
  const text = Buffer.from(pdf).toString('latin1');

  it('has a cross-reference table whose every offset lands on its object', () => {
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.endsWith('%%EOF\n')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
    const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(text.slice(startxref))!;
    expect(Number(first)).toBe(0);
    const entries = text.slice(startxref).split('\n').slice(2, 2 + Number(count));
    expect(entries[0]).toBe('0000000000 65535 f ');
    entries.slice(1).forEach((e, k) => {
      expect(e).toMatch(/^\d{10} 00000 n $/);
      const offset = Number(e.slice(0, 10));
      expect(text.slice(offset, offset + `${k + 1} 0 obj`.length)).toBe(`${k + 1} 0 obj`);
    });
    expect(text).toMatch(new RegExp(`trailer\\n<< /Size ${count} /Root 1 0 R >>`));
  });

  it('declares the exact length of every stream, and escapes text', () => {
    const streams = [...text.matchAll(/<< \/Length (\d+)[^>]*>>\nstream\n/g)];
    expect(streams.length).toBeGreaterThan(0);
    for (const m of streams) {
      const start = m.index + m[0].length;
      expect(text.slice(start + Number(m[1]), start + Number(m[1]) + '\nendstream'.length)).toBe('\nendstream');
    }
    expect(inflatedPdf(pdf)).toContain('(Panel 0 \\(a \\\\ \\(b\\)\\)) Tj');
  });

  it('is deterministic and small', () => {
    expect(Buffer.from(figurePdf(figure)).equals(Buffer.from(pdf))).toBe(true);
    // Three font subsets of a few dozen glyphs each, and the marks.
    expect(pdf.length).toBeLessThan(50_000);
  });

  it('measures text with the Helvetica metrics', () => {
    expect(textWidth('0', 10, false)).toBeCloseTo(5.56, 10);
    expect(textWidth('Wi', 1000, false)).toBe(944 + 222);
    expect(textWidth('Wi', 1000, true)).toBe(944 + 278);
    expect(textWidth('\u00e9', 1000, false)).toBe(556); // non-ASCII is drawn, and measured, as '?'
  });
});
