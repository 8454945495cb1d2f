/**
 * Specs with symbols (issue 10, item 1): every malformed `parameters:` or expression is one line
 * naming the field and what was expected — from parseAnySpec and through the CLI (exit 2, nothing
 * on stdout, no stack trace); numbers and symbols mix; a spec without `parameters` reads exactly as
 * parseSpec reads it.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Rational } from '../../src/exact/rational.js';
import { instantiate } from '../../src/family/admissible.js';
import type { Family } from '../../src/family/family.js';
import { parseAnySpec } from '../../src/family/spec.js';
import { parseSpec } from '../../src/model/spec.js';
import { runCli } from '../helpers/cli.js';

/** A scalar family with `params` under parameters and the given data and extra top-level lines. */
function spec(params: string, data = 'viewCovariance: [[s]]\n  crossCovariance: [[c]]', extra = ''): string {
  return `name: t\nencoder: {kind: linear, in: 1, out: 1}\npredictor: {kind: linear}\nparameters:\n${params}\ndata:\n  ${data}\n${extra}`;
}
const SC = '  s: positive\n  c: positive';

/** [case, spec text, field the line must start with, words it must contain]. */
const bad: Array<[string, string, string, RegExp]> = [
  ['an undeclared symbol in a moment', spec(SC, 'viewCovariance: [[s]]\n  crossCovariance: [[k]]'), 'data.crossCovariance[0][0]', /undeclared symbol k/],
  ['an undeclared symbol in a rate', spec(SC, undefined, 'emaRate: tau'), 'emaRate', /undeclared symbol tau/],
  ['an inequality on an unknown symbol', spec('  s: positive\n  c: [positive, c < t]'), 'parameters.c[1]', /undeclared symbol t/],
  ['an unsatisfiable set', spec('  s: [positive, s < 0]\n  c: positive'), 'parameters', /assumptions that some values satisfy/],
  ['contradictory inequalities', spec('  s: positive\n  c: [positive, c < s, s < c]'), 'parameters', /assumptions that some values satisfy/],
  ['an inequality without a symbol', spec('  s: positive\n  c: [positive, c < c + 1]'), 'parameters.c[1]', /involves a symbol/],
  ['a name with an underscore (A_1)', spec('  A_1: positive\n  c: positive', 'viewCovariance: [[1]]\n  crossCovariance: [[c]]'), 'parameters.A_1', /symbol name/],
  ['a view-like name (x1_1)', spec('  x1_1: positive\n  c: positive'), 'parameters.x1_1', /symbol name/],
  ['an upper-case name', spec('  S: positive\n  c: positive'), 'parameters.S', /lower-case letter/],
  ['two sign assumptions', spec('  s: [positive, nonnegative]\n  c: positive'), 'parameters.s[1]', /one sign assumption for s, got positive and nonnegative/],
  ['an unknown assumption', spec('  s: large\n  c: positive'), 'parameters.s', /positive, nonnegative, real or an inequality/],
  ['a symbol used nowhere', spec(`${SC}\n  z: positive`), 'parameters.z', /appears nowhere/],
  ['1/s', spec(SC, 'viewCovariance: [[1/s]]\n  crossCovariance: [[c]]'), 'data.viewCovariance[0][0]', /polynomial.*division only by a nonzero constant/],
  ['s^-1', spec(SC, 'viewCovariance: [[s^-1]]\n  crossCovariance: [[c]]'), 'data.viewCovariance[0][0]', /polynomial.*exponent/],
  ['sqrt(s)', spec(SC, 'viewCovariance: [[sqrt(s)]]\n  crossCovariance: [[c]]'), 'data.viewCovariance[0][0]', /polynomial.*function sqrt/],
  ['too many symbols', spec(Array.from({ length: 17 }, (_, i) => `  s${i}: positive`).join('\n')), 'parameters', /at most 16 symbols, got 17/],
  ['an empty parameters mapping', spec('  {}'), 'parameters', /empty mapping/],
  ['an asymmetric symbolic matrix', 'name: t\nencoder: {kind: linear, in: 2, out: 2}\npredictor: {kind: linear}\nparameters: {s: positive}\ndata:\n  covariance: [[1, s], [0, 1]]\n  noise: 1\n', 'data.covariance[1][0]', /symmetric/],
];

describe('malformed family specs', () => {
  it.each(bad)('%s: one line naming the field', (_, text, field, words) => {
    let message = '';
    try {
      parseAnySpec(text, 't');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n')).toHaveLength(1);
    expect(message.startsWith(`${field}: expected`), message).toBe(true);
    expect(message).toMatch(words);
  });

  const dir = mkdtempSync(join(tmpdir(), 'ncssl-family-spec-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(bad)('%s: through the CLI, exit 2 and one line', async (name, text, field) => {
    const file = join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(file, text);
    for (const command of ['check', 'derive', 'report']) {
      const r = await runCli(command === 'report' ? [command, file, '--format', 'md', '--out', join(dir, 'out')] : [command, file]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^ncssl: /);
      expect(lines[0]).toContain(`${field}: expected`);
      expect(lines[0]).not.toMatch(/\bat .*\.js:\d+/);
    }
    expect(readdirSync(dir).includes('out')).toBe(false);
  });
});

describe('numbers and symbols mix', () => {
  function family(text: string): Family {
    const s = parseAnySpec(text, 't');
    if (s.kind !== 'family') throw new Error('expected a family');
    return s.family;
  }

  it('2*c, x + sigma2, 1/2*s and plain numbers read as the polynomials they spell', () => {
    const f = family(spec('  s: positive\n  c: positive\n  x: positive\n  sigma2: positive', 'covariance: [[2*c + x]]\n  noise: x + sigma2', "emaRate: 1/2*s\npredictorRate: '3'\nweightDecay: 1/10"));
    expect(f.ring.names).toEqual(['c', 's', 'sigma2', 'x']);
    expect(f.moments.sigma1[0]![0]!.toString()).toBe('2*c + sigma2 + 2*x');
    expect(f.moments.sigma12[0]![0]!.toString()).toBe('2*c + x');
    expect(f.emaRate.toString()).toBe('1/2*s');
    const values = new Map([['c', Rational.of(1)], ['s', Rational.of(4)], ['sigma2', Rational.of(1, 2)], ['x', Rational.of(3)]]);
    const m = instantiate(f, values);
    expect([m.moments.sigma1[0]![0]!, m.moments.sigma12[0]![0]!, m.emaRate, m.predictorRate, m.weightDecay].map(String)).toEqual(['17/2', '5', '2', '3', '1/10']);
  });

  it('assumptions: sign classes (real by default), and inequalities in either direction', () => {
    const f = family(spec('  s: positive\n  c: [c < s, "2*c >= -s"]', 'viewCovariance: [[s]]\n  crossCovariance: [[c]]'));
    expect(f.symbols).toEqual([{ name: 'c', sign: 'real' }, { name: 's', sign: 'positive' }]);
    expect(f.inequalities.map((q) => [q.lhs.toString(), q.rhs.toString(), q.strict])).toEqual([['c', 's', true], ['-s', '2*c', false]]);
  });
});

describe('specs without parameters', () => {
  const dir = 'proofs/models';
  const numeric = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f) && !f.includes('symbolic'));

  it.each(numeric)('%s reads exactly as parseSpec reads it', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const any = parseAnySpec(text, 'm');
    expect(any.kind).toBe('model');
    expect(any.kind === 'model' ? any.model : null).toEqual(parseSpec(text, 'm'));
  });

  it('a numeric spec error is still the numeric one', () => {
    const text = 'encoder: {kind: linear, in: 1, out: 1}\npredictor: {kind: linear}\ndata:\n  covariance: [[s]]\n  noise: 0\n';
    expect(() => parseAnySpec(text, 'm')).toThrow(/^data\.covariance\[0\]\[0\]: expected/);
  });

  it('parseSpec refuses a family, pointing to parseAnySpec', () => {
    expect(() => parseSpec(readFileSync('proofs/models/scalar-symbolic.yaml', 'utf8'), 'm')).toThrow(/^parameters: expected a spec without symbols/);
  });
});
