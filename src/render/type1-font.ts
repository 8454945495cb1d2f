/**
 * Reads a Type 1 font program (the `.t1`/`.pfa` form: cleartext, then `currentfile eexec` and
 * the encrypted binary part, then the 512 zeros and `cleartomark`) and writes a subset of it
 * holding only the glyphs a figure uses, so that a PDF figure can embed its font in a few
 * kilobytes instead of a hundred. The glyph programs are copied byte for byte (still under their
 * own charstring encryption); only the eexec layer is undone to find them and redone after.
 * The advance width of each glyph is read from its own program (`hsbw`), so the PDF's /Widths
 * are those of the glyphs it embeds.
 *
 * The format is Adobe's "Type 1 Font Format" (1990), chapters 6 and 7.
 *
 * Example: `subsetType1(parseType1(bytes), new Set(['A', 'one']), 'ABCDEF')` is
 * `{ program, length1, length2, length3 }` for a PDF /FontFile stream.
 */

/** The encryption constants of eexec and of charstrings (chapter 7). */
const C1 = 52845;
const C2 = 22719;
const EEXEC_KEY = 55665;
const CHARSTRING_KEY = 4330;

function decrypt(bytes: Uint8Array, key: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let r = key;
  for (let k = 0; k < bytes.length; k++) {
    const c = bytes[k]!;
    out[k] = c ^ (r >> 8);
    r = ((c + r) * C1 + C2) & 0xffff;
  }
  return out;
}

function encrypt(plain: Uint8Array, key: number): Uint8Array {
  const out = new Uint8Array(plain.length);
  let r = key;
  for (let k = 0; k < plain.length; k++) {
    const c = plain[k]! ^ (r >> 8);
    out[k] = c;
    r = ((c + r) * C1 + C2) & 0xffff;
  }
  return out;
}

export interface Type1Glyph {
  /** The whole `/name len RD <bytes> ND` entry, as latin1 text of the decrypted part. */
  entry: string;
  /** Advance width in 1/1000 em (the font matrix of these fonts is 0.001). */
  width: number;
}

export interface Type1Font {
  fontName: string;
  bbox: [number, number, number, number];
  italicAngle: number;
  /** Up to and including the line `currentfile eexec`. */
  cleartext: string;
  /** The decrypted private part before the CharStrings entries, through `… dict dup begin`. */
  privateHead: string;
  /** The decrypted private part after the last CharStrings entry (`end end readonly put …`). */
  privateTail: string;
  glyphs: Map<string, Type1Glyph>;
  /** The zeros and `cleartomark` after the encrypted part. */
  trailer: string;
}

class FontFormatError extends Error {}

function fail(what: string): never {
  throw new FontFormatError(`not a Type 1 font program this reader knows: ${what}`);
}

/**
 * The operands before the glyph's first `hsbw` (13) or `sbw` (12 7) give its width; a `seac`
 * (12 6), an accented glyph built from two others, is refused, since a subset would need those
 * two as well (the ASCII glyphs the figures use have none).
 */
function glyphWidth(program: Uint8Array, lenIV: number): number {
  const bytes = decrypt(program, CHARSTRING_KEY).subarray(lenIV);
  const stack: number[] = [];
  let width: number | null = null;
  for (let k = 0; k < bytes.length; ) {
    const v = bytes[k]!;
    if (v >= 32) {
      if (v <= 246) (stack.push(v - 139), (k += 1));
      else if (v <= 250) (stack.push((v - 247) * 256 + bytes[k + 1]! + 108), (k += 2));
      else if (v <= 254) (stack.push(-(v - 251) * 256 - bytes[k + 1]! - 108), (k += 2));
      else (stack.push(new DataView(bytes.buffer, bytes.byteOffset + k + 1, 4).getInt32(0)), (k += 5));
      continue;
    }
    const op = v === 12 ? 1200 + bytes[k + 1]! : v;
    k += v === 12 ? 2 : 1;
    if (op === 1206) fail('a glyph made with seac');
    if (width === null && op === 13) width = stack[1] ?? fail('hsbw without a width');
    if (width === null && op === 1207) width = stack[2] ?? fail('sbw without a width');
    stack.length = 0;
  }
  return width ?? fail('a glyph without hsbw');
}

export function parseType1(bytes: Uint8Array): Type1Font {
  const text = Buffer.from(bytes).toString('latin1');
  if (!text.startsWith('%!PS-AdobeFont-1') && !text.startsWith('%!FontType1')) fail('no %!PS-AdobeFont-1 header (a PFB file needs its segment headers removed)');
  const marker = /currentfile eexec(\r\n|\r|\n)/.exec(text) ?? fail('no currentfile eexec');
  const start = marker.index + marker[0].length;
  const mark = text.lastIndexOf('cleartomark');
  if (mark < start) fail('no cleartomark');
  let end = mark;
  while (end > start && /[0\s]/.test(text[end - 1]!)) end--;
  const cleartext = text.slice(0, start);
  const fontName = /\/FontName\s*\/(\S+)\s+def/.exec(cleartext)?.[1] ?? fail('no /FontName');
  const bbox = (/\/FontBBox\s*[{[]\s*(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s*[}\]]/.exec(cleartext) ?? fail('no /FontBBox')).slice(1, 5).map(Number);
  const italicAngle = Number(/\/ItalicAngle\s+(-?[\d.]+)\s+def/.exec(cleartext)?.[1] ?? 0);

  const plain = Buffer.from(decrypt(bytes.subarray(start, end), EEXEC_KEY)).toString('latin1');
  const lenIV = Number(/\/lenIV\s+(\d+)\s+def/.exec(plain)?.[1] ?? 4);
  const header = /\/CharStrings\s+\d+\s+dict\s+dup\s+begin\s*/.exec(plain) ?? fail('no /CharStrings dictionary');
  const glyphs = new Map<string, Type1Glyph>();
  let at = header.index + header[0].length;
  // Entries `/name len RD <len bytes> ND` (or the -| … |- spelling) until the dictionary's `end`.
  const entry = /\/([^\s/[\]{}()<>%]+)\s+(\d+)\s+(RD|-\|)\s/y;
  for (;;) {
    entry.lastIndex = at;
    const m = entry.exec(plain);
    if (!m) break;
    const programStart = at + m[0].length;
    const programEnd = programStart + Number(m[2]);
    const close = /\s*(ND|\|-|noaccess def)\s*/y;
    close.lastIndex = programEnd;
    const c = close.exec(plain) ?? fail(`glyph ${m[1]} is not closed by ND`);
    const program = Buffer.from(plain.slice(programStart, programEnd), 'latin1');
    glyphs.set(m[1]!, { entry: `${plain.slice(at, programEnd)} ${c[1]}\n`, width: glyphWidth(program, lenIV) });
    at = programEnd + c[0].length;
  }
  if (!plain.startsWith('end', at) || !glyphs.has('.notdef')) fail('the CharStrings dictionary does not end as expected');
  return {
    fontName,
    bbox: bbox as [number, number, number, number],
    italicAngle,
    cleartext,
    privateHead: plain.slice(0, header.index),
    privateTail: plain.slice(at),
    glyphs,
    trailer: text.slice(end),
  };
}

export interface Type1Subset {
  /** The font program for a PDF /FontFile stream. */
  program: Uint8Array;
  /** /Length1, /Length2, /Length3: cleartext, encrypted and trailer lengths. */
  length1: number;
  length2: number;
  length3: number;
}

/**
 * The font with only `.notdef` and the named glyphs (a name the font lacks is left out: the PDF
 * shows .notdef for it), renamed `TAG+FontName` as PDF names a subset.
 */
export function subsetType1(font: Type1Font, names: ReadonlySet<string>, tag: string): Type1Subset {
  const kept = [...font.glyphs].filter(([name]) => name === '.notdef' || names.has(name));
  const cleartext = font.cleartext.replace(/\/FontName\s*\/\S+/, `/FontName /${tag}+${font.fontName}`);
  const plain = `${font.privateHead}/CharStrings ${kept.length} dict dup begin\n${kept.map(([, g]) => g.entry).join('')}${font.privateTail}`;
  const encrypted = encrypt(Buffer.from(plain, 'latin1'), EEXEC_KEY);
  const program = Buffer.concat([Buffer.from(cleartext, 'latin1'), encrypted, Buffer.from(font.trailer, 'latin1')]);
  return { program, length1: cleartext.length, length2: encrypted.length, length3: font.trailer.length };
}

export { FontFormatError };
