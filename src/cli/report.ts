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
import { analysesOption } from './analyses-option.js';
import { type CommandModule, UsageError, integerOption } from './command.js';
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

function appendixOption(value: string | boolean): 'default' | 'full' {
  if (value === 'full' || value === 'default') return value;
  throw new UsageError(`--appendix: expected full or default, got ${JSON.stringify(value)}`);
}

/** The implementation of `ncssl report` (its help and options: report-command.ts). */
export const reportCommand: CommandModule = {
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
      ...(values.appendix === undefined ? {} : { appendix: appendixOption(values.appendix) }),
    };
    const { path, model } = loadSingleSpec(positionals, 'report', io);
    io.progress(`deriving ${path}\n`);
    const doc = buildReport(model, path, options);
    if (out === undefined) {
      io.out(PRINTERS[chosen[0]!](doc));
      if (figureFiles(doc, chosen[0]!).length > 0) io.progress('figures are written beside the report only with --out DIR\n');
      return 0;
    }
    const rendered = chosen.flatMap((f) => [{ name: `${doc.fileBase}.${f}`, content: PRINTERS[f](doc) }, ...figureFiles(doc, f)]);
    const written = writeOutputs(out, rendered, { force: Boolean(values.force), flag: '--out', cwd: io.cwd });
    io.progress(written.map((w) => `wrote ${w}\n`).join(''));
    return 0;
  },
};
