/**
 * The fonts of the PDF figures: the Type 1 reader and subsetter on a font program built here
 * (its own encryption, written independently of src/render/type1-font.ts), the installed Nimbus
 * Sans against Adobe's Helvetica widths, and `pdffonts` (poppler-utils) on the figures of the
 * scalar report: every font embedded. Without the URW fonts or pdffonts the tests that need them
 * are skipped locally; under CI (.ci/run installs both) they must run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpecFile } from '../../src/model/spec.js';
import { buildReport } from '../../src/report/build.js';
import type { Figure } from '../../src/report/figure.js';
import { FIGURE_FONTS, type FigureFontStyle, WIN_ANSI_ASCII, figureFont } from '../../src/render/figure-fonts.js';
import { pdfFigureFiles } from '../../src/render/figure-files.js';
import { textWidth } from '../../src/render/helvetica.js';
import { figurePdf } from '../../src/render/pdf.js';
import { parseType1, subsetType1 } from '../../src/render/type1-font.js';

const CI = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
const STYLES = Object.keys(FIGURE_FONTS) as FigureFontStyle[];
const installed = STYLES.every((s) => figureFont(s) !== null);

/** Adobe's encryption (Type 1 Font Format, ch. 7): c = p ^ (r >> 8); r = (c + r) · 52845 + 22719. */
function encrypt(plain: number[], key: number): number[] {
  let r = key;
  return plain.map((p) => {
    const c = (p ^ (r >> 8)) & 255;
    r = ((c + r) * 52845 + 22719) % 65536;
    return c;
  });
}

/** A Type 1 charstring number (v − 139 for −107..107, two bytes up to ±1131). */
function number(v: number): number[] {
  if (v >= -107 && v <= 107) return [v + 139];
  if (v >= 108 && v <= 1131) return [247 + ((v - 108) >> 8), (v - 108) & 255];
  return [251 + ((-v - 108) >> 8), (-v - 108) & 255];
}

/** A glyph program: 4 random bytes, then `0 width hsbw … endchar`, charstring-encrypted. */
function glyph(width: number, extra: number[] = []): string {
  const plain = [1, 2, 3, 4, ...number(0), ...number(width), 13, ...extra, 14];
  return String.fromCharCode(...encrypt(plain, 4330));
}

function toyFont(glyphs: Record<string, string>): Uint8Array {
  const clear = '%!PS-AdobeFont-1.0: Toy-Sans 1.0\n/FontName /Toy-Sans def\n/FontBBox {-10 -200 1000 900} readonly def\n/FontInfo 2 dict dup begin /ItalicAngle -12 def end readonly def\ncurrentfile eexec\r';
  const entries = Object.entries(glyphs).map(([name, program]) => `/${name} ${program.length} RD ${program} ND\n`);
  const priv = `abcddup /Private 3 dict dup begin\n/RD {string currentfile exch readstring pop} def\n/Subrs 0 array\n2 index /CharStrings ${entries.length} dict dup begin\n${entries.join('')}end\nend\nreadonly put\nmark currentfile closefile\n`;
  const encrypted = encrypt(Array.from(Buffer.from(priv, 'latin1')), 55665);
  return Buffer.concat([Buffer.from(clear, 'latin1'), Buffer.from(encrypted), Buffer.from(`\n${'0'.repeat(64)}\ncleartomark\n`, 'latin1')]);
}

describe('Type 1 reader and subsetter', () => {
  const toy = toyFont({ '.notdef': glyph(0), A: glyph(667), B: glyph(1015), space: glyph(278) });

  it('reads the name, box, angle and each glyph width from its hsbw', () => {
    const font = parseType1(toy);
    expect(font.fontName).toBe('Toy-Sans');
    expect(font.bbox).toEqual([-10, -200, 1000, 900]);
    expect(font.italicAngle).toBe(-12);
    expect(Object.fromEntries([...font.glyphs].map(([n, g]) => [n, g.width]))).toEqual({ '.notdef': 0, A: 667, B: 1015, space: 278 });
  });

  it('a subset holds .notdef and the glyphs asked for, byte for byte, under the tagged name', () => {
    const font = parseType1(toy);
    const subset = subsetType1(font, new Set(['B', 'missing']), 'ABCDEF');
    expect(subset.length1 + subset.length2 + subset.length3).toBe(subset.program.length);
    const again = parseType1(subset.program);
    expect(again.fontName).toBe('ABCDEF+Toy-Sans');
    expect([...again.glyphs.keys()]).toEqual(['.notdef', 'B']);
    expect(again.glyphs.get('B')).toEqual(font.glyphs.get('B'));
    // Everything around the glyphs (Private dictionary, Subrs, the closing lines) is kept as it was.
    expect([again.privateHead, again.privateTail, again.trailer]).toEqual([font.privateHead, font.privateTail, font.trailer]);
  });

  it('refuses what it cannot subset: an accented glyph made with seac, a file that is not Type 1', () => {
    expect(() => parseType1(toyFont({ '.notdef': glyph(0), Aacute: glyph(667, [...number(0), ...number(0), ...number(0), ...number(65), ...number(194), 12, 6]) }))).toThrow(/seac/);
    expect(() => parseType1(Buffer.from('%!PS-AdobeFont-1.0: X\nno eexec here\n'))).toThrow(/currentfile eexec/);
    expect(() => parseType1(Buffer.from('<svg/>'))).toThrow(/header/);
  });
});

describe.runIf(installed || CI)('the installed Nimbus Sans (Debian fonts-urw-base35)', () => {
  it('is installed (CI installs it), and its ASCII glyphs have the widths of Adobe Helvetica that the layout uses', () => {
    expect(installed, 'install the Debian package fonts-urw-base35').toBe(true);
    for (const style of STYLES) {
      const font = figureFont(style)!;
      WIN_ANSI_ASCII.forEach((name, k) => {
        expect(font.glyphs.get(name)?.width, `${style} ${name}`).toBeCloseTo(textWidth(String.fromCharCode(32 + k), 1000, style === 'bold'), 9);
      });
    }
  });
});

const pdffontsPresent = spawnSync('sh', ['-c', 'command -v pdffonts']).status === 0;

/** The rows of `pdffonts FILE`: name and the emb column. */
function fontsOf(file: string): Array<{ name: string; embedded: string }> {
  const r = spawnSync('pdffonts', [file], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const lines = r.stdout.trimEnd().split('\n');
  const header = lines[0]!;
  const emb = header.indexOf('emb');
  return lines.slice(2).map((line) => ({ name: line.split(/\s+/)[0]!, embedded: line.slice(emb, emb + 3) }));
}

describe.runIf(pdffontsPresent || CI)('pdffonts on the figure PDFs', () => {
  const dir = resolve('test-artifacts', 'render', 'figure-fonts');

  it('every font of every figure is embedded (the scalar report, and a figure using all three styles)', () => {
    mkdirSync(dir, { recursive: true });
    const spec = ['proofs/models/scalar.yaml', 'proofs/scalar.yaml'].find((p) => existsSync(p))!;
    const doc = buildReport(loadSpecFile(spec), spec, { samples: 16, seed: 1 });
    const files = pdfFigureFiles(doc);
    expect(files.length).toBeGreaterThan(0);
    const styled: Figure = {
      panels: [{ title: 'Bold title', x: { label: '$A_{11}$', min: 0, max: 1, ticks: [] }, y: { label: 'plain', min: 0, max: 1, ticks: [] }, series: [], guides: [], arrows: [] }],
      legend: [],
    };
    files.push({ name: 'styles.pdf', content: figurePdf(styled) });
    for (const f of files) {
      writeFileSync(join(dir, f.name), f.content);
      const fonts = fontsOf(join(dir, f.name));
      expect(fonts.length, f.name).toBeGreaterThan(0);
      for (const font of fonts) expect(font.embedded, `${f.name}: ${font.name} not embedded (install fonts-urw-base35)`).toBe('yes');
    }
  });
});
