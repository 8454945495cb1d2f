/** `ncssl check <spec…>`: derive each procedure and decide the claims of MATH.md, with evidence. */
import { type CheckOptions, checkModel } from '../analyses/check-model.js';
import { ANALYSIS_NAMES, type AnalysisName, DEFAULT_DYNAMICS_MAX_STATE } from '../analyses/dynamics.js';
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
  summary: 'decide the claims of the theory on each spec (integrability, equilibria, stability, collapse, invariants, metrics)',
  help: `Usage: ncssl check <spec|dir>... [--json] [--analyses LIST] [--points N] [--flows N] [--samples N] [--seed S]
                   [--certificates DIR [--force]] [--timeout SECONDS]

For each spec (a directory stands for its .yaml/.yml/.json files) and each procedure (gd, sg, ema):
the state dimension and whether the field is a gradient field, decided in exact arithmetic —
the potential Φ when it is (V = −∇Φ, verified), a rational curl certificate when it is not — for
the field V and, when a rate differs from 1, for the rate-adjusted field P⁻¹V. Beside each exact
verdict, the curl evaluated in floats at N seeded random points.

The dynamical analyses (MATH.md §4–6), per procedure:
  equilibria   components of the equilibrium set (collapsed A = 0; for SG and EMA without weight
               decay the family B A Σ1 = T Σ12ᵀ, T = A), their defining equations, and sampled
               points: exact rational points whenever the moments allow, float points with their
               residual otherwise, plus the limits of the float flow from random starts
  stability    at every sampled point: eigenvalues of DV, the component's local dimension k and an
               exact certificate at rational points (characteristic polynomial = λ^k·r(λ), Routh–
               Hurwitz on r); the verdict (transversally asymptotically stable / unstable /
               degenerate) with its level, and the largest stable learning rate
  collapse     GD: a proof that every equilibrium is collapsed (or why it stops); all: whether non-
               collapsed equilibria exist and the share of sampled equilibria of each kind
  invariants   a basis of the polynomial conserved quantities of degree ≤ 2 (exact, complete)
  metric       whether some constant symmetric G ≠ 0 makes G·DV symmetric everywhere
By default all of them run when every state dimension is at most ${DEFAULT_DYNAMICS_MAX_STATE} (e.g. a 3×3 model:
EMA state 27), and only integrability above that; --analyses chooses explicitly.

Options:
  --json        print JSON: one object for one spec, an array for several
  --analyses LIST
                comma-separated: ${ANALYSIS_NAMES.join(', ')}, or all
                (integrability always runs; collapse implies stability, stability implies equilibria)
  --points N    points sampled per equilibrium component (default 3)
  --flows N     random starts of the float flow per procedure (default 4 up to state dimension 18,
                else 0)
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
    analyses: { type: 'string' },
    points: { type: 'string' },
    flows: { type: 'string' },
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
      points: integerOption(values.points, 'points', 3, 100),
      ...(values.flows === undefined ? {} : { flows: integerOption(values.flows, 'flows', 0, 1000) }),
      ...(values.analyses === undefined ? {} : { analyses: analysesOption(values.analyses) }),
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
      const written = writeOutputs(certificateDir, certificateFiles(results.map((r) => r.certificates)), { force: values.force === true, flag: '--certificates' });
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

/** The --analyses list: known names separated by commas, or 'all' (also used by `ncssl report`). */
export function analysesOption(value: string | boolean): AnalysisName[] {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === 'all') return [...ANALYSIS_NAMES];
  const names = text.split(',').map((n) => n.trim());
  const bad = names.find((n) => !(ANALYSIS_NAMES as readonly string[]).includes(n));
  if (text === '' || bad !== undefined) {
    throw new UsageError(`--analyses: expected a comma-separated list of ${ANALYSIS_NAMES.join(', ')} (or all), got ${JSON.stringify(value)}`);
  }
  return names as AnalysisName[];
}

/** A positive number of seconds (decimals allowed), at most a week; null when the flag is absent. */
function secondsOption(value: string | boolean | undefined, flag: string): number | null {
  if (value === undefined) return null;
  const seconds = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!(seconds > 0 && seconds <= 604_800)) throw new UsageError(`--${flag}: expected a number of seconds > 0 and at most 604800, got ${JSON.stringify(value)}`);
  return seconds;
}
