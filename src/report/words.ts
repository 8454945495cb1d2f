/**
 * Words kept as data elsewhere (a procedure's words, say) may carry TeX math between dollar
 * signs; this turns them into the document's text and math inlines.
 *
 * Example: `withMath('taken at $T = A$')` is [text('taken at '), math('T = A')].
 */
import { type Inline, math, text } from './document.js';

export function withMath(s: string): Inline[] {
  // Split on $…$; odd pieces are math. A stray '$' would make the rest math: refuse it loudly,
  // since these strings are written by developers, not users.
  const pieces = s.split('$');
  if (pieces.length % 2 === 0) throw new Error(`unbalanced '$' in ${JSON.stringify(s)}`);
  return pieces.flatMap((p, k) => (p === '' ? [] : [k % 2 === 1 ? math(p) : text(p)]));
}
