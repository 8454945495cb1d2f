/**
 * The kernel's own reader for the expression syntax ncssl prints, e.g. `3/2*A_1_1^2*B_1_2 - A_1_2 + 1/3`:
 * numbers, the given variable names, `+ - * / ^`, parentheses; division by a nonzero number only.
 */
import { Rational } from '../exact/rational.js';
import { type KPoly, addScaled, addTerm, constant, mul, variable } from './poly.js';

const MAX_DEPTH = 100;
const MAX_EXPONENT = 64;

/** Example: `parseExpression('(a + 1)^2', new Set(['a']))` is Map { 'a*a' → 1, 'a' → 2, '' → 1 }. Throws on bad text. */
export function parseExpression(text: string, names: ReadonlySet<string>): KPoly {
  const tokens = text.match(/\d+(?:\.\d+)?|[A-Za-z_]\w*|[-+*/^()]|\S/g) ?? [];
  let pos = 0;
  let depth = 0;
  const isNumber = (t: string | undefined) => t !== undefined && /^\d/.test(t);
  const fail = (what: string): never => { throw new Error(`${what} at token ${pos + 1}`); }; // prettier-ignore
  const sum = (): KPoly => {
    const acc = product(); // a fresh map: added to in place, so long sums stay linear
    for (let op = tokens[pos]; op === '+' || op === '-'; op = tokens[pos]) {
      pos++;
      for (const [m, c] of product()) addTerm(acc, m, op === '+' ? c : c.neg());
    }
    return acc;
  };
  const product = (): KPoly => {
    let acc = unary();
    for (let op = tokens[pos]; op === '*' || op === '/'; op = tokens[pos]) {
      pos++;
      if (op === '*') acc = mul(acc, unary());
      else {
        const d = isNumber(tokens[pos]) ? Rational.parse(tokens[pos++]!)! : fail('expected a number after /');
        if (d.isZero()) fail('division by zero');
        acc = addScaled(new Map(), acc, d.inv());
      }
    }
    return acc;
  };
  const unary = (): KPoly => {
    let sign = Rational.ONE; // signs in a loop, not by recursion: '- - - … a' cannot overflow the stack
    for (; tokens[pos] === '-' || tokens[pos] === '+'; pos++) if (tokens[pos] === '-') sign = sign.neg();
    const base = atom();
    if (tokens[pos] !== '^') return addScaled(new Map(), base, sign);
    const e = tokens[pos + 1];
    pos += 2;
    if (!e || !/^\d+$/.test(e) || Number(e) > MAX_EXPONENT) fail(`expected an integer exponent from 0 to ${MAX_EXPONENT}`);
    let result = constant(sign);
    for (let k = 0; k < Number(e); k++) result = mul(result, base);
    return result;
  };
  const atom = (): KPoly => {
    const t = tokens[pos++];
    if (t === undefined) return fail('unexpected end');
    if (isNumber(t)) return constant(Rational.parse(t)!);
    if (names.has(t)) return variable(t);
    if (t !== '(') return fail(`unexpected '${t.slice(0, 20)}'`);
    if (++depth > MAX_DEPTH) fail(`parentheses nested deeper than ${MAX_DEPTH}`);
    const inner = sum();
    if (tokens[pos++] !== ')') fail("expected ')'");
    depth--;
    return inner;
  };
  const result = sum();
  if (pos !== tokens.length) fail(`unexpected '${tokens[pos]!.slice(0, 20)}'`);
  return result;
}
