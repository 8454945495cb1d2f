/**
 * Test oracles from MATH.md written with plain rational matrices: nothing here is shared with the
 * engine or the kernel. `traceFormula` is F(A, B, T) of §4; `blocks` builds A, B, T from values of
 * the named parameters (A_i_j, B_i_j, T_i_j, 1-based) for every encoder and predictor kind.
 */
import { Rational, q } from '../../src/exact/rational.js';
import type { Model, RationalMatrix } from '../../src/model/model.js';
import { mul, ratMatrix, transpose } from '../helpers/models.js';

export function block(symbol: string, kind: string, rows: number, cols: number, value: (name: string) => Rational): RationalMatrix {
  return ratMatrix(rows, cols, (i, j) => {
    if (kind === 'linear') return value(`${symbol}_${i + 1}_${j + 1}`);
    if (i !== j) return Rational.ZERO;
    if (kind === 'diagonal') return value(`${symbol}_${i + 1}_${i + 1}`);
    return kind === 'scalar' ? value(`${symbol}_1_1`) : Rational.ONE; // identity
  });
}

export function blocks(m: Model, value: (name: string) => Rational): { A: RationalMatrix; B: RationalMatrix; T: RationalMatrix } {
  const { in: p, out: n, kind } = m.encoder;
  return { A: block('A', kind, n, p, value), B: block('B', m.predictor.kind, n, n, value), T: block('T', kind, n, p, value) };
}

export const trace = (X: RationalMatrix): Rational => X.reduce((acc, row, i) => acc.add(row[i]!), Rational.ZERO);

/** ½ tr(BAΣ1AᵀBᵀ) − tr(BAΣ12Tᵀ) + ½ tr(TΣ2Tᵀ). */
export function traceFormula(m: Model, value: (name: string) => Rational): Rational {
  const { A, B, T } = blocks(m, value);
  const { sigma1, sigma2, sigma12 } = m.moments;
  const BA = mul(B, A);
  const half = q(1, 2);
  return trace(mul(mul(BA, sigma1), transpose(BA)))
    .mul(half)
    .sub(trace(mul(mul(BA, sigma12), transpose(T))))
    .add(trace(mul(mul(T, sigma2), transpose(T))).mul(half));
}
