/** `ncssl derive <spec> --json`: every procedure's state, field and Jacobian in closed form. */
import { deriveModel } from '../procedures/derive.js';
import { UsageError, registerCommand } from './command.js';
import { loadSingleSpec } from './spec-inputs.js';

registerCommand({
  name: 'derive',
  summary: 'print the objective, fields and Jacobians of a spec as exact polynomials',
  help: `Usage: ncssl derive <spec> [--json]

Derives F(θ, ψ, ξ) from the spec's moments, then each procedure's field V and Jacobian DV by exact
differentiation. Expressions are sums of monomials with rational coefficients, e.g.
'3/2*A_1_1^2*B_1_2 - A_1_2 + 1/3', readable by other computer algebra systems. State names are
A_i_j (encoder), B_i_j (predictor), T_i_j (EMA target), 1-based.

Options:
  --json        print JSON {"model", "objective", "procedures": {name: {"state", "field", "jacobian"}}}
  -h, --help    show this help`,
  options: { json: { type: 'boolean' } },
  run(values, positionals, io) {
    const { model } = loadSingleSpec(positionals, 'derive');
    const d = deriveModel(model);
    const procedures: Record<string, unknown> = {};
    for (const p of d.procedures) {
      procedures[p.procedure.name] = {
        state: p.stateNames,
        field: p.field.map(String),
        jacobian: p.jacobian.map((row) => row.map(String)),
      };
    }
    if (values.json) {
      io.out(JSON.stringify({ model: model.name, objective: d.objective.toString(), procedures }, null, 2) + '\n');
      return 0;
    }
    const lines = [`${model.name}`, `  F = ${d.objective}`];
    for (const p of d.procedures) {
      lines.push(`  ${p.procedure.name}: ${p.procedure.title} (${p.procedure.rule})`);
      p.stateNames.forEach((name, k) => lines.push(`    d${name}/dt = ${p.field[k]}`));
    }
    io.out(lines.join('\n') + '\n');
    return 0;
  },
});
