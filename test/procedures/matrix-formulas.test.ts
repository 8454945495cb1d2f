/**
 * The derived fields against MATH.md §4's matrix formulas, evaluated exactly at random rational
 * points, on square, rectangular, diagonal, scalar and identity-predictor models with weight
 * decay, rates and asymmetric moments. The formulas are test oracles only: the engine never sees
 * them.
 */
import { describe, expect, it } from 'vitest';
import { Rational, q } from '../../src/exact/rational.js';
import type { Model, RationalMatrix } from '../../src/model/model.js';
import type { ParameterBlock } from '../../src/model/parameters.js';
import { seededRandom } from '../../src/numeric/random.js';
import { deriveModel } from '../../src/procedures/derive.js';
import { type ModelOptions, add, mul, randomModel, randomRational, sub, transpose } from '../helpers/models.js';

function evaluateBlock(block: ParameterBlock, at: (v: number) => Rational): RationalMatrix {
  return block.matrix.map((row) => row.map((e) => e.evaluate(at)));
}

/** The derivative of a loss in a block's free parameters, from the matrix gradient G. */
function project(block: ParameterBlock, kind: string, G: RationalMatrix): Rational[] {
  if (kind === 'linear') return G.flat();
  if (kind === 'scalar') return [G.reduce((s, row, i) => s.add(row[i]!), Rational.ZERO)];
  if (kind === 'diagonal') return block.variables.map((_, i) => G[i]![i]!);
  return []; // identity predictor: no parameters
}

function expectedFields(model: Model, point: Map<number, Rational>, d: ReturnType<typeof deriveModel>) {
  const at = (v: number) => point.get(v)!;
  const { sigma1: S1, sigma2: S2, sigma12: S12 } = model.moments;
  const A = evaluateBlock(d.params.encoder, at);
  const B = evaluateBlock(d.params.predictor, at);
  const T = evaluateBlock(d.params.target, at);
  const lam = model.weightDecay;
  const alpha = model.predictorRate;
  const grads = (Tm: RationalMatrix) => {
    const R = sub(mul(mul(B, A), S1), mul(Tm, transpose(S12)));
    return { GA: mul(transpose(B), R), GB: mul(R, transpose(A)), GT: sub(mul(Tm, S2), mul(mul(B, A), S12)) };
  };
  const theta = (G: RationalMatrix) =>
    project(d.params.encoder, model.encoder.kind, G).map((g, k) => g.neg().sub(lam.mul(at(d.params.encoder.variables[k]!))));
  const psi = (G: RationalMatrix) =>
    project(d.params.predictor, model.predictor.kind, G).map((g, k) => g.add(lam.mul(at(d.params.predictor.variables[k]!))).mul(alpha).neg());
  const atA = grads(A);
  const general = grads(T);
  return {
    gd: [...theta(add(atA.GA, atA.GT)), ...psi(atA.GB)],
    sg: [...theta(atA.GA), ...psi(atA.GB)],
    ema: [
      ...theta(general.GA),
      ...psi(general.GB),
      ...d.params.target.variables.map((t, k) => at(d.params.encoder.variables[k]!).sub(at(t)).mul(model.emaRate)),
    ],
  } as Record<string, Rational[]>;
}

const shapes: Array<[string, ModelOptions]> = [
  ['square 2×2', { p: 2, q: 2 }],
  ['square 3×3 with decay and rates', { p: 3, q: 3, weightDecay: q(1, 10), predictorRate: q(3), emaRate: q(1, 4) }],
  ['rectangular 4→2, asymmetric moments', { p: 4, q: 2, asymmetric: true, weightDecay: q(1, 3), predictorRate: q(1, 2) }],
  ['rectangular 2→3', { p: 2, q: 3, asymmetric: true }],
  ['diagonal encoder and predictor 3→2', { p: 3, q: 2, encoder: 'diagonal', predictor: 'diagonal', asymmetric: true }],
  ['identity predictor 3×3', { p: 3, q: 3, predictor: 'identity', weightDecay: q(1, 2) }],
  ['scalar encoder 2×2', { p: 2, q: 2, encoder: 'scalar', asymmetric: true, predictorRate: q(2) }],
];

describe.each(shapes)('fields against MATH.md §4 formulas: %s', (_, options) => {
  const model = randomModel({ ...options, seed: options.p * 10 + options.q });
  const d = deriveModel(model);
  it('every procedure matches at random rational points', () => {
    const rng = seededRandom(99);
    for (let trial = 0; trial < 3; trial++) {
      const point = new Map<number, Rational>();
      for (let v = 0; v < d.params.ring.size; v++) point.set(v, randomRational(rng, 3));
      const expected = expectedFields(model, point, d);
      for (const p of d.procedures) {
        const got = p.field.map((f) => f.evaluate((v) => point.get(v)!).toString());
        expect(got, p.procedure.name).toEqual(expected[p.procedure.name]!.map(String));
      }
    }
  });
});

