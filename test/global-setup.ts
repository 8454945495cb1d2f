/**
 * Builds dist/ once before the tests, so the CLI tests run the real `ncssl` binary from the
 * current sources. Type errors are reported by `tsc --noEmit` in CI; here the build only has to
 * emit JavaScript, so work in progress elsewhere does not block the tests.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default function setup(): void {
  const tsc = 'node_modules/typescript/bin/tsc';
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { encoding: 'utf8' });
  if (!existsSync('dist/src/cli/main.js')) {
    throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
  }
}
