/**
 * `ncssl report <spec> --format tex|html|md|json [--out DIR] [--force]`: the derivations of one
 * model as a paper-style appendix — objective, fields, Jacobians and curls in matrix form with
 * every step, the same in coordinates, and the integrability verdicts with their evidence; then
 * the dynamical claims (equilibria, stability certificates, collapse, invariants, metrics).
 */
import { MAX_TRAJECTORY_STARTS } from '../analyses/trajectories.js';
import { writeOutputs } from '../io/safe-write.js';
import { enforceBudget } from '../limits/budget.js';
import { buildReport } from '../report/build.js';
import { type OutputFormat, allFormats, getFormat } from '../render/index.js';
import { analysesOption } from './analyses-option.js';
import { type CommandModule, UsageError, integerOption } from './command.js';
import { reportSimulation } from './report-simulation.js';
import { loadSingleSpecOfAnyKind, withSpecPath } from './spec-inputs.js';
import { checkFamily } from '../family/check.js';
import { enforceFamilyBudget } from '../family/budget.js';
import { buildFamilyReport } from '../report/family/build.js';
import { buildVariantReport } from '../report/variant/build.js';
import type { ReportDocument } from '../report/document.js';
import { checkVariant } from '../variants/check.js';
import { DEFAULT_VARIANT_FLOWS, variantDynamics } from '../variants/claims.js';
import type { Variant } from '../variants/variant.js';
import { enforceVariantLimit } from './variant-limit.js';

/** The formats asked for, each registered (src/render/index.ts), without repeats. */
function formats(value: string | boolean | undefined): OutputFormat[] {
  const known = allFormats();
  const text = typeof value === 'string' ? value : known[0]!.name;
  const list = [...new Set(text.split(',').map((f) => f.trim()))];
  return list.map((name) => {
    const format = getFormat(name);
    if (!format) throw new UsageError(`--format: expected ${known.map((f) => f.name).join(', ')} (or several, comma-separated), got ${JSON.stringify(name)}`);
    return format;
  });
}

function appendixOption(value: string | boolean): 'default' | 'full' {
  if (value === 'full' || value === 'default') return value;
  throw new UsageError(`--appendix: expected full or default, got ${JSON.stringify(value)}`);
}

/** The implementation of `ncssl report` (its help and options: report-command.ts). */
export const reportCommand: CommandModule = {
  async run(values, positionals, io) {
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
    const spec = loadSingleSpecOfAnyKind(positionals, 'report', io);
    const { path } = spec;
    let doc: ReportDocument;
    if (spec.variant) {
      doc = variantReport(spec.variant, path, values, options);
    } else {
      // Before deriving: refused in well under a second.
      if (spec.family) enforceFamilyBudget(spec.family, path);
      else enforceBudget(spec.model, 'report', path);
      const simulation = await reportSimulation(values, path, spec.model, io);
      io.progress(`deriving ${path}\n`);
      doc = spec.family ? buildFamilyReport(checkFamily(spec.family, { seed: options.seed }), path) : buildReport(spec.model, path, { ...options, ...(simulation ? { simulation } : {}) });
    }
    if (out === undefined) {
      io.out(chosen[0]!.print(doc));
      if (chosen[0]!.figures(doc).length > 0) io.progress('figures are written beside the report only with --out DIR\n');
      return 0;
    }
    const rendered = chosen.flatMap((f) => [{ name: `${doc.fileBase}.${f.name}`, content: f.print(doc) }, ...f.figures(doc)]);
    const written = await writeOutputs(out, rendered, { force: Boolean(values.force), flag: '--out', cwd: io.cwd });
    io.progress(written.map((w) => `wrote ${w}\n`).join(''));
    io.progress(chosen.flatMap((f) => f.notes?.() ?? []).join(''));
    return 0;
  },
};

/** Options of the linear family's report that a variant's report has no use for: refused, not ignored. */
const LINEAR_ONLY = ['analyses', 'points', 'trajectories', 'appendix', 'simulate', 'runs', 'steps', 'sweep', 'threads'];

/** A variant's report: check's certified curl and the flow limits, then the document (src/report/variant/). */
function variantReport(variant: Variant, path: string, values: Record<string, unknown>, options: { samples: number; seed: number; flows?: number }): ReportDocument {
  const extra = LINEAR_ONLY.find((k) => values[k] !== undefined);
  if (extra) throw new UsageError(`--${extra}: not available for a variant (its report takes --samples, --seed and --flows)`);
  withSpecPath(path, () => enforceVariantLimit(variant, 'report')); // before any work
  const flows = options.flows ?? DEFAULT_VARIANT_FLOWS;
  const check = withSpecPath(path, () => checkVariant(variant, { samples: options.samples, seed: options.seed }));
  const dynamics = variantDynamics(check, { flows, seed: options.seed });
  return buildVariantReport(check, dynamics, path, { samples: options.samples, seed: options.seed, flows });
}
