/**
 * The import structure the trust argument and the architecture rest on, checked on the sources:
 * the certificate kernel shares nothing with the engine but exact rationals; report builders never
 * reach into the printers; the file and time layers never reach up into the CLI.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve('src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Every module a file imports (static, dynamic and re-exports), relative ones resolved to src/…. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)|(?:^|\n)\s*import\s+'([^']+)'/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
  return specs.map((s) => (s.startsWith('.') ? relative(resolve('.'), resolve(dirname(file), s)).replace(/\.js$/, '.ts') : s));
}

function violations(layer: string, allowed: (target: string) => boolean): string[] {
  return sourceFiles(join(SRC, layer)).flatMap((f) => importsOf(f).filter((t) => !allowed(t)).map((t) => `${relative(resolve('.'), f)} imports ${t}`));
}

describe('layers', () => {
  it('finds the imports it checks (a parser that sees nothing would pass everything)', () => {
    expect(importsOf(join(SRC, 'kernel/check.ts'))).toContain('src/kernel/field.ts');
    expect(importsOf(join(SRC, 'kernel/field.ts'))).toContain('src/exact/rational.ts');
  });

  it('src/kernel imports nothing but itself and src/exact/rational.ts', () => {
    expect(violations('kernel', (t) => t.startsWith('src/kernel/') || t === 'src/exact/rational.ts')).toEqual([]);
  });

  it('src/report never imports the printers in src/render', () => {
    expect(violations('report', (t) => !t.startsWith('src/render/'))).toEqual([]);
  });

  it('src/analyses never imports the report or the printers (analyses return data; words come later)', () => {
    expect(violations('analyses', (t) => !t.startsWith('src/report/') && !t.startsWith('src/render/'))).toEqual([]);
  });

  it('src/notation imports neither the report nor the printers', () => {
    expect(violations('notation', (t) => !t.startsWith('src/report/') && !t.startsWith('src/render/'))).toEqual([]);
  });

  it('src/io and src/limits never import the CLI', () => {
    expect([...violations('io', (t) => !t.startsWith('src/cli/')), ...violations('limits', (t) => !t.startsWith('src/cli/'))]).toEqual([]);
  });
});
