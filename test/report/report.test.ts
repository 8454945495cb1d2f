/**
 * The report end to end, on the bundled models (proofs/models/) and on two random models covering the
 * kinds the bundled ones lack: every formula typesets in KaTeX (strict), the .tex compiles with
 * pdflatex without errors or overfull lines, the HTML opens in headless Chromium with no KaTeX
 * error node and its fonts loaded offline (a screenshot is kept in test-artifacts/), the Markdown's
 * math parses, and the output is byte-for-byte deterministic.
 *
 * pdflatex and chromium are real programs: under CI a missing one fails the test; locally the
 * test is skipped with a note.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import katex from 'katex';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { q } from '../../src/exact/rational.js';
import type { Model } from '../../src/model/model.js';
import { loadSpecFile } from '../../src/model/spec.js';
import { buildReport } from '../../src/report/build.js';
import { type ReportDocument, allFigures, allFormulas, allSections } from '../../src/report/document.js';
import { figureFiles } from '../../src/render/index.js';
import { reportHtml } from '../../src/render/html.js';
import { reportJson } from '../../src/render/json.js';
import { reportLatex } from '../../src/render/latex.js';
import { reportMarkdown } from '../../src/render/markdown.js';
import { randomModel } from '../helpers/models.js';
import { runCli } from '../helpers/cli.js';

const CI = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
const ARTIFACTS = resolve('test-artifacts', 'report');
const BUNDLED = ['scalar.yaml', 'linear-2x2.yaml', 'linear-3x3.yaml', 'linear-4to2.yaml', 'explicit-moments.json', 'diagonal-3x2.yaml'];
const OPTIONS = { samples: 16, seed: 1 };

/** The bundled spec, or a random model of the same shape when the file is not there. */
function bundledModel(file: string): Model {
  const path = join('proofs/models', file);
  if (existsSync(path)) return loadSpecFile(path);
  const shapes: Record<string, Parameters<typeof randomModel>[0]> = {
    'scalar.yaml': { p: 1, q: 1 },
    'linear-2x2.yaml': { p: 2, q: 2 },
    'linear-3x3.yaml': { p: 3, q: 3 },
    'linear-4to2.yaml': { p: 4, q: 2, weightDecay: q(1, 100), predictorRate: q(2) },
    'explicit-moments.json': { p: 2, q: 2, predictor: 'diagonal', asymmetric: true },
    'diagonal-3x2.yaml': { p: 3, q: 2, encoder: 'diagonal', predictor: 'diagonal', asymmetric: true },
  };
  return { ...randomModel(shapes[file]!), name: file.replace(/\.[a-z]+$/, '') };
}

interface Case {
  name: string;
  source: string;
  doc: ReportDocument;
}

const cases: Case[] = [
  ...BUNDLED.map((file) => ({ name: file.replace(/\.[a-z]+$/, ''), source: join('proofs/models', file), model: bundledModel(file) })),
  {
    name: 'scalar-encoder-3to2',
    source: 'random',
    model: { ...randomModel({ p: 3, q: 2, encoder: 'scalar', asymmetric: true, weightDecay: q(1, 4), emaRate: q(1, 3), seed: 7 }), name: 'scalar-encoder-3to2' },
  },
  {
    name: 'identity-predictor-2x2',
    source: 'random',
    model: { ...randomModel({ p: 2, q: 2, predictor: 'identity', asymmetric: true, predictorRate: q(3), seed: 8 }), name: 'identity-predictor-2x2' },
  },
].map(({ name, source, model }) => ({ name, source, doc: buildReport(model, source, OPTIONS) }));

function have(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

/** Runs the test body if the program exists; fails under CI when it does not. */
function withProgram(present: boolean, program: string): typeof it | typeof it.skip {
  if (present || CI) return it;
  console.warn(`${program} is not installed: skipping its report test (CI installs it)`);
  return it.skip;
}

beforeAll(() => {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
});

describe('report formulas', () => {
  it.each(cases.map((c) => [c.name, c] as const))('every formula of %s typesets in KaTeX (strict, throwOnError)', (_, c) => {
    const formulas = allFormulas(c.doc);
    expect(formulas.length).toBeGreaterThan(20);
    for (const f of formulas) {
      expect(() => katex.renderToString(f.latex, { displayMode: f.display, throwOnError: true, strict: 'error' }), f.latex).not.toThrow();
    }
  });

  it('the Markdown math ($…$ and $$…$$) of every report parses in KaTeX', () => {
    for (const c of cases) {
      const md = reportMarkdown(c.doc);
      const displays = [...md.matchAll(/^\$\$\n([\s\S]*?)\n\$\$$/gm)].map((m) => m[1]!);
      expect(displays.length).toBeGreaterThan(5);
      for (const d of displays) katex.renderToString(d, { displayMode: true, throwOnError: true, strict: 'error' });
      const withoutDisplays = md.replace(/^\$\$\n[\s\S]*?\n\$\$$/gm, '');
      const inlines = [...withoutDisplays.matchAll(/(?<!\\)\$([^$\n]+?)(?<!\\)\$/g)].map((m) => m[1]!);
      expect(inlines.length).toBeGreaterThan(5);
      for (const m of inlines) katex.renderToString(m, { displayMode: false, throwOnError: true, strict: 'error' });
    }
  });

  it('is deterministic: the same model gives the same bytes in every format', () => {
    const c = cases[0]!;
    const again = buildReport(loadSpecFile('proofs/models/scalar.yaml'), c.source, OPTIONS);
    for (const print of [reportLatex, reportHtml, reportMarkdown, reportJson]) expect(print(again)).toBe(print(c.doc));
    for (const format of ['tex', 'md'] as const) expect(figureFiles(again, format)).toEqual(figureFiles(c.doc, format));
  });

  it('large instantiated matrices are summarised in the body and given in full in the appendix and the JSON', () => {
    const big = cases.find((c) => c.name === 'linear-3x3')!.doc;
    const summaries = allSections(big).flatMap((s) => s.blocks.filter((b) => b.kind === 'matrix-summary'));
    expect(summaries.length).toBeGreaterThan(0);
    for (const s of summaries) if (s.kind === 'matrix-summary' && s.fullIn) expect(big.appendix.some((a) => a.id === s.fullIn)).toBe(true);
    const json = JSON.parse(reportJson(big));
    const jac = json.sections.find((s: { id: string }) => s.id === 'procedures').subsections[0].subsections.find((s: { id: string }) => s.id === 'gd-jacobian');
    expect(jac.data.jacobian.length).toBeGreaterThan(100);
  });
});

describe('report .tex', () => {
  const pdflatex = have('pdflatex');
  withProgram(pdflatex, 'pdflatex')(
    'compiles with pdflatex, without errors or overfull lines, for every model',
    () => {
      if (!pdflatex) throw new Error('pdflatex is required under CI (texlive-latex-base, texlive-latex-recommended)');
      const dir = join(ARTIFACTS, 'tex');
      mkdirSync(dir, { recursive: true });
      for (const c of cases) {
        writeFileSync(join(dir, `${c.name}.tex`), reportLatex(c.doc));
        const figures = figureFiles(c.doc, 'tex');
        for (const f of figures) writeFileSync(join(dir, f.name), f.content);
        const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', `${c.name}.tex`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
        const log = readFileSync(join(dir, `${c.name}.log`), 'latin1');
        expect(r.status, `${c.name}: ${log.split('\n').filter((l) => l.startsWith('!')).join('\n')}`).toBe(0);
        expect(log.match(/Overfull \\hbox.*/g) ?? [], c.name).toEqual([]);
        expect(existsSync(join(dir, `${c.name}.pdf`))).toBe(true);
        // Every figure PDF was read by pdflatex (it lists each file it includes as <./name>).
        expect(figures.length, c.name).toBeGreaterThan(0);
        for (const f of figures) expect(log.replace(/\n/g, ''), `${c.name}: ${f.name}`).toContain(`<./${f.name}>`);
      }
    },
    60_000,
  );
});

describe('report .html in Chromium', () => {
  const chromiumPath = '/usr/bin/chromium';
  const present = existsSync(chromiumPath);
  let browser: Browser | null = null;
  afterAll(async () => {
    await browser?.close();
  });

  withProgram(present, 'chromium')(
    'renders without a KaTeX error node, with the KaTeX fonts loaded offline, and a screenshot is kept',
    async () => {
      if (!present) throw new Error('chromium is required under CI');
      const { chromium } = await import('playwright-core');
      browser = await chromium.launch({
        executablePath: chromiumPath,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      });
      const dir = join(ARTIFACTS, 'html');
      mkdirSync(dir, { recursive: true });
      for (const name of ['scalar', 'diagonal-3x2', 'linear-3x3']) {
        const c = cases.find((x) => x.name === name)!;
        const file = join(dir, `${name}.html`);
        writeFileSync(file, reportHtml(c.doc));
        const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
        const external: string[] = [];
        page.on('request', (r) => {
          if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) external.push(r.url());
        });
        await page.goto(`file://${file}`, { waitUntil: 'load' });
        // Strings, not functions: the test's TypeScript has no DOM types.
        await page.evaluate('document.fonts.ready.then(() => true)');
        expect(await page.locator('.katex-error').count(), name).toBe(0);
        expect(await page.locator('.katex').count(), name).toBeGreaterThan(50);
        expect(await page.evaluate("document.fonts.check('16px KaTeX_Main') && document.fonts.check('16px KaTeX_Math')")).toBe(true);
        expect(await page.evaluate("[...document.fonts].some((f) => f.family.includes('KaTeX') && f.status === 'loaded')")).toBe(true);
        // Body formulas fit the page width.
        const overflowing = await page.evaluate(
          "[...document.querySelectorAll('section .equation')].filter((e) => e.scrollWidth > e.clientWidth + 1).length",
        );
        expect(overflowing, name).toBe(0);
        expect(external).toEqual([]);
        // The figures are inline SVG with their curves, laid out at the width of the text.
        const figures = allFigures(c.doc).length;
        expect(figures, name).toBeGreaterThan(0);
        expect(await page.locator('figure.plot svg').count()).toBe(figures);
        expect(await page.locator('figure.plot svg polyline').count()).toBeGreaterThan(figures);
        expect(await page.evaluate("[...document.querySelectorAll('figure.plot svg')].every((s) => s.getBoundingClientRect().width > 400)")).toBe(true);
        await page.screenshot({ path: join(dir, `${name}.png`), fullPage: name === 'scalar' });
        await page.close();
      }
    },
    60_000,
  );
});

describe('ncssl report (CLI)', () => {
  it('writes the chosen formats through --out, refuses to overwrite without --force, and prints a single format', async () => {
    const dir = join(ARTIFACTS, 'cli');
    rmSync(dir, { recursive: true, force: true });
    const first = await runCli(['report', 'proofs/models/scalar.yaml', '--format', 'tex,md,json', '--out', dir]);
    expect(first.code, first.stderr).toBe(0);
    for (const ext of ['tex', 'md', 'json']) expect(existsSync(join(dir, `scalar.${ext}`))).toBe(true);
    // The figures beside them: PDF for the .tex, SVG for the .md, each referenced by its report.
    for (const figure of ['trajectories', 'phase-plane']) {
      expect(readFileSync(join(dir, `scalar-${figure}.pdf`), 'latin1').startsWith('%PDF-1.4')).toBe(true);
      // Deflated streams: the font subsets and the level curves, about 32 KB for the phase plane.
      expect(readFileSync(join(dir, `scalar-${figure}.pdf`)).length).toBeLessThan(50_000);
      expect(readFileSync(join(dir, `scalar-${figure}.svg`), 'utf8').startsWith('<svg ')).toBe(true);
      expect(readFileSync(join(dir, 'scalar.tex'), 'utf8')).toContain(`\\includegraphics[width=0.6\\linewidth]{scalar-${figure}.pdf}`);
      expect(readFileSync(join(dir, 'scalar.md'), 'utf8')).toContain(`(scalar-${figure}.svg)`);
    }
    const again = await runCli(['report', 'proofs/models/scalar.yaml', '--format', 'tex', '--out', dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists.*--force/);
    expect((await runCli(['report', 'proofs/models/scalar.yaml', '--format', 'tex', '--out', dir, '--force'])).code).toBe(0);
    const printed = await runCli(['report', 'proofs/models/scalar.yaml', '--format', 'md']);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toBe(readFileSync(join(dir, 'scalar.md'), 'utf8'));
    // --trajectories 0 leaves the section and its figures out.
    const plain = await runCli(['report', 'proofs/models/scalar.yaml', '--format', 'md', '--trajectories', '0']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).not.toContain('Trajectories');
    expect(plain.stdout).not.toContain('.svg)');
  });

  it('bad flags: one line naming the flag, exit 2, nothing written', async () => {
    const dir = join(ARTIFACTS, 'cli-bad');
    rmSync(dir, { recursive: true, force: true });
    for (const args of [
      ['report', 'proofs/models/scalar.yaml', '--format', 'pdf', '--out', dir],
      ['report', 'proofs/models/scalar.yaml', '--format', 'tex,html'],
      ['report', 'proofs/models/scalar.yaml', '--force'],
      ['report'],
      ['report', 'proofs/models/scalar.yaml', 'proofs/models/linear-2x2.yaml'],
      ['report', 'proofs/models/scalar.yaml', '--trajectories', '51'],
      ['report', 'proofs/models/scalar.yaml', '--trajectories', 'many'],
    ]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
    expect(existsSync(dir)).toBe(false);
  });
});
