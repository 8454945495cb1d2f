/**
 * KaTeX's stylesheet with its fonts inlined as data: URLs, so a report page renders offline from
 * one file. Only the WOFF2 fonts are kept (every current browser reads them); the result is read
 * once per process and is the same bytes every time.
 *
 * Example: `<style>${katexCss()}</style>`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let cached: string | null = null;

export function katexCss(): string {
  if (cached !== null) return cached;
  const require = createRequire(import.meta.url);
  const cssPath = require.resolve('katex/dist/katex.min.css');
  const fonts = join(dirname(cssPath), 'fonts');
  const css = readFileSync(cssPath, 'utf8');
  // src:url(fonts/X.woff2) format("woff2"),url(fonts/X.woff) format("woff"),url(fonts/X.ttf) format("truetype")
  cached = css.replace(/src:url\(fonts\/([A-Za-z0-9_-]+)\.woff2\) format\("woff2"\)(,url\([^)]*\) format\("[a-z]+"\))*/g, (_, name: string) => {
    const data = readFileSync(join(fonts, `${name}.woff2`)).toString('base64');
    return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
  });
  if (/url\(fonts\//.test(cached)) throw new Error('katexCss: a font reference was not inlined');
  return cached;
}
