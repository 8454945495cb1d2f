/**
 * Writes large JSON without building it as one string (issue 9): `derive --json` of a dense
 * 16×16 model prints about 19 million Jacobian entries, several hundred MB — past V8's largest
 * string, and twice the memory of the derivation if it were built first. The text is exactly what
 * `JSON.stringify(value, null, 2)` gives, written in pieces of about 64 KB; values other than
 * plain objects, arrays, strings, numbers, booleans and null (polynomials, say) are written as
 * the JSON string of their `String(…)`, computed only when reached.
 *
 * Example: `streamJson({ a: [1, poly] }, out)` writes '{\n  "a": [\n    1,\n    "x + 1"\n  ]\n}'.
 */

/** Collects text and hands it on in pieces of about `size` characters. */
export class ChunkedWriter {
  private parts: string[] = [];
  private length = 0;
  constructor(
    private readonly out: (text: string) => void,
    private readonly size = 65_536,
  ) {}
  write(text: string): void {
    this.parts.push(text);
    this.length += text.length;
    if (this.length >= this.size) this.flush();
  }
  flush(): void {
    if (this.length === 0) return;
    this.out(this.parts.join(''));
    this.parts = [];
    this.length = 0;
  }
}

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Writes `value` as JSON.stringify(value, null, 2) would, plus nothing after it. */
export function streamJson(value: unknown, w: ChunkedWriter, indent = ''): void {
  if (value === null || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') {
    w.write(JSON.stringify(value));
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      w.write('[]');
      return;
    }
    const inner = `${indent}  `;
    w.write('[');
    value.forEach((v, k) => {
      w.write(k === 0 ? `\n${inner}` : `,\n${inner}`);
      streamJson(v === undefined || typeof v === 'function' ? null : v, w, inner);
    });
    w.write(`\n${indent}]`);
    return;
  }
  if (typeof value === 'object' && isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
    if (entries.length === 0) {
      w.write('{}');
      return;
    }
    const inner = `${indent}  `;
    w.write('{');
    entries.forEach(([k, v], i) => {
      w.write(`${i === 0 ? '\n' : ',\n'}${inner}${JSON.stringify(k)}: `);
      streamJson(v, w, inner);
    });
    w.write(`\n${indent}}`);
    return;
  }
  w.write(JSON.stringify(String(value)));
}
