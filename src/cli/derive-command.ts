/**
 * `ncssl derive`: its name, help and options; the derivation is imported from derive.ts when the
 * command runs.
 */
import { registerCommand } from './command.js';

registerCommand({
  name: 'derive',
  summary: 'print the objective, fields and Jacobians of a spec as exact polynomials',
  help: `Usage: ncssl derive <spec> [--json] [--timeout SECONDS]

Derives F(θ, ψ, ξ) from the spec's moments, then each procedure's field V and Jacobian DV by exact
differentiation. Expressions are sums of monomials with rational coefficients, e.g.
'3/2*A_1_1^2*B_1_2 - A_1_2 + 1/3', readable by other computer algebra systems. State names are
A_i_j (encoder), B_i_j (predictor), T_i_j (EMA target), 1-based.

Options:
  --json        print JSON {"model", "objective", "procedures": {name: {"state", "field", "jacobian"}}}
  --timeout SECONDS
                time budget of the whole command, reading and checking the input included:
                a number > 0 and at most 604800; past it one line, exit 2, and nothing is
                printed or written (default: none)
  -h, --help    show this help

Size limits (docs/cli.md): a run estimated above NCSSL_MAX_MEMORY_MB (default 2048) is refused
before it starts; spec numbers are 0 or of magnitude 1e-50 to 1e50 (docs/spec.md).`,
  options: { json: { type: 'boolean' } },
  load: async () => (await import('./derive.js')).deriveCommand,
});
