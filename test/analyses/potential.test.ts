/**
 * The two constructions of a potential (potential.ts) against each other and against the
 * polynomial they must recover: the radial integral of MATH.md §3, and the first-variable read-off
 * the integrability analysis uses for speed.
 */
import { describe, expect, it } from 'vitest';
import { q, type Rational } from '../../src/exact/rational.js';
import { firstVariablePotential, isPotentialOf, radialPotential } from '../../src/analyses/potential.js';
import { seededRandom } from '../../src/numeric/random.js';
import { Poly } from '../../src/poly/poly.js';
import { Ring } from '../../src/poly/ring.js';
import { deriveModel } from '../../src/procedures/derive.js';
import { randomModel } from '../helpers/models.js';

const R = new Ring(['a', 'b', 'c', 'd', 'e']);

function randomPoly(seed: number): Poly {
  const rng = seededRandom(seed);
  const parts: Poly[] = [];
  for (let t = 0; t < 12; t++) {
    let m = Poly.constant(R, q(rng.int(-7, 7), rng.int(1, 4)));
    for (let k = rng.int(0, 4); k > 0; k--) m = m.mul(Poly.variable(R, rng.int(0, 4)));
    parts.push(m);
  }
  return Poly.sum(R, parts);
}

describe('potentials of gradient fields', () => {
  it('both constructions recover Φ − Φ(0) from V = −W⁻¹∇Φ, whatever the state order', () => {
    for (let s = 1; s <= 25; s++) {
      const phi = randomPoly(s);
      const state = s % 2 === 0 ? [0, 1, 2, 3, 4] : [3, 0, 4, 2, 1];
      const weights: Rational[] = state.map((_, k) => q(k + 1, 2 + (s % 3)));
      const field = phi.gradient(state).map((g, k) => g.scale(weights[k]!.inv().neg()));
      const expected = phi.sub(Poly.constant(R, phi.constantTerm()));
      for (const build of [firstVariablePotential, radialPotential]) {
        const potential = build(field, state, weights);
        expect(potential.equals(expected)).toBe(true);
        expect(isPotentialOf(potential, field, state, weights)).toBe(true);
      }
    }
  });

  it('agree on the GD fields of random models, with and without the rates', () => {
    for (const seed of [1, 2, 3]) {
      const d = deriveModel(randomModel({ p: 3, q: 2, seed, predictorRate: q(3), weightDecay: q(1, 5), procedures: ['gd'] }));
      const gd = d.procedures[0]!;
      const inverse = gd.rates.map((r) => r.inv());
      const potential = firstVariablePotential(gd.field, gd.state, inverse);
      expect(potential.equals(radialPotential(gd.field, gd.state, inverse))).toBe(true);
      expect(isPotentialOf(potential, gd.field, gd.state, inverse)).toBe(true);
      expect(isPotentialOf(firstVariablePotential(gd.field, gd.state), gd.field, gd.state)).toBe(false); // α ≠ 1
    }
  });

  it('is refused by the check when the field is not a gradient', () => {
    const [a, b] = [Poly.variable(R, 0), Poly.variable(R, 1)];
    const field = [a.mul(b), a]; // ∂V_a/∂b = a, ∂V_b/∂a = 1
    for (const build of [firstVariablePotential, radialPotential]) expect(isPotentialOf(build(field, [0, 1]), field, [0, 1])).toBe(false);
  });

  it('the check agrees with plain polynomial arithmetic, on potentials and on near misses', () => {
    // Independent of both checks: ∇Φ + W·V computed with Poly arithmetic must vanish.
    const plain = (phi: Poly, field: Poly[], state: number[], w: Rational[]) =>
      phi.gradient(state).every((g, k) => g.add(field[k]!.scale(w[k]!)).isZero());
    const rng = seededRandom(13);
    let accepted = 0;
    for (let s = 1; s <= 40; s++) {
      const phi = randomPoly(s + 100);
      const state = [4, 1, 3, 0, 2];
      const w = state.map((_, k) => q(k + 2, 3));
      let field = phi.gradient(state).map((g, k) => g.scale(w[k]!.inv().neg()));
      let candidate = firstVariablePotential(field, state, w);
      // Spoil it in one of several ways (or not at all).
      const variable = Poly.variable(R, rng.int(0, 4));
      const spoil = s % 5;
      if (spoil === 1) candidate = candidate.add(variable.mul(variable).scale(q(1, 7)));
      if (spoil === 2) field = field.map((v, k) => (k === s % 5 ? v.add(variable.scale(q(3))) : v));
      if (spoil === 3) candidate = candidate.sub(Poly.fromTerms(R, [...candidate.terms].slice(0, 1)));
      if (spoil === 4) field = field.map((v, k) => (k === 2 ? v.add(Poly.variable(R, 2).mul(Poly.variable(R, 4))) : v));
      const expected = plain(candidate, field, state, w);
      expect(isPotentialOf(candidate, field, state, w), `seed ${s}, spoil ${spoil}`).toBe(expected);
      if (expected) accepted++;
    }
    expect(accepted).toBeGreaterThanOrEqual(8); // the unspoilt ones, at least
    expect(accepted).toBeLessThan(40);
  });
});
