/**
 * From a display tree back to a normal form: the inverse of `display`, used to build forms from
 * written statements (the objective `½‖BAx1 − Tx2‖²`) and by tests to check that every displayed
 * step equals what was derived.
 *
 * Example: `expand(product([transpose(sym(B)), sym(A)]))` is the form of BᵀA.
 */
import { Rational } from '../exact/rational.js';
import type { MatExpr } from './expr.js';
import { MatrixForm } from './normal-form.js';
import { scalarConstant } from './scalars.js';

/** Values for abbreviation symbols (M ↦ BAΣ1 − AΣ12ᵀ) so trees that use them can be expanded. */
export type Definitions = ReadonlyMap<string, MatrixForm>;

export function expand(e: MatExpr, definitions: Definitions = new Map()): MatrixForm {
  const go = (x: MatExpr): MatrixForm => expand(x, definitions);
  switch (e.kind) {
    case 'symbol': {
      const d = definitions.get(e.sym.id);
      if (d) return d;
      if (e.sym.role === 'abbreviation') throw new Error(`expand: no definition for ${e.sym.id}`);
      return MatrixForm.symbol(e.sym);
    }
    case 'identity':
      return MatrixForm.identity(e.dim);
    case 'coefficient':
      return MatrixForm.scalar(e.value);
    case 'transpose':
      return go(e.arg).transpose();
    case 'power': {
      const base = go(e.base);
      let out = base;
      for (let k = 1; k < e.exponent; k++) out = out.mul(base);
      return out;
    }
    case 'product':
      return e.factors.map(go).reduce((a, b) => a.mul(b));
    case 'sum':
      return e.terms.map(go).reduce((a, b) => a.add(b));
    case 'neg':
      return go(e.arg).neg();
    case 'trace':
      return go(e.arg).trace();
    case 'inner':
      return go(e.left).inner(go(e.right));
    case 'sqnorm': {
      const v = go(e.arg);
      return v.transpose().mul(v);
    }
    case 'zero':
      return MatrixForm.scalar(scalarConstant(Rational.ZERO));
    default:
      throw new Error(`expand: cannot expand a '${e.kind}' node`);
  }
}
