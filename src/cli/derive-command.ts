/**
 * `ncssl derive`: its name, help and options; the derivation is imported from derive.ts when the
 * command runs.
 */
import { registerCommand, SIZE_LIMITS_HELP, TIMEOUT_HELP } from './command.js';

registerCommand({
  name: 'derive',
  summary: 'print the objective, fields and Jacobians of a spec as exact polynomials',
  help: `Usage: ncssl derive <spec> [--json] [--timeout SECONDS]

Derives F(θ, ψ, ξ) from the spec's moments, then each procedure's field V and Jacobian DV by exact
differentiation. Expressions are sums of monomials with rational coefficients, e.g.
'3/2*A_1_1^2*B_1_2 - A_1_2 + 1/3', readable by other computer algebra systems. State names are
A_i_j (encoder), B_i_j (predictor), T_i_j (EMA target), 1-based.

On a variant (cosine loss, MLP encoder, set predictor, view pairs) the expressions are not
polynomials: F and each field are printed with every subexpression used more than once named
u_1, u_2, … (defined before use, each block its own), the Jacobian in --json up to state 16.

Options:
  --json        print JSON {"model", "objective", "procedures": {name: {"state", "field", "jacobian"}}}
${TIMEOUT_HELP}
  -h, --help    show this help

${SIZE_LIMITS_HELP}`,
  options: { json: { type: 'boolean' } },
  load: async () => (await import('./derive.js')).deriveCommand,
});
