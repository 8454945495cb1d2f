/**
 * Issue 9: fuzzing the command line's flags and the spec's magnitudes. Every command line, valid
 * or not, ends with exit 0 or with one line and exit 2 — never an internal error, never a stack
 * trace — and exactly the invalid ones are refused (a value out of its documented range, a repeated
 * flag). Every number is accepted exactly when it is 0 or within 1e-50…1e50, and an accepted one at
 * the edge of the range runs every analysis to the end. Seeded; a few seconds in all.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rational } from '../../src/exact/rational.js';
import { parseSpec } from '../../src/model/spec.js';
import { SpecError } from '../../src/model/spec-error.js';
import { isOneLineError, runCli } from './cli.js';

const root = resolve('test-artifacts', `fuzz-limits-${process.pid}`);
beforeAll(() => mkdirSync(root, { recursive: true }));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A flag with values inside its documented range and values outside it (docs/cli.md, Numeric flags). */
interface FlagCase {
  name: string;
  commands: string[];
  valid: fc.Arbitrary<string>;
  invalid: fc.Arbitrary<string>;
}

const FLAGS: FlagCase[] = [
  { name: 'points', commands: ['check', 'report'], valid: fc.integer({ min: 0, max: 2 }).map(String), invalid: fc.constantFrom('-1', '101', '1e2', 'abc', '', '3.5', '0x3') },
  { name: 'samples', commands: ['check', 'report'], valid: fc.integer({ min: 0, max: 8 }).map(String), invalid: fc.constantFrom('100001', '-4', 'x', '8.0') },
  { name: 'seed', commands: ['check', 'report'], valid: fc.constantFrom('0', '7', '4294967295'), invalid: fc.constantFrom('4294967296', '-3', '1e3', '') },
  { name: 'flows', commands: ['check', 'report'], valid: fc.integer({ min: 0, max: 1 }).map(String), invalid: fc.constantFrom('1001', '-1', 'many') },
  { name: 'trajectories', commands: ['report'], valid: fc.integer({ min: 0, max: 1 }).map(String), invalid: fc.constantFrom('51', '-2', 'all') },
  { name: 'timeout', commands: ['check', 'report', 'derive', 'verify'], valid: fc.constant('60'), invalid: fc.constantFrom('0', '604801', '1e3', '-1', 'NaN', '', ' 5') },
];

/** A command line: a command on a small input, flags drawn valid or not, perhaps one given twice. */
const commandLine = fc
  .record({
    command: fc.constantFrom('check', 'report', 'derive', 'verify'),
    picks: fc.array(fc.record({ flag: fc.integer({ min: 0, max: FLAGS.length - 1 }), valid: fc.boolean(), value: fc.nat() }), { maxLength: 3 }),
    repeat: fc.boolean(),
    // A valid --timeout starts a child process (~0.5 s): only now and then.
    timeout: fc.integer({ min: 0, max: 9 }),
  })
  .chain((o) => {
    const flags = o.picks.map((p) => FLAGS[p.flag]!).filter((f) => f.commands.includes(o.command) && (f.name !== 'timeout' || o.timeout === 0));
    const unique = [...new Map(flags.map((f) => [f.name, f])).values()];
    const values = unique.map((f, k) => (o.picks[k]?.valid ?? true ? f.valid.map((v) => ({ f, v, ok: true })) : f.invalid.map((v) => ({ f, v, ok: false }))));
    return fc.tuple(fc.constant(o), values.length === 0 ? fc.constant([]) : fc.tuple(...values));
  })
  .map(([o, chosen]) => {
    const args: string[] = [];
    for (const { f, v } of chosen) args.push(`--${f.name}=${v}`);
    const repeated = o.repeat && chosen.length > 0;
    if (repeated) args.push(`--${chosen[0]!.f.name}=${chosen[0]!.v}`);
    return { command: o.command, args, valid: !repeated && chosen.every((c) => c.ok) };
  });

describe('command lines', () => {
  it('end with exit 0, or with one line and exit 2 exactly when a value is out of range or a flag repeated', async () => {
    const certificate = join(root, 'certs');
    expect((await runCli(['check', 'proofs/models/scalar.yaml', '--analyses', 'integrability', '--samples', '2', '--certificates', certificate])).status).toBe(0);
    const samples = fc.sample(commandLine, { numRuns: 36, seed: 9_009 });
    for (const [k, line] of samples.entries()) {
      const input =
        line.command === 'verify'
          ? [join(certificate, 'scalar.sg.curl.json')]
          : line.command === 'derive'
            ? ['proofs/models/scalar.yaml']
            : ['proofs/models/scalar.yaml', '--analyses', 'integrability', ...(line.command === 'report' ? ['--format', 'md', '--out', join(root, `out-${k}`)] : [])];
      const args = [line.command, ...input, ...line.args];
      const r = await runCli(args);
      const what = `${args.join(' ')}: status ${r.status}, stderr ${r.stderr.slice(0, 300)}`;
      if (line.valid) expect(r.status, what).toBe(0);
      else expect(isOneLineError(r), what).toBe(true);
    }
  }, 60_000);
});

/** A number written as mantissa·10^exponent, and whether it lies in the accepted range. */
const magnitude = fc.record({
  mantissa: fc.integer({ min: 1, max: 999 }),
  // Mostly near the edges of the range, where an off-by-one would show.
  exponent: fc.oneof(fc.integer({ min: -400, max: 400 }), fc.integer({ min: -53, max: -47 }), fc.integer({ min: 47, max: 51 })),
});
const LOW = Rational.parse('1e-50')!;
const HIGH = Rational.parse('1e50')!;
const inRange = (r: Rational) => r.isZero() || (r.abs().compare(LOW) >= 0 && r.abs().compare(HIGH) <= 0);

const scalarSpec = (covariance: string, noise: string, rates: { weightDecay?: string; predictorRate?: string; emaRate?: string } = {}) =>
  `encoder: {kind: linear, in: 1, out: 1}\npredictor: {kind: linear}\ndata: {covariance: [["${covariance}"]], noise: "${noise}"}\n` +
  Object.entries(rates)
    .map(([k, v]) => `${k}: "${v}"\n`)
    .join('');

describe('magnitudes', () => {
  it('a number is accepted exactly when it is 0 or within 1e-50…1e50, on every field, in milliseconds', () => {
    const fields = ['covariance', 'noise', 'weightDecay', 'predictorRate', 'emaRate'] as const;
    fc.assert(
      fc.property(magnitude, fc.constantFrom(...fields), ({ mantissa, exponent }, field) => {
        const text = `${mantissa}e${exponent}`;
        const value = Rational.parse(text)!;
        const spec = field === 'covariance' ? scalarSpec(text, '0') : field === 'noise' ? scalarSpec('1', text) : scalarSpec('1', '0', { [field]: text });
        const t0 = performance.now();
        let error: unknown;
        try {
          parseSpec(spec, 'fuzz');
        } catch (e) {
          error = e;
        }
        expect(performance.now() - t0).toBeLessThan(100);
        if (inRange(value)) expect(error, `${field} = ${text}`).toBeUndefined();
        else {
          expect(error, `${field} = ${text}`).toBeInstanceOf(SpecError);
          expect((error as SpecError).expected).toMatch(/magnitude between 1e-50 and 1e50/);
        }
      }),
      { numRuns: 400, seed: 4_242 },
    );
  });

  it('at the edges of the range every analysis ends, with finite float evidence or an inconclusive verdict', async () => {
    const edge = fc.record({
      covariance: fc.constantFrom('1e50', '1e-50', '3e49', '7e-49', '1'),
      noise: fc.constantFrom('0', '1e50', '1e-50'),
      weightDecay: fc.constantFrom('0', '1e50', '1e-50'),
      predictorRate: fc.constantFrom('1', '1e50', '1e-50'),
      emaRate: fc.constantFrom('1', '1e50', '1e-50'),
    });
    const verdicts = new Set(['transversally asymptotically stable', 'unstable', 'degenerate', 'inconclusive']);
    for (const o of fc.sample(edge, { numRuns: 6, seed: 77 })) {
      const spec = scalarSpec(o.covariance, o.noise, { weightDecay: o.weightDecay, predictorRate: o.predictorRate, emaRate: o.emaRate });
      const r = await runCli(['check', '/dev/stdin', '--json', '--samples', '8', '--points', '2', '--flows', '1', '--analyses', 'integrability,collapse'], { input: spec });
      expect(r.status, `${JSON.stringify(o)}: ${r.stderr}`).toBe(0);
      expect(r.ms).toBeLessThan(20_000);
      // Every eigenvalue printed is a finite number (JSON writes NaN and Infinity as null), and every verdict a known one.
      const walk = (x: unknown): void => {
        if (Array.isArray(x)) x.forEach(walk);
        else if (x && typeof x === 'object') {
          const o2 = x as Record<string, unknown>;
          if (Array.isArray(o2.eigenvalues)) for (const z of o2.eigenvalues as Array<{ re: unknown; im: unknown }>) expect([typeof z.re, typeof z.im], JSON.stringify(o)).toEqual(['number', 'number']);
          if (typeof o2.verdict === 'string' && 'eigenvalues' in o2) expect(verdicts.has(o2.verdict), o2.verdict).toBe(true);
          Object.values(o2).forEach(walk);
        }
      };
      walk(JSON.parse(r.stdout));
    }
  }, 60_000);
});
