/**
 * `ncssl export` as a command: the same script byte for byte on every run, --out writes one file
 * named after the model (all or nothing, --force to replace), bad input is one line naming the
 * flag with exit 2; the PyTorch script compiles (`python3 -m py_compile`; torch is not needed for
 * that) and states the stop gradient and the in-place EMA as PyTorch code; the SymPy script, run
 * when SymPy is installed, accepts ncssl's fields and Jacobians and rejects a tampered one.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { pythonWith, runPython, skipWithout } from './python.js';

const dir = mkdtempSync(join(tmpdir(), 'ncssl-export-'));

describe('ncssl export', () => {
  it('writes the same script on every run, to stdout or as DIR/<model>-<target>.py', async () => {
    for (const to of ['numpy', 'pytorch', 'sympy']) {
      const a = await runCli(['export', 'proofs/models/linear-2x2.yaml', '--to', to]);
      expect(a.code, a.stderr).toBe(0);
      expect(a.stdout.startsWith('#!/usr/bin/env python3\n')).toBe(true);
      expect((await runCli(['export', 'proofs/models/linear-2x2.yaml', '--to', to])).stdout).toBe(a.stdout);
    }
    const out = join(dir, 'out');
    expect((await runCli(['export', 'proofs/models/scalar.yaml', '--to', 'numpy', '--out', out])).code).toBe(0);
    expect(readdirSync(out)).toEqual(['scalar-numpy.py']);
    const again = await runCli(['export', 'proofs/models/scalar.yaml', '--to', 'numpy', '--out', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect((await runCli(['export', 'proofs/models/scalar.yaml', '--to', 'numpy', '--out', out, '--force'])).code).toBe(0);
  });

  it('bad input: one line naming the flag, exit 2, nothing written', async () => {
    const out = join(dir, 'never');
    const bad: Array<[string[], string]> = [
      [['proofs/models/scalar.yaml', '--out', out], '--to: expected one of numpy, pytorch, sympy, got nothing'],
      [['proofs/models/scalar.yaml', '--to', 'jax', '--out', out], '--to: expected one of numpy, pytorch, sympy, got "jax"'],
      [['proofs/models/scalar.yaml', '--to', 'numpy', '--noise', '1/2', '--out', out], '--noise: only applies to table data'],
      [['proofs/models/scalar.yaml', '--to', 'numpy', '--data', 'iris', '--out', out], "--data iris: the data have 4 columns, but the spec's encoder takes p = 1 inputs"],
      [['proofs/models/scalar-symbolic.yaml', '--to', 'sympy', '--out', out], 'declares symbols; expected a spec with numbers only'],
      [['proofs/models/scalar.yaml', '--to', 'numpy', '--force'], '--force: only applies with --out DIR'],
    ];
    for (const [args, message] of bad) {
      const r = await runCli(['export', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(existsSync(out)).toBe(false);
  });
});

const python = pythonWith('sys');
describe.skipIf(skipWithout('python3', python, true))('the PyTorch script', () => {
  it('compiles, and says the stop gradient and the in-place EMA in PyTorch', async () => {
    const r = await runCli(['export', 'proofs/models/linear-4to2.yaml', '--to', 'pytorch', '--data', 'iris']);
    expect(r.code, r.stderr).toBe(0);
    const path = join(dir, 'torch_script.py');
    writeFileSync(path, r.stdout);
    const compiled = runPython(python!, ['-m', 'py_compile', path]);
    expect(compiled.status, compiled.stderr).toBe(0);
    expect(r.stdout).toContain('t = a.detach()  # sg: the stop gradient');
    expect(r.stdout).toMatch(/with torch\.no_grad\(\):[\s\S]*state\["xi"\]\.mul_\(m\)\.add_\(state\["theta"\], alpha=1 - m\)/);
    // A broken script does not compile: the check can fail.
    writeFileSync(path, r.stdout.replace('def train_step(', 'def train_step(:'));
    expect(runPython(python!, ['-m', 'py_compile', path]).status).not.toBe(0);
  });

  it('quotes and backslashes in the spec path and the model name cannot break a script', async () => {
    const odd = join(dir, 'odd """ \\ dir');
    mkdirSync(odd);
    const spec = join(odd, 'we"""ird\\.yaml');
    writeFileSync(spec, readFileSync('proofs/models/scalar.yaml', 'utf8').replace(/^name: .*$/m, `name: 'a """ b \\" c \\'`));
    for (const to of ['numpy', 'pytorch', 'sympy']) {
      const r = await runCli(['export', spec, '--to', to]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('a \\"\\"\\" b \\\\\\" c \\\\');
      const path = join(dir, `odd-${to}.py`);
      writeFileSync(path, r.stdout);
      const compiled = runPython(python!, ['-m', 'py_compile', path]);
      expect(compiled.status, compiled.stderr).toBe(0);
    }
  });
});

const sympy = pythonWith('sympy');
describe.skipIf(skipWithout('sympy', sympy, false))('the SymPy script', () => {
  it.each(['proofs/models/scalar.yaml', 'proofs/models/linear-4to2.yaml', 'proofs/models/nilpotent-identity.yaml'])('%s: every Jacobian and field agrees with SymPy', async (spec) => {
    const r = await runCli(['export', spec, '--to', 'sympy']);
    expect(r.code, r.stderr).toBe(0);
    const path = join(dir, `${spec.replace(/\W/g, '_')}.py`);
    writeFileSync(path, r.stdout);
    const run = runPython(sympy!, [path]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(readFileSync(path, 'utf8').match(/^ {8}"recipe": /gm)!.length);
  });

  it('rejects a tampered Jacobian entry and a tampered field', async () => {
    const r = await runCli(['export', 'proofs/models/scalar.yaml', '--to', 'sympy']);
    // The first Jacobian entry plus 1: sympy.diff of the field disagrees.
    const jacobianAt = r.stdout.indexOf('"jacobian": [');
    const jacobian = r.stdout.slice(0, jacobianAt) + r.stdout.slice(jacobianAt).replace(/\n {12}\["/, '\n            ["1 + ');
    // The first field component plus 1: its Jacobian still matches, its recipe does not.
    const fieldAt = r.stdout.indexOf('"field": [');
    const field = r.stdout.slice(0, fieldAt) + r.stdout.slice(fieldAt).replace(/\n {12}"/, '\n            "1 + ');
    for (const [text, message] of [
      [jacobian, 'the Jacobian differs from sympy.diff of the field'],
      [field, 'the field differs from its recipe applied to F'],
    ] as const) {
      expect(text).not.toBe(r.stdout);
      const path = join(dir, 'tampered.py');
      writeFileSync(path, text);
      const run = runPython(sympy!, [path]);
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain(message);
    }
  });
});
