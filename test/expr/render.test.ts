/**
 * The renderer of DAG expressions (src/expr/render.ts) against an independent evaluation: the
 * printed text, parsed back by mathjs with the named subexpressions as scope (each defined before
 * use), equals the DAG's float value at seeded points (1e-12 relative); the LaTeX typesets with
 * KaTeX (throwOnError); naming rules and the size budget on small hand-built DAGs.
 */
import katex from 'katex';
import { type EvalFunction, compile } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/exact/rational.js';
import { Dag, type Node } from '../../src/expr/dag.js';
import { Program, sigmoid, softplus } from '../../src/expr/evaluate.js';
import { type ExpressionRendering, renderExpressions, variantVariableLatex } from '../../src/expr/render.js';
import { seededRandom } from '../../src/numeric/random.js';
import { deriveVariant } from '../../src/variants/fields.js';
import { parseVariant } from '../../src/variants/spec.js';

const FUNCTIONS = { softplus, sigmoid, relu: (x: number) => (x > 0 ? x : 0), step: (x: number) => (x > 0 ? 1 : 0) };
const PAIRS = 'data: {pairs: [[[1, 0], [1, 1/2]], [[0, 1], [1/4, 1]], [[-1, 0], [-1, -1/4]]]}';

const VARIANTS: Record<string, string> = {
  'cosine linear SG': `loss: cosine\nencoder: {kind: linear, in: 2, out: 2}\npredictor: {kind: linear}\npredictorRate: 2\n${PAIRS}`,
  'tanh MLP with biases, EMA': `stopGradient: target\nema: on\nencoder: {kind: mlp, layers: [2, 3, 2], activation: tanh, bias: true}\npredictor: {kind: symmetric}\nweightDecay: 1/20\n${PAIRS}`,
  'softplus MLP, cosine, DirectCopy, GD': `loss: cosine\nstopGradient: none\nencoder: {kind: mlp, layers: [2, 2, 2], activation: softplus}\npredictor: {kind: directcopy, eps: 1/10}\n${PAIRS}`,
  'relu MLP, wrong-side SG': `stopGradient: online\nencoder: {kind: mlp, layers: [2, 3, 2], activation: relu, bias: true}\npredictor: {kind: diagonal}\n${PAIRS}`,
};

function rendered(r: ExpressionRendering): Extract<ExpressionRendering, { kind: 'rendered' }> {
  if (r.kind !== 'rendered') throw new Error(`over the budget: ${JSON.stringify(r)}`);
  return r;
}

/** The printed text parsed by mathjs: the roots' values at x, named subexpressions first, in order, as scope. */
function textEvaluator(r: Extract<ExpressionRendering, { kind: 'rendered' }>, variables: readonly string[]): (x: Float64Array) => number[] {
  const named = r.named.map((u) => ({ name: u.name, code: compile(u.text) }));
  const roots: EvalFunction[] = r.roots.map((root) => compile(root.text));
  return (x) => {
    const scope: Record<string, unknown> = { ...FUNCTIONS };
    variables.forEach((name, k) => (scope[name] = x[k]));
    for (const u of named) {
      expect(scope[u.name], `${u.name} defined twice`).toBeUndefined();
      scope[u.name] = u.code.evaluate(scope);
    }
    return roots.map((root) => root.evaluate(scope) as number);
  };
}

function expectClose(actual: readonly number[], expected: Float64Array) {
  expected.forEach((e, k) => expect(Math.abs(actual[k]! - e), `entry ${k}: ${actual[k]} vs ${e}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(e))));
}

describe('renderExpressions on variants: the text parses back to the DAG value, the LaTeX typesets', () => {
  for (const [label, spec] of Object.entries(VARIANTS)) {
    it(label, () => {
      const d = deriveVariant(parseVariant(spec, 'v'));
      const { dag, objective } = d.layout;
      const rng = seededRandom(5);
      // The objective, each field, and the first procedure's Jacobian (the largest block).
      const blocks: Node[][] = [[objective], ...d.fields.map((f) => f.field), d.fields[0]!.jacobian.flat()];
      for (const [b, roots] of blocks.entries()) {
        const r = rendered(renderExpressions(dag, roots));
        // Every name is used after its definition only: u_k's text mentions no u_j with j >= k.
        r.named.forEach((u, k) => {
          const mentioned = [...u.text.matchAll(/\bu_(\d+)\b/g)].map((m) => Number(m[1]));
          expect(mentioned.every((j) => j <= k)).toBe(true);
        });
        const program = new Program(dag, roots);
        const fromText = textEvaluator(r, dag.variables);
        for (let s = 0; s < 3; s++) {
          const x = Float64Array.from(dag.variables, () => rng.normal());
          expectClose(fromText(x), program.floats(x));
        }
        if (b === blocks.length - 1) continue; // KaTeX is the slow part: the Jacobian's notation is the fields'
        for (const e of [...r.named.map((u) => `${u.nameLatex} = ${u.latex}`), ...r.roots.map((x) => x.latex)]) {
          expect(() => katex.renderToString(e, { throwOnError: true, strict: 'error' })).not.toThrow();
        }
      }
    });
  }
});

describe('naming and the budget', () => {
  const dag = new Dag();
  const [x, y] = [dag.variable('A_1_1'), dag.variable('B_1_2')];
  const xy = dag.mul(x, y);
  const t = dag.tanh(xy);
  const f = dag.add(dag.sqr(t), dag.neg(x));
  const g = dag.div(t, dag.add(dag.scale(Rational.of(3, 2), y), dag.one));

  it('names what is used twice and not trivial, in topological order; trivial nodes stay inline', () => {
    const r = rendered(renderExpressions(dag, [f, g, dag.neg(x)]));
    expect(r.named.map((u) => `${u.name} = ${u.text}`)).toEqual(['u_1 = tanh(A_1_1*B_1_2)']);
    expect(r.roots.map((u) => u.text)).toEqual(['u_1^2 - A_1_1', 'u_1/(1 + 3/2*B_1_2)', '-A_1_1']);
    expect(r.roots.map((u) => u.latex)).toEqual(['u_{1}^{2} - A_{11}', '\\frac{u_{1}}{1 + \\tfrac{3}{2}\\, B_{12}}', '-A_{11}']);
    expect(r.roots[0]!.latexTerms).toEqual(['u_{1}^{2}', '- A_{11}']);
  });

  it('a product over one sum is opened for line breaking in the LaTeX terms, not in the text', () => {
    const h = dag.scale(Rational.of(-1, 4), dag.add(dag.sqr(x), dag.neg(dag.mul(x, dag.add(y, dag.one)))));
    const r = rendered(renderExpressions(dag, [h]));
    expect(r.roots[0]!.text).toBe('-1/4*(A_1_1^2 - A_1_1*(1 + B_1_2))');
    expect(r.roots[0]!.latexTerms).toEqual(['-\\tfrac{1}{4}\\,\\Bigl(A_{11}^{2}', '- A_{11}\\,\\bigl(1', '+ B_{12}\\bigr)\\Bigr)']);
    expect(() => katex.renderToString(r.roots[0]!.latex, { throwOnError: true, strict: 'error' })).not.toThrow();
  });

  it('a root used inside another root is named and printed by its name', () => {
    const r = rendered(renderExpressions(dag, [t, f]));
    expect(r.named.map((u) => u.text)).toEqual(['tanh(A_1_1*B_1_2)']);
    expect(r.roots.map((u) => u.text)).toEqual(['u_1', 'u_1^2 - A_1_1']);
  });

  it('over the budget: the size instead of the text', () => {
    expect(renderExpressions(dag, [f, g], { budget: 10 })).toEqual({ kind: 'too-large', nodes: dag.reachable([f, g]).length, named: 1, budget: 10 });
  });

  it('a square of a layer weight or of a function is parenthesised in LaTeX (no double superscript)', () => {
    const w = dag.variable('A1_1_2');
    const r = rendered(renderExpressions(dag, [dag.add(dag.sqr(w), dag.sqr(dag.sqrt(y)))]));
    expect(r.roots[0]!.latex).toBe('\\left(A^{(1)}_{12}\\right)^{2} + \\left(\\sqrt{B_{12}}\\right)^{2}');
    expect(() => katex.renderToString(r.roots[0]!.latex, { throwOnError: true, strict: 'error' })).not.toThrow();
  });

  it('variable names as in the state, in LaTeX', () => {
    expect(['A_1_2', 'T_10_2', 'A2_1_3', 't1_2', 'B_3_3', 'x'].map(variantVariableLatex)).toEqual(['A_{12}', 'T_{10,2}', 'A^{(2)}_{13}', 't^{(1)}_{2}', 'B_{33}', 'x']);
  });
});
