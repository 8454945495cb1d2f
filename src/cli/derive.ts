/** `ncssl derive <spec> --json`: every procedure's state, field and Jacobian in closed form. */
import { deriveModel } from '../procedures/derive.js';
import { ChunkedWriter, streamJson } from '../io/json-stream.js';
import { enforceBudget } from '../limits/budget.js';
import { deriveFamily } from '../family/derive.js';
import { enforceFamilyBudget } from '../family/budget.js';
import type { CommandModule } from './command.js';
import { loadSingleSpecOfAnyKind, withSpecPath } from './spec-inputs.js';
import { deriveVariant } from '../variants/fields.js';
import { variantDeriveJson, variantDeriveText } from './derive-variant.js';
import { enforceVariantLimit } from './variant-limit.js';

/** The implementation of `ncssl derive` (its help and options: derive-command.ts). */
export const deriveCommand: CommandModule = {
  run(values, positionals, io) {
    const spec = loadSingleSpecOfAnyKind(positionals, 'derive', io);
    const { path } = spec;
    if (spec.variant) {
      // A variant's expressions are DAGs, printed with their common subexpressions named.
      const variant = spec.variant;
      withSpecPath(path, () => enforceVariantLimit(variant, 'derive'));
      const d = deriveVariant(variant);
      io.out(values.json ? `${JSON.stringify(variantDeriveJson(d), null, 2)}\n` : variantDeriveText(d));
      return 0;
    }
    if (spec.family) enforceFamilyBudget(spec.family, path);
    else enforceBudget(spec.model, 'derive', path); // before deriving: refused in well under a second
    // A family (a spec with symbols) derives the same objects, polynomial in the symbols too.
    const d = spec.family ? deriveFamily(spec.family) : deriveModel(spec.model);
    const model = spec.family ?? spec.model;
    // Written as it is printed, entry by entry (src/io/json-stream.ts): the whole text of a large
    // model is hundreds of MB, more than the derivation itself.
    const w = new ChunkedWriter((text) => io.out(text));
    if (values.json) {
      const procedures: Record<string, unknown> = {};
      for (const p of d.procedures) procedures[p.procedure.name] = { state: p.stateNames, field: p.field, jacobian: p.jacobian };
      streamJson({ model: model.name, objective: d.objective, procedures }, w);
      w.write('\n');
      w.flush();
      return 0;
    }
    w.write(`${model.name}\n  F = ${d.objective}\n`);
    for (const p of d.procedures) {
      w.write(`  ${p.procedure.name}: ${p.procedure.words.title} (${p.procedure.words.rule})\n`);
      p.stateNames.forEach((name, k) => w.write(`    d${name}/dt = ${p.field[k]}\n`));
    }
    w.flush();
    return 0;
  },
};
