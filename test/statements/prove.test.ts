/**
 * `ncssl prove` end to end: the bundled statements all agree with their expectations and the
 * report is written in every format; a wrong expectation exits 1 and names the disagreement; bad
 * statements exit 2 with one line naming the field; nothing is written when the report cannot be.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import katex from 'katex';
import { afterAll, describe, expect, it } from 'vitest';
import { allFormulas } from '../../src/report/document.js';
import { proofDocument } from '../../src/statements/document.js';
import { loadStatementFile } from '../../src/statements/parse.js';
import { proveStatements } from '../../src/statements/run.js';
import { runCli } from '../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'ncssl-prove-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SCALAR = readFileSync('proofs/models/scalar.yaml', 'utf8');

/** A folder with the scalar model in models/ and the given statements beside it. */
function folder(name: string, statements: Record<string, string>): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'models'), { recursive: true });
  writeFileSync(join(dir, 'models', 'scalar.yaml'), SCALAR);
  for (const [file, text] of Object.entries(statements)) writeFileSync(join(dir, file), text);
  return dir;
}

const statement = (name: string, evidence: string, expect: string) =>
  `name: ${name}\nwords: A statement for a test.\nlatex: 'x = 1'\nevidence: ${evidence}\nmodels:\n  - {model: models/scalar.yaml, ${expect}}\n`;

describe('ncssl prove on the bundled statements', () => {
  it('agrees with every expectation, prints the table and writes the report in four formats', async () => {
    const out = join(root, 'bundled-out');
    const r = await runCli(['prove', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^statement +model +verdict +expected +agrees$/);
    expect(lines.at(-1)).toMatch(/^\d+ verdicts on 20 models: all as expected$/);
    // The expected failures are there, and agree.
    expect(r.stdout).toMatch(/gd-collapses-linear +proofs\/models\/noise-free-scalar\.yaml +fails \(refuted\) +fails \(refuted\) +yes/);
    expect(r.stdout).toMatch(/sg-equilibria-stable +proofs\/models\/nilpotent-identity\.yaml +fails \(refuted\) +fails \(refuted\) +yes/);
    expect(r.stdout).toMatch(/sg-collapsed-equilibria-stable +proofs\/models\/scalar\.yaml +holds in part \(\w+\) +holds in part +yes/);
    // Variants (proofs/variants/): SimSiam and BYOL avoid collapse, BYOL without EMA as SimSiam, the other two collapse; certified C1, numerical C4.
    expect(r.stdout).toMatch(/simsiam-byol +proofs\/variants\/byol\.yaml +holds \(numerical\) +holds \(numerical\) +yes/);
    expect(r.stdout).toMatch(/simsiam-byol +proofs\/variants\/byol-without-ema\.yaml +holds in part \(numerical\) +holds in part \(numerical\) +yes/);
    for (const collapses of ['no-sg-no-ema', 'sg-online']) expect(r.stdout).toMatch(new RegExp(`simsiam-byol +proofs/variants/${collapses}\\.yaml +fails \\(refuted\\) +fails \\(refuted\\) +yes`));
    expect(r.stdout).toMatch(/sg-not-gradient +proofs\/variants\/cosine-linear\.yaml +holds \(certified\) +holds \(certified\) +yes/);
    expect(r.stdout).toMatch(/variants-stable-limits +proofs\/variants\/cosine-linear\.yaml +holds in part \(numerical\) +holds in part \(numerical\) +yes/);
    expect(readdirSync(out).sort()).toEqual(['statements.html', 'statements.json', 'statements.md', 'statements.tex']);
    const json = JSON.parse(readFileSync(join(out, 'statements.json'), 'utf8')) as { sections: Array<{ title: string; data?: { rows: unknown[] } }> };
    const bundled = readdirSync('proofs').filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();
    expect(json.sections.slice(1).map((s) => s.title)).toEqual(bundled);
    // Every verdict row of the table is in the report's data too.
    expect(json.sections.slice(1).reduce((n, s) => n + s.data!.rows.length, 0)).toBe(lines.length - 3);
  });

  it('has statements whose formulas and the report’s all typeset in KaTeX (strict)', () => {
    const dir = folder('katex', {});
    const statements = readdirSync('proofs')
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => ({ path: join('proofs', f), openPath: join('proofs', f), statement: loadStatementFile(join('proofs', f)) }));
    // The documents' formulas without running the models: a run of one cheap statement supplies the rows.
    const run = proveStatements(
      [{ path: join(dir, 'a.yaml'), openPath: join(dir, 'a.yaml'), statement: { ...statements[0]!.statement, evidence: { kind: 'gradient', params: { procedure: 'gd' } }, models: [{ model: 'models/scalar.yaml', outcome: 'holds' }] } }],
      { samples: 4, seed: 1 },
    );
    for (const s of statements) katex.renderToString(s.statement.latex, { strict: 'error', throwOnError: true, displayMode: true });
    for (const f of allFormulas(proofDocument(run))) katex.renderToString(f.latex, { strict: 'error', throwOnError: true, displayMode: f.display });
  });
});

describe('ncssl prove on statements of one’s own', () => {
  it('exits 1 on a wrong expectation and names the disagreement (GD is a gradient field)', async () => {
    const dir = folder('wrong', { 'gd-not-gradient.yaml': statement('gd-not-gradient', '{kind: not-gradient, procedure: gd}', 'expect: holds') });
    const r = await runCli(['prove', dir, '--no-report']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`disagrees: gd-not-gradient on ${join(dir, 'models/scalar.yaml')}: expected holds, got fails (refuted): GD: V is a gradient field (proved, with its potential)`);
    expect(r.stdout).toMatch(/gd-not-gradient .* fails \(refuted\) +holds +NO\n/);
  });

  it('takes a statement file, checks the level when one is expected, and is quiet on stderr', async () => {
    const dir = folder('level', { 'sg.yaml': statement('sg', '{kind: not-gradient, procedure: sg}', 'expect: holds, level: numerical') });
    const r = await runCli(['prove', join(dir, 'sg.yaml'), '--no-report']);
    expect([r.code, r.stderr]).toEqual([1, '']);
    expect(r.stdout).toContain('expected holds (numerical), got holds (proved)');
  });

  it('says undecided for a model without the procedure, and agrees when that is expected', async () => {
    const dir = folder('missing', { 'no-gd.yaml': statement('no-gd', '{kind: collapses, procedure: gd}', 'expect: undecided') });
    writeFileSync(join(dir, 'models', 'scalar.yaml'), `${SCALAR}procedures: [sg]\n`);
    const r = await runCli(['prove', dir, '--no-report']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no-gd .* undecided \(inconclusive\) +undecided +yes/);
  });

  it('refuses to replace an existing report without --force: nothing printed, nothing written', async () => {
    const dir = folder('force', { 'sg.yaml': statement('sg', '{kind: not-gradient, procedure: sg}', 'expect: holds') });
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'statements.md'), 'old');
    const r = await runCli(['prove', dir, '--out', out, '--format', 'md,json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(readdirSync(out)).toEqual(['statements.md']);
    expect(readFileSync(join(out, 'statements.md'), 'utf8')).toBe('old');
    const forced = await runCli(['prove', dir, '--out', out, '--format', 'md,json', '--force']);
    expect(forced.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['statements.json', 'statements.md']);
  });

  it.each([
    ['name: other', 'name: expected the file\'s base name "bad", got "other"'],
    ['evidence: {kind: magic, procedure: sg}', 'evidence.kind: expected one of gradient, not-gradient, collapses, stable-equilibria, conserves, avoids-collapse, claim, got "magic"'],
    ['evidence: {kind: conserves, procedure: sg, quantity: A + x}', 'evidence.quantity: expected only A, B, T, ^T, *, + and - in "A + x", got "x"'],
    ['evidence: {kind: stable-equilibria, procedure: sg, points: some}', 'evidence.points: expected collapsed or non-collapsed, got "some"'],
    ['evidence: {kind: claim, claim: C5}', 'evidence.claim: expected C1, C2, C3 or C4, got "C5"'],
    ['models: [{model: models/scalar.yaml, expect: maybe}]', 'models[0].expect: expected holds, holds in part, fails, undecided, got "maybe"'],
    ['models: [{model: models/none.yaml, expect: holds}]', 'models[0].model: '],
    ['proof: yes', 'proof: unknown field; expected one of name, claim, words, latex, evidence, models'],
  ])('refuses %s with exit 2 and one line naming the field', async (line, message) => {
    const key = line.split(':')[0]!;
    const base = statement('bad', '{kind: not-gradient, procedure: sg}', 'expect: holds');
    const text = key === 'proof' ? base + `${line}\n` : key === 'models' ? base.replace(/models:\n.*\n/, `${line}\n`) : base.replace(new RegExp(`^${key}: .*$`, 'm'), line);
    const dir = folder(`bad-${key}-${line.length}`, { 'bad.yaml': text });
    const r = await runCli(['prove', dir, '--no-report']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${join(dir, 'bad.yaml')}: ${message}`);
  });

  it('refuses bad usage with exit 2', async () => {
    for (const [args, message] of [
      [['prove', join(root, 'nowhere')], 'no such file or directory'],
      [['prove', '--no-report', '--out', 'x'], '--no-report: cannot be combined'],
      [['prove', '--format', 'pdf'], '--format: expected'],
      [['prove', 'proofs/models'], 'proofs/models/diagonal-3x2.yaml: document: expected a statement (name, words, latex, evidence, models), got a model spec'],
    ] as const) {
      const r = await runCli([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
    }
  });
});
