/** `ncssl check <spec…>`: derive each procedure and decide the claims of MATH.md, with evidence. */
import { checkModel } from '../analyses/check-model.js';
import { checkJson } from '../render/check-json.js';
import { checkText } from '../render/check-text.js';
import { integerOption, registerCommand } from './command.js';
import { loadSpecs } from './spec-inputs.js';

registerCommand({
  name: 'check',
  summary: 'decide the claims of the theory on each spec (integrability, with certificates)',
  help: `Usage: ncssl check <spec|dir>... [--json] [--samples N] [--seed S]

For each spec (a directory stands for its .yaml/.yml/.json files) and each procedure (gd, sg, ema):
the state dimension and whether the field is a gradient field, decided in exact arithmetic —
the potential Φ when it is (V = −∇Φ, verified), a rational curl certificate when it is not — for
the field V and, when a rate differs from 1, for the rate-adjusted field P⁻¹V. Beside each exact
verdict, the curl evaluated in floats at N seeded random points.

Options:
  --json        print JSON: one object for one spec, an array for several
  --samples N   random points for the float curl check (default 64)
  --seed S      seed of the random points and certificate search (default 1)
  -h, --help    show this help`,
  options: {
    json: { type: 'boolean' },
    samples: { type: 'string' },
    seed: { type: 'string' },
  },
  run(values, positionals, io) {
    const options = {
      samples: integerOption(values.samples, 'samples', 64, 100_000),
      seed: integerOption(values.seed, 'seed', 1, 2 ** 32 - 1),
    };
    const specs = loadSpecs(positionals);
    const results = specs.map(({ path, model }) => {
      io.progress(`checking ${path}\n`);
      return { path, check: checkModel(model, options) };
    });
    if (values.json) {
      const json = results.map(({ path, check }) => checkJson(check, path));
      io.out(JSON.stringify(json.length === 1 ? json[0] : json, null, 2) + '\n');
    } else {
      io.out(results.map(({ path, check }) => checkText(check, path)).join('\n'));
    }
    return 0;
  },
});
