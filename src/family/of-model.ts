/**
 * A numeric model seen as a family with no symbols: every moment and rate a constant polynomial
 * over the empty ring of symbols. The family analyses then state their closed forms with this
 * model's numbers (b = 4/5 where a family says b = c/s); `instantiate` is the reverse direction.
 *
 * Example: `checkFamily(familyOfModel(scalar), { seed: 1 })` finds SG's non-collapsed line
 * b = 4/5 of the bundled scalar model, a point in closed form rather than sampled.
 */
import type { Model } from '../model/model.js';
import { Poly } from '../poly/poly.js';
import { Ring } from '../poly/ring.js';
import type { Rational } from '../exact/rational.js';
import type { Family, PolyMatrix } from './family.js';

export function familyOfModel(model: Model): Family {
  const ring = new Ring([]);
  const constant = (x: Rational) => Poly.constant(ring, x);
  const matrix = (m: readonly (readonly Rational[])[]): PolyMatrix => m.map((row) => row.map(constant));
  return {
    name: model.name,
    encoder: { ...model.encoder },
    predictor: { ...model.predictor },
    symbols: [],
    ring,
    inequalities: [],
    moments: { sigma1: matrix(model.moments.sigma1), sigma2: matrix(model.moments.sigma2), sigma12: matrix(model.moments.sigma12) },
    data: model.data.kind === 'noise' ? { kind: 'noise', covariance: matrix(model.data.covariance), noise: constant(model.data.noise) } : { kind: 'explicit' },
    weightDecay: constant(model.weightDecay),
    predictorRate: constant(model.predictorRate),
    emaRate: constant(model.emaRate),
    procedures: [...model.procedures],
  };
}
