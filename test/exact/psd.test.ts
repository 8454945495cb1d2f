import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { addMatrices, identity, isSymmetric, psdCheck, scaleMatrix, transpose } from '../../src/exact/psd.js';
import { Rational, q } from '../../src/exact/rational.js';

const m = (rows: (number | string)[][]): Rational[][] =>
  rows.map((row) => row.map((x) => (typeof x === 'number' ? q(x) : Rational.parse(x)!)));

/** Seeded PRNG (mulberry32) so every run checks the same matrices. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const randInt = (rand: () => number, lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
const smallRational = (rand: () => number): Rational => q(randInt(rand, -4, 4), randInt(rand, 1, 3));

function multiply(a: Rational[][], b: Rational[][]): Rational[][] {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((acc, x, k) => acc.add(x.mul(b[k]![j]!)), Rational.ZERO)));
}

/** xᵀMx, computed here independently of psd.ts. */
function form(a: Rational[][], x: Rational[]): Rational {
  return a.reduce((acc, row, i) => acc.add(row.reduce((s, v, j) => s.add(x[i]!.mul(v).mul(x[j]!)), Rational.ZERO)), Rational.ZERO);
}

function minEigenvalue(a: Rational[][]): number {
  const f = new Matrix(a.map((row) => row.map((x) => x.toNumber())));
  return Math.min(...new EigenvalueDecomposition(f, { assumeSymmetric: true }).realEigenvalues);
}

/** A refusal must carry an integer vector whose form, recomputed here, is the negative value. */
function expectValidWitness(a: Rational[][]): void {
  const r = psdCheck(a);
  expect(r.psd).toBe(false);
  if (r.psd) return;
  expect(r.vector.every((x) => x.isInteger())).toBe(true);
  expect(form(a, r.vector).equals(r.value)).toBe(true);
  expect(r.value.sign()).toBe(-1);
  expect(r.witness).toMatch(/block.* is not positive semidefinite/);
}

describe('helpers', () => {
  it('identity, add, scale, transpose', () => {
    expect(identity(2).map((r) => r.join(' '))).toEqual(['1 0', '0 1']);
    expect(addMatrices(identity(2), m([[0, 2], [3, 0]])).map((r) => r.join(' '))).toEqual(['1 2', '3 1']);
    expect(scaleMatrix(q(1, 2), identity(2))[1]![1]!.toString()).toBe('1/2');
    expect(transpose(m([[1, 2, 3]])).map((r) => r.join(' '))).toEqual(['1', '2', '3']);
    expect(() => addMatrices(identity(2), identity(3))).toThrow(RangeError);
  });

  it('isSymmetric is exact and requires a square matrix', () => {
    expect(isSymmetric(m([[1, '1/3'], ['1/3', 2]]))).toBe(true);
    expect(isSymmetric(m([[1, '1/3'], ['0.333', 2]]))).toBe(false);
    expect(isSymmetric(m([[1, 2]]))).toBe(false);
    expect(isSymmetric([])).toBe(true);
  });
});

describe('psdCheck on hand-picked matrices', () => {
  it('accepts PSD matrices, including singular ones and the empty matrix', () => {
    expect(psdCheck(identity(3)).psd).toBe(true);
    expect(psdCheck(m([[1, 1], [1, 1]])).psd).toBe(true);
    expect(psdCheck(m([[0, 0], [0, 1]])).psd).toBe(true);
    expect(psdCheck(m([[0, 0, 0], [0, 0, 0], [0, 0, 0]])).psd).toBe(true);
    expect(psdCheck([]).psd).toBe(true);
  });

  it('refuses a negative pivot with a leading-block witness', () => {
    const a = m([[1, 2], [2, 1]]);
    expectValidWitness(a);
    const r = psdCheck(a);
    expect(!r.psd && r.witness).toContain('leading 2×2 block');
    expect(!r.psd && r.witness).toContain('x = (');
    expectValidWitness(m([[-1]]));
  });

  it('refuses a zero pivot with a nonzero column (no negative pivot ever appears)', () => {
    expectValidWitness(m([[0, 1], [1, 0]]));
    expectValidWitness(m([[0, 0, 1], [0, 1, 0], [1, 0, 5]]));
    const r = psdCheck(m([[1, 0, 0], [0, 0, 1], [0, 1, 0]]));
    expect(!r.psd && r.witness).toContain('leading 3×3 block');
    const far = psdCheck(m([[0, 0, 1], [0, 2, 0], [1, 0, 2]]));
    expect(!far.psd && far.witness).toContain('principal block on rows and columns 0..0 and 2');
  });

  it('decides tiny margins exactly where floats cannot', () => {
    const eps = q(1, 10n ** 30n);
    const base = m([[1, 1], [1, 1]]);
    expect(psdCheck([[base[0]![0]!.sub(eps), q(1)], [q(1), q(1)]]).psd).toBe(false);
    expect(psdCheck([[base[0]![0]!.add(eps), q(1)], [q(1), q(1)]]).psd).toBe(true);
  });

  it('throws on asymmetric input (a programming error, not a verdict)', () => {
    expect(() => psdCheck(m([[1, 2], [0, 1]]))).toThrow(RangeError);
  });
});

describe('psdCheck on seeded random matrices', () => {
  it('agrees with ml-matrix eigenvalues on random symmetric rational matrices', () => {
    const rand = mulberry32(20260125);
    let decided = 0;
    for (let trial = 0; trial < 400; trial++) {
      const n = randInt(rand, 1, 5);
      const a = Array.from({ length: n }, () => new Array<Rational>(n));
      for (let i = 0; i < n; i++) {
        for (let j = 0; j <= i; j++) {
          const x = smallRational(rand);
          // A positive diagonal boost makes both outcomes common.
          a[i]![j] = i === j ? x.add(q(randInt(rand, 0, 6))) : x;
          a[j]![i] = a[i]![j]!;
        }
      }
      const lambda = minEigenvalue(a);
      if (Math.abs(lambda) < 1e-9) continue; // too close for floats to be an oracle
      decided++;
      if (lambda > 0) expect(psdCheck(a).psd).toBe(true);
      else expectValidWitness(a);
    }
    expect(decided).toBeGreaterThan(350);
  });

  it('accepts GᵀG for random (often rank-deficient) G, matching floats up to rounding', () => {
    const rand = mulberry32(7);
    for (let trial = 0; trial < 150; trial++) {
      const n = randInt(rand, 1, 5);
      const k = randInt(rand, 1, n); // k < n gives a singular PSD matrix
      const g = Array.from({ length: k }, () => Array.from({ length: n }, () => smallRational(rand)));
      const a = multiply(transpose(g), g);
      expect(psdCheck(a).psd).toBe(true);
      expect(minEigenvalue(a)).toBeGreaterThan(-1e-9);
    }
  });

  it('decides Lᵀ D L by the signs of D (Sylvester inertia), singular and indefinite alike', () => {
    const rand = mulberry32(99);
    for (let trial = 0; trial < 200; trial++) {
      const n = randInt(rand, 1, 6);
      // Unit lower-triangular L is invertible, so Lᵀ D L has exactly the inertia of D.
      const l = Array.from({ length: n }, (_, i) =>
        Array.from({ length: n }, (_, j) => (i === j ? q(1) : j < i ? smallRational(rand) : q(0))),
      );
      const d = Array.from({ length: n }, () => q(randInt(rand, -1, 2)));
      const dl = l.map((row, i) => row.map((x) => x.mul(d[i]!)));
      const a = multiply(transpose(l), dl);
      if (d.some((x) => x.sign() < 0)) expectValidWitness(a);
      else expect(psdCheck(a).psd).toBe(true);
    }
  });
});
