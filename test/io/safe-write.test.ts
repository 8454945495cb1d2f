/**
 * Issue 9, findings 3, 6 and 7: output sets are written all or nothing, never through a link.
 * Links and folders planted in --out, an --out that is a link, unwritable directories, stages left
 * by killed runs (rolled back or forward), and a SIGTERM while the set is staged.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { commitPlan, planOutputs, writeOutputs } from '../../src/io/safe-write.js';
import { COMMIT_RECORD, STAGE_PREFIX, recoverStages, writeCommitRecord } from '../../src/io/stage.js';
import { isOneLineError, runCli } from '../fuzz/cli.js';
import { snapshot, spawnWriter } from './outputs.js';

const root = resolve('test-artifacts', `safe-write-${process.pid}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeEach(() => {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
});

const REPORT = ['report', 'proofs/models/scalar.yaml', '--format', 'md', '--analyses', 'integrability'];

describe('links and folders in --out (report and check --certificates)', () => {
  it('a link at a name ncssl writes is refused, with or without --force; the file it points to is untouched', async () => {
    const outside = join(root, 'outside.txt');
    writeFileSync(outside, 'precious');
    const out = join(root, 'out');
    mkdirSync(out);
    symlinkSync(outside, join(out, 'scalar.md'));
    for (const force of [[], ['--force']]) {
      const r = await runCli([...REPORT, '--out', out, ...force]);
      expect(isOneLineError(r), r.stderr).toBe(true);
      expect(r.stderr).toMatch(/scalar\.md is a symbolic link/);
    }
    expect(readFileSync(outside, 'utf8')).toBe('precious');
    expect(snapshot(out)).toEqual({ 'scalar.md': '-> link' });
  });

  it('a dangling link at a certificate name is refused without --force (it used to be replaced)', async () => {
    const dir = join(root, 'certs');
    mkdirSync(dir);
    symlinkSync(join(root, 'nowhere'), join(dir, 'scalar.sg.curl.json'));
    const r = await runCli(['check', 'proofs/models/scalar.yaml', '--analyses', 'integrability', '--certificates', dir]);
    expect(isOneLineError(r), r.stderr).toBe(true);
    expect(snapshot(dir)).toEqual({ 'scalar.sg.curl.json': '-> link' });
    expect(existsSync(join(root, 'nowhere'))).toBe(false);
  });

  it('an --out that is a link is refused, even to a real directory', async () => {
    const real = join(root, 'real');
    mkdirSync(real);
    symlinkSync(real, join(root, 'out'));
    const r = await runCli([...REPORT, '--out', join(root, 'out')]);
    expect(isOneLineError(r), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/--out: .*out is a symbolic link; expected a directory/);
    expect(readdirSync(real)).toEqual([]);
  });

  it('a folder at a name is one line, exit 2, and nothing of the set is written', async () => {
    const out = join(root, 'out');
    mkdirSync(join(out, 'scalar.tex'), { recursive: true });
    const r = await runCli(['report', 'proofs/models/scalar.yaml', '--format', 'md,tex', '--analyses', 'integrability', '--out', out]);
    expect(isOneLineError(r), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/scalar\.tex is a directory/);
    expect(snapshot(out)).toEqual({ 'scalar.tex/': '/' });
  });

  it.each(['/proc/ncssl-issue-9', '/proc', '/dev/null/x'])('an --out that cannot be written (%s) is one line, exit 2', async (dir) => {
    const r = await runCli([...REPORT, '--out', dir]);
    expect(isOneLineError(r), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/^ncssl: --out: /);
  });

  it('a successful run leaves no stage and no temporary file behind', async () => {
    const out = join(root, 'out');
    const r = await runCli(['report', 'proofs/models/scalar.yaml', '--format', 'md,tex', '--analyses', 'integrability', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(Object.keys(snapshot(out)).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('stages left by earlier runs', () => {
  const plan = (dir: string, names: string[], tag: string) =>
    planOutputs(dir, names.map((name) => ({ name, content: `${tag} ${name}` })), { force: true, flag: '--out' });

  it('a committed stage is rolled forward by the next write, even half moved', async () => {
    const out = join(root, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'a.txt'), 'old a');
    writeFileSync(join(out, 'b.txt'), 'old b');
    // What a run killed between its renames leaves: a.txt already moved, b.txt still staged.
    const stage = join(out, `${STAGE_PREFIX}999999999-abcdef`);
    mkdirSync(stage);
    writeFileSync(join(stage, 'b.txt'), 'new b');
    writeFileSync(join(out, 'a.txt'), 'new a');
    writeCommitRecord(stage, ['a.txt', 'b.txt']);
    expect(recoverStages(out)).toEqual({ forward: 1, back: 0 });
    expect(snapshot(out)).toEqual({ 'a.txt': 'new a', 'b.txt': 'new b' });
  });

  it('an uncommitted stage of a process that is gone is removed; one of a live process is left alone', async () => {
    const out = join(root, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'a.txt'), 'old a');
    const dead = join(out, `${STAGE_PREFIX}999999999-abcdef`);
    const live = join(out, `${STAGE_PREFIX}${process.pid}-abcdef`);
    for (const s of [dead, live]) {
      mkdirSync(s);
      writeFileSync(join(s, 'a.txt'), 'half of a new set');
    }
    expect(recoverStages(out)).toEqual({ forward: 0, back: 1 });
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('old a');
  });

  it('writeOutputs settles the directory first, then writes its own set', async () => {
    const out = join(root, 'out');
    mkdirSync(out);
    const stage = join(out, `${STAGE_PREFIX}999999999-zzzzzz`);
    mkdirSync(stage);
    writeFileSync(join(stage, 'old.txt'), 'committed earlier');
    writeCommitRecord(stage, ['old.txt']);
    await writeOutputs(out, [{ name: 'new.txt', content: 'now' }], { force: false, flag: '--out' });
    expect(snapshot(out)).toEqual({ 'new.txt': 'now', 'old.txt': 'committed earlier' });
  });

  it('refuses names that are not plain file names, and ncssl\'s own names', () => {
    for (const name of ['../x', 'a/b', '', '.', '..', `${STAGE_PREFIX}1-x`, COMMIT_RECORD]) {
      expect(() => planOutputs(join(root, 'out'), [{ name, content: 'x' }], { force: false, flag: '--out' })).toThrow(/plain file names/);
    }
    expect(snapshot(root)).toEqual({});
  });

  it('commitPlan writes a checked plan (the --timeout parent writes its child\'s files this way)', async () => {
    const out = join(root, 'out');
    await commitPlan(plan(out, ['x.txt', 'y.txt'], 'v1'));
    expect(snapshot(out)).toEqual({ 'x.txt': 'v1 x.txt', 'y.txt': 'v1 y.txt' });
  });
});

describe('signals while a set is written', () => {
  it('SIGTERM before the commit point removes the stage: --out is as it was', async () => {
    const out = join(root, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'keep.txt'), 'keep');
    // 400 files of 256 kB, each fsynced: staging takes a while, so the signal lands before the commit.
    const child = spawnWriter(out, 400, 256 * 1024, 'new');
    const staged = await new Promise<boolean>((resolveStaged) => {
      const poll = setInterval(() => {
        const stages = readdirSync(out).filter((f) => f.startsWith(STAGE_PREFIX));
        if (stages.length > 0 && readdirSync(join(out, stages[0]!)).length > 3) {
          clearInterval(poll);
          child.kill('SIGTERM');
          resolveStaged(true);
        }
      }, 5);
      child.on('exit', () => {
        clearInterval(poll);
        resolveStaged(false);
      });
    });
    const [code, signal] = await new Promise<[number | null, string | null]>((r) => (child.exitCode !== null || child.signalCode !== null ? r([child.exitCode, child.signalCode]) : child.on('exit', (c, s) => r([c, s]))));
    expect(staged).toBe(true);
    expect(signal).toBe('SIGTERM');
    expect(code).toBe(null);
    expect(snapshot(out)).toEqual({ 'keep.txt': 'keep' });
  }, 30_000);
});
