/**
 * A matrix quantity written in the blocks of the linear family, such as `A A^T - B^T B`: sums and
 * differences of products of A (encoder), B (predictor) and T (EMA target), each optionally
 * transposed (`^T`). Parsed once without a model (so a statement file is checked on its own), then
 * evaluated entry by entry on a model's parameter matrices as exact polynomials.
 *
 * Example: `quantityEntries(parseQuantity('A A^T - B^T B'), params)` on the scalar model is
 * `[[A_1_1^2 - B_1_1^2]]`.
 */
import { Poly } from '../poly/poly.js';
import type { Parametrization } from '../model/parameters.js';

export interface Factor {
  block: 'A' | 'B' | 'T';
  transposed: boolean;
}
export interface QuantityTerm {
  sign: 1 | -1;
  factors: Factor[];
}

export class QuantityError extends Error {}

/** Parses the quantity; throws a QuantityError saying what was expected where. */
export function parseQuantity(src: string): QuantityTerm[] {
  const tokens = src.match(/\^T|ᵀ|[ABT]|[+\-*]|\S/g) ?? [];
  const terms: QuantityTerm[] = [];
  let sign: 1 | -1 = 1;
  let factors: Factor[] = [];
  let expectFactor = true;
  /** A sign before the first product was read (a second one is refused). */
  let leadingSign = false;
  for (const t of tokens) {
    if (t === 'A' || t === 'B' || t === 'T') {
      factors.push({ block: t, transposed: false });
      expectFactor = false;
    } else if (t === '^T' || t === 'ᵀ') {
      const last = factors[factors.length - 1];
      if (!last || expectFactor || last.transposed) throw new QuantityError(`expected ^T right after A, B or T in ${JSON.stringify(src)}`);
      last.transposed = true;
    } else if (t === '*') {
      if (expectFactor) throw new QuantityError(`expected A, B or T before * in ${JSON.stringify(src)}`);
      expectFactor = true;
    } else if (t === '+' || t === '-') {
      if (factors.length > 0) {
        if (expectFactor) throw new QuantityError(`expected A, B or T before ${t} in ${JSON.stringify(src)}`);
        terms.push({ sign, factors });
      } else if (terms.length > 0 || leadingSign) {
        throw new QuantityError(`expected a product of A, B and T before ${t} in ${JSON.stringify(src)}`);
      }
      leadingSign = factors.length === 0;
      sign = t === '-' ? -1 : 1;
      factors = [];
      expectFactor = true;
    } else {
      throw new QuantityError(`expected only A, B, T, ^T, *, + and - in ${JSON.stringify(src)}, got ${JSON.stringify(t)}`);
    }
  }
  if (factors.length === 0 || expectFactor) throw new QuantityError(`expected a sum of products of A, B and T, got ${JSON.stringify(src)}`);
  terms.push({ sign, factors });
  return terms;
}

type PolyMatrix = Poly[][];

function matrixOf(params: Parametrization, f: Factor): PolyMatrix {
  const m = { A: params.encoder, B: params.predictor, T: params.target }[f.block].matrix;
  return f.transposed ? m[0]!.map((_, j) => m.map((row) => row[j]!)) : m;
}

/** The quantity's entries on a model, or null when the shapes do not multiply or add up there. */
export function quantityEntries(terms: readonly QuantityTerm[], params: Parametrization): PolyMatrix | null {
  const ring = params.ring;
  let total: PolyMatrix | null = null;
  for (const term of terms) {
    let product = matrixOf(params, term.factors[0]!);
    for (const f of term.factors.slice(1)) {
      const next = matrixOf(params, f);
      if (product[0]!.length !== next.length) return null;
      product = product.map((row) => next[0]!.map((_, j) => Poly.sumOfProducts(ring, row.map((x, k) => [x, next[k]![j]!] as const))));
    }
    const signed = term.sign === 1 ? product : product.map((row) => row.map((x) => x.neg()));
    if (total === null) total = signed;
    else {
      if (total.length !== signed.length || total[0]!.length !== signed[0]!.length) return null;
      const t: PolyMatrix = total;
      total = t.map((row, i) => row.map((x, j) => x.add(signed[i]![j]!)));
    }
  }
  return total;
}
