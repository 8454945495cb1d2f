/**
 * `ncssl prove [dir|statement…]`: runs statements (src/statements/) on their models, prints the
 * table of verdicts against expectations, writes the combined report, and exits 1 when a verdict
 * disagrees with its expectation.
 */
import { writeOutputs } from '../io/safe-write.js';
import { type OutputFormat, allFormats, getFormat } from '../render/index.js';
import { proofDocument } from '../statements/document.js';
import { loadStatementFile } from '../statements/parse.js';
import { type LoadedStatement, type ProofRow, proveStatements } from '../statements/run.js';
import { verdictWords } from '../statements/statement.js';
import { type CommandModule, UsageError, filePath, integerOption } from './command.js';
import { inputFiles } from './spec-inputs.js';

/** Where the bundled statements are, and where the report goes, when not given. */
export const DEFAULT_STATEMENTS = 'proofs';
export const DEFAULT_OUT = 'out';
const DEFAULT_FORMATS = ['html', 'tex', 'md', 'json'];

function formatsOption(value: string | boolean | undefined): OutputFormat[] {
  const names = typeof value === 'string' ? [...new Set(value.split(',').map((f) => f.trim()))] : DEFAULT_FORMATS;
  return names.map((name) => {
    const format = getFormat(name);
    if (!format) throw new UsageError(`--format: expected ${allFormats().map((f) => f.name).join(', ')} (or several, comma-separated), got ${JSON.stringify(name)}`);
    return format;
  });
}

/** The summary table, columns padded to their widest cell. */
export function proofTable(rows: readonly ProofRow[]): string {
  const cells = [
    ['statement', 'model', 'verdict', 'expected', 'agrees'],
    ...rows.map((r) => [
      r.statement,
      r.model,
      verdictWords(r.verdict),
      r.expected.level === undefined ? r.expected.outcome : `${r.expected.outcome} (${r.expected.level})`,
      r.agrees ? 'yes' : 'NO',
    ]),
  ];
  const widths = cells[0]!.map((_, j) => Math.max(...cells.map((row) => [...row[j]!].length)));
  return cells.map((row) => row.map((c, j) => (j === row.length - 1 ? c : c + ' '.repeat(widths[j]! - [...c].length))).join('  ')).join('\n') + '\n';
}

/** The implementation of `ncssl prove` (its help and options: prove-command.ts). */
export const proveCommand: CommandModule = {
  async run(values, positionals, io) {
    const samples = integerOption(values.samples, 'samples', 64, 100_000);
    const seed = integerOption(values.seed, 'seed', 1, 2 ** 32 - 1);
    const report = values['no-report'] !== true;
    if (!report && (values.out !== undefined || values.format !== undefined || values.force)) throw new UsageError('--no-report: cannot be combined with --out, --format or --force');
    const out = values.out ?? DEFAULT_OUT;
    if (typeof out !== 'string' || out.trim() === '') throw new UsageError('--out: expected a directory');
    const formats = report ? formatsOption(values.format) : [];

    const statements: LoadedStatement[] = inputFiles(positionals.length > 0 ? positionals : [DEFAULT_STATEMENTS], io, 'statement').map((path) => ({
      path,
      openPath: filePath(io, path),
      statement: loadStatementFile(filePath(io, path), path),
    }));
    const byName = new Map<string, string>();
    for (const s of statements) {
      const other = byName.get(s.statement.name);
      if (other !== undefined) throw new UsageError(`${s.path}: statement ${s.statement.name} is also in ${other}; expected each name once`);
      byName.set(s.statement.name, s.path);
    }

    const run = proveStatements(statements, { samples, seed }, (line) => io.progress(line));
    const disagreements = run.rows.filter((r) => !r.agrees);
    // The report first: if it cannot be written (a file exists), nothing is printed either.
    if (report) {
      const doc = proofDocument(run);
      const files = formats.flatMap((f) => [{ name: `${doc.fileBase}.${f.name}`, content: f.print(doc) }, ...f.figures(doc)]);
      const written = await writeOutputs(out, files, { force: values.force === true, flag: '--out', cwd: io.cwd });
      io.progress(written.map((w) => `wrote ${w}\n`).join(''));
    }
    const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    const head = `${count(run.rows.length, 'verdict')} on ${count(run.models.length, 'model')}`;
    const tally =
      disagreements.length === 0
        ? `${head}: all as expected\n`
        : `${head}: ${disagreements.length} not as expected\n` +
          disagreements.map((r) => `disagrees: ${r.statement} on ${r.model}: expected ${r.expected.outcome}${r.expected.level ? ` (${r.expected.level})` : ''}, got ${verdictWords(r.verdict)}: ${r.verdict.evidence.join('; ')}\n`).join('');
    io.out(proofTable(run.rows) + '\n' + tally);
    return disagreements.length === 0 ? 0 : 1;
  },
};
