/** Helpers of the output-safety tests (safe-write.test.ts, kill-loop.test.ts). */
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Every entry of dir (recursively) with its bytes, or '-> link' / '/' for links and folders. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, prefix: string) => {
    for (const f of readdirSync(d).sort()) {
      const path = join(d, f);
      const s = lstatSync(path);
      if (s.isSymbolicLink()) out[prefix + f] = '-> link';
      else if (s.isDirectory()) {
        out[`${prefix + f}/`] = '/';
        walk(path, `${prefix + f}/`);
      } else out[prefix + f] = readFileSync(path, 'latin1');
    }
  };
  if (existsSync(dir)) walk(dir, '');
  return out;
}

/** A node process writing `count` files of `bytes` each into `dir` through writeOutputs (force). */
export function spawnWriter(dir: string, count: number, bytes: number, tag: string) {
  const module = resolve('dist/src/io/safe-write.js');
  const script = `const { writeOutputs } = await import(${JSON.stringify(module)});
const files = Array.from({ length: ${count} }, (_, k) => ({ name: 'f' + String(k).padStart(4, '0') + '.txt', content: ${JSON.stringify(tag)} + ' '.repeat(${bytes}) }));
await writeOutputs(${JSON.stringify(dir)}, files, { force: true, flag: '--out' });
process.stdout.write('done');`;
  return spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
}

