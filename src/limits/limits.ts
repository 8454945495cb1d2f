/**
 * The size limits of ncssl, beside the time limit (--timeout, deadline.ts): each has a default, an
 * environment variable that raises (or lowers) it, and a reason. docs/cli.md lists them. A value
 * that is not a positive number is a usage error naming the variable, never silently ignored.
 *
 * Example: `NCSSL_MAX_MEMORY_MB=4096 ncssl derive big.yaml` lets derive use up to 4 GB.
 */
import { UsageError } from './errors.js';

export interface SizeLimit {
  /** The environment variable that sets it. */
  env: string;
  /** Its value when the variable is unset. */
  fallback: number;
  /** Its unit, as printed in messages. */
  unit: string;
  /** Why it exists, in a few words (for --help and messages). */
  why: string;
}

export const SIZE_LIMITS = {
  /**
   * The memory ceiling: the estimated peak of a command (resident memory, calibrated with
   * /usr/bin/time on real runs, budget.ts) must stay below it, and a --timeout worker is started
   * with a heap limit derived from it, so an estimate that errs still ends in one line, not a crash.
   */
  memory: { env: 'NCSSL_MAX_MEMORY_MB', fallback: 2048, unit: 'MB', why: 'memory ceiling of one command' },
  /** Work of the exact PSD check of a moment matrix (psdWorkEstimate); the default is about 10 s on a 2024 server core. */
  psdWork: { env: 'NCSSL_MAX_PSD_WORK', fallback: 3e11, unit: 'bit operations', why: 'work of the exact positive-semidefiniteness check of a moment matrix' },
  /** Bytes of one certificate read by verify: a d = 16 GD potential (the largest the bundled models give) is about 30 MB. */
  certificateBytes: { env: 'NCSSL_MAX_CERTIFICATE_MB', fallback: 128, unit: 'MB', why: 'largest certificate file verify reads' },
  /** Operations the certificate kernel may spend on one certificate (src/kernel/bounds.ts): term products, eliminations. */
  kernelWork: { env: 'NCSSL_MAX_KERNEL_WORK', fallback: 5e7, unit: 'operations', why: "work of the certificate kernel on one certificate" },
} as const satisfies Record<string, SizeLimit>;

export type SizeLimitName = keyof typeof SIZE_LIMITS;

/** The limit's value: its environment variable when set (a positive number), else its default. */
export function sizeLimit(name: SizeLimitName, env: NodeJS.ProcessEnv = process.env): number {
  const l: SizeLimit = SIZE_LIMITS[name];
  const text = env[l.env];
  if (text === undefined || text === '') return l.fallback;
  const value = /^\s*\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(text) ? Number(text) : NaN;
  if (!(value > 0 && Number.isFinite(value))) {
    throw new UsageError(`${l.env}: expected a positive number of ${l.unit} (the ${l.why}; default ${l.fallback}), got ${JSON.stringify(text.slice(0, 40))}`);
  }
  return value;
}

/** "NCSSL_MAX_MEMORY_MB = 2048 MB (raise it with NCSSL_MAX_MEMORY_MB=…)": how a message names a limit. */
export function describeLimit(name: SizeLimitName, value = sizeLimit(name)): string {
  const l: SizeLimit = SIZE_LIMITS[name];
  return `the limit ${formatAmount(value)} ${l.unit} (raise it with ${l.env}=…)`;
}

/** 3e11 → "3e+11", 2048 → "2048", 1.5 → "1.5": short and exact enough for a message. */
export function formatAmount(x: number): string {
  return x >= 1e6 ? x.toExponential(1) : String(Math.round(x * 10) / 10);
}
