/**
 * The model's fields, re-derived by the kernel from the moments alone (docs/math.md §1–2, §4).
 *
 * Parameters: encoder A (q×p), predictor B (q×q), EMA target T (same kind as A). A free entry is
 * the variable `S_r_c` (1-based row, column); free entries are all entries (linear), the diagonal
 * (diagonal), `S_1_1` repeated on the diagonal (scalar), none for a fixed identity predictor.
 */
import { Rational } from '../exact/rational.js';
import { type KPoly, addScaled, addTerm, constant, factorsOf, mul, monomial, partials, renamed, variable } from './poly.js';

export type BlockKind = 'linear' | 'diagonal' | 'scalar' | 'identity';
/**
 * How a field is made from F (the certificate's `recipe`; the engine's procedures each name one):
 * identify-then-differentiate is gradient descent on E(θ, ψ) = F(θ, ψ, θ); differentiate-then-
 * identify takes ∂F with the target held fixed, then ξ := θ (stop gradient); moving-average takes
 * ∂F at (θ, ψ, ξ) with the target as state, ξ̇ = τ(θ − ξ).
 */
export const RECIPES = ['identify-then-differentiate', 'differentiate-then-identify', 'moving-average'] as const;
export type Recipe = (typeof RECIPES)[number];

/** A declared symbol's assumption (a family's `parameters`; docs/certificates.md, family kinds). */
export type SymbolClass = 'positive' | 'nonnegative' | 'nonzero' | 'real';

/** A declared inequality lhs < rhs (strict) or lhs ≤ rhs between polynomials in the symbols. */
export interface KernelInequality {
  lhs: KPoly;
  rhs: KPoly;
  strict: boolean;
}

/**
 * A model, or a family of models: moments and rates are polynomials in the declared `symbols`
 * (constants for a numeric model, whose `symbols` is empty). Symbols are ring variables that are
 * never differentiated; their names carry no underscore, so they never meet a state coordinate.
 */
export interface KernelModel {
  encoder: { kind: 'linear' | 'diagonal' | 'scalar'; in: number; out: number };
  predictor: { kind: 'linear' | 'diagonal' | 'identity' };
  /** Σ1 = E[x1 x1ᵀ], Σ2 = E[x2 x2ᵀ], Σ12 = E[x1 x2ᵀ], each p×p. */
  moments: { sigma1: KPoly[][]; sigma2: KPoly[][]; sigma12: KPoly[][] };
  weightDecay: KPoly; // λ
  predictorRate: KPoly; // α
  emaRate: KPoly; // τ
  /** Declared symbols and their classes, in declaration order (empty for a numeric model). */
  symbols: ReadonlyMap<string, SymbolClass>;
  inequalities: readonly KernelInequality[];
}

/** The value of a polynomial that must be a constant (numeric models), or null when it is not. */
export function constantValue(p: KPoly): Rational | null {
  if (p.size === 0) return Rational.ZERO;
  return p.size === 1 && p.has('') ? p.get('')! : null;
}

/** Entry (i, j) of a parameter matrix, or null for a fixed 0. */
function entry(symbol: string, kind: BlockKind, i: number, j: number): KPoly | null {
  if (kind === 'linear') return variable(`${symbol}_${i + 1}_${j + 1}`);
  if (i !== j) return null;
  if (kind === 'diagonal') return variable(`${symbol}_${i + 1}_${i + 1}`);
  return kind === 'scalar' ? variable(`${symbol}_1_1`) : constant(Rational.ONE);
}

/** The distinct variables of a block's entries, row-major: its free parameters. */
function blockNames(symbol: string, kind: BlockKind, rows: number, cols: number): string[] {
  const names = new Set<string>();
  for (let k = 0; k < rows * cols; k++) for (const m of entry(symbol, kind, Math.floor(k / cols), k % cols)?.keys() ?? []) if (m) names.add(m);
  return [...names];
}

/** The state coordinates, in order: A then B, then T for a moving-average target; each block row-major. */
export function stateNames(m: KernelModel, recipe: Recipe): string[] {
  const { kind, in: p, out: q } = m.encoder;
  const online = [...blockNames('A', kind, q, p), ...blockNames('B', m.predictor.kind, q, q)];
  return recipe === 'moving-average' ? [...online, ...blockNames('T', kind, q, p)] : online;
}

/**
 * F = ½ E‖B A x1 − T x2‖², keeping only terms that contain a variable in `needed` (any other term
 * has derivative 0 in every variable the caller differentiates by). Residual k is
 * r_k = Σ_l (BA)_kl x1_l − Σ_l T_kl x2_l = Σ_s c_s x_s, so ½ r_k² = ½ Σ_{s,t} c_s c_t x_s x_t, and
 * the expectation replaces x_s x_t by its second moment.
 */
export function objective(m: KernelModel, needed: (v: string) => boolean): KPoly {
  const { kind, in: p, out: q } = m.encoder;
  const { sigma1, sigma2, sigma12 } = m.moments;
  const moment = (s: Coefficient, t: Coefficient): KPoly => {
    if (s.view === 1) return t.view === 1 ? sigma1[s.l]![t.l]! : sigma12[s.l]![t.l]!;
    return t.view === 1 ? sigma12[t.l]![s.l]! : sigma2[s.l]![t.l]!; // E[x2_a x1_b] = Σ12_ba
  };
  const half = Rational.of(1, 2);
  const F: KPoly = new Map();
  for (let k = 0; k < q; k++) {
    const terms: Coefficient[] = []; // the c_s x_s of r_k
    const push = (poly: KPoly, view: 1 | 2, l: number, sign: Rational) => {
      for (const [mono, c] of poly) {
        const f = factorsOf(mono);
        terms.push({ view, l, factors: f, c: c.mul(sign), needed: f.some(needed) });
      }
    };
    for (let l = 0; l < p; l++) {
      for (let j = 0; j < q; j++) {
        const b = entry('B', m.predictor.kind, k, j);
        const a = entry('A', kind, j, l);
        if (a && b) push(mul(b, a), 1, l, Rational.ONE);
      }
      const t = entry('T', kind, k, l);
      if (t) push(t, 2, l, Rational.MINUS_ONE);
    }
    for (const s of terms) {
      for (const t of terms) {
        if (!(s.needed || t.needed)) continue;
        const c = s.c.mul(t.c).mul(half);
        // A numeric moment is one constant term ('' → value); a symbolic one adds its symbols.
        for (const [symbols, value] of moment(s, t)) addTerm(F, monomial([...s.factors, ...t.factors, ...factorsOf(symbols)]), c.mul(value));
      }
    }
  }
  return F;
}

/** rate·W, a constant rate without a polynomial product (the numeric models' path). */
function scaledBy(W: KPoly, rate: KPoly): KPoly {
  const c = constantValue(rate);
  return c === null ? mul(W, rate) : c.isOne() ? W : addScaled(new Map(), W, c);
}

/** One term of a residual: c · (monomial `factors`) · x{view}_l, and whether it has a needed variable. */
type Coefficient = { view: 1 | 2; l: number; factors: string[]; c: Rational; needed: boolean };

/** The rate of a coordinate: 1 for A, α for B, τ for T (the diagonal of P). */
export const rateOf = (m: KernelModel, v: string): KPoly => (v[0] === 'A' ? constant(Rational.ONE) : v[0] === 'B' ? m.predictorRate : m.emaRate);

/**
 * The components `wanted` of the field V a recipe makes, or of P⁻¹V when `rateAdjusted` (docs/math.md §2):
 *   identify-then-differentiate:  V_θ = −∂θE − λθ,  V_ψ = −α(∂ψE + λψ),  with E(θ, ψ) = F(θ, ψ, θ)
 *   differentiate-then-identify:  the same with (∂F)(θ, ψ, θ) in place of ∂E
 *   moving-average:               the same with ∂F at (θ, ψ, ξ), and V_ξ = τ(θ − ξ)
 * Every component is its rate times a polynomial, so P⁻¹V is that polynomial: the component built
 * without its rate (never a division, so a rate that is a polynomial in symbols works the same).
 */
export function fieldComponents(m: KernelModel, recipe: Recipe, wanted: readonly string[], rateAdjusted: boolean): Map<string, KPoly> {
  const toEncoder = (v: string): string => (v[0] === 'T' ? `A${v.slice(1)}` : v); // ξ := θ
  const online = wanted.filter((v) => v[0] !== 'T');
  // After ξ := θ, terms containing the target twin T_r_c of A_r_c also feed ∂/∂A_r_c.
  const needed = new Set(online.flatMap((v) => [v, `T${v.slice(1)}`]));
  let F = objective(m, (v) => needed.has(v));
  if (recipe === 'identify-then-differentiate') F = renamed(F, toEncoder);
  const gradient = partials(F);
  const out = new Map<string, KPoly>();
  for (const v of wanted) {
    let W: KPoly; // the component without its rate: P⁻¹V
    if (v[0] === 'T') {
      W = addScaled(variable(toEncoder(v)), variable(v), Rational.MINUS_ONE); // θ − ξ
    } else {
      let g = gradient.get(v) ?? new Map();
      if (recipe === 'differentiate-then-identify') g = renamed(g, toEncoder);
      W = addScaled(new Map(), addScaled(g, mul(variable(v), m.weightDecay), Rational.ONE), Rational.MINUS_ONE); // −(g + λv)
    }
    out.set(v, rateAdjusted ? W : scaledBy(W, rateOf(m, v)));
  }
  return out;
}
