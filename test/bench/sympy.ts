/**
 * ncssl beside SymPy (issue 8): `ncssl check` of a d×d linear model as a user runs it — a child
 * process, wall time, every analysis that runs by default — and test/bench/sympy-baseline.py,
 * which derives only the SG field, its Jacobian and its curl DV − DVᵀ of the same model in SymPy.
 * ncssl does more (three procedures, exact verdicts with certificates, the float cross-check), so
 * the ratio understates its lead. Both read the same rational moments: the spec is written here,
 * read back with ncssl's parser, and its moments handed to Python as fractions.
 *
 * Example: `const row = benchSympy(6, 3, dir)`; `row.sympy.status === 'ran'` when python3 and
 * sympy are installed, else `row.sympy.reason` says which is missing.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rational } from '../../src/exact/rational.js';
import type { RationalMatrix } from '../../src/model/model.js';
import { loadSpecFile } from '../../src/model/spec.js';
import { seededRandom } from '../../src/numeric/random.js';
import { deriveModel } from '../../src/procedures/derive.js';

/** From dist/test/bench/ (where this runs, compiled) to the repository's files. */
const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const SCRIPT = fileURLToPath(new URL('../../../test/bench/sympy-baseline.py', import.meta.url));

/** Whole-process wall times of repeated runs, ms. */
export interface ProcessTiming {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** The median of a list of timings (run.ts uses it too). */
export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Runs `node args…` `repeats` times after one unmeasured warm-up (file caches), checking exit 0. */
export function timeNode(args: string[], repeats: number): ProcessTiming {
  const once = () => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (status ${r.status}): ${r.stderr}`);
    return performance.now() - t0;
  };
  once();
  const ms = Array.from({ length: repeats }, once);
  return { median: median(ms), min: Math.min(...ms), max: Math.max(...ms), runs: repeats };
}

/** `ncssl --help` start-up. */
export function benchStartup(repeats: number): { help: ProcessTiming; checkHelp: ProcessTiming; bareNode: ProcessTiming } {
  return {
    help: timeNode([CLI, '--help'], repeats),
    checkHelp: timeNode([CLI, 'check', '--help'], repeats),
    bareNode: timeNode(['-e', '0'], repeats),
  };
}

/**
 * A d×d linear model in the spec's additive-noise form: X = GᵀG + I with G seeded random
 * rationals, noise 1/4 (Σ1 = Σ2 = X + I/4, Σ12 = X), no weight decay, rates 1 — so ncssl's SG
 * field is exactly the one the SymPy script derives.
 */
export function writeBenchSpec(dir: string, d: number): string {
  const rng = seededRandom(d);
  const g = Array.from({ length: d }, () => Array.from({ length: d }, () => Rational.of(rng.int(-4, 4), rng.int(1, 3))));
  const x = g.map((_, i) => g.map((_, j) => g.reduce((s, row) => s.add(row[i]!.mul(row[j]!)), i === j ? Rational.ONE : Rational.ZERO)));
  const rows = x.map((row) => `[${row.map((v) => JSON.stringify(v.toString())).join(', ')}]`).join(',\n      ');
  const path = join(dir, `linear-${d}x${d}.yaml`);
  writeFileSync(path, `name: linear-${d}x${d}\nencoder: {kind: linear, in: ${d}, out: ${d}}\npredictor: {kind: linear}\ndata:\n  covariance: [\n      ${rows}]\n  noise: 1/4\n`);
  return path;
}

export type SympyOutcome =
  | { status: 'ran'; wall: number; seconds: number; state: number; fieldTerms: number; curlNonzero: number }
  | { status: 'over budget'; budgetMs: number }
  | { status: 'skipped'; reason: string };

/** Why the SymPy row cannot run here, or null when python3 and sympy are both present. */
export function sympyMissing(): string | null {
  const r = spawnSync('python3', ['-c', 'import sympy'], { encoding: 'utf8' });
  if (r.error) return `python3 not found (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})`;
  if (r.status !== 0) return `python3 has no sympy module (pip install sympy): ${r.stderr.trim().split('\n').pop()}`;
  return null;
}

export interface SympyRow {
  d: number;
  spec: string;
  /** `ncssl check SPEC` as a process. */
  ncssl: ProcessTiming;
  /** Terms of ncssl's SG field, to compare with SymPy's. */
  ncsslFieldTerms: number;
  sympy: SympyOutcome;
}

export function benchSympy(d: number, repeats: number, dir: string, budgetMs: number): SympyRow {
  const spec = writeBenchSpec(dir, d);
  const model = loadSpecFile(spec);
  const sg = deriveModel({ ...model, procedures: ['sg'] }).procedures[0]!;
  const ncssl = timeNode([CLI, 'check', spec], repeats);
  const row = { d, spec, ncssl, ncsslFieldTerms: sg.field.reduce((n, v) => n + v.size, 0) };
  const missing = sympyMissing();
  if (missing !== null) return { ...row, sympy: { status: 'skipped', reason: missing } };
  const fractions = (m: RationalMatrix) => m.map((r) => r.map((v) => v.toString()));
  const moments = join(dir, `linear-${d}x${d}.moments.json`);
  const { sigma1, sigma12, sigma2 } = model.moments;
  writeFileSync(moments, JSON.stringify({ p: d, q: d, sigma1: fractions(sigma1), sigma12: fractions(sigma12), sigma2: fractions(sigma2) }));
  const t0 = performance.now();
  const r = spawnSync('python3', [SCRIPT, moments], { encoding: 'utf8', timeout: budgetMs });
  const wall = performance.now() - t0;
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return { ...row, sympy: { status: 'over budget', budgetMs } };
  if (r.status !== 0) throw new Error(`the SymPy baseline failed (status ${r.status}): ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim()) as { seconds: number; state: number; fieldTerms: number; curlNonzero: number };
  return { ...row, sympy: { status: 'ran', wall, ...out } };
}
