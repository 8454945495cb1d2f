/**
 * The fonts the PDF figures embed: Nimbus Sans (regular, bold, italic), URW's free clone of
 * Helvetica with the same advance widths, read from the system's copy of the URW base 35 fonts
 * (Debian and Ubuntu: package fonts-urw-base35; Fedora: urw-base35-fonts). Journals ask for
 * every font of a figure to be embedded, and a PDF that only names Helvetica leaves the glyphs to
 * the reader's viewer. Where the fonts are not installed the figures fall back to naming the
 * standard Helvetica (`figureFont` returns null) and `ncssl report` says so.
 *
 * Example: `figureFont('italic')?.glyphs.get('A')?.width === 667`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Type1Font, parseType1 } from './type1-font.js';

export type FigureFontStyle = 'regular' | 'bold' | 'italic';

/** Each style: the Nimbus Sans file, and the standard font named in its place when it is missing. */
export const FIGURE_FONTS: Record<FigureFontStyle, { file: string; standard: string }> = {
  regular: { file: 'NimbusSans-Regular.t1', standard: 'Helvetica' },
  bold: { file: 'NimbusSans-Bold.t1', standard: 'Helvetica-Bold' },
  italic: { file: 'NimbusSans-Italic.t1', standard: 'Helvetica-Oblique' },
};

/** Where distributions install the URW base 35 Type 1 files. */
const FONT_DIRS = ['/usr/share/fonts/type1/urw-base35', '/usr/share/fonts/urw-base35'];

const cache = new Map<FigureFontStyle, Type1Font | null>();

function load(style: FigureFontStyle): Type1Font | null {
  for (const dir of FONT_DIRS) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(dir, FIGURE_FONTS[style].file));
    } catch {
      continue;
    }
    // A file there that this reader cannot take apart is treated as missing, not as our crash.
    try {
      return parseType1(bytes);
    } catch {
      return null;
    }
  }
  return null;
}

/** The parsed font of a style, or null when it is not installed (read once per process). */
export function figureFont(style: FigureFontStyle): Type1Font | null {
  if (!cache.has(style)) cache.set(style, load(style));
  return cache.get(style)!;
}

/** The note `ncssl report` prints when a figure could not embed its fonts, or null. */
export function figureFontNote(): string | null {
  const missing = (Object.keys(FIGURE_FONTS) as FigureFontStyle[]).filter((s) => figureFont(s) === null);
  if (missing.length === 0) return null;
  return `note: the PDF figures name Helvetica without embedding it (${missing.map((s) => FIGURE_FONTS[s].file).join(', ')} not found in ${FONT_DIRS[0]}: install the URW base 35 fonts, Debian package fonts-urw-base35)\n`;
}

/**
 * The glyph names of the printable ASCII codes 32–126 in the PDF's WinAnsiEncoding, the encoding
 * the figures' text is written in (helvetica.ts maps everything else to '?').
 */
// prettier-ignore
export const WIN_ANSI_ASCII = [
  'space', 'exclam', 'quotedbl', 'numbersign', 'dollar', 'percent', 'ampersand', 'quotesingle', 'parenleft', 'parenright',
  'asterisk', 'plus', 'comma', 'hyphen', 'period', 'slash', 'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven',
  'eight', 'nine', 'colon', 'semicolon', 'less', 'equal', 'greater', 'question', 'at',
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  'bracketleft', 'backslash', 'bracketright', 'asciicircum', 'underscore', 'grave',
  ...'abcdefghijklmnopqrstuvwxyz',
  'braceleft', 'bar', 'braceright', 'asciitilde',
] as const;
