/**
 * The objective in trace form, derived (not typed in) from F = ½ E‖BAx1 − Tx2‖²:
 * expand the square, apply E[xᵢᵀ M xⱼ] = tr(M E[xⱼ xᵢᵀ]) with E[x1x1ᵀ] = Σ1, E[x2x2ᵀ] = Σ2,
 * E[x1x2ᵀ] = Σ12, E[x2x1ᵀ] = Σ12ᵀ, then bring every trace to its canonical rotation.
 *
 * Example: `deriveObjective(matrixModel(model)).general` displays as
 * ½ tr(BAΣ1AᵀBᵀ) − tr(BAΣ12Tᵀ) + ½ tr(TΣ2Tᵀ).
 */
import { Rational } from '../exact/rational.js';
import { type MatExpr, call, coefficient, neg, product, sum, sym, trace } from './expr.js';
import { expand } from './expand.js';
import { display, letterExpr, termExpr } from './factor.js';
import { type MatrixModel, kindSubstitutions } from './linear-model.js';
import { type Letter, MatrixForm, type Term } from './normal-form.js';
import { scalarConstant } from './scalars.js';
import type { Step } from './steps.js';
import { SCALAR_SHAPE } from './symbols.js';

export interface ObjectiveDerivation {
  /** F(A, B, T) = ½ E‖BAx1 − Tx2‖², as displayed. */
  statement: MatExpr;
  steps: Step[];
  /** F(A, B, T) in trace form, in the matrices A, B, T. */
  general: MatrixForm;
  /** F in the state symbols (after B = I, A = aJ, … when the kinds say so). */
  form: MatrixForm;
}

/** The residual BAx1 − Tx2 whose squared norm is the loss. */
function lossResidual(mm: MatrixModel): MatExpr {
  const [A, B, T] = [mm.encoder.matrix, mm.predictor.matrix, mm.target.matrix];
  return sum([product([sym(B), sym(A), sym(mm.x1)]), neg(product([sym(T), sym(mm.x2)]))]);
}

/** E[xⱼ xᵢᵀ] for the views at the two ends of xᵢᵀ W xⱼ. */
function momentLetter(mm: MatrixModel, first: Letter, last: Letter): Letter {
  const i = first.sym.id;
  const j = last.sym.id;
  if (i === 'x1' && j === 'x1') return { sym: mm.sigma1, t: false };
  if (i === 'x2' && j === 'x2') return { sym: mm.sigma2, t: false };
  // E[x2 x1ᵀ] = Σ12ᵀ (i = 1, j = 2); E[x1 x2ᵀ] = Σ12 (i = 2, j = 1).
  return { sym: mm.sigma12, t: i === 'x1' && !mm.sigma12.symmetric };
}

function expectationOfTerm(mm: MatrixModel, t: Term): { shown: MatExpr; form: MatrixForm } {
  const first = t.word[0]!;
  const last = t.word[t.word.length - 1]!;
  if (t.word.length < 2 || first.sym.role !== 'view' || last.sym.role !== 'view') {
    throw new Error('expectation: every term must read xᵢᵀ W xⱼ');
  }
  const middle = t.word.slice(1, -1);
  const moment = momentLetter(mm, first, last);
  const inner = [...middle, moment];
  const head = termExpr({ coef: t.coef, scalars: [], word: [] }, SCALAR_SHAPE);
  const tr = trace(product(inner.map(letterExpr)));
  const shown = head.kind === 'neg' ? neg(product([...(isUnit(head.arg) ? [] : [head.arg]), tr])) : product([...(isUnit(head) ? [] : [head]), tr]);
  const form = MatrixForm.fromTerms(SCALAR_SHAPE, [{ coef: t.coef, scalars: [{ kind: 'trace', word: inner }], word: [] }]);
  return { shown, form };
}

function isUnit(e: MatExpr): boolean {
  return e.kind === 'coefficient' && e.value.isConstant() && e.value.constantTerm().isOne();
}

export function deriveObjective(mm: MatrixModel): ObjectiveDerivation {
  const { encoder: A, predictor: B, target: T } = mm;
  const half = scalarConstant(Rational.of(1, 2));
  const residual = lossResidual(mm);
  const statement = product([coefficient(half), { kind: 'expect', arg: { kind: 'sqnorm', arg: residual } }]);
  const Fcall = call('F', [sym(A.matrix), sym(B.matrix), sym(T.matrix)]);

  // ½ (BAx1 − Tx2)ᵀ(BAx1 − Tx2), distributed: every term is xᵢᵀ W xⱼ.
  const expanded = expand({ kind: 'sqnorm', arg: residual }).scale(half);
  const expandedTerms = expanded.termList();
  const shownExpanded = sum(
    expandedTerms.map((t) => {
      const head = termExpr({ coef: t.coef, scalars: [], word: [] }, SCALAR_SHAPE);
      const e: MatExpr = { kind: 'expect', arg: product(t.word.map(letterExpr)) };
      if (head.kind === 'neg') return neg(isUnit(head.arg) ? e : product([head.arg, e]));
      return isUnit(head) ? e : product([head, e]);
    }),
  );
  const expectations = expandedTerms.map((t) => expectationOfTerm(mm, t));
  const general = expectations.map((e) => e.form).reduce((a, b) => a.add(b));

  const steps: Step[] = [
    { rule: 'definition', rows: [{ lhs: Fcall, rhs: statement }] },
    { rule: 'expand-square', rows: [{ lhs: null, rhs: shownExpanded }] },
    { rule: 'expectation', rows: [{ lhs: null, rhs: sum(expectations.map((e) => e.shown)) }] },
    { rule: 'trace-cyclic', rows: [{ lhs: null, rhs: display(general) }] },
  ];

  const kinds = kindSubstitutions(mm);
  let form = general;
  if (kinds.size > 0) {
    form = general.substitute(kinds);
    const substitutions: Array<[MatExpr, MatExpr]> = [];
    for (const b of [A, B, T]) {
      const v = kinds.get(b.matrix.id);
      if (v) substitutions.push([sym(b.matrix), display(v)]);
    }
    steps.push({ rule: 'kind', rows: [{ lhs: null, rhs: display(form) }], substitutions });
  }
  return { statement, steps, general, form };
}
