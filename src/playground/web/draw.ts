/**
 * Draws the phase plane on a canvas from numbers computed by ../explore.ts: the curl as a colour
 * map under everything, the direction field, the equilibrium components' traces and sampled
 * points (coloured by their stability verdict), the trajectories, and the chosen point.
 */
import type { ComponentCurve, CurlGrid, PlaneFlow, View } from '../explore.js';

export interface SampledPoint {
  u: number;
  v: number;
  verdict: string;
}

export interface Picture {
  view: View;
  curl: CurlGrid;
  curlCells: number;
  arrows: Float64Array;
  arrowCells: number;
  curves: Array<ComponentCurve & { id: string }>;
  points: SampledPoint[];
  flows: PlaneFlow[];
  /** The flow from the chosen point, drawn stronger. */
  chosenFlow: PlaneFlow | null;
  chosen: { u: number; v: number } | null;
}

/** Colours of the equilibrium components by id, shared with the legend. */
export const COMPONENT_COLOURS: Record<string, string> = { collapsed: '#e08214', residual: '#1b9e77', other: '#7570b3' };
export const VERDICT_COLOURS: Record<string, string> = {
  'transversally asymptotically stable': '#1b7837',
  unstable: '#c51b7d',
  degenerate: '#888888',
  inconclusive: '#888888',
};

/** Below this the curl is drawn as 0 (float round-off of an identically zero curl). */
const CURL_ZERO = 1e-12;

/** White to red for positive, white to blue for negative (t in [−1, 1]); white to purple for a magnitude. */
export function curlColour(t: number, signed: boolean): [number, number, number] {
  const mix = (to: [number, number, number], s: number): [number, number, number] => [
    Math.round(255 + (to[0] - 255) * s),
    Math.round(255 + (to[1] - 255) * s),
    Math.round(255 + (to[2] - 255) * s),
  ];
  if (!signed) return mix([117, 107, 177], Math.min(1, Math.abs(t)));
  return t >= 0 ? mix([214, 96, 77], Math.min(1, t)) : mix([67, 147, 195], Math.min(1, -t));
}

export function drawPicture(canvas: HTMLCanvasElement, p: Picture): void {
  const ctx = canvas.getContext('2d')!;
  const W = canvas.width;
  const H = canvas.height;
  const { view } = p;
  const x = (u: number) => ((u - view.u + view.half) / (2 * view.half)) * W;
  const y = (v: number) => H - ((v - view.v + view.half) / (2 * view.half)) * H;
  const scale = W / 560;

  // The curl map, one canvas pixel block per cell (cell (i, j): i along u, j along v upwards).
  const n = p.curlCells;
  const image = ctx.createImageData(n, n);
  const signed = p.curl.kind === 'signed';
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const t = p.curl.max > CURL_ZERO ? p.curl.values[i * n + j]! / p.curl.max : 0;
      const [r, g, b] = curlColour(t, signed);
      const k = 4 * ((n - 1 - j) * n + i);
      image.data[k] = r;
      image.data[k + 1] = g;
      image.data[k + 2] = b;
      image.data[k + 3] = 255;
    }
  }
  const cells = document.createElement('canvas');
  cells.width = n;
  cells.height = n;
  cells.getContext('2d')!.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(cells, 0, 0, W, H);

  // Axes through the origin, when it is in the window.
  ctx.strokeStyle = '#00000055';
  ctx.lineWidth = scale;
  ctx.beginPath();
  ctx.moveTo(x(0), 0);
  ctx.lineTo(x(0), H);
  ctx.moveTo(0, y(0));
  ctx.lineTo(W, y(0));
  ctx.stroke();

  // The direction field: arrows of one length up to the square root of |V| relative to the largest.
  const a = p.arrows;
  let maxNorm = 0;
  for (let k = 0; k < a.length; k += 4) maxNorm = Math.max(maxNorm, Math.hypot(a[k + 2]!, a[k + 3]!));
  const cell = W / p.arrowCells;
  ctx.strokeStyle = '#333333';
  ctx.fillStyle = '#333333';
  ctx.lineWidth = 1.2 * scale;
  for (let k = 0; k < a.length; k += 4) {
    const norm = Math.hypot(a[k + 2]!, a[k + 3]!);
    if (!(norm > 0) || !Number.isFinite(norm)) continue;
    const length = 0.42 * cell * (0.25 + 0.75 * Math.sqrt(norm / maxNorm));
    const dx = (a[k + 2]! / norm) * length;
    const dy = (-a[k + 3]! / norm) * length;
    const cx = x(a[k]!);
    const cy = y(a[k + 1]!);
    ctx.beginPath();
    ctx.moveTo(cx - dx, cy - dy);
    ctx.lineTo(cx + dx, cy + dy);
    ctx.stroke();
    const head = Math.max(4 * scale, 0.45 * length);
    const angle = Math.atan2(dy, dx);
    ctx.beginPath();
    ctx.moveTo(cx + dx, cy + dy);
    ctx.lineTo(cx + dx - head * Math.cos(angle - 0.45), cy + dy - head * Math.sin(angle - 0.45));
    ctx.lineTo(cx + dx - head * Math.cos(angle + 0.45), cy + dy - head * Math.sin(angle + 0.45));
    ctx.closePath();
    ctx.fill();
  }

  // Equilibrium components, the first (collapsed) last: a later component's equations can hold on
  // it too (EMA's residual equations on T = A contain a = 0), and the collapsed set should show.
  ctx.lineWidth = 4 * scale;
  ctx.lineCap = 'round';
  for (const c of [...p.curves].reverse()) {
    ctx.strokeStyle = COMPONENT_COLOURS[c.id] ?? '#000000';
    ctx.beginPath();
    for (const [u0, v0, u1, v1] of c.segments) {
      ctx.moveTo(x(u0!), y(v0!));
      ctx.lineTo(x(u1!), y(v1!));
    }
    ctx.stroke();
  }

  // Trajectories: a dot at the start, the curve, a ring where they stopped.
  const flow = (f: PlaneFlow, colour: string, width: number) => {
    const pts = f.points;
    if (pts.length < 2) return;
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.lineWidth = width * scale;
    ctx.beginPath();
    ctx.moveTo(x(pts[0]!), y(pts[1]!));
    for (let k = 2; k < pts.length; k += 2) ctx.lineTo(x(pts[k]!), y(pts[k + 1]!));
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(x(pts[0]!), y(pts[1]!), 3 * scale, 0, 2 * Math.PI);
    ctx.fill();
    ctx.beginPath();
    ctx.arc(x(pts[pts.length - 2]!), y(pts[pts.length - 1]!), 4 * scale, 0, 2 * Math.PI);
    ctx.stroke();
  };
  for (const f of p.flows) flow(f, '#08306b', 1.6);
  if (p.chosenFlow) flow(p.chosenFlow, '#000000', 2.6);

  // Sampled equilibrium points, by verdict.
  for (const s of p.points) {
    ctx.fillStyle = VERDICT_COLOURS[s.verdict] ?? '#888888';
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 1.5 * scale;
    ctx.beginPath();
    ctx.arc(x(s.u), y(s.v), 5.5 * scale, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }

  if (p.chosen) {
    const cx = x(p.chosen.u);
    const cy = y(p.chosen.v);
    ctx.strokeStyle = '#000000';
    ctx.lineWidth = 2 * scale;
    ctx.beginPath();
    ctx.moveTo(cx - 9 * scale, cy);
    ctx.lineTo(cx + 9 * scale, cy);
    ctx.moveTo(cx, cy - 9 * scale);
    ctx.lineTo(cx, cy + 9 * scale);
    ctx.stroke();
  }

  // Tick labels at the window's edges.
  ctx.fillStyle = '#000000';
  ctx.font = `${12 * scale}px sans-serif`;
  const fmt = (t: number) => `${Number(t.toPrecision(3))}`;
  ctx.textBaseline = 'bottom';
  ctx.textAlign = 'left';
  ctx.fillText(fmt(view.u - view.half), 3 * scale, H - 2 * scale);
  ctx.textAlign = 'right';
  ctx.fillText(fmt(view.u + view.half), W - 3 * scale, H - 2 * scale);
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillText(fmt(view.v + view.half), 3 * scale, 2 * scale);
}
