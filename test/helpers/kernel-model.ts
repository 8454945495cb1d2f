/** A numeric model as the certificate kernel holds it (moments and rates as constant polynomials, no symbols). */
import type { KernelModel } from '../../src/kernel/field.js';
import { constant } from '../../src/kernel/poly.js';
import type { Model } from '../../src/model/model.js';

export function kernelModel(model: Model): KernelModel {
  const matrix = (m: Model['moments']['sigma1']) => m.map((row) => row.map(constant));
  return {
    encoder: model.encoder,
    predictor: model.predictor as KernelModel['predictor'],
    moments: { sigma1: matrix(model.moments.sigma1), sigma2: matrix(model.moments.sigma2), sigma12: matrix(model.moments.sigma12) },
    weightDecay: constant(model.weightDecay),
    predictorRate: constant(model.predictorRate),
    emaRate: constant(model.emaRate),
    symbols: new Map(),
    inequalities: [],
  };
}
