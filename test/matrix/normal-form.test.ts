/**
 * The normal form's rules checked against plain rational matrix arithmetic: a random word's
 * value computed directly must equal the value of its normal form (which rotated traces,
 * transposed products, dropped Σᵀ), and a displayed (factored) form must re-expand to itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational, q } from '../../src/exact/rational.js';
import { vary, gradients } from '../../src/matrix/calculus.js';
import { expand } from '../../src/matrix/expand.js';
import { display } from '../../src/matrix/factor.js';
import { type Environment, instantiate } from '../../src/matrix/instantiate.js';
import { MatrixForm, canonicalTrace, letter } from '../../src/matrix/normal-form.js';
import { SCALAR_RING, scalarConstant, scalarSymbol } from '../../src/matrix/scalars.js';
import { type Dim, type MatSymbol, matrixSymbol, variationOf } from '../../src/matrix/symbols.js';
import { Poly } from '../../src/poly/poly.js';
import { Ring } from '../../src/poly/ring.js';
import { matrixLatex } from '../../src/notation/latex-matrix.js';
import { seededRandom } from '../../src/numeric/random.js';
import { mul, ratMatrix, transpose, randomRational, add } from '../helpers/models.js';
import type { RationalMatrix } from '../../src/model/model.js';

const n: Dim = { name: 'n', size: 3 };
const m: Dim = { name: 'm', size: 2 };
const X = matrixSymbol({ id: 'X', latex: 'X', shape: { rows: n, cols: n }, symmetric: false, role: 'state', rank: 0 });
const Y = matrixSymbol({ id: 'Y', latex: 'Y', shape: { rows: n, cols: n }, symmetric: false, role: 'state', rank: 1 });
const S = matrixSymbol({ id: 'S', latex: '\\Sigma', shape: { rows: n, cols: n }, symmetric: true, role: 'constant', rank: 5 });
const R = matrixSymbol({ id: 'R', latex: 'R', shape: { rows: m, cols: n }, symmetric: false, role: 'state', rank: 2 });
const square = [X, Y, S];

const ring = new Ring(['unused']);
const rng = seededRandom(5);
const values = new Map<string, RationalMatrix>();
const symmetricRandom = () => {
  const g = ratMatrix(3, 3, () => randomRational(rng));
  return add(g, transpose(g));
};
values.set('X', ratMatrix(3, 3, () => randomRational(rng)));
values.set('Y', ratMatrix(3, 3, () => randomRational(rng)));
values.set('S', symmetricRandom());
values.set('R', ratMatrix(2, 3, () => randomRational(rng)));

const env: Environment = {
  ring,
  symbols: new Map([...values].map(([k, v]) => [k, v.map((row) => row.map((x) => Poly.constant(ring, x)))])),
  scalars: { lambda: q(1, 3), alpha: q(2), tau: q(1, 2) },
};

function value(form: MatrixForm): string[][] {
  return instantiate(form, env).map((row) => row.map((p) => p.constantTerm().toString()));
}

/** A random word over X, Y, Σ with transposes, as [form, direct value]. */
const wordArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.boolean()), { minLength: 1, maxLength: 5 });

function direct(word: Array<[number, boolean]>): RationalMatrix {
  let out = ratMatrix(3, 3, (i, j) => (i === j ? Rational.ONE : Rational.ZERO));
  for (const [k, t] of word) {
    const v = values.get(square[k]!.id)!;
    out = mul(out, t ? transpose(v) : v);
  }
  return out;
}

function formOf(word: Array<[number, boolean]>): MatrixForm {
  return word.map(([k, t]) => MatrixForm.symbol(square[k]!, t)).reduce((a, b) => a.mul(b));
}

const traceOf = (a: RationalMatrix) => a.reduce((s, row, i) => s.add(row[i]!), Rational.ZERO);

describe('normal form', () => {
  it('a product equals its direct value, and so does its transpose', () => {
    fc.assert(
      fc.property(wordArb, (w) => {
        const f = formOf(w);
        expect(value(f)).toEqual(direct(w).map((r) => r.map(String)));
        expect(value(f.transpose())).toEqual(transpose(direct(w)).map((r) => r.map(String)));
      }),
      { numRuns: 60, seed: 1 },
    );
  });

  it('a trace equals the trace of the direct value (rotations and transposes are sound)', () => {
    fc.assert(
      fc.property(wordArb, fc.integer({ min: 0, max: 4 }), (w, k) => {
        const rotated = [...w.slice(k % w.length), ...w.slice(0, k % w.length)];
        const f = formOf(w).trace();
        expect(f.equals(formOf(rotated).trace())).toBe(true);
        expect(f.equals(formOf(w).transpose().trace())).toBe(true);
        expect(value(f)[0]![0]).toBe(traceOf(direct(w)).toString());
      }),
      { numRuns: 60, seed: 2 },
    );
  });

  it('distinct traces stay distinct (tr(XY) ≠ tr(XᵀY))', () => {
    const a = MatrixForm.symbol(X).mul(MatrixForm.symbol(Y)).trace();
    const b = MatrixForm.symbol(X, true).mul(MatrixForm.symbol(Y)).trace();
    expect(a.equals(b)).toBe(false);
    expect(a.sub(b).isZero()).toBe(false);
  });

  it('uses Σᵀ = Σ and collects like terms', () => {
    const f = MatrixForm.symbol(S, true).mul(MatrixForm.symbol(X)).sub(MatrixForm.symbol(S).mul(MatrixForm.symbol(X)));
    expect(f.isZero()).toBe(true);
    expect(canonicalTrace([letter(S, true), letter(X)]).map((l) => l.sym.id)).toEqual(['X', 'S']);
  });

  it('factors a common left factor: YᵀYXΣ − YᵀX → Yᵀ(YXΣ − X)', () => {
    const [Yt, Ym, Xm, Sm] = [MatrixForm.symbol(Y, true), MatrixForm.symbol(Y), MatrixForm.symbol(X), MatrixForm.symbol(S)];
    const f = Yt.mul(Ym).mul(Xm).mul(Sm).sub(Yt.mul(Xm).mul(Ym));
    expect(matrixLatex(display(f))).toBe('Y^{\\top} (Y X \\Sigma - X Y)');
  });

  it('pulls a common scalar out: −αXY − αλX → −α(XY + λX)', () => {
    const alpha = scalarSymbol('alpha');
    const lambda = scalarSymbol('lambda');
    const f = MatrixForm.symbol(X).mul(MatrixForm.symbol(Y)).add(MatrixForm.symbol(X).scale(lambda)).scale(alpha.neg());
    const shown = display(f);
    expect(matrixLatex(shown)).toBe('-\\alpha (X Y + \\lambda X)');
    expect(expand(shown).equals(f)).toBe(true);
  });

  it('every display re-expands to its form', () => {
    const coefArb = fc.integer({ min: -3, max: 3 }).filter((c) => c !== 0);
    fc.assert(
      fc.property(fc.array(fc.tuple(coefArb, wordArb), { minLength: 1, maxLength: 6 }), (terms) => {
        const f = terms
          .map(([c, w]) => formOf(w).scale(scalarConstant(Rational.of(c))))
          .reduce((a, b) => a.add(b));
        expect(expand(display(f)).equals(f)).toBe(true);
      }),
      { numRuns: 80, seed: 3 },
    );
  });

  it('rectangular shapes are checked', () => {
    expect(() => MatrixForm.symbol(R).mul(MatrixForm.symbol(R))).toThrow(/product/);
    expect(MatrixForm.symbol(R).mul(MatrixForm.symbol(X)).shape.rows.size).toBe(2);
  });
});

describe('differentials and gradients', () => {
  it('∇_X tr(XΣXᵀ) = 2XΣ and ∇_X tr(YX) = Yᵀ', () => {
    const dX = variationOf(X, 'd');
    const f = MatrixForm.symbol(X).mul(MatrixForm.symbol(S)).mul(MatrixForm.symbol(X, true)).trace();
    const g = gradients(vary(f, new Map([['X', dX]])), [dX]).get('X')!;
    expect(g.equals(MatrixForm.symbol(X).mul(MatrixForm.symbol(S)).scale(scalarConstant(q(2))))).toBe(true);
    const h = MatrixForm.symbol(Y).mul(MatrixForm.symbol(X)).trace();
    expect(gradients(vary(h, new Map([['X', dX]])), [dX]).get('X')!.equals(MatrixForm.symbol(Y, true))).toBe(true);
  });

  it('gradients agree with finite differences of the instantiated trace', () => {
    // F(X) = tr(Y X Σ Xᵀ Y) − tr(X Y): ∂F/∂X_ij exactly from a polynomial in the entries of X.
    const names = Array.from({ length: 9 }, (_, k) => `X_${Math.floor(k / 3) + 1}_${(k % 3) + 1}`);
    const R9 = new Ring(names);
    const Xvar = Array.from({ length: 3 }, (_, i) => Array.from({ length: 3 }, (_, j) => Poly.variable(R9, i * 3 + j)));
    const constant = (id: string) => values.get(id)!.map((row) => row.map((x) => Poly.constant(R9, x)));
    const env9: Environment = { ring: R9, symbols: new Map([['X', Xvar], ['Y', constant('Y')], ['S', constant('S')]]), scalars: env.scalars };
    const [Xf, Yf, Sf] = [MatrixForm.symbol(X), MatrixForm.symbol(Y), MatrixForm.symbol(S)];
    const F = Yf.mul(Xf).mul(Sf).mul(MatrixForm.symbol(X, true)).mul(Yf).trace().sub(Xf.mul(Yf).trace());
    const dX = variationOf(X, 'd');
    const G = instantiate(gradients(vary(F, new Map([['X', dX]])), [dX]).get('X')!, env9);
    const Fpoly = instantiate(F, env9)[0]![0]!;
    for (let k = 0; k < 9; k++) expect(G[Math.floor(k / 3)]![k % 3]!.equals(Fpoly.derivative(k))).toBe(true);
  });

  it('a scalar ring coefficient survives substitution', () => {
    expect(SCALAR_RING.names).toEqual(['lambda', 'alpha', 'tau']);
  });
});

export type { MatSymbol };
