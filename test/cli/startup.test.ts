/**
 * What `ncssl` loads, traced in a real process by module-loader hooks (test/helpers/import-trace.mjs):
 * help loads the command registrations only — no analysis, no report, no KaTeX — and `check`
 * of a small model loads neither the report builder nor KaTeX nor the report printers. Start-up
 * time follows from what loads, and this is what a refactoring could silently undo.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BIN } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ncssl-trace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOOKS = pathToFileURL('test/helpers/import-trace.mjs').href;
const DIST = pathToFileURL('dist/src/').href;

/** The modules `ncssl ...args` resolves: project files relative to dist/src/, packages by name. */
function loadedModules(args: string[]): { code: number | null; project: string[]; packages: string[] } {
  const log = join(dir, `${args.join('_').replace(/\W+/g, '-')}.log`);
  const register = `import{register}from"node:module";register(${JSON.stringify(HOOKS)},{data:{file:${JSON.stringify(log)}}})`;
  const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${register}`, CLI_BIN, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  const urls = [...new Set(readFileSync(log, 'utf8').trim().split('\n'))];
  return {
    code: r.status,
    project: urls.filter((u) => u.startsWith(DIST)).map((u) => u.slice(DIST.length)).sort(),
    packages: [...new Set(urls.flatMap((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []))].sort(),
  };
}

describe('start-up', () => {
  it.each([[['--help']], [['check', '--help']], [['report', '--help']], [['derive', '--help']]])('ncssl %j loads the registrations and nothing else', (args) => {
    const { code, project, packages } = loadedModules(args);
    expect(code).toBe(0);
    expect(packages).toEqual([]);
    // The entry, the dispatcher, the registry, one light file per command, the constants their
    // help shows, and the error classes: nothing else.
    const light = /^(cli\/(main|cli|command|commands|[\w-]+-command)|analyses\/names|model\/spec-error|limits\/errors)\.js$/;
    expect(project.filter((f) => !light.test(f))).toEqual([]);
    expect(project).toEqual(expect.arrayContaining(['cli/main.js', 'cli/check-command.js', 'cli/report-command.js']));
  });

  it('check of a small model loads the analyses and its printers, but no report builder, report printer or KaTeX', () => {
    const { code, project, packages } = loadedModules(['check', 'proofs/models/scalar.yaml']);
    expect(code).toBe(0);
    expect(project).toContain('cli/check.js');
    expect(project).toContain('render/check-text.js');
    expect(project.filter((f) => f.startsWith('report/') || f === 'cli/report.js')).toEqual([]);
    expect(project.filter((f) => f.startsWith('render/') && !/^render\/check-[\w-]+\.js$/.test(f))).toEqual([]);
    expect(packages).not.toContain('katex');
    expect(packages).toContain('yaml'); // the trace sees packages: this assertion keeps the one above honest
  });
});
