/**
 * Every kind of malformed spec through the CLI (in-process, test/helpers/cli.ts): one line on
 * stderr naming the field and what was expected, exit code 2, nothing on stdout, no stack trace.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ncssl-bad-'));
const valid = `name: ok
encoder: {kind: linear, in: 2, out: 2}
predictor: {kind: linear}
data:
  covariance: [[2, 1/2], [1/2, 1]]
  noise: 1/4
`;
const withData = (data: string) => valid.replace(/data:[\s\S]*/, data);

const cases: Array<[string, string, string]> = [
  // [what, spec text, fragment the error line must contain]
  ['unknown top-level key', valid + 'learningRate: 1\n', 'learningRate'],
  ['unknown encoder key', valid.replace('out: 2}', 'out: 2, bias: true}'), 'encoder.bias'],
  ['bad encoder kind', valid.replace('kind: linear, in', 'kind: full, in'), 'encoder.kind'],
  ['bad predictor kind', valid.replace('predictor: {kind: linear}', 'predictor: {kind: mlp}'), 'predictor.kind'],
  ['missing encoder', valid.replace(/encoder:.*\n/, ''), 'encoder'],
  ['dimension not an integer', valid.replace('in: 2', 'in: 2.5'), 'encoder.in'],
  ['dimension zero', valid.replace('in: 2', 'in: 0'), 'encoder.in'],
  ['dimension above the limit', valid.replace('in: 2, out: 2', 'in: 65, out: 2'), 'encoder.in'],
  ['state above the limit', valid.replace('in: 2, out: 2', 'in: 40, out: 20'), 'encoder'],
  ['scalar encoder not square', valid.replace('kind: linear, in: 2, out: 2', 'kind: scalar, in: 2, out: 1'), 'encoder'],
  ['covariance of the wrong size', withData('data:\n  covariance: [[1]]\n  noise: 0\n'), 'data.covariance'],
  ['ragged covariance', withData('data:\n  covariance: [[1, 0], [0]]\n  noise: 0\n'), 'data.covariance'],
  ['non-symmetric covariance', withData('data:\n  covariance: [[1, 1], [0, 1]]\n  noise: 0\n'), 'data.covariance'],
  ['covariance not PSD', withData('data:\n  covariance: [[1, 2], [2, 1]]\n  noise: 0\n'), 'data.covariance'],
  ['negative noise', withData('data:\n  covariance: [[1, 0], [0, 1]]\n  noise: -1\n'), 'data.noise'],
  ['NaN entry', withData('data:\n  covariance: [[.nan, 0], [0, 1]]\n  noise: 0\n'), 'data.covariance[0][0]'],
  ['infinite entry', withData('data:\n  covariance: [[.inf, 0], [0, 1]]\n  noise: 0\n'), 'data.covariance[0][0]'],
  ['text entry', withData('data:\n  covariance: [[one, 0], [0, 1]]\n  noise: 0\n'), 'data.covariance[0][0]'],
  ['mixed data forms', withData('data:\n  covariance: [[1, 0], [0, 1]]\n  noise: 0\n  crossCovariance: [[1, 0], [0, 1]]\n'), 'data'],
  ['view covariance not PSD', withData('data:\n  viewCovariance: [[-1, 0], [0, 1]]\n  crossCovariance: [[0, 0], [0, 0]]\n'), 'data.viewCovariance'],
  ['joint moments not PSD', withData('data:\n  viewCovariance: [[1, 0], [0, 1]]\n  crossCovariance: [[2, 0], [0, 0]]\n'), 'data'],
  ['negative weight decay', valid + 'weightDecay: -1/10\n', 'weightDecay'],
  ['zero predictor rate', valid + 'predictorRate: 0\n', 'predictorRate'],
  ['negative EMA rate', valid + 'emaRate: -1\n', 'emaRate'],
  ['unknown procedure', valid + 'procedures: [gd, adam]\n', 'procedures'],
  ['duplicate procedure', valid + 'procedures: [sg, sg]\n', 'procedures'],
  ['YAML syntax error', valid + 'weightDecay: [1, 2\n', 'yaml'],
  ['YAML alias bomb', 'a: &a [1, 1]\nb: &b [*a, *a]\nc: [*b, *b]\n', 'yaml'],
  ['not a mapping', '- 1\n- 2\n', 'document'],
  ['empty document', '', 'document'],
];

describe('malformed specs through the CLI', () => {
  it.each(cases)('%s', async (_, text, fragment) => {
    const file = join(dir, `${_.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(file, text);
    for (const command of [['check', file], ['derive', file, '--json']]) {
      const r = await runCli(command);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^ncssl: /);
      expect(lines[0]).toContain(fragment);
      expect(lines[0]).not.toMatch(/\bat .*\.js:\d+/);
    }
  });

  it('names the JSON field too', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ encoder: { kind: 'linear', in: 1, out: 1 }, predictor: { kind: 'linear' }, data: { covariance: [[1]], noise: 'NaN' } }));
    const r = await runCli(['check', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('data.noise');
  });

  it('refuses bad usage with one line and exit 2', async () => {
    for (const args of [[], ['frobnicate'], ['check'], ['check', '--samples', 'many', 'proofs/models/scalar.yaml'], ['check', '--bogus', 'proofs/models/scalar.yaml'], ['check', join(dir, 'missing.yaml')], ['derive', 'proofs/models/scalar.yaml', 'proofs/models/linear-2x2.yaml']]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      if (args.length > 0) expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });

  it('without a command prints the usage on stderr, not stdout, and exits 2', async () => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/\nUsage: ncssl <command> \[options\]\n/);
    expect(r.stderr).toMatch(/^ {2}check {2,}decide the claims/m);
  });

  it('names the flag: a directory for a one-spec command, an output path that is a file, a value that starts with -', async () => {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'not a directory');
    for (const [args, fragment] of [
      [['derive', 'proofs/models'], 'derive: proofs/models is a directory'],
      [['report', 'proofs/models'], 'report: proofs/models is a directory'],
      [['report', 'proofs/models/scalar.yaml', '--out', file], '--out: '],
      [['check', 'proofs/models/scalar.yaml', '--certificates', file], '--certificates: '],
      [['check', 'proofs/models/scalar.yaml', '--samples', '-3'], '--samples: expected a value'],
      [['check', 'proofs/models/scalar.yaml', '--samples=-3'], '--samples: expected an integer'],
    ] as const) {
      const r = await runCli([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0]).toContain(fragment);
      expect(lines[0]).not.toMatch(/internal error|EEXIST/);
    }
  });

  it('a spec nested too deeply is refused as such, not as a stack overflow', async () => {
    const file = join(dir, 'deep.yaml');
    writeFileSync(file, `${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    const r = await runCli(['check', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nested too deeply/);
    expect(r.stderr).not.toMatch(/call stack/i);
  });

  it('prints help for every command with exit 0', async () => {
    for (const args of [['--help'], ['check', '--help'], ['derive', '--help']]) {
      const r = await runCli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: ncssl/);
    }
  });
});
