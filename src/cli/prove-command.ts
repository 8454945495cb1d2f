/**
 * `ncssl prove`: its name, help and options; the statements, the analyses and the report printers
 * are imported from prove.ts when the command runs.
 */
import { registerCommand, SIZE_LIMITS_HELP, TIMEOUT_HELP } from './command.js';

registerCommand({
  name: 'prove',
  summary: 'check every statement in proofs/ (or the given ones) on its models against its expected verdicts',
  help: `Usage: ncssl prove [dir|statement.yaml]... [--out DIR] [--format LIST] [--no-report] [--force]
                    [--samples N] [--seed S] [--timeout SECONDS]

Runs statements: files that name a result (sg-not-gradient, gd-collapses-linear, ...), say it in
words and in LaTeX, name the evidence that decides it, and list the models it is checked on with
the verdict expected on each, expected failures included (docs/guide.md). Each model is checked
once, with only the analyses its statements read; each verdict is read off those findings. A
model with symbols (a family, parameters:) is checked with every analysis for all admissible
values of its symbols; its verdicts say whether they hold for all of them or rest on sampled ones.

Prints a table: statement, model, verdict and level, the expected one, and whether they agree.
Writes the combined report of the statements (statements.html, .tex, .md, .json) into DIR. A
directory stands for its .yaml, .yml and .json statements (not its subfolders); with no argument,
proofs/.

Exit status: 0 when every verdict agrees with its expectation, 1 when one does not (each
disagreement is named on standard error), 2 on bad input.

Options:
  --out DIR     where the report goes (default out)
  --format LIST comma-separated report formats (default html,tex,md,json)
  --no-report   print the table only, write nothing
  --force       replace report files that already exist in DIR
  --samples N   random points for the float curl cross-check, 0 to 100000 (default 64)
  --seed S      seed of the random points, equilibria, flows and a family's sampled values,
                0 to 4294967295 (default 1)
${TIMEOUT_HELP}
  -h, --help    show this help

${SIZE_LIMITS_HELP}
Files are written all or nothing, never through a link (docs/cli.md).`,
  options: {
    out: { type: 'string' },
    format: { type: 'string' },
    'no-report': { type: 'boolean' },
    force: { type: 'boolean' },
    samples: { type: 'string' },
    seed: { type: 'string' },
  },
  load: async () => (await import('./prove.js')).proveCommand,
});
