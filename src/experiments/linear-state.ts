/**
 * The loop's parameters as floats: the free entries of the encoder A, the predictor B and the
 * target T in the order of the parametrization (src/model/parameters.ts), and the matrices they
 * fill. An entry of a block is a free parameter, or a constant (0 off a diagonal, 1 on the
 * identity predictor's diagonal), or the same parameter as other entries (a scalar encoder): the
 * layout is read off the parametrization's polynomials once, so every encoder and predictor kind
 * the spec accepts runs through the same loop.
 *
 * Example: `const layout = blockLayout(parametrize(model)); layout.fill(values, A, B, T)`.
 */
import type { ParameterBlock, Parametrization } from '../model/parameters.js';
import type { Poly } from '../poly/poly.js';

/** One matrix entry: a slot of the parameter vector, or a constant. */
type Entry = { slot: number } | { constant: number };

export interface BlockShape {
  rows: number;
  cols: number;
  /** Row-major entries. */
  entries: Entry[];
  /** Slots of the block's free parameters, in state order. */
  slots: number[];
}

export interface BlockLayout {
  /** Number of free parameters of A, B and T together (the parameter vector's length). */
  size: number;
  encoder: BlockShape;
  predictor: BlockShape;
  target: BlockShape;
  /** Writes the three matrices (row-major) from the parameter vector. */
  fill(values: Float64Array, a: Float64Array, b: Float64Array, t: Float64Array): void;
  /** Adds a matrix gradient (row-major, ∂/∂ entry) into the gradient of the block's parameters. */
  pullBack(block: BlockShape, matrixGradient: Float64Array, into: Float64Array): void;
}

function entryOf(e: Poly, slotOfVariable: Map<number, number>): Entry {
  if (e.isConstant()) return { constant: e.constantTerm().toNumber() };
  const terms = [...e.terms];
  const [monomial, coefficient] = terms[0]!;
  if (terms.length !== 1 || monomial.length !== 1 || !coefficient.isOne()) throw new Error('blockLayout: a matrix entry is neither a constant nor a parameter');
  return { slot: slotOfVariable.get(monomial.charCodeAt(0))! };
}

export function blockLayout(params: Parametrization): BlockLayout {
  const variables = [...params.encoder.variables, ...params.predictor.variables, ...params.target.variables];
  const slotOf = new Map(variables.map((v, k) => [v, k]));
  const shape = (block: ParameterBlock): BlockShape => ({
    rows: block.rows,
    cols: block.cols,
    entries: block.matrix.flatMap((row) => row.map((e) => entryOf(e, slotOf))),
    slots: block.variables.map((v) => slotOf.get(v)!),
  });
  const encoder = shape(params.encoder);
  const predictor = shape(params.predictor);
  const target = shape(params.target);
  const write = (s: BlockShape, values: Float64Array, m: Float64Array) => {
    for (let k = 0; k < s.entries.length; k++) {
      const e = s.entries[k]!;
      m[k] = 'slot' in e ? values[e.slot]! : e.constant;
    }
  };
  return {
    size: variables.length,
    encoder,
    predictor,
    target,
    fill(values, a, b, t) {
      write(encoder, values, a);
      write(predictor, values, b);
      write(target, values, t);
    },
    pullBack(block, g, into) {
      for (let k = 0; k < block.entries.length; k++) {
        const e = block.entries[k]!;
        if ('slot' in e) into[e.slot]! += g[k]!;
      }
    },
  };
}
