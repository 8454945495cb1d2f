/**
 * A laid-out figure as a standalone SVG document (for the HTML page, inlined, and for the
 * Markdown report, as a file beside it). Coordinates are printed with two decimals, so the same
 * figure gives the same bytes.
 *
 * Example: `writeFileSync('scalar-trajectories.svg', figureSvg(figure))`.
 */
import type { Figure } from '../report/figure.js';
import { escapeMarkup } from './escape.js';
import { type Mark, SUB_DROP, SUB_SCALE, arrowHead, coordinate, layoutFigure, textRuns } from './plot-layout.js';

const n = coordinate;


/**
 * A label's runs as tspans. Subscripts are lowered by `dy` (relative, undone by the next run)
 * rather than `baseline-shift`, which not every SVG renderer honours.
 */
function runsSvg(label: string, size: number): string {
  const runs = textRuns(label);
  if (runs.length === 1 && !runs[0]!.italic && !runs[0]!.sub) return escapeMarkup(runs[0]!.text);
  let drop = 0;
  return runs
    .map((r) => {
      const want = r.sub ? SUB_DROP * size : 0;
      const dy = want !== drop ? ` dy="${n(want - drop)}"` : '';
      drop = want;
      return `<tspan${r.italic ? ' font-style="italic"' : ''}${r.sub ? ` font-size="${n(size * SUB_SCALE)}"` : ''}${dy}>${escapeMarkup(r.text)}</tspan>`;
    })
    .join('');
}

function markSvg(m: Mark): string {
  switch (m.kind) {
    case 'line':
      return `<line x1="${n(m.x1)}" y1="${n(m.y1)}" x2="${n(m.x2)}" y2="${n(m.y2)}" stroke="${m.color}" stroke-width="${n(m.width)}"${m.dashed ? ' stroke-dasharray="3 2"' : ''}/>`;
    case 'polyline': {
      const pts: string[] = [];
      for (let k = 0; k < m.points.length; k += 2) pts.push(`${n(m.points[k]!)},${n(m.points[k + 1]!)}`);
      return `<polyline points="${pts.join(' ')}" fill="none" stroke="${m.color}" stroke-width="${n(m.width)}" stroke-linejoin="round"${m.dashed ? ' stroke-dasharray="3 2"' : ''}/>`;
    }
    case 'arrow': {
      const h = arrowHead(m);
      const head = [0, 2, 4].map((k) => `${n(h[k]!)},${n(h[k + 1]!)}`).join(' ');
      return `<line x1="${n(m.x1)}" y1="${n(m.y1)}" x2="${n(m.x2)}" y2="${n(m.y2)}" stroke="${m.color}" stroke-width="${n(m.width)}"/><polygon points="${head}" fill="${m.color}"/>`;
    }
    case 'dot':
      return `<circle cx="${n(m.x)}" cy="${n(m.y)}" r="${n(m.r)}" fill="${m.color}"/>`;
    case 'ring':
      return `<circle cx="${n(m.x)}" cy="${n(m.y)}" r="${n(m.r)}" fill="white" stroke="${m.color}" stroke-width="${n(m.width)}"/>`;
    case 'text': {
      const anchor = m.anchor === 'start' ? '' : ` text-anchor="${m.anchor}"`;
      const rotate = m.vertical ? ` transform="rotate(-90 ${n(m.x)} ${n(m.y)})"` : '';
      const weight = m.bold ? ' font-weight="bold"' : '';
      return `<text x="${n(m.x)}" y="${n(m.y)}" font-size="${n(m.size)}"${anchor}${rotate}${weight}>${runsSvg(m.text, m.size)}</text>`;
    }
  }
}

/** The figure as an SVG document; `title` becomes its accessible name. */
export function figureSvg(figure: Figure, title: string): string {
  const { width, height, marks } = layoutFigure(figure);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n(width)} ${n(height)}" width="${n(width * 1.5)}" height="${n(height * 1.5)}" font-family="Helvetica, Arial, sans-serif" role="img">`,
    `<title>${escapeMarkup(title)}</title>`,
    `<rect width="${n(width)}" height="${n(height)}" fill="#ffffff"/>`,
    ...marks.map(markSvg),
    '</svg>',
    '',
  ].join('\n');
}
