/**
 * `ncssl report`: its name, help and options; the report builder and printers (KaTeX among them)
 * are imported from report.ts when the command runs.
 */
import { DEFAULT_DYNAMICS_MAX_STATE } from '../analyses/names.js';
import { registerCommand, SIZE_LIMITS_HELP, TIMEOUT_HELP } from './command.js';

registerCommand({
  name: 'report',
  summary: 'write the derivations of a spec as a LaTeX, HTML, Markdown or JSON report',
  help: `Usage: ncssl report <spec> [--format tex|html|md|json] [--out DIR] [--force] [--analyses LIST] [--points N]
                    [--flows N] [--trajectories N] [--samples N] [--seed S] [--appendix full]
                    [--simulate [--runs N] [--steps N] [--sweep PARAM=a:b:n] [--threads N]]
                    [--timeout SECONDS]

Derives the objective in trace form from the spec's moments, each procedure's field by matrix
differentials, its Jacobian as an operator and in Kronecker form, and its curl, step by step with
the rule behind each step; then the same objects in coordinates, and the exact integrability
verdict (a potential or a curl certificate). Every matrix formula is checked, entry by entry and
in exact arithmetic, against the coordinate-wise derivation before anything is written.

Then, per procedure, the dynamical claims as 'ncssl check' decides them: the equilibrium
components with their equations, tables of sampled points with eigenvalues, verdicts and levels,
the exact stability certificates (characteristic polynomial = λ^k·r(λ), Routh column of r), GD's
collapse proof, the conserved quantities and the constant-metric question. As for check, they run
by default when every state dimension is at most ${DEFAULT_DYNAMICS_MAX_STATE}; --analyses chooses explicitly.

On a variant (cosine loss, MLP encoder, set predictor, view pairs) the report gives the model, the
objective and fields with common subexpressions named, the certified curl and the flow limits
with their stability as 'ncssl check' finds them, and the claims; only --format, --out, --force,
--samples, --seed and --flows apply (--flows default 12).

Formats: tex (a standalone amsmath article for pdflatex), html (one self-contained page, formulas
rendered with KaTeX, fonts inlined), md (GitHub Markdown with $…$ math), json (the document and its
exact data). Several formats may be given, comma-separated, with --out.

Options:
  --format F    tex (default), html, md, json, or a comma-separated list
  --out DIR     write <spec-name>.<ext> into DIR instead of printing to standard output, with
                the figures beside it (<spec-name>-<figure>.pdf for tex, .svg for md)
  --force       replace files that already exist in DIR
  --analyses LIST
                comma-separated: equilibria, stability, collapse, invariants, metric (or all);
                integrability always runs (default: as for 'ncssl check')
  --points N    points sampled per equilibrium component, 0 to 100 (default 3)
  --flows N     seeded starts of the float flow, the same for every procedure, 0 to 1000
                (default 4 up to state dimension 18, else 0)
  --trajectories N
                seeded starts of the plotted flows, shared by the procedures (default 6 when
                every state dimension is at most 50 and the dynamical analyses run, else 0;
                0 to 50)
  --appendix full
                also print the raw entry lists (fields, Jacobians, curls and potentials in
                coordinates, long equation systems) in an appendix; by default the body gives
                their structure and counts and the JSON every entry
  --simulate    also run every procedure as a training loop on view pairs with the spec's
                moments (as 'ncssl simulate' with its defaults: lr 0.05, batch 64) and add a
                section with the collapse shares and their Wilson intervals, the metrics over
                the steps and a sentence setting the loops against the claims (off by default)
  --runs N      with --simulate: seeded runs per procedure, 1 to 10000 (default 20)
  --steps N     with --simulate: steps per run, 1 to 1000000 (default 2000)
  --sweep PARAM=a:b:n
                with --simulate: the collapse share against n values of lr, momentum,
                predictor-rate or weight-decay, as a figure
  --threads N   worker threads of the sweep (default: the cores; 0 runs in line)
  --samples N   random points for the float curl cross-check, 0 to 100000 (default 64)
  --seed S      seed of the random points and certificate search, 0 to 4294967295 (default 1)
${TIMEOUT_HELP}
  -h, --help    show this help

${SIZE_LIMITS_HELP}
Files are written all or nothing, never through a link (docs/cli.md).`,
  options: {
    format: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
    analyses: { type: 'string' },
    points: { type: 'string' },
    flows: { type: 'string' },
    trajectories: { type: 'string' },
    samples: { type: 'string' },
    seed: { type: 'string' },
    appendix: { type: 'string' },
    simulate: { type: 'boolean' },
    runs: { type: 'string' },
    steps: { type: 'string' },
    sweep: { type: 'string' },
    threads: { type: 'string' },
  },
  load: async () => (await import('./report.js')).reportCommand,
});
