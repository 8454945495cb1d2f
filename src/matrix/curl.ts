/**
 * The curl at matrix level, as the antisymmetric part of the Jacobian operator:
 *
 *     ω(δ, ε) = ⟨ε, DV[δ]⟩ − ⟨δ, DV[ε]⟩ = ⟨ε, C[δ]⟩,   C = DV − DV*,
 *
 * with ⟨X, Y⟩ = Σ_blocks tr(XᵀY) (the Euclidean product of state coordinates; directions of a
 * diagonal block are diagonal, so ⟨εA, Diag(Y)⟩ = ⟨εA, Y⟩). In coordinates C is DV − DVᵀ, the
 * curl of docs/math.md §3. When ω's normal form is zero the field is a gradient for every model of
 * this shape and kind, and the potential follows from the radial formula applied to trace forms:
 * a term of degree k in ⟨x, V(x)⟩ contributes −term/k to Φ.
 *
 * A nonzero ω may still vanish at particular dimensions (1×1, diagonal blocks): the verdict for
 * the model is always the core's exact test; this is the formula behind it.
 *
 * Example: `deriveCurl(mm, sg, 'euclidean').vanishes === false`.
 */
import { gradients, vary } from './calculus.js';
import { type MatExpr, call, sum, sym } from './expr.js';
import { type Abbreviation, display } from './factor.js';
import { type KronBlock, kroneckerBlocks } from './kronecker.js';
import { type MatrixModel } from './linear-model.js';
import { MatrixForm, type Term, stateDegree } from './normal-form.js';
import { type FieldBlock, type FieldDerivation } from './procedures/index.js';
import { trivialValues, variedAbbreviation } from './procedures/common.js';
import { diagOf, directionSymbol } from './jacobian.js';
import { Rational } from '../exact/rational.js';
import { Poly } from '../poly/poly.js';
import { SCALAR_RING, type ScalarValues, substituteScalars } from './scalars.js';
import type { Step } from './steps.js';
import { type MatSymbol, SCALAR_SHAPE, variationOf } from './symbols.js';

export type CurlVariant = 'euclidean' | 'rate-adjusted';

export interface CurlBlock {
  field: FieldBlock;
  /** C_X[δ], in matrix form (restricted to the block's kind in coordinates). */
  operator: MatrixForm;
  kron: Map<string, KronBlock>;
}

export interface CurlDerivation {
  variant: CurlVariant;
  /** ω(δ, ε) in normal form. */
  omega: MatrixForm;
  blocks: CurlBlock[];
  /** ω ≡ 0 as a matrix identity. */
  vanishes: boolean;
  /** The potential Φ with V = −∇Φ (or P⁻¹V = −∇Φ) when ω ≡ 0. */
  potential: MatrixForm | null;
  values: ScalarValues;
  steps: Step[];
}

function fieldOf(fb: FieldBlock, variant: CurlVariant, values: ScalarValues): MatrixForm {
  const f = variant === 'euclidean' ? fb.field : fb.adjusted;
  return f.mapCoefficients((c) => substituteScalars(c, values));
}

/** Φ = −∫₀¹ ⟨x, V(tx)⟩ dt: a term of degree k of ⟨x, V(x)⟩ contributes −term/k. */
export function radialPotential(blocks: readonly FieldBlock[], fields: readonly MatrixForm[]): MatrixForm {
  let pairing = MatrixForm.zero(SCALAR_SHAPE);
  blocks.forEach((fb, k) => {
    pairing = pairing.add(MatrixForm.symbol(fb.state).inner(fields[k]!));
  });
  const terms: Term[] = pairing.termList().map((t) => {
    const k = stateDegree(t);
    if (k === 0) throw new Error('radialPotential: a constant term in ⟨x, V(x)⟩');
    return { ...t, coef: t.coef.mul(Poly.constant(SCALAR_RING, Rational.of(-1, k))) };
  });
  return MatrixForm.fromTerms(SCALAR_SHAPE, terms);
}

export function deriveCurl(mm: MatrixModel, fd: FieldDerivation, variant: CurlVariant): CurlDerivation {
  const values = trivialValues(mm);
  const states = fd.blocks.map((b) => b.state);
  const deltas = states.map((s) => variationOf(s, 'delta'));
  const epss = states.map((s) => variationOf(s, 'eps'));
  const toDelta = new Map(states.map((s, k) => [s.id, deltas[k]!]));
  const toEps = new Map(states.map((s, k) => [s.id, epss[k]!]));
  const fields = fd.blocks.map((fb) => fieldOf(fb, variant, values));
  let omega = MatrixForm.zero(SCALAR_SHAPE);
  fd.blocks.forEach((_, k) => {
    const f = fields[k]!;
    omega = omega
      .add(MatrixForm.symbol(epss[k]!).inner(vary(f, toDelta)))
      .sub(MatrixForm.symbol(deltas[k]!).inner(vary(f, toEps)));
  });
  const C = gradients(omega, epss);
  const blocks: CurlBlock[] = fd.blocks.map((fb) => {
    const operator = C.get(fb.state.id)!;
    return { field: fb, operator, kron: kroneckerBlocks(operator, deltas) };
  });
  const vanishes = omega.isZero();
  const potential = vanishes ? radialPotential(fd.blocks, fields) : null;

  const abbreviations: Abbreviation[] = [fd.residual, variedAbbreviation(fd.residual, 'delta', states)];
  const delta = sym(directionSymbol('delta'));
  const eps = sym(directionSymbol('eps'));
  const omegaCall = call('omega', [delta, eps]);
  const pairings: MatExpr = sum(
    fd.blocks.map((fb, k): MatExpr => {
      const c: MatExpr = { kind: 'curl', block: fb.state, direction: delta };
      return { kind: 'inner', left: sym(epss[k]!), right: c };
    }),
  );
  const steps: Step[] = [
    { rule: 'curl-form', rows: [{ lhs: omegaCall, rhs: pairings }] },
    {
      rule: 'curl-operator',
      rows: blocks.map((b) => {
        const shown = display(b.operator, { abbreviations });
        return {
          lhs: { kind: 'curl', block: b.field.state, direction: delta } as MatExpr,
          rhs: b.field.block.kind === 'diagonal' && !b.operator.isZero() ? diagOf(shown) : shown,
        };
      }),
      where: abbreviations.slice(1).map((a) => ({ symbol: a.symbol, definition: display(a.form) })),
    },
  ];
  if (potential) {
    steps.push({ rule: 'radial-potential', rows: [{ lhs: call('Phi'), rhs: display(potential) }] });
  }
  return { variant, omega, blocks, vanishes, potential, values, steps };
}

export function directionSymbols(states: readonly MatSymbol[], kind: 'delta' | 'eps'): MatSymbol[] {
  return states.map((s) => variationOf(s, kind));
}
