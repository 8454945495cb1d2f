/**
 * Random malformed specs (YAML errors, NaN/Infinity, non-PSD moments, wrong shapes, huge
 * dimensions, deep nesting, alias bombs, invalid UTF-8…): the parser always throws a one-line
 * SpecError, and the CLI (in-process, test/helpers/cli.ts) always prints one line naming the
 * field, exits 2 and prints nothing else. The CLI runs few cases per category; the parser many.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/model/spec.js';
import { SpecError } from '../../src/model/spec-error.js';
import { isOneLineError, runCli } from './cli.js';
import { malformedSpecs } from './specs.js';

const dir = join('test-artifacts', `fuzz-malformed-${process.pid}`);
mkdirSync(dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const asText = (spec: string | Uint8Array) => (typeof spec === 'string' ? spec : Buffer.from(spec).toString('utf8'));

describe.each(Object.entries(malformedSpecs))('%s', (category, arbitrary) => {
  it('parseSpec throws a one-line SpecError', () => {
    fc.assert(
      fc.property(arbitrary, (spec) => {
        let error: unknown;
        try {
          parseSpec(asText(spec), 'fuzz');
        } catch (e) {
          error = e;
        }
        // Invalid UTF-8 is refused when the file is read; decoded leniently it may still be refused here.
        if (spec instanceof Uint8Array && error === undefined) return;
        expect(error, asText(spec).slice(0, 300)).toBeInstanceOf(SpecError);
        expect((error as Error).message).not.toMatch(/\n/);
      }),
      { numRuns: category === 'deep nesting' ? 20 : 100, seed: 314 },
    );
  });

  it('the CLI prints one line and exits 2, with nothing on stdout', async () => {
    const samples = fc.sample(arbitrary, { numRuns: 3, seed: 2_718 });
    for (const [k, spec] of samples.entries()) {
      const file = join(dir, `${category.replace(/\W+/g, '-')}-${k}.${k % 2 ? 'json' : 'yaml'}`);
      writeFileSync(file, spec);
      const r = await runCli(['check', file, '--certificates', join(dir, 'never')]);
      expect(isOneLineError(r), `${file}: status ${r.status}, stderr ${r.stderr.slice(0, 300)}, stdout ${r.stdout.slice(0, 100)}`).toBe(true);
      expect(r.stderr).toContain(file);
    }
  });
});

describe('malformed command lines and certificates through the CLI', () => {
  it.each([
    [['check'], /expected at least one spec/],
    [['check', 'proofs/models/scalar.yaml', '--samples', '-1'], /--samples/],
    [['check', 'proofs/models/scalar.yaml', '--timeout', '0'], /--timeout/],
    [['check', 'proofs/models/scalar.yaml', '--timeout', 'NaN'], /--timeout/],
    [['check', 'proofs/models/scalar.yaml', '--force'], /--force/],
    [['check', 'proofs/models/scalar.yaml', '--certificates'], /certificates/],
    [['check', 'no/such/spec.yaml'], /no such file/],
    [['verify'], /at least one certificate/],
    [['verify', 'no/such/cert.json'], /no\/such\/cert.json: expected a readable certificate file, got ENOENT/],
    [['verify', 'proofs/models/scalar.yaml'], /not a certificate/],
    [['verify', 'proofs/models/explicit-moments.json'], /not a certificate: format/],
    [['frobnicate'], /unknown command/],
  ])('%j', async (args, message) => {
    const r = await runCli(args);
    expect(isOneLineError(r), JSON.stringify(r)).toBe(true);
    expect(r.stderr).toMatch(message);
  });
});
