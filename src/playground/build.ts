/**
 * Builds the playground: one self-contained HTML page (build/playground/index.html by default)
 * with the engine bundled for the browser by esbuild and KaTeX's stylesheet and fonts inlined, so
 * it opens from the file system and works offline. `npm run playground` runs this file.
 *
 * The bundle is the engine's own modules (models, procedures, polynomials, analyses) imported by
 * src/playground/web/main.ts. The only Node modules on that path are the four built-ins the float
 * curl sampler names; they are mapped to web/node-shims.ts, and any other Node import fails the
 * build, so the page can never carry code that needs a file system.
 *
 * Example: `await buildPlayground('build/playground')` writes build/playground/index.html.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { katexCss } from '../render/katex-assets.js';

/** The folder holding src/playground/web/main.ts: this file sits in src/playground/ or dist/src/playground/. */
function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 5; up++, dir = dirname(dir)) if (existsSync(join(dir, 'src/playground/web/main.ts'))) return dir;
  throw new Error('playground: src/playground/web/main.ts not found above the build script');
}

const SHIMMED = /^node:(fs|os|url|worker_threads)$/;

/** node:fs, node:os, node:url and node:worker_threads → web/node-shims.ts; nothing else from Node. */
function nodeShims(root: string): Plugin {
  return {
    name: 'ncssl-node-shims',
    setup(b) {
      b.onResolve({ filter: SHIMMED }, () => ({ path: join(root, 'src/playground/web/node-shims.ts') }));
    },
  };
}

export interface PlaygroundBuild {
  file: string;
  bytes: number;
  /** The source files in the bundle, relative to the repository (node_modules included). */
  inputs: string[];
}

/** `minify: false` keeps the engine's names readable in the browser's debugger and profiler. */
export async function buildPlayground(outDir: string, options: { minify: boolean } = { minify: true }): Promise<PlaygroundBuild> {
  const root = repositoryRoot();
  const result = await build({
    entryPoints: [join(root, 'src/playground/web/main.ts')],
    absWorkingDir: root,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: options.minify,
    write: false,
    outdir: 'bundle',
    metafile: true,
    logLevel: 'silent',
    plugins: [nodeShims(root)],
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const css = result.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  // An inline script ends at the first "</script": esbuild escapes it in strings; check, never assume.
  if (/<\/script/i.test(js)) throw new Error('playground: the bundle contains "</script", which would end the inline script');
  const html = page(js, css);
  mkdirSync(outDir, { recursive: true });
  const file = resolve(outDir, 'index.html');
  writeFileSync(file, html);
  return { file, bytes: Buffer.byteLength(html), inputs: Object.keys(result.metafile.inputs).sort() };
}

function page(js: string, css: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ncssl playground</title>
<style>${katexCss()}</style>
<style>${css}</style>
</head>
<body>
<header>
<h1>ncssl playground</h1>
<p>The training dynamics of stop gradient (SG), moving-average targets (EMA) and plain gradient descent (GD) on small linear models, derived exactly by ncssl's own engine in this page. Move a slider; click the plane to choose a point.</p>
</header>
<main>
<section id="controls">
<h2>Model</h2>
<select id="model" aria-label="model"></select>
<p id="model-note" class="muted"></p>
<h2>Procedure</h2>
<div id="procedure"></div>
<h2>Moments</h2>
<div id="moment-sliders"></div>
<h2>Weight decay and rates</h2>
<div id="rate-sliders"></div>
<h2>Picture</h2>
<label><input type="checkbox" id="rate-adjusted"> colour the curl of P⁻¹V instead of V</label>
<div class="slider"><label for="view">window ±</label><input type="range" id="view" min="0.5" max="5" step="0.25" value="2"><span></span></div>
<button id="reset" type="button">reset the sliders</button>
</section>
<section id="picture">
<canvas id="plane" width="560" height="560" aria-label="phase plane"></canvas>
<p id="axes"></p>
<div id="legend"></div>
</section>
<section id="formulas">
<p id="warning"></p>
<p id="error"></p>
<h2>Model</h2><div id="model-tex"></div>
<h2>Field V (exact)</h2><div id="field"></div>
<h2>Curl (exact)</h2><div id="curl"></div>
<h2>Gradient field or not</h2><div id="verdict"></div>
<h2>Equilibria</h2><div id="equilibria"></div>
<h2>Chosen point</h2><div id="point"><p class="muted">Click the plane.</p></div>
</section>
</main>
<script type="module">${js}</script>
</body>
</html>
`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // node dist/src/playground/build.js [OUT_DIR] [--no-minify]
  const args = process.argv.slice(2);
  const out = args.find((a) => !a.startsWith('--')) ?? 'build/playground';
  buildPlayground(out, { minify: !args.includes('--no-minify') }).then(
    (b) => console.log(`wrote ${b.file} (${Math.round(b.bytes / 1024)} KiB): open it in a browser, no server needed`),
    (e: Error) => {
      console.error(`playground build failed: ${e.message}`);
      process.exit(1);
    },
  );
}
