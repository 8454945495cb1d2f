/**
 * Builds dist/ once before the tests, so the CLI tests run the real `ncssl` binary from the
 * current sources. Type errors are reported by `tsc --noEmit` in CI; here the build only has to
 * emit JavaScript, so work in progress elsewhere does not block the tests.
 *
 * The build is incremental (its record is dist/.tsbuildinfo): after a first build, only changed
 * files and their dependents are re-checked and re-emitted, ~10 s instead of ~30 s here. tsc never
 * re-emits an output that was deleted by hand while its source is unchanged: delete dist/ as a
 * whole (record included) to force a full build.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export default function setup(): void {
  const tsc = 'node_modules/typescript/bin/tsc';
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--incremental', '--tsBuildInfoFile', 'dist/.tsbuildinfo'], { encoding: 'utf8' });
  if (!existsSync('dist/src/cli/main.js')) {
    throw new Error(`build failed:\n${r.stdout}${r.stderr}`);
  }
}
