/**
 * The playground end to end: `buildPlayground` bundles only browser-safe engine modules into one
 * deterministic HTML file, and the page, opened from the file system in headless Chromium, shows
 * KaTeX formulas without an error, redraws the field and the plane when a slider moves, changes
 * its verdict when the model's symmetry changes, gives the spectrum at a clicked point, logs no
 * console error, and makes no network request. A screenshot is kept in test-artifacts/playground/.
 *
 * Chromium is a real program: under CI a missing one fails the test; locally it is skipped.
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlayground, type PlaygroundBuild } from '../../src/playground/build.js';

const CI = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
const ARTIFACTS = resolve('test-artifacts', 'playground');
const CHROMIUM = '/usr/bin/chromium';

let built: PlaygroundBuild;

beforeAll(async () => {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  built = await buildPlayground(join(ARTIFACTS, 'page'));
});

describe('playground bundle', () => {
  it('holds the engine’s browser-safe modules only, KaTeX’s fonts inline, and is the same bytes every build', async () => {
    const engine = built.inputs.filter((f) => f.startsWith('src/'));
    const folders = new Set(engine.map((f) => f.split('/').slice(0, 2).join('/')));
    expect([...folders].sort()).toEqual(['src/analyses', 'src/exact', 'src/model', 'src/notation', 'src/numeric', 'src/playground', 'src/poly', 'src/procedures']);
    // From src/model only the types and limits: never the spec reader, which reads files.
    expect(engine.filter((f) => f.startsWith('src/model/'))).not.toContain('src/model/spec.ts');
    expect(engine).toContain('src/playground/web/node-shims.ts');
    const html = readFileSync(built.file, 'utf8');
    expect(html).not.toMatch(/url\(fonts\//);
    expect(html).not.toMatch(/(src|href)="https?:/);
    const again = await buildPlayground(join(ARTIFACTS, 'again'));
    expect(readFileSync(again.file, 'utf8') === html).toBe(true);
  });
});

describe('playground in Chromium', () => {
  const present = existsSync(CHROMIUM);
  let browser: Browser | null = null;
  afterAll(async () => {
    await browser?.close();
  });
  const run = present || CI ? it : it.skip;
  if (!present && !CI) console.warn('chromium is not installed: skipping the playground test (CI installs it)');

  /** Waits until the page has finished one more update than `before`. */
  const settled = (page: Page, before: number) => page.waitForFunction(`Number(document.body.dataset.updates) > ${before}`, null, { timeout: 10_000 });
  const updates = async (page: Page) => Number(await page.evaluate('document.body.dataset.updates'));
  const text = (page: Page, id: string) => page.evaluate(`document.getElementById(${JSON.stringify(id)}).textContent`) as Promise<string>;
  const canvas = (page: Page) => page.evaluate("document.getElementById('plane').toDataURL()") as Promise<string>;
  /** Sets a control's value and fires the event the page listens to, then waits for the redraw. */
  async function set(page: Page, id: string, value: string, event: 'input' | 'change'): Promise<void> {
    const before = await updates(page);
    await page.evaluate(`(() => { const e = document.getElementById(${JSON.stringify(id)}); e.value = ${JSON.stringify(value)}; e.dispatchEvent(new Event(${JSON.stringify(event)}, { bubbles: true })); })()`);
    await settled(page, before);
  }

  run('renders the formulas, follows the sliders, makes no request and logs no error', async () => {
    if (!present) throw new Error('chromium is required under CI');
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1300 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
    });
    await page.goto(`file://${built.file}`, { waitUntil: 'load' });
    await settled(page, 0);
    await page.evaluate('document.fonts.ready.then(() => true)');

    // The scalar model under SG, as in docs/math.md §5: formulas typeset, the curl a·c = 2 A_{1,1}.
    expect(await page.locator('.katex').count()).toBeGreaterThan(20);
    expect(await page.locator('.katex-error, .tex-error').count()).toBe(0);
    expect(await page.evaluate("document.fonts.check('16px KaTeX_Main') && document.fonts.check('16px KaTeX_Math')")).toBe(true);
    expect(await page.locator('#curl annotation').first().textContent()).toMatch(/= 2 A_\{1,1\}$/);
    expect(await text(page, 'verdict')).toMatch(/^V is not the gradient of any C² function \(proved\)/);

    // A slider: c from 2 to 1 changes the field, the curl (now 1·A_{1,1}) and the picture.
    const field = await text(page, 'field');
    const picture = await canvas(page);
    await set(page, 'slider-c', '1', 'input');
    expect(await text(page, 'field')).not.toBe(field);
    expect(await page.locator('#curl annotation').first().textContent()).toMatch(/= A_\{1,1\}$/);
    expect(await canvas(page)).not.toBe(picture);

    // A click near the sampled equilibrium (1, 2/5) of the line b = c/s picks it exactly.
    const box = (await page.locator('#plane').boundingBox())!;
    const before = await updates(page);
    await page.mouse.click(box.x + box.width * (3 / 4), box.y + box.height * (1 - (2 / 5 + 2) / 4));
    await settled(page, before);
    expect(await text(page, 'point')).toMatch(/^The sampled equilibrium/);
    expect(await text(page, 'point')).toMatch(/an equilibrium \(V = 0 exactly\)/);

    // The verdict follows the model: on the row encoder SG is a gradient field iff Σ12 is symmetric.
    await set(page, 'model', 'row-identity', 'change');
    expect(await text(page, 'verdict')).toMatch(/^V is not the gradient/);
    await set(page, 'slider-c21', '0.5', 'input');
    expect(await text(page, 'verdict')).toMatch(/^V is a gradient field \(proved\)/);

    // EMA: the slice T = A, coloured by the largest curl entry of the whole state.
    await page.locator('input[name="procedure"][value="ema"]').check();
    await page.waitForFunction("document.getElementById('axes').textContent.includes('slice T = A')", null, { timeout: 10_000 });
    expect(await text(page, 'legend')).toMatch(/largest entry/);
    expect(await page.locator('.katex-error, .tex-error').count()).toBe(0);

    await page.screenshot({ path: join(ARTIFACTS, 'playground.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });
});
