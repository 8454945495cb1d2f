/**
 * `ncssl export --to sympy`: the derived objective, fields and Jacobians as a SymPy script that
 * checks them in Python: each Jacobian against sympy.diff of its field, and each field against
 * its recipe applied to F by SymPy (−∂E for GD with E(θ, ψ) = F(θ, ψ, θ); −∂F at ξ = θ for SG;
 * −∂F and ξ̇ = τ(θ − ξ) for EMA; weight decay and the predictor's rate as in docs/math.md §2). The
 * polynomials are printed as `ncssl derive` prints them with `**` for powers, and read with exact
 * rationals.
 */
import type { Poly } from '../poly/poly.js';
import { pyDocText, pyList, pyString } from './python.js';
import type { ExportTarget } from './target.js';

const expr = (p: Poly): string => pyString(p.toString().replace(/\^/g, '**'));

export const sympyTarget: ExportTarget = {
  name: 'sympy',
  summary: 'the derived fields and Jacobians for SymPy, with a script that re-derives and checks them',
  derives: true,
  write(context) {
    const d = context.derivation();
    const { model, params } = d;
    const names = (vs: readonly number[]) => vs.map((v) => params.ring.names[v]!);
    const procedures = d.procedures.map(
      (p) => `    {
        "name": ${pyString(p.procedure.name)},
        "recipe": ${pyString(p.procedure.recipe)},
        "state": ${pyList(p.stateNames.map(pyString))},
        "field": [
${p.field.map((v) => `            ${expr(v)},`).join('\n')}
        ],
        "jacobian": [
${p.jacobian.map((row) => `            ${pyList(row.map(expr))},`).join('\n')}
        ],
    },`,
    );
    const targetOf = names(params.target.variables).map((t, k) => `${pyString(t)}: ${pyString(names(params.encoder.variables)[k]!)}`);
    return `#!/usr/bin/env python3
"""The objective, fields and Jacobians ncssl derived for the model ${pyDocText(model.name)}, written by \`ncssl export --to sympy\`.

From ${pyDocText(context.specPath)}. Running it checks them with SymPy: each Jacobian equals sympy.diff of
its field, and each field equals its procedure's recipe applied to F by SymPy. It exits 1 on a
difference. Needs Python 3 and SymPy.
"""
import sys

import sympy

ENCODER = ${pyList(names(params.encoder.variables).map(pyString))}
PREDICTOR = ${pyList(names(params.predictor.variables).map(pyString))}
TARGET = ${pyList(names(params.target.variables).map(pyString))}
SYMBOLS = {name: sympy.Symbol(name) for name in ENCODER + PREDICTOR + TARGET}
# The target entry each encoder entry is identified with when the target is the encoder.
TARGET_OF = {${targetOf.join(', ')}}


def parse(text):
    """A polynomial as ncssl prints it; 3/2 is read as the exact rational."""
    return sympy.parse_expr(text, local_dict=SYMBOLS)


WEIGHT_DECAY = sympy.Rational(${pyString(String(model.weightDecay))})
PREDICTOR_RATE = sympy.Rational(${pyString(String(model.predictorRate))})
EMA_RATE = sympy.Rational(${pyString(String(model.emaRate))})
# F(A, B, T) = 1/2 E|B A x1 - T x2|^2 over the views' moments.
OBJECTIVE = parse(${expr(d.objective)})
PROCEDURES = [
${procedures.join('\n')}
]


def recipe_field(recipe, state):
    """The field made from F by SymPy, as the recipe says."""
    at_theta = {SYMBOLS[t]: SYMBOLS[a] for t, a in TARGET_OF.items()}
    out = []
    for name in state:
        x = SYMBOLS[name]
        if name in TARGET:
            out.append(EMA_RATE * (SYMBOLS[TARGET_OF[name]] - x))
            continue
        if recipe == "identify-then-differentiate":
            g = sympy.diff(OBJECTIVE.xreplace(at_theta), x)
        elif recipe == "differentiate-then-identify":
            g = sympy.diff(OBJECTIVE, x).xreplace(at_theta)
        else:
            g = sympy.diff(OBJECTIVE, x)
        rate = 1 if name in ENCODER else PREDICTOR_RATE
        out.append(-rate * (g + WEIGHT_DECAY * x))
    return out


def main():
    for p in PROCEDURES:
        state = [SYMBOLS[name] for name in p["state"]]
        field = sympy.Matrix([parse(v) for v in p["field"]])
        jacobian = sympy.Matrix([[parse(e) for e in row] for row in p["jacobian"]])
        n = len(state)
        assert jacobian.shape == (n, n), p["name"] + ": the Jacobian is not square in the state"
        by_sympy = field.jacobian(state)
        assert (by_sympy - jacobian).applyfunc(sympy.expand) == sympy.zeros(n, n), p["name"] + ": the Jacobian differs from sympy.diff of the field"
        expected = sympy.Matrix(recipe_field(p["recipe"], p["state"]))
        assert (expected - field).applyfunc(sympy.expand) == sympy.zeros(n, 1), p["name"] + ": the field differs from its recipe applied to F"
        print(p["name"] + ": field and Jacobian (" + str(n) + " x " + str(n) + ") agree with SymPy")
    return 0


if __name__ == "__main__":
    sys.exit(main())
`;
  },
};
