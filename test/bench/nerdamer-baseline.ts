/**
 * The same work as benchCore through nerdamer, the general-purpose CAS of the stack: expand F
 * from its entries, differentiate each procedure's loss, substitute T := A, differentiate again
 * for the Jacobian, and test DV − DVᵀ ≡ 0 entry by entry. It answers why ncssl has its own
 * polynomial kernel.
 */
import nerdamer from 'nerdamer';
import 'nerdamer/Calculus.js';
import { randomModel } from '../helpers/models.js';

const name = (s: string, i: number, j: number) => `${s}${i + 1}x${j + 1}`;

export function benchNerdamer(d: number, budgetMs: number): number | null {
  const model = randomModel({ p: d, q: d, seed: d });
  const t0 = performance.now();
  const over = () => performance.now() - t0 > budgetMs;
  const { sigma1: S1, sigma2: S2, sigma12: S12 } = model.moments;
  const u = (i: number, j: number) => `(${Array.from({ length: d }, (_, k) => `${name('B', i, k)}*${name('A', k, j)}`).join('+')})`;
  const terms: string[] = [];
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      for (let l = 0; l < d; l++) {
        terms.push(`(1/2)*(${S1[j]![l]})*${u(i, j)}*${u(i, l)}`);
        terms.push(`-(${S12[j]![l]})*${u(i, j)}*${name('T', i, l)}`);
        terms.push(`(1/2)*(${S2[j]![l]})*${name('T', i, j)}*${name('T', i, l)}`);
      }
    }
  }
  const F = nerdamer(terms.join('+')).expand();
  const A = Array.from({ length: d * d }, (_, k) => name('A', Math.floor(k / d), k % d));
  const B = A.map((a) => a.replace('A', 'B'));
  const T = A.map((a) => a.replace('A', 'T'));
  const toA = Object.fromEntries(T.map((t, k) => [t, A[k]!]));
  const E = nerdamer(F.toString(), toA).expand();
  const procedures = [
    { state: [...A, ...B], field: [...A, ...B].map((v) => nerdamer.diff(E, v).expand().toString()) }, // gd
    { state: [...A, ...B], field: [...A, ...B].map((v) => nerdamer(nerdamer.diff(F, v).toString(), toA).expand().toString()) }, // sg
    {
      state: [...A, ...B, ...T],
      field: [...[...A, ...B].map((v) => nerdamer.diff(F, v).expand().toString()), ...T.map((t, k) => `${A[k]}-${t}`)],
    }, // ema
  ];
  for (const p of procedures) {
    if (over()) return null;
    const J = p.field.map((f) => p.state.map((v) => nerdamer.diff(f, v).expand().toString()));
    for (let i = 0; i < J.length; i++) {
      if (over()) return null;
      for (let j = i + 1; j < J.length; j++) nerdamer(`(${J[i]![j]})-(${J[j]![i]})`).expand().toString();
    }
  }
  return performance.now() - t0;
}
