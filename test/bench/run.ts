/**
 * `npm run bench`: prints the benchmark tables recorded in docs/benchmarks.md. Not a test: it
 * asserts nothing about time; it measures.
 */
import { cpus } from 'node:os';
import { benchCore } from './core.js';
import { benchNerdamer } from './nerdamer-baseline.js';

const NERDAMER_BUDGET_MS = 120_000;
const fmt = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));

function main(): void {
  const maxD = Number(process.env.BENCH_MAX_D ?? 8);
  console.log(`# ncssl benchmark, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length} × ${cpus()[0]?.model}`);
  console.log('\n## Core: F, fields, Jacobians, integrability (square linear models, all three procedures)\n');
  console.log('| d | SG state | EMA state | F terms | Jacobian terms | F ms | fields ms | Jacobians ms | exact verdicts ms | float curl (64 pts) ms | total ms |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  benchCore(1); // warm-up
  const totals = new Map<number, number>();
  for (let d = 1; d <= maxD; d++) {
    const r = benchCore(d);
    totals.set(d, r.ms.total - r.ms.sampled);
    const m = r.ms;
    console.log(
      `| ${d} | ${r.stateSG} | ${r.stateEMA} | ${r.objectiveTerms} | ${r.jacobianTerms} | ${fmt(m.objective)} | ${fmt(m.fields)} | ${fmt(m.jacobians)} | ${fmt(m.verdicts)} | ${fmt(m.sampled)} | ${fmt(m.total)} |`,
    );
  }
  console.log('\n## Baseline: the same exact work through nerdamer\n');
  console.log('| d | nerdamer ms | ncssl ms (exact part) | ratio |');
  console.log('|---|---|---|---|');
  for (let d = 1; d <= Math.min(4, maxD); d++) {
    const ms = benchNerdamer(d, NERDAMER_BUDGET_MS);
    const ours = totals.get(d)!;
    console.log(ms === null ? `| ${d} | > ${NERDAMER_BUDGET_MS} (stopped) | ${fmt(ours)} | > ${fmt(NERDAMER_BUDGET_MS / ours)}× |` : `| ${d} | ${fmt(ms)} | ${fmt(ours)} | ${fmt(ms / ours)}× |`);
    if (ms === null) break;
  }
}

main();
