/** `ncssl check <spec…>`: derive each procedure and decide the claims of docs/math.md §3, with evidence. */
import { type CheckOptions, checkModel } from '../analyses/check-model.js';
import { type NamedCertificate, certificateFiles, certificatesOf } from '../certificates/index.js';
import { writeOutputs } from '../io/safe-write.js';
import { enforceBudget } from '../limits/budget.js';
import type { Model } from '../model/model.js';
import { checkJson } from '../render/check-json.js';
import { checkText } from '../render/check-text.js';
import { analysesOption } from './analyses-option.js';
import { type CommandModule, UsageError, integerOption } from './command.js';
import { loadSpecs } from './spec-inputs.js';

/** The implementation of `ncssl check` (its help and options: check-command.ts). */
export const checkCommand: CommandModule = {
  async run(values, positionals, io) {
    const options: CheckOptions = {
      samples: integerOption(values.samples, 'samples', 64, 100_000),
      seed: integerOption(values.seed, 'seed', 1, 2 ** 32 - 1),
      points: integerOption(values.points, 'points', 3, 100),
      ...(values.flows === undefined ? {} : { flows: integerOption(values.flows, 'flows', 0, 1000) }),
      ...(values.analyses === undefined ? {} : { analyses: analysesOption(values.analyses) }),
    };
    const certificateDir = values.certificates as string | undefined;
    if (certificateDir !== undefined && certificateDir.trim() === '') throw new UsageError('--certificates: expected a directory, got ""');
    if (values.force && certificateDir === undefined) throw new UsageError('--force: only meaningful with --certificates DIR');
    const specs = loadSpecs(positionals, io);
    // Every spec's memory estimate before any work: one over the ceiling refuses the whole run at once.
    for (const { path, model } of specs) enforceBudget(model, 'check', path);
    const results: SpecCheck[] = [];
    for (const { path, model } of specs) {
      io.progress(`checking ${path}\n`);
      results.push(checkSpec(path, model, options, { json: values.json === true, certificates: certificateDir !== undefined })); // --timeout bounds the whole command (src/limits/deadline.ts)
    }
    // Certificates first: if they cannot be written (a file exists), nothing is printed either.
    if (certificateDir !== undefined) {
      const written = await writeOutputs(certificateDir, certificateFiles(results.map((r) => r.certificates)), { force: values.force === true, flag: '--certificates', cwd: io.cwd });
      io.progress(`wrote ${written.length} certificates to ${certificateDir}\n`);
    }
    if (values.json) {
      const json = results.map((r) => r.json!);
      io.out(JSON.stringify(json.length === 1 ? json[0] : json, null, 2) + '\n');
    } else {
      io.out(results.map((r) => r.text).join('\n'));
    }
    return 0;
  },
};

/** What `check` prints and writes for one spec: the JSON or the text, and the certificates when asked for. */
export interface SpecCheck {
  json?: Record<string, unknown>;
  text?: string;
  certificates: NamedCertificate[];
}

/** Only what was asked for is built: at d = 6 the unused output cost about 0.1 s (docs/benchmarks.md). */
export function checkSpec(path: string, model: Model, options: CheckOptions, wants: { json: boolean; certificates: boolean }): SpecCheck {
  const check = checkModel(model, options);
  return {
    ...(wants.json ? { json: checkJson(check, path) } : { text: checkText(check, path) }),
    certificates: wants.certificates ? certificatesOf(check, path) : [],
  };
}
