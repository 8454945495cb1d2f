/**
 * `ncssl report <spec> --format tex|html|md|json [--out DIR] [--force]`: the derivations of one
 * model as a paper-style appendix — objective, fields, Jacobians and curls in matrix form with
 * every step, the same in coordinates, and the integrability verdicts with their evidence; then
 * the dynamical claims (equilibria, stability certificates, collapse, invariants, metrics).
 */
import { MAX_TRAJECTORY_STARTS } from '../analyses/trajectories.js';
import { writeOutputs } from '../io/safe-write.js';
import { buildReport } from '../report/build.js';
import type { ReportDocument } from '../report/document.js';
import { reportHtml } from '../render/html.js';
import { reportJson } from '../render/json.js';
import { reportLatex } from '../render/latex.js';
import { reportMarkdown } from '../render/markdown.js';
import { figureFiles } from '../render/figure-files.js';
import { analysesOption } from './check.js';
import { UsageError, integerOption, registerCommand } from './command.js';
import { loadSingleSpec } from './spec-inputs.js';

/** One printer per format, each reading only the document. */
const PRINTERS = {
  tex: reportLatex,
  html: reportHtml,
  md: reportMarkdown,
  json: reportJson,
} satisfies Record<string, (doc: ReportDocument) => string>;

type Format = keyof typeof PRINTERS;

function formats(value: string | boolean | undefined): Format[] {
  const text = typeof value === 'string' ? value : 'tex';
  const list = text.split(',').map((f) => f.trim());
  const known = Object.keys(PRINTERS);
  for (const f of list) {
    if (!known.includes(f)) throw new UsageError(`--format: expected tex, html, md or json (or several, comma-separated), got ${JSON.stringify(f)}`);
  }
  return [...new Set(list)] as Format[];
}

registerCommand({
  name: 'report',
  summary: 'write the derivations of a spec as a LaTeX, HTML, Markdown or JSON report',
  help: `Usage: ncssl report <spec> [--format tex|html|md|json] [--out DIR] [--force] [--analyses LIST] [--points N]
                    [--flows N] [--trajectories N] [--samples N] [--seed S]

Derives the objective in trace form from the spec's moments, each procedure's field by matrix
differentials, its Jacobian as an operator and in Kronecker form, and its curl, step by step with
the rule behind each step; then the same objects in coordinates, and the exact integrability
verdict (a potential or a curl certificate). Every matrix formula is checked, entry by entry and
in exact arithmetic, against the coordinate-wise derivation before anything is written.

Then, per procedure, the dynamical claims as 'ncssl check' decides them: the equilibrium
components with their equations, tables of sampled points with eigenvalues, verdicts and levels,
the exact stability certificates (characteristic polynomial = λ^k·r(λ), Routh column of r), GD's
collapse proof, the conserved quantities and the constant-metric question. As for check, they run
by default when every state dimension is at most 36; --analyses chooses explicitly.

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
  --points N    points sampled per equilibrium component (default 3)
  --flows N     random starts of the float flow per procedure (default 4 up to state dimension 18,
                else 0)
  --trajectories N
                seeded starts of the plotted flows, shared by the procedures (default 6 when
                every state dimension is at most 50 and the dynamical analyses run, else 0;
                at most 50)
  --samples N   random points for the float curl cross-check (default 64)
  --seed S      seed of the random points and certificate search (default 1)
  -h, --help    show this help`,
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
  },
  run(values, positionals, io) {
    if (positionals.length !== 1) throw new UsageError('report: expected exactly one spec file');
    const chosen = formats(values.format);
    const out = values.out;
    if (out !== undefined && (typeof out !== 'string' || out.trim() === '')) throw new UsageError('--out: expected a directory');
    if (out === undefined && chosen.length > 1) throw new UsageError('--format: several formats need --out DIR');
    if (values.force && out === undefined) throw new UsageError('--force: only applies with --out DIR');
    const options = {
      samples: integerOption(values.samples, 'samples', 64, 100_000),
      seed: integerOption(values.seed, 'seed', 1, 2 ** 32 - 1),
      points: integerOption(values.points, 'points', 3, 100),
      ...(values.flows === undefined ? {} : { flows: integerOption(values.flows, 'flows', 0, 1000) }),
      ...(values.trajectories === undefined ? {} : { trajectories: integerOption(values.trajectories, 'trajectories', 0, MAX_TRAJECTORY_STARTS) }),
      ...(values.analyses === undefined ? {} : { analyses: analysesOption(values.analyses) }),
    };
    const { path, model } = loadSingleSpec(positionals, 'report');
    io.progress(`deriving ${path}\n`);
    const doc = buildReport(model, path, options);
    if (out === undefined) {
      io.out(PRINTERS[chosen[0]!](doc));
      if (figureFiles(doc, chosen[0]!).length > 0) io.progress('figures are written beside the report only with --out DIR\n');
      return 0;
    }
    const rendered = chosen.flatMap((f) => [{ name: `${doc.fileBase}.${f}`, content: PRINTERS[f](doc) }, ...figureFiles(doc, f)]);
    const written = writeOutputs(out, rendered, { force: Boolean(values.force), flag: '--out' });
    io.progress(written.map((w) => `wrote ${w}\n`).join(''));
    return 0;
  },
});
