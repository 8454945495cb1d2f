/**
 * Parses the expression syntax ncssl prints (`3/2*A_1_1^2*B_1_2 - A_1_2 + 1/3`) back into a
 * polynomial: numbers, variable names of the ring, `+ - * /` (division by a nonzero constant
 * only), `^` with a non-negative integer exponent, and parentheses.
 *
 * Example: `parsePoly(new Ring(['a']), '(a + 1)^2').toString() === 'a^2 + 2*a + 1'`.
 */
import { Rational } from '../exact/rational.js';
import { Poly } from './poly.js';
import type { Ring } from './ring.js';

/** Longest expression accepted, and deepest parenthesis nesting: bounds the work on bad input. */
const MAX_LENGTH = 1_000_000;
const MAX_DEPTH = 200;
const MAX_EXPONENT = 64;

export class PolyParseError extends Error {}

type Token = { kind: 'num' | 'name' | 'op'; text: string; at: number };

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/^()]))/y;
  let at = 0;
  while (at < src.length) {
    if (/^\s*$/.test(src.slice(at))) break;
    re.lastIndex = at;
    const m = re.exec(src);
    if (!m) throw new PolyParseError(`unexpected character at ${at}: '${src.slice(at).trim()[0]}'`);
    const kind = m[1] !== undefined ? 'num' : m[2] !== undefined ? 'name' : 'op';
    tokens.push({ kind, text: (m[1] ?? m[2] ?? m[3])!, at });
    at = re.lastIndex;
  }
  return tokens;
}

export function parsePoly(ring: Ring, src: string): Poly {
  if (src.length > MAX_LENGTH) throw new PolyParseError(`expression longer than ${MAX_LENGTH} characters`);
  const tokens = tokenize(src);
  let pos = 0;
  let depth = 0;
  const peek = (): Token | undefined => tokens[pos];
  const expect = (text: string): void => {
    const t = tokens[pos];
    if (!t || t.text !== text) throw new PolyParseError(`expected '${text}' at token ${pos}`);
    pos++;
  };

  function sum(): Poly {
    let acc = product();
    for (let t = peek(); t && (t.text === '+' || t.text === '-'); t = peek()) {
      pos++;
      const rhs = product();
      acc = t.text === '+' ? acc.add(rhs) : acc.sub(rhs);
    }
    return acc;
  }
  function product(): Poly {
    let acc = unary();
    for (let t = peek(); t && (t.text === '*' || t.text === '/'); t = peek()) {
      pos++;
      const rhs = unary();
      if (t.text === '*') acc = acc.mul(rhs);
      else {
        if (!rhs.isConstant() || rhs.isZero()) throw new PolyParseError('division only by a nonzero constant');
        acc = acc.scale(rhs.constantTerm().inv());
      }
    }
    return acc;
  }
  function unary(): Poly {
    const t = peek();
    if (t && (t.text === '-' || t.text === '+')) {
      pos++;
      const inner = unary();
      return t.text === '-' ? inner.neg() : inner;
    }
    return power();
  }
  function power(): Poly {
    const base = atom();
    const t = peek();
    if (!t || t.text !== '^') return base;
    pos++;
    const e = tokens[pos];
    if (!e || e.kind !== 'num' || !/^\d+$/.test(e.text) || Number(e.text) > MAX_EXPONENT) {
      throw new PolyParseError(`exponent must be an integer from 0 to ${MAX_EXPONENT}`);
    }
    pos++;
    return base.pow(Number(e.text));
  }
  function atom(): Poly {
    const t = tokens[pos++];
    if (!t) throw new PolyParseError('unexpected end of expression');
    if (t.kind === 'num') return Poly.constant(ring, Rational.parse(t.text)!);
    if (t.kind === 'name') {
      if (!ring.has(t.text)) throw new PolyParseError(`unknown variable ${t.text}`);
      return Poly.variable(ring, ring.indexOf(t.text));
    }
    if (t.text === '(') {
      if (++depth > MAX_DEPTH) throw new PolyParseError(`parentheses nested deeper than ${MAX_DEPTH}`);
      const inner = sum();
      expect(')');
      depth--;
      return inner;
    }
    throw new PolyParseError(`unexpected '${t.text}' at token ${pos - 1}`);
  }

  const result = sum();
  if (pos !== tokens.length) throw new PolyParseError(`unexpected '${tokens[pos]!.text}' at token ${pos}`);
  return result;
}
