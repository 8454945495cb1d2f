/**
 * The exact spectrum at an exact equilibrium (src/analyses/exact-spectrum.ts, attached to every
 * exact point by the stability analysis and printed by `check --json` and the report): rational
 * eigenvalues found from float ones are kept only when exactly verified, checked against matrices
 * with known spectra and, on sampled points, against the characteristic polynomial the
 * certificate kernel computes on its own (Faddeev–LeVerrier); the exact largest stable learning
 * rate against the float one from the eigenvalues, and against MATH.md section 5 (2/(a²s) on the
 * SG line of the scalar model).
 */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/analyses/check-model.js';
import { equilibria, stability } from '../../src/analyses/index.js';
import { exactSpectrum, nearbyFraction } from '../../src/analyses/exact-spectrum.js';
import { LAMBDA_RING } from '../../src/analyses/stability.js';
import { charpoly, splitZeroRoot } from '../../src/exact/charpoly.js';
import { Rational, q } from '../../src/exact/rational.js';
import { charpoly as kernelCharpoly } from '../../src/kernel/linalg.js';
import { loadSpecFile } from '../../src/model/spec.js';
import { eigenvalues, largestStableLearningRate } from '../../src/numeric/eigenvalues.js';
import { monomialOfVariable } from '../../src/poly/monomial.js';
import { Poly } from '../../src/poly/poly.js';
import { checkJson } from '../../src/render/check-json.js';

describe('exact eigenvalues read off a certificate', () => {
  /** A certificate of an upper-triangular matrix with the given diagonal (its eigenvalues by construction). */
  function certificateOf(m: Rational[][]) {
    const c = charpoly(m);
    const { k, rest } = splitZeroRoot(c);
    const poly = (cs: Rational[]) => Poly.fromTerms(LAMBDA_RING, cs.map((x, i) => [monomialOfVariable(0, cs.length - 1 - i), x] as [string, Rational]));
    return {
      certificate: { charpoly: poly(c), zeroMultiplicity: k, remainder: poly(rest), routhFirstColumn: [], rightHalfPlaneRoots: 0, hurwitzMinorsAgree: true, charpolyRechecked: true },
      floats: eigenvalues(m.map((r) => r.map((x) => x.toNumber()))),
    };
  }

  it('finds every rational eigenvalue of triangular matrices (multiplicities included) and the exact learning rate', () => {
    const diagonals = [
      [q(0), q(-5, 2), q(-1, 3), q(-1, 3)],
      [q(0), q(0), q(-7, 11), q(-22, 7), q(-3)],
      [q(-1), q(-2), q(-4, 9)],
    ];
    for (const diag of diagonals) {
      const n = diag.length;
      const m = diag.map((d, i) => Array.from({ length: n }, (_, j) => (i === j ? d : j > i ? q(i + 2 * j - 1, 3) : q(0))));
      const { certificate, floats } = certificateOf(m);
      const sp = exactSpectrum(certificate, floats);
      const nonzero = diag.filter((d) => !d.isZero()).sort((a, b) => b.compare(a));
      expect(sp.zeros).toBe(n - nonzero.length);
      expect(sp.exact.map(String)).toEqual(nonzero.map(String));
      expect(sp.floats).toEqual([]);
      const largest = nonzero.reduce((x, d) => (d.abs().compare(x) > 0 ? d.abs() : x), q(0));
      expect(sp.learningRate?.toString()).toBe(q(2).div(largest).toString());
      expect(sp.learningRate!.toNumber()).toBeCloseTo(largestStableLearningRate(nonzero.map((d) => ({ re: d.toNumber(), im: 0 })))!, 10);
    }
  });

  it('keeps irrational and complex eigenvalues as floats (no exact learning rate then)', () => {
    // λ² + 2λ − 1 (roots −1 ± √2) and λ² + 2λ + 5 (roots −1 ± 2i), with a rational root −3.
    const m = [
      [q(0), q(1), q(0), q(0), q(0)],
      [q(1), q(-2), q(0), q(0), q(0)],
      [q(0), q(0), q(0), q(1), q(0)],
      [q(0), q(0), q(-5), q(-2), q(0)],
      [q(0), q(0), q(0), q(0), q(-3)],
    ];
    const { certificate, floats } = certificateOf(m);
    const sp = exactSpectrum(certificate, floats);
    expect(sp.exact.map(String)).toEqual(['-3']);
    expect(sp.floats).toHaveLength(4);
    expect(sp.learningRate).toBeNull();
  });

  it('approximates floats by fractions only within the tolerance', () => {
    expect(nearbyFraction(-2.5000000001, 1e-7)?.toString()).toBe('-5/2');
    expect(nearbyFraction(0.285714285714, 1e-9)?.toString()).toBe('2/7');
    expect(nearbyFraction(Math.SQRT2, 1e-12)).toBeNull();
  });
});

describe('the exact spectrum at sampled equilibria', () => {
  /** p(x) for coefficients from x⁰ up, as the kernel returns them. */
  const valueAt = (c: readonly Rational[], x: Rational) => c.reduceRight((acc, ci) => acc.mul(x).add(ci), Rational.ZERO);

  it('every rational eigenvalue is a root of the kernel\'s own characteristic polynomial; the exact rate is the float one', () => {
    let exactRates = 0;
    for (const spec of ['proofs/models/scalar.yaml', 'proofs/models/noise-free-scalar.yaml', 'proofs/models/nilpotent-identity.yaml', 'proofs/models/diagonal-3x2.yaml']) {
      const check = checkModel(loadSpecFile(spec), { samples: 2, seed: 1, points: 3, flows: 0 });
      for (const p of check.procedures) {
        const d = check.derivation.procedures.find((x) => x.procedure.name === p.name)!;
        const verdicts = p.results.require(stability);
        p.results.require(equilibria).components.forEach((c, i) =>
          c.points.forEach((point, j) => {
            const st = verdicts[i]![j]!;
            const where = `${spec} ${p.name} ${c.id} point ${j + 1}`;
            if (!point.exact) return expect(st.exactSpectrum, where).toBeNull();
            const sp = st.exactSpectrum!;
            const J = d.jacobian.map((row) => row.map((e) => e.evaluate((v) => point.values[d.state.indexOf(v)]!)));
            const kernel = kernelCharpoly(J);
            expect(sp.zeros, where).toBe(kernel.findIndex((x) => !x.isZero()));
            expect(sp.zeros + sp.exact.length + sp.floats.length, where).toBe(d.state.length);
            for (const r of sp.exact) expect(valueAt(kernel, r).isZero(), `${where}: ${r}`).toBe(true);
            const stable = st.verdict === 'transversally asymptotically stable';
            if (!stable || sp.floats.length > 0) expect(sp.learningRate, where).toBeNull();
            else if (sp.exact.length > 0) {
              exactRates++;
              expect(sp.learningRate!.toNumber(), where).toBeCloseTo(st.largestStableLearningRate!, 9);
            }
          }),
        );
      }
    }
    expect(exactRates).toBeGreaterThan(3);
  });

  it('check --json carries it: on the SG line (a, c/s) of the scalar model, eigenvalues {0, -a²s} and the rate 2/(a²s)', () => {
    const [s, c] = [q(5, 2), q(2)]; // proofs/models/scalar.yaml: covariance 2, noise 1/2
    const json = checkJson(checkModel(loadSpecFile('proofs/models/scalar.yaml'), { samples: 2, seed: 1, points: 3, flows: 0 }), 'scalar.yaml') as {
      procedures: Record<string, { equilibria: { components: Array<{ id: string; points: Array<Record<string, unknown>> }> } }>;
    };
    const line = json.procedures.sg!.equilibria.components.find((x) => x.id === 'residual')!.points.filter((x) => x.exact);
    expect(line.length).toBe(3);
    for (const point of line) {
      const coordinates = point.coordinates as Record<string, string>;
      const a = Rational.parse(coordinates.A_1_1!)!;
      expect(Rational.parse(coordinates.B_1_1!)!.equals(c.div(s))).toBe(true);
      const a2s = a.mul(a).mul(s);
      // DV = [[0, -a c], [0, -a² s]] at (a, c/s), by hand.
      expect(point.exactSpectrum).toEqual({ zeroMultiplicity: 1, rational: [a2s.neg().toString()], floats: [], largestStableLearningRate: q(2).div(a2s).toString() });
      expect(point.largestStableLearningRate as number).toBeCloseTo(2 / a2s.toNumber(), 9);
    }
  });
});
