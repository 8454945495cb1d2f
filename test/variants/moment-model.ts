/**
 * The linear-family model whose moments are the exact averages over a linear squared-loss
 * variant's pairs (Σ1 = E x1 x1ᵀ, Σ2 = E x2 x2ᵀ, Σ12 = E x1 x2ᵀ): the same fields, so the exact
 * analyses of the polynomial core can judge what the variant's float analyses find.
 */
import { Rational } from '../../src/exact/rational.js';
import type { Model } from '../../src/model/model.js';
import type { Variant } from '../../src/variants/variant.js';

export function momentModel(v: Variant): Model {
  const pairs = v.data.pairs;
  const p = v.encoder.in;
  const mean = (f: (pair: (typeof pairs)[number], i: number, j: number) => Rational) =>
    Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => pairs.reduce((s, pair) => s.add(f(pair, i, j)), Rational.ZERO).div(Rational.of(pairs.length))));
  return {
    name: v.name,
    encoder: v.encoder as { kind: 'linear' | 'diagonal' | 'scalar'; in: number; out: number },
    predictor: { kind: v.predictor.kind as 'linear' | 'diagonal' | 'identity' },
    moments: { sigma1: mean((x, i, j) => x.x1[i]!.mul(x.x1[j]!)), sigma2: mean((x, i, j) => x.x2[i]!.mul(x.x2[j]!)), sigma12: mean((x, i, j) => x.x1[i]!.mul(x.x2[j]!)) },
    data: { kind: 'explicit' },
    weightDecay: v.weightDecay,
    predictorRate: v.predictorRate,
    emaRate: v.emaRate,
    procedures: v.procedures.map((pr) => pr.name),
  };
}
