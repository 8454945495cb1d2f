/**
 * Every command in the user's guide and the tutorial, run: in a fresh folder holding a copy of
 * proofs/, each `$ ncssl …` line of a ```console block runs (in this process, as the CLI would),
 * and the lines under it must appear in its output in that order (`…` skips lines; `(exit N)`
 * names a status other than 0). A block preceded by `<!-- file: PATH -->` is written to PATH
 * first, so the tutorial's own files exist when its commands need them.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

type Step = { kind: 'file'; path: string; content: string } | { kind: 'command'; args: string[]; expected: string[]; exit: number };

/** The files and commands of a page, in order. */
export function steps(markdown: string): Step[] {
  const out: Step[] = [];
  const blocks = /(?:<!-- file: (\S+) -->\n)?```(\w*)\n([\s\S]*?)```/g;
  for (const m of markdown.matchAll(blocks)) {
    const [, file, lang, body] = m;
    if (file) out.push({ kind: 'file', path: file, content: body! });
    if (lang !== 'console') continue;
    for (const chunk of body!.split(/^(?=\$ )/m).filter((c) => c.startsWith('$ '))) {
      const [command, ...lines] = chunk.trimEnd().split('\n');
      const words = command!.slice(2).trim().split(/\s+/);
      if (words[0] !== 'ncssl') throw new Error(`not an ncssl command: ${command}`);
      const exit = lines.find((l) => /^\(exit \d+\)$/.test(l));
      out.push({ kind: 'command', args: words.slice(1), expected: lines.filter((l) => l !== exit), exit: exit ? Number(/\d+/.exec(exit)![0]) : 0 });
    }
  }
  return out;
}

/** Whether `expected` (with `…` for any run of lines) appears in `actual`'s lines in order. */
function inOrder(actual: string, expected: string[]): string | null {
  const lines = actual.split('\n');
  let at = 0;
  let skipping = false;
  for (const e of expected) {
    if (e === '…') {
      skipping = true;
      continue;
    }
    const found = skipping ? lines.indexOf(e, at) : lines[at] === e ? at : -1;
    if (found < 0) return `expected line not found${skipping ? '' : ' next'}: ${JSON.stringify(e)}`;
    at = found + 1;
    skipping = false;
  }
  return null;
}

const root = mkdtempSync(join(tmpdir(), 'ncssl-docs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.each(['docs/guide.md', 'docs/tutorial.md'])('%s', (page) => {
  it('runs every command and prints what the page shows', async () => {
    const cwd = join(root, page.replace(/\W/g, '-'));
    mkdirSync(cwd);
    cpSync('proofs', join(cwd, 'proofs'), { recursive: true });
    const all = steps(readFileSync(page, 'utf8'));
    expect(all.filter((s) => s.kind === 'command').length).toBeGreaterThan(2);
    for (const step of all) {
      if (step.kind === 'file') {
        mkdirSync(dirname(join(cwd, step.path)), { recursive: true });
        writeFileSync(join(cwd, step.path), step.content);
        continue;
      }
      const r = await runCli(step.args, { cwd });
      const name = `ncssl ${step.args.join(' ')}`;
      expect(r.code, `${name}: ${r.stderr}`).toBe(step.exit);
      expect(inOrder(r.stdout, step.expected), `${name} printed:\n${r.stdout}`).toBeNull();
    }
  });
});

describe('the docs checker', () => {
  it('finds a mismatch, a missing line and a wrong order', () => {
    expect(inOrder('a\nb\nc\n', ['a', '…', 'c'])).toBeNull();
    expect(inOrder('a\nb\nc\n', ['a', 'c'])).not.toBeNull();
    expect(inOrder('a\nb\nc\n', ['…', 'c', '…', 'b'])).not.toBeNull();
    expect(steps('<!-- file: x.yaml -->\n```yaml\nk: 1\n```\n```console\n$ ncssl prove x\nline\n(exit 1)\n```\n')).toEqual([
      { kind: 'file', path: 'x.yaml', content: 'k: 1\n' },
      { kind: 'command', args: ['prove', 'x'], expected: ['line'], exit: 1 },
    ]);
  });
});
