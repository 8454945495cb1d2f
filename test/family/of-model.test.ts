/**
 * A numeric model seen as a family with no symbols (src/family/of-model.ts) derives exactly what
 * the model derives: the same ring, objective, states, rates, fields and Jacobians, on every
 * bundled numeric model small enough to derive quickly and on models that exercise each data form
 * and rate. And the family analyses then state the worked example's closed forms with numbers.
 */
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/exact/rational.js';
import { checkFamily } from '../../src/family/check.js';
import { deriveFamily } from '../../src/family/derive.js';
import { familyOfModel } from '../../src/family/of-model.js';
import { instantiate } from '../../src/family/admissible.js';
import type { Model } from '../../src/model/model.js';
import { loadSpecFile } from '../../src/model/spec.js';
import { pointQuotients } from '../../src/family/points.js';
import { deriveModel } from '../../src/procedures/derive.js';

const BUNDLED = ['scalar', 'noise-free-scalar', 'linear-2x2', 'nilpotent-identity', 'diagonal-3x2', 'explicit-moments'];

function models(): Array<[string, Model]> {
  const out: Array<[string, Model]> = BUNDLED.map((name) => {
    const path = `proofs/models/${name}.${name === 'explicit-moments' ? 'json' : 'yaml'}`;
    return [name, loadSpecFile(path)] as [string, Model];
  });
  // Rates away from their defaults, so that λ, α and τ reach the fields.
  const scalar = loadSpecFile('proofs/models/scalar.yaml');
  out.push(['scalar with rates', { ...scalar, weightDecay: Rational.of(1, 3), predictorRate: Rational.of(5, 2), emaRate: Rational.of(2, 7) }]);
  return out;
}

describe('familyOfModel', () => {
  for (const [name, model] of models()) {
    it(`${name}: deriveFamily(familyOfModel(m)) equals deriveModel(m) exactly`, () => {
      const family = familyOfModel(model);
      expect(family.symbols).toEqual([]);
      const fd = deriveFamily(family);
      const md = deriveModel(model);
      expect(fd.params.ring.names).toEqual(md.params.ring.names);
      expect(fd.objective.toString()).toBe(md.objective.toString());
      expect(fd.procedures.map((p) => p.procedure.name)).toEqual(md.procedures.map((p) => p.procedure.name));
      fd.procedures.forEach((fp, k) => {
        const mp = md.procedures[k]!;
        expect(fp.state).toEqual(mp.state);
        expect(fp.stateNames).toEqual(mp.stateNames);
        expect(fp.rates.map((r) => r.toString())).toEqual(mp.rates.map((r) => r.toString()));
        expect(fp.field.map(String)).toEqual(mp.field.map(String));
        expect(fp.jacobian.map((row) => row.map(String))).toEqual(mp.jacobian.map((row) => row.map(String)));
      });
    });
  }

  it('is the reverse of instantiate: a model with no symbols comes back unchanged', () => {
    for (const [, model] of models()) expect(instantiate(familyOfModel(model), new Map())).toEqual(model);
  });

  it('on the scalar model the family analyses solve SG\'s non-collapsed line b = 4/5 and its collapsed line\'s unstable part 0 < b < 4/5', () => {
    const model = loadSpecFile('proofs/models/scalar.yaml');
    const check = checkFamily(familyOfModel(model), { seed: 1 });
    const sg = check.procedures.find((p) => p.fp.procedure.name === 'sg')!;
    const residual = sg.points.find((x) => x.point.component !== 'collapsed')!;
    const b = pointQuotients(residual.point, sg.fp.state)[1]!;
    // c/s with s = 5/2, c = 2.
    expect(b.numerator.isConstant() && b.denominator.isConstant()).toBe(true);
    expect(b.numerator.constantTerm().div(b.denominator.constantTerm()).equals(Rational.of(4, 5))).toBe(true);
    expect(residual.stability.verdict).toBe('stable');
    const collapsed = sg.points.find((x) => x.point.component === 'collapsed')!;
    const region = collapsed.stability.conditions.find((c) => c.region)!.region!;
    expect(region.numerator.constantTerm().div(region.denominator.constantTerm()).equals(Rational.of(4, 5))).toBe(true);
  });
});
