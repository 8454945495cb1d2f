"""SymPy baseline for `npm run bench` (test/bench/run.ts): the SG field of a linear model, its
Jacobian and its curl DV - DV^T, in exact rational arithmetic, as a SymPy user would write it.

    python3 sympy-baseline.py MOMENTS.json

MOMENTS.json holds {"p", "q", "sigma1", "sigma12", "sigma2"}: p x p matrices of rationals as
strings ("3/2"), the moments ncssl read from the same spec. The objective is

    F(A, B, T) = 1/2 tr(B A S1 A^T B^T) - tr(B A S12 T^T) + 1/2 tr(T S2 T^T)

and SG differentiates before identifying the target with the encoder:
    dA/dt = -dF/dA,  dB/dt = -dF/dB,  both at T = A.

Prints one JSON line: seconds spent after `import sympy` (the derivation alone), the state
dimension, the number of terms of the field (to compare with ncssl's) and the number of nonzero
entries of the curl.
"""
import json
import sys
import time

import sympy as sp


def rational_matrix(rows):
    return sp.Matrix([[sp.Rational(x) for x in row] for row in rows])


def symbols(name, rows, cols):
    return sp.Matrix(rows, cols, lambda i, j: sp.Symbol(f"{name}_{i + 1}_{j + 1}"))


def main(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    p, q = data["p"], data["q"]
    s1, s12, s2 = (rational_matrix(data[k]) for k in ("sigma1", "sigma12", "sigma2"))
    start = time.perf_counter()

    a, b, t = symbols("A", q, p), symbols("B", q, q), symbols("T", q, p)
    objective = sp.expand(
        sp.Rational(1, 2) * (b * a * s1 * a.T * b.T).trace()
        - (b * a * s12 * t.T).trace()
        + sp.Rational(1, 2) * (t * s2 * t.T).trace()
    )
    state = list(a) + list(b)
    target_is_encoder = {t[k]: a[k] for k in range(q * p)}
    field = [sp.expand(-sp.diff(objective, x).xreplace(target_is_encoder)) for x in state]
    jacobian = sp.Matrix([[sp.diff(v, x) for x in state] for v in field])
    curl = (jacobian - jacobian.T).applyfunc(sp.expand)

    seconds = time.perf_counter() - start
    terms = sum(len(sp.Add.make_args(v)) for v in field if v != 0)
    nonzero = sum(1 for e in curl if e != 0)
    print(json.dumps({"seconds": seconds, "state": len(state), "fieldTerms": terms, "curlNonzero": nonzero}))


if __name__ == "__main__":
    main(sys.argv[1])
