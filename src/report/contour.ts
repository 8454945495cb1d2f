/**
 * Level curves of a function of two variables over a rectangle, by marching squares: on a grid
 * of n × n cells, each cell whose corners straddle the level gets a segment between the linearly
 * interpolated crossings on its edges, and segments that share an edge crossing are chained into
 * polylines. For figures (src/report/figure.ts), e.g. the level sets of a conserved quantity
 * that the flows of a phase portrait travel along.
 *
 * Example: `levelCurve((x, y) => x * x - y * y, [-1, 1], [-1, 1], 0.25)` is the two branches of the
 * hyperbola x² − y² = 1/4 inside the square, each as a list of [x, y] points.
 */

type Point = [number, number];

export function levelCurve(f: (x: number, y: number) => number, [x0, x1]: readonly [number, number], [y0, y1]: readonly [number, number], level: number, n = 60): Point[][] {
  const xs = Array.from({ length: n + 1 }, (_, i) => x0 + ((x1 - x0) * i) / n);
  const ys = Array.from({ length: n + 1 }, (_, j) => y0 + ((y1 - y0) * j) / n);
  const v = xs.map((x) => ys.map((y) => f(x, y) - level));
  const above = (i: number, j: number) => v[i]![j]! >= 0;
  // The crossing on an edge, keyed by the edge: h i j joins (i, j)–(i+1, j), v i j joins (i, j)–(i, j+1).
  const crossing = new Map<string, Point>();
  const at = (key: string, [ia, ja]: Point, [ib, jb]: Point): string => {
    if (!crossing.has(key)) {
      const [fa, fb] = [v[ia]![ja]!, v[ib]![jb]!];
      const t = fa === fb ? 0.5 : fa / (fa - fb);
      crossing.set(key, [xs[ia]! + t * (xs[ib]! - xs[ia]!), ys[ja]! + t * (ys[jb]! - ys[ja]!)]);
    }
    return key;
  };
  const links = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    links.set(a, [...(links.get(a) ?? []), b]);
    links.set(b, [...(links.get(b) ?? []), a]);
  };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      // The cell's edges in order around it: bottom, right, top, left.
      const edges: Array<[string, Point, Point]> = [
        [`h${i},${j}`, [i, j], [i + 1, j]],
        [`v${i + 1},${j}`, [i + 1, j], [i + 1, j + 1]],
        [`h${i},${j + 1}`, [i, j + 1], [i + 1, j + 1]],
        [`v${i},${j}`, [i, j], [i, j + 1]],
      ];
      const cut = edges.filter(([, a, b]) => above(...a) !== above(...b)).map(([key, a, b]) => at(key, a, b));
      if (cut.length === 2) link(cut[0]!, cut[1]!);
      else if (cut.length === 4) {
        // A saddle cell: pair the crossings so that the centre's side stays connected.
        const centre = (v[i]![j]! + v[i + 1]![j]! + v[i]![j + 1]! + v[i + 1]![j + 1]!) / 4 >= 0;
        if (centre === above(i, j)) (link(cut[0]!, cut[1]!), link(cut[2]!, cut[3]!));
        else (link(cut[0]!, cut[3]!), link(cut[1]!, cut[2]!));
      }
    }
  }
  // Chain: open curves from their ends (one link), then closed loops from anywhere.
  const seen = new Set<string>();
  const curves: Point[][] = [];
  const walk = (start: string) => {
    const keys = [start];
    seen.add(start);
    for (;;) {
      const next = (links.get(keys[keys.length - 1]!) ?? []).find((k) => !seen.has(k));
      if (next === undefined) break;
      seen.add(next);
      keys.push(next);
    }
    if (keys.length < 2) return;
    const closed = keys.length > 2 && (links.get(keys[keys.length - 1]!) ?? []).includes(start);
    curves.push([...keys, ...(closed ? [start] : [])].map((k) => crossing.get(k)!));
  };
  for (const [key, l] of links) if (l.length === 1 && !seen.has(key)) walk(key);
  for (const key of links.keys()) if (!seen.has(key)) walk(key);
  return curves;
}
