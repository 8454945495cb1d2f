/** `ncssl check <spec…>`: derive each procedure and decide the claims of MATH.md, with evidence. */
import { type CheckOptions, checkModel } from '../analyses/check-model.js';
import { type NamedCertificate, certificateFiles, certificatesOf } from '../certificates/index.js';
import { writeOutputs } from '../io/safe-write.js';
import { runWithTimeout } from '../limits/deadline.js';
import type { Model } from '../model/model.js';
import { checkJson } from '../render/check-json.js';
import { checkText } from '../render/check-text.js';
import { UsageError, integerOption, registerCommand } from './command.js';
import { loadSpecs } from './spec-inputs.js';

registerCommand({
  name: 'check',
  summary: 'decide the claims of the theory on each spec (integrability, with certificates)',
  help: `Usage: ncssl check <spec|dir>... [--json] [--samples N] [--seed S] [--certificates DIR [--force]] [--timeout SECONDS]

For each spec (a directory stands for its .yaml/.yml/.json files) and each procedure (gd, sg, ema):
the state dimension and whether the field is a gradient field, decided in exact arithmetic —
the potential Φ when it is (V = −∇Φ, verified), a rational curl certificate when it is not — for
the field V and, when a rate differs from 1, for the rate-adjusted field P⁻¹V. Beside each exact
verdict, the curl evaluated in floats at N seeded random points.

Options:
  --json        print JSON: one object for one spec, an array for several
  --samples N   random points for the float curl check (default 64)
  --seed S      seed of the random points and certificate search (default 1)
  --certificates DIR
                write one JSON certificate per proved verdict into DIR (re-check them with
                'ncssl verify'; format: docs/certificates.md); nothing is written if any spec fails
  --force       replace existing certificate files (without it, an existing file is an error and
                nothing is written)
  --timeout SECONDS
                time budget per spec; past it the check stops with one line and exit 2, and
                nothing is printed or written (default: none)
  -h, --help    show this help`,
  options: {
    json: { type: 'boolean' },
    samples: { type: 'string' },
    seed: { type: 'string' },
    certificates: { type: 'string' },
    force: { type: 'boolean' },
    timeout: { type: 'string' },
  },
  async run(values, positionals, io) {
    const options: CheckOptions = {
      samples: integerOption(values.samples, 'samples', 64, 100_000),
      seed: integerOption(values.seed, 'seed', 1, 2 ** 32 - 1),
    };
    const timeout = secondsOption(values.timeout, 'timeout');
    const certificateDir = values.certificates as string | undefined;
    if (certificateDir !== undefined && certificateDir.trim() === '') throw new UsageError('--certificates: expected a directory, got ""');
    if (values.force && certificateDir === undefined) throw new UsageError('--force: only meaningful with --certificates DIR');
    const specs = loadSpecs(positionals);
    const results: SpecCheck[] = [];
    for (const { path, model } of specs) {
      io.progress(`checking ${path}\n`);
      results.push(
        timeout === null
          ? checkSpec(path, model, options)
          : await runWithTimeout<SpecCheck>(new URL(import.meta.url), 'checkSpecFile', [path, options], timeout, `check: ${path}`),
      );
    }
    // Certificates first: if they cannot be written (a file exists), nothing is printed either.
    if (certificateDir !== undefined) {
      const written = writeOutputs(certificateDir, certificateFiles(results.map((r) => r.certificates)), { force: values.force === true });
      io.progress(`wrote ${written.length} certificates to ${certificateDir}\n`);
    }
    if (values.json) {
      const json = results.map((r) => r.json);
      io.out(JSON.stringify(json.length === 1 ? json[0] : json, null, 2) + '\n');
    } else {
      io.out(results.map((r) => r.text).join('\n'));
    }
    return 0;
  },
});

/** Everything `check` produces for one spec, as plain data (it may come back from a worker thread). */
export interface SpecCheck {
  json: Record<string, unknown>;
  text: string;
  certificates: NamedCertificate[];
}

export function checkSpec(path: string, model: Model, options: CheckOptions): SpecCheck {
  const check = checkModel(model, options);
  return { json: checkJson(check, path), text: checkText(check, path), certificates: certificatesOf(check, path) };
}

/** `checkSpec` for a spec file loaded afresh: what the --timeout worker runs. */
export function checkSpecFile(path: string, options: CheckOptions): SpecCheck {
  return checkSpec(path, loadSpecs([path])[0]!.model, options);
}

/** A positive number of seconds (decimals allowed), at most a week; null when the flag is absent. */
function secondsOption(value: string | boolean | undefined, flag: string): number | null {
  if (value === undefined) return null;
  const seconds = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!(seconds > 0 && seconds <= 604_800)) throw new UsageError(`--${flag}: expected a number of seconds > 0 and at most 604800, got ${JSON.stringify(value)}`);
  return seconds;
}
