/**
 * `ncssl check`: its name, help and options. Light on purpose (see command.ts): the analyses are
 * imported from check.ts only when the command runs.
 */
import { ANALYSIS_NAMES, DEFAULT_DYNAMICS_MAX_STATE } from '../analyses/names.js';
import { registerCommand, SIZE_LIMITS_HELP, TIMEOUT_HELP } from './command.js';

// The list of analyses in the help repeats each registered analysis's summary (the registry is
// not loaded here, to keep start-up light); test/analyses/registry.test.ts keeps them equal.
registerCommand({
  name: 'check',
  summary: 'decide the claims of the theory on each spec (integrability, equilibria, stability, collapse, invariants, metrics)',
  help: `Usage: ncssl check <spec|dir>... [--json] [--analyses LIST] [--points N] [--flows N] [--samples N] [--seed S]
                   [--certificates DIR [--force]] [--timeout SECONDS]

For each spec (a directory stands for its .yaml/.yml/.json files) and each procedure it names (by default every one ncssl knows: gd, sg, ema):
the state dimension and whether the field is a gradient field, decided in exact arithmetic —
the potential Φ when it is (V = −∇Φ, verified), a rational curl certificate when it is not — for
the field V and, when a rate differs from 1, for the rate-adjusted field P⁻¹V. Beside each exact
verdict, the curl evaluated in floats at N seeded random points.

The analyses, per procedure, in the order they run (docs/cli.md describes their output):
  integrability  is V (and P⁻¹V) a gradient field: its potential, or a rational curl certificate
  equilibria     components of the equilibrium set: their equations, sampled points, flow limits
  stability      at each sampled equilibrium: eigenvalues of DV, verdict, exact at rational points
  collapse       GD: every equilibrium collapsed (proof or counterexample); do others exist
  invariants     a basis of the polynomial conserved quantities of degree ≤ 2 (exact, complete)
  metric         is there a constant symmetric G ≠ 0 with G·DV symmetric everywhere
Integrability always runs; by default the others run too when every state dimension is at most
${DEFAULT_DYNAMICS_MAX_STATE} (e.g. a 3×3 model: EMA state 27); --analyses chooses explicitly.

Options:
  --json        print JSON: one object for one spec, an array for several
  --analyses LIST
                comma-separated: ${ANALYSIS_NAMES.join(', ')}, or all
                (integrability always runs; collapse implies stability, stability implies equilibria)
  --points N    points sampled per equilibrium component, 0 to 100 (default 3)
  --flows N     seeded starts of the float flow, the same for every procedure, 0 to 1000
                (default 4 up to state dimension 18, else 0)
  --samples N   random points for the float curl check, 0 to 100000 (default 64)
  --seed S      seed of the random points and certificate search, 0 to 4294967295 (default 1)
  --certificates DIR
                write one JSON certificate per proved verdict into DIR (re-check them with
                'ncssl verify'; format: docs/certificates.md); nothing is written if any spec fails
  --force       replace existing certificate files (without it, an existing file is an error and
                nothing is written)
${TIMEOUT_HELP}
  -h, --help    show this help

${SIZE_LIMITS_HELP}`,
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
  load: async () => (await import('./check.js')).checkCommand,
});
