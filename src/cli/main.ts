#!/usr/bin/env node
/**
 * The `ncssl` executable: runs the command line of src/cli/cli.ts on process.argv, with the
 * process's standard streams. Everything else lives there, importable without side effects.
 */
import { runMain } from './cli.js';

process.exitCode = await runMain(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  progress: (text) => {
    if (process.stderr.isTTY && !process.env.CI) process.stderr.write(text);
  },
  debug: Boolean(process.env.NCSSL_DEBUG),
});
