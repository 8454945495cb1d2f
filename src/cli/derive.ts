/** `ncssl derive <spec> --json`: every procedure's state, field and Jacobian in closed form. */
import { deriveModel } from '../procedures/derive.js';
import type { CommandModule } from './command.js';
import { loadSingleSpec } from './spec-inputs.js';

/** The implementation of `ncssl derive` (its help and options: derive-command.ts). */
export const deriveCommand: CommandModule = {
  run(values, positionals, io) {
    const { model } = loadSingleSpec(positionals, 'derive', io);
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
      lines.push(`  ${p.procedure.name}: ${p.procedure.words.title} (${p.procedure.words.rule})`);
      p.stateNames.forEach((name, k) => lines.push(`    d${name}/dt = ${p.field[k]}`));
    }
    io.out(lines.join('\n') + '\n');
    return 0;
  },
};
