/**
 * `npm run bench`: prints the benchmark tables recorded in docs/benchmarks.md. Not a test: it
 * asserts nothing about time; it measures.
 *
 * Environment: BENCH_MAX_D (largest square d, default 16), BENCH_REPEAT (runs per row, default 3;
 * the table shows medians), BENCH_NODE_FLAGS (extra V8/node flags for the measured processes,
 * e.g. "--max-semi-space-size=64"), BENCH_NERDAMER=0 to skip the slow baseline, BENCH_SYMPY_D
 * (the model of the SymPy comparison, default 6), BENCH_SYMPY_BUDGET_S (SymPy's time budget,
 * default 1200), BENCH_ONLY (a comma-separated subset of core, startup, sympy, dynamics,
 * figures, prove, families, loop, variants, nerdamer; default all).
 *
 * Each row runs in a fresh node process (this file with `--core p q repeats`), so that no heap or
 * JIT state leaks from the row before. Its peak resident memory is read after the first run, and
 * a full collection (untimed, `--expose-gc`) precedes every run, so that a repeat does not pay
 * for the garbage of the one before.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIMITS } from '../../src/model/model.js';
import { benchCore, type CoreRow, PHASES, type Timing } from './core.js';
import { benchDynamics } from './dynamics.js';
import { benchFigures } from './figures.js';
import { benchNerdamer } from './nerdamer-baseline.js';
import { benchProve } from './prove.js';
import { benchFamilies } from './families.js';
import { BATCH, P, Q, benchLoop } from './loop.js';
import { benchVariantScale } from './variant-scale.js';
import { type ProcessTiming, benchStartup, benchSympy, median } from './sympy.js';

const NERDAMER_BUDGET_MS = 120_000;
const fmt = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));

interface MeasuredRow extends CoreRow {
  repeats: number;
  /** Peak resident memory of the process up to the end of the first run. */
  peakRssMB: number;
  /** Totals of the first run alone (closest to a one-shot CLI call: JIT still warming up). */
  first: Timing;
}

const medianTiming = (ts: Timing[]): Timing => ({ wall: median(ts.map((t) => t.wall)), cpu: median(ts.map((t) => t.cpu)) });

/** Child side: `repeats` runs of one shape after a small warm-up; prints one JSON line. */
function childMain(p: number, q: number, repeats: number): void {
  const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});
  benchCore({ p: 1, q: 1 });
  const runs: CoreRow[] = [];
  let peakRssMB = 0;
  for (let r = 0; r < repeats; r++) {
    collect();
    runs.push(benchCore({ p, q }));
    if (r === 0) peakRssMB = process.resourceUsage().maxRSS / 1024;
  }
  const first = runs[0]!;
  if (runs.some((r) => r.verdicts !== first.verdicts)) throw new Error('verdicts differ between repeats');
  const phases = Object.fromEntries(PHASES.map((ph) => [ph, medianTiming(runs.map((r) => r.phases[ph]))])) as CoreRow['phases'];
  const row: MeasuredRow = {
    ...first,
    phases,
    exact: medianTiming(runs.map((r) => r.exact)),
    total: medianTiming(runs.map((r) => r.total)),
    first: first.total,
    repeats,
    peakRssMB,
  };
  console.log(JSON.stringify(row));
}

function measure(p: number, q: number, repeats: number): MeasuredRow {
  const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(/\s+/).filter((f) => f !== '');
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--expose-gc', ...flags, self, '--core', String(p), String(q), String(repeats)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`bench row ${p}×${q} failed (status ${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as MeasuredRow;
}

function printRow(label: string, r: MeasuredRow): void {
  const ph = r.phases;
  console.log(
    `| ${label} | ${r.stateSG} | ${r.stateEMA} | ${r.objectiveTerms} | ${r.jacobianTerms} | ` +
      `${PHASES.map((k) => fmt(ph[k].cpu)).join(' | ')} | ${fmt(r.exact.cpu)} | ${fmt(r.total.wall)} | ${fmt(r.total.cpu)} | ` +
      `${fmt(r.first.wall)} / ${fmt(r.first.cpu)} | ${r.peakRssMB.toFixed(0)} |`,
  );
}

/** The non-square shape with the most objective terms whose EMA state fits LIMITS.maxStateDimension. */
function largestAllowedShape(): { p: number; q: number } {
  let best = { p: 1, q: 1, terms: 0 };
  for (let q = 1; q <= LIMITS.maxDimension; q++) {
    for (let p = 1; p <= LIMITS.maxDimension; p++) {
      if (2 * p * q + q * q > LIMITS.maxStateDimension) break;
      const terms = q ** 3 * p ** 2; // leading growth of F's term count (B A Σ1 Aᵀ Bᵀ)
      if (terms > best.terms) best = { p, q, terms };
    }
  }
  return { p: best.p, q: best.q };
}

const spread = (t: ProcessTiming) => `${fmt(t.median)} (${fmt(t.min)}–${fmt(t.max)})`;

/** Start-up of the CLI and `ncssl check` beside SymPy on the same model (issue 8). */
function startupAndSympy(sections: Set<string>, repeats: number): void {
  if (sections.has('startup')) {
    console.log('\n## Start-up: whole processes, wall ms, median (min–max)\n');
    const s = benchStartup(Math.max(repeats, 5));
    console.log('| command | wall ms |');
    console.log('|---|---|');
    console.log(`| ncssl --help | ${spread(s.help)} |`);
    console.log(`| ncssl check --help | ${spread(s.checkHelp)} |`);
    console.log(`| node -e 0 (node alone, for scale) | ${spread(s.bareNode)} |`);
  }
  if (!sections.has('sympy')) return;
  const d = Number(process.env.BENCH_SYMPY_D ?? 6);
  const budgetMs = 1000 * Number(process.env.BENCH_SYMPY_BUDGET_S ?? 1200);
  console.log(`\n## ncssl beside SymPy: a ${d}×${d} linear model, whole processes, wall ms\n`);
  console.log(
    `ncssl: \`ncssl check\` with every default analysis (all three procedures), median (min–max) of ${repeats}. ` +
      'SymPy (test/bench/sympy-baseline.py, one run): the SG field, its Jacobian and its curl only; in brackets the derivation alone, without starting Python and importing SymPy.\n',
  );
  const dir = mkdtempSync(join(tmpdir(), 'ncssl-bench-'));
  try {
    const row = benchSympy(d, repeats, dir, budgetMs);
    const sympy = row.sympy;
    if (sympy.status === 'skipped') {
      console.log(`| d | ncssl check ms |\n|---|---|\n| ${d} | ${spread(row.ncssl)} |\n`);
      console.log(`SymPy row skipped: ${sympy.reason}.`);
      return;
    }
    console.log('| d | ncssl check ms | SymPy ms | SG field terms (ncssl / SymPy) | SymPy / ncssl |');
    console.log('|---|---|---|---|---|');
    if (sympy.status === 'over budget') {
      console.log(`| ${d} | ${spread(row.ncssl)} | > ${fmt(sympy.budgetMs)} (stopped) | ${row.ncsslFieldTerms} / – | > ${fmt(sympy.budgetMs / row.ncssl.median)}× |`);
      return;
    }
    console.log(
      `| ${d} | ${spread(row.ncssl)} | ${fmt(sympy.wall)} (${fmt(1000 * sympy.seconds)}) | ${row.ncsslFieldTerms} / ${sympy.fieldTerms} | ${(sympy.wall / row.ncssl.median).toFixed(1)}× |`,
    );
    if (sympy.fieldTerms !== row.ncsslFieldTerms) console.log('\nWARNING: SymPy and ncssl disagree on the number of terms of the SG field.');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const maxD = Number(process.env.BENCH_MAX_D ?? 16);
  const repeats = Number(process.env.BENCH_REPEAT ?? 3);
  const flags = process.env.BENCH_NODE_FLAGS ?? '';
  const sections = new Set((process.env.BENCH_ONLY ?? 'core,startup,sympy,dynamics,figures,prove,families,loop,variants,nerdamer').split(',').map((x) => x.trim()));
  console.log(
    `# ncssl benchmark, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length} × ${cpus()[0]?.model}` +
      `${flags ? `, flags ${flags}` : ''}, median of ${repeats}`,
  );
  startupAndSympy(sections, repeats);
  if (sections.has('core')) core(maxD, repeats);
  if (sections.has('dynamics')) {
    console.log('\n## Dynamics: equilibria with exact stability certificates, invariants, metric (wall ms)\n');
    console.log('| row | ms | detail |');
    console.log('|---|---|---|');
    for (const row of benchDynamics()) console.log(`| ${row.name} | ${fmt(row.ms)} | ${row.detail} |`);
  }
  if (sections.has('figures')) {
    console.log('\n## Report figures: trajectories from 6 shared starts, figure files (wall ms)\n');
    console.log('| row | ms | detail |');
    console.log('|---|---|---|');
    for (const row of benchFigures()) console.log(`| ${row.name} | ${fmt(row.ms)} | ${row.detail} |`);
  }
  if (sections.has('prove')) {
    console.log('\n## ncssl prove on the bundled statements (npm start): whole processes, wall ms, median (min–max)\n');
    const p = benchProve(repeats);
    console.log('| command | wall ms |');
    console.log('|---|---|');
    console.log(`| ncssl prove --out DIR --force (report in html, tex, md, json) | ${spread(p.report)} |`);
    console.log(`| ncssl prove --no-report (the table only) | ${spread(p.table)} |`);
  }
  if (sections.has('families')) {
    console.log('\n## Families: every analysis for all admissible values of the symbols (checkFamily in process, wall ms, median)\n');
    const f = benchFamilies(repeats);
    console.log('| family | symbols | ms | claims |');
    console.log('|---|---|---|---|');
    for (const r of f.rows) console.log(`| ${r.name} | ${r.symbols} | ${fmt(r.ms)} | ${r.detail} |`);
    console.log(`\nWhole process, \`ncssl check\` of the scalar family: ${spread(f.process)} ms.`);
  }
  if (sections.has('loop')) {
    console.log(`\n## Training loop: SG on a ${P} -> ${Q} linear model, batch ${BATCH}, against plain Float64Array code (steps per second, median; runs in turn)\n`);
    const l = benchLoop(400, Math.max(repeats, 5));
    console.log('| what | steps | ncssl steps/s | plain steps/s | ncssl / plain |');
    console.log('|---|---|---|---|---|');
    for (const r of l.rows) console.log(`| ${r.name} | ${r.steps} | ${r.ncssl.toFixed(0)} | ${r.plain === null ? '-' : r.plain.toFixed(0)} | ${r.ratio === null ? '-' : r.ratio.toFixed(2)} |`);
    console.log(`\nLargest difference between the ends of the two loops: ${l.maxDifference}.`);
  }
  if (sections.has('variants')) {
    console.log('\n## Variant: SG on a tanh MLP 8 -> 16 -> 4, cosine loss, 256 pairs (state 208; wall ms, one run in process)\n');
    const r = benchVariantScale(256);
    console.log('| fields V | V and DV at a point | certified curl, 64 points | certified |');
    console.log('|---|---|---|---|');
    console.log(`| ${fmt(r.fieldsMs)} | ${fmt(r.pointMs)} | ${fmt(r.curlMs)} | ${r.certified}/${r.samples} |`);
  }
  if (process.env.BENCH_NERDAMER === '0' || !sections.has('nerdamer')) return;
  console.log('\n## Baseline: the same exact work through nerdamer (wall ms)\n');
  console.log('| d | nerdamer ms | ncssl ms (exact part) | ratio |');
  console.log('|---|---|---|---|');
  for (let d = 1; d <= Math.min(4, maxD); d++) {
    const ms = benchNerdamer(d, NERDAMER_BUDGET_MS);
    const ours = coreExactWall.get(d) ?? measure(d, d, repeats).exact.wall; // the core rows, when they ran
    console.log(ms === null ? `| ${d} | > ${NERDAMER_BUDGET_MS} (stopped) | ${fmt(ours)} | > ${fmt(NERDAMER_BUDGET_MS / ours)}× |` : `| ${d} | ${fmt(ms)} | ${fmt(ours)} | ${fmt(ms / ours)}× |`);
    if (ms === null) break;
  }
}

/** Exact-part wall ms of the core rows, by d (the nerdamer baseline compares against them). */
const coreExactWall = new Map<number, number>();

function core(maxD: number, repeats: number): void {
  console.log('\n## Core: F, fields, Jacobians, integrability (linear models, all three procedures)\n');
  console.log(
    'Phase columns are CPU ms (user + system, all threads: GC helpers and the float-curl worker count). "exact" is F + fields + Jacobians + verdicts. ' +
      'Medians of the repeats; "first run" is the first repeat alone, after a warm-up on d = 1.\n',
  );
  console.log(
    '| d | SG state | EMA state | F terms | Jacobian terms | F | fields | Jacobians | exact verdicts | float curl (64 pts) | exact CPU ms | total wall ms | total CPU ms | first run wall / CPU ms | peak RSS MB |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (let d = 1; d <= maxD; d++) {
    const r = measure(d, d, repeats);
    coreExactWall.set(d, r.exact.wall);
    printRow(String(d), r);
  }
  if (maxD >= 16) {
    const { p, q } = largestAllowedShape();
    printRow(`${q}×${p} (largest allowed)`, measure(p, q, 1));
  }
}

const args = process.argv.slice(2);
if (args[0] === '--core') childMain(Number(args[1]), Number(args[2]), Number(args[3]));
else main();
