/**
 * Test helper: a PDF's bytes as latin1 text with every deflated stream replaced by its inflated
 * content (and its /Length by the inflated length), so that tests can read the marks and the text
 * a figure draws.
 */
import { inflateSync } from 'node:zlib';

export function inflatedPdf(pdf: Uint8Array): string {
  const text = Buffer.from(pdf).toString('latin1');
  const head = /<< \/Length (\d+) \/Filter \/FlateDecode([^>]*)>>\nstream\n/g;
  let out = '';
  let from = 0;
  for (let m = head.exec(text); m; m = head.exec(text)) {
    const start = m.index + m[0].length;
    const body = inflateSync(Buffer.from(text.slice(start, start + Number(m[1])), 'latin1')).toString('latin1');
    out += `${text.slice(from, m.index)}<< /Length ${body.length}${m[2]}>>\nstream\n${body}`;
    from = start + Number(m[1]);
    head.lastIndex = from;
  }
  return out + text.slice(from);
}
