/**
 * The evidence kinds against independent computations: `conserves` against the derivative of each
 * entry along the field, `gradient` against the symmetry of P⁻¹DV, `stable-equilibria` on the
 * scalar model's collapsed line against its closed-form eigenvalue −b(sb − c) (docs/math.md §5),
 * and the matrix quantities against entries worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/analyses/check-model.js';
import { equilibria } from '../../src/analyses/index.js';
import { derivativeAlongField } from '../../src/analyses/invariants.js';
import { Rational } from '../../src/exact/rational.js';
import { loadSpecFile } from '../../src/model/spec.js';
import { getEvidence } from '../../src/statements/evidence/index.js';
import { QuantityError, parseQuantity, quantityEntries } from '../../src/statements/matrix-quantity.js';

const check = (file: string, analyses: string[]) => checkModel(loadSpecFile(`proofs/models/${file}`), { samples: 4, seed: 1, analyses });

describe('matrix quantities', () => {
  it('evaluates A A^T - B^T B entry by entry (linear 2x2: entry (1,2) worked by hand)', () => {
    const c = check('linear-2x2.yaml', ['integrability']);
    const m = quantityEntries(parseQuantity('A A^T - B^T B'), c.derivation.params)!;
    expect(m[0]![1]!.toString()).toBe('A_1_1*A_2_1 + A_1_2*A_2_2 - B_1_1*B_1_2 - B_2_1*B_2_2');
    expect(quantityEntries(parseQuantity('A*Aᵀ'), c.derivation.params)![1]![1]!.toString()).toBe('A_2_1^2 + A_2_2^2');
    // 4-to-2: A is 2x4, so A^T A is 4x4 and B^T B 2x2: they do not add up.
    expect(quantityEntries(parseQuantity('A^T A - B^T B'), check('linear-4to2.yaml', ['integrability']).derivation.params)).toBeNull();
  });

  it.each(['', 'A +', '- - A', 'A ^T^T', '^T A', 'A * * B', 'A x'])('refuses %j', (src) => {
    expect(() => parseQuantity(src)).toThrow(QuantityError);
  });
});

describe('conserves', () => {
  it.each([
    ['scalar.yaml', 'sg'],
    ['linear-2x2.yaml', 'ema'],
    ['linear-4to2.yaml', 'sg'],
    ['explicit-moments.json', 'sg'],
    ['nilpotent-identity.yaml', 'sg'],
  ])('%s, %s: holds exactly when every entry has zero derivative along the field', (file, procedure) => {
    const c = check(file, ['invariants']);
    const d = c.derivation.procedures.find((p) => p.procedure.name === procedure)!;
    const entries = quantityEntries(parseQuantity('A A^T - B^T B'), c.derivation.params)!.flat();
    const conserved = entries.every((q) => derivativeAlongField(q, d).isZero());
    const v = getEvidence('conserves')!.verdict(c, { procedure, quantity: 'A A^T - B^T B' });
    expect(v.outcome).toBe(conserved ? 'holds' : 'fails');
    expect(v.level).toBe(conserved ? 'proved' : 'refuted');
  });
});

describe('gradient and not-gradient', () => {
  it.each(['scalar.yaml', 'linear-4to2.yaml', 'noise-free-scalar.yaml'])('%s: agree with the symmetry of DV or P⁻¹DV', (file) => {
    const c = check(file, ['integrability']);
    for (const d of c.derivation.procedures) {
      const symmetric = (scaled: boolean) =>
        d.jacobian.every((row, i) => row.every((x, j) => {
          const a = scaled ? x.scale(Rational.ONE.div(d.rates[i]!)) : x;
          const b = scaled ? d.jacobian[j]![i]!.scale(Rational.ONE.div(d.rates[j]!)) : d.jacobian[j]![i]!;
          return a.sub(b).isZero();
        }));
      const gradient = symmetric(false) || symmetric(true);
      const params = { procedure: d.procedure.name };
      expect(getEvidence('gradient')!.verdict(c, params).outcome, d.procedure.name).toBe(gradient ? 'holds' : 'fails');
      expect(getEvidence('not-gradient')!.verdict(c, params).outcome, d.procedure.name).toBe(gradient ? 'fails' : 'holds');
    }
  });
});

describe('stable-equilibria', () => {
  it('scalar SG, collapsed line: the tally matches the sign of the eigenvalue -b(sb - c) across the line', () => {
    const c = check('scalar.yaml', ['stability']);
    const sg = c.procedures.find((p) => p.name === 'sg')!;
    const [s, cc] = [2.5, 2]; // proofs/models/scalar.yaml: s = 2 + 1/2, c = 2
    const bs = sg.results.require(equilibria).components.flatMap((comp) => comp.points.filter((p) => p.collapsed).map((p) => (p.exact ? p.values[1]!.toNumber() : p.values[1]!)));
    const across = bs.map((b) => -b * (s * b - cc));
    const stable = across.filter((x) => x < -1e-9).length;
    const unstable = across.filter((x) => x > 1e-9).length;
    expect(stable).toBeGreaterThan(0);
    expect(unstable).toBeGreaterThan(0); // the sampled b = 3/7 lies on the unstable stretch 0 < b < 4/5
    const v = getEvidence('stable-equilibria')!.verdict(c, { procedure: 'sg', points: 'collapsed' });
    expect(v.outcome).toBe('holds in part');
    expect(v.evidence[0]).toContain(`of ${bs.length} sampled collapsed equilibria, ${stable} stable`);
    expect(v.evidence[0]).toContain(`${unstable} unstable or degenerate`);
  });
});
