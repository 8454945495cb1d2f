/**
 * `ncssl report --simulate`: the section "Training loops" is there only when asked for, in every
 * format (its figures beside the .md and .tex, inline in the .html, every formula KaTeX-strict,
 * the .tex compiles with pdflatex); its shares are the ones `ncssl simulate` prints for the same
 * options (a second path through the CLI); the same seeds give the same bytes; the sentences set
 * the loops against C3 and C2 and say so when a loop contradicts them; stray flags are one line.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import katex from 'katex';
import { afterAll, describe, expect, it } from 'vitest';
import type { ModelCheck } from '../../src/analyses/check-model.js';
import type { ProcedureShare } from '../../src/experiments/collapse-share.js';
import type { Experiment } from '../../src/experiments/experiment.js';
import type { ReportContext } from '../../src/report/context.js';
import { loopComparisons } from '../../src/report/sections/simulation.js';
import { runCli } from '../helpers/cli.js';

const SPEC = 'proofs/models/scalar.yaml';
const LOOPS = ['--simulate', '--runs', '4', '--steps', '300', '--threads', '0'];
const FAST = ['--points', '1', '--flows', '1', '--trajectories', '2', '--samples', '4'];
const root = mkdtempSync(join(tmpdir(), 'ncssl-report-sim-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

type JsonSection = { id: string; title: string; data?: { shares: Array<Omit<ProcedureShare, 'records'>>; sweep?: { parameter: string; results: unknown[] } } };

describe('report --simulate', () => {
  it('is off by default: no training-loops section and no loop figures', async () => {
    const r = await runCli(['report', SPEC, ...FAST, '--format', 'json']);
    expect(r.code).toBe(0);
    const ids = (JSON.parse(r.stdout).sections as JsonSection[]).map((s) => s.id);
    expect(ids).toContain('trajectories');
    expect(ids).not.toContain('training-loops');
    expect(r.stdout).not.toContain('loop-metrics');
  });

  it('shows the shares simulate prints, in every format, byte-identical across runs, with the sweep figure when asked', async () => {
    const out = join(root, 'all');
    const args = ['report', SPEC, ...FAST, ...LOOPS, '--sweep', 'predictor-rate=0.5:1.5:2', '--format', 'tex,html,md,json', '--out', out];
    expect((await runCli(args)).code).toBe(0);
    expect(readdirSync(out).filter((f) => f.includes('loop')).sort()).toEqual([
      'scalar-loop-equilibrium-distance.pdf',
      'scalar-loop-equilibrium-distance.svg',
      'scalar-loop-metrics.pdf',
      'scalar-loop-metrics.svg',
      'scalar-loop-phase-plane.pdf',
      'scalar-loop-phase-plane.svg',
      'scalar-loop-spectra.pdf',
      'scalar-loop-spectra.svg',
      'scalar-loop-sweep.pdf',
      'scalar-loop-sweep.svg',
    ]);

    const doc = JSON.parse(readFileSync(join(out, 'scalar.json'), 'utf8'));
    const ids = (doc.sections as JsonSection[]).map((s) => s.id);
    // Beside the analysis: after the flows, before how the report was checked.
    expect(ids.indexOf('training-loops')).toBe(ids.indexOf('trajectories') + 1);
    const section = (doc.sections as JsonSection[]).find((s) => s.id === 'training-loops')!;

    const sim = await runCli(['simulate', SPEC, '--seeds', '4', '--steps', '300', '--batch', '64', '--lr', '0.05', '--json']);
    expect(sim.code).toBe(0);
    expect(section.data!.shares).toEqual(JSON.parse(sim.stdout).shares.map(({ records: _r, ...s }: ProcedureShare) => s));
    expect(section.data!.sweep!.results).toHaveLength(2);

    const md = readFileSync(join(out, 'scalar.md'), 'utf8');
    expect(md).toMatch(/^## \d+ Training loops$/m);
    expect(md).toMatch(/^\| GD \| 4 \| 4 \| 0 \| 0 \| 100% \\\[\d+%, 100%\\\] \| \d of \d \|$/m);
    expect(md).toContain('the loops agree with the theory on every procedure');
    expect(md).toContain('- GD: 4 of 4 runs collapsed and none ended not collapsed, as the theory says (minimizing E collapses; C3 holds, proved).');
    expect(md).toContain('![Figure 3](scalar-loop-metrics.svg)');
    expect(md).toContain('![Figure 4](scalar-loop-phase-plane.svg)');
    expect(md).toContain('![Figure 5](scalar-loop-equilibrium-distance.svg)');
    expect(md).toContain('![Figure 6](scalar-loop-spectra.svg)');
    expect(md).toContain('![Figure 7](scalar-loop-sweep.svg)');
    const html = readFileSync(join(out, 'scalar.html'), 'utf8');
    expect(html).toContain('Training loops');
    expect(html.match(/<svg[\s>]/g)!.length).toBeGreaterThanOrEqual(7);
    const tex = readFileSync(join(out, 'scalar.tex'), 'utf8');
    expect(tex).toContain('\\section{Training loops}');
    expect(tex).toContain('scalar-loop-sweep.pdf');
    for (const m of md.slice(md.indexOf(' Training loops\n')).matchAll(/\$([^$\n]+)\$/g)) {
      expect(() => katex.renderToString(m[1]!, { throwOnError: true, strict: 'error' }), m[1]).not.toThrow();
    }

    const again = join(root, 'again');
    expect((await runCli([...args.slice(0, -1), again])).code).toBe(0);
    for (const f of readdirSync(out)) expect(readFileSync(join(again, f)).equals(readFileSync(join(out, f))), f).toBe(true);

    const present = spawnSync('sh', ['-c', 'command -v pdflatex']).status === 0;
    if (present || process.env.CI) {
      for (let pass = 0; pass < 2; pass++) {
        const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'scalar.tex'], { cwd: out, encoding: 'utf8', timeout: 120_000 });
        expect(r.status, r.stdout.slice(-2000)).toBe(0);
        if (pass === 1) expect(r.stdout).not.toMatch(/undefined references|Reference .* undefined/);
      }
    }
  }, 120_000);

  it('says when a loop contradicts the theory', () => {
    const share = (procedure: string, collapsed: number, notCollapsed: number) =>
      ({ procedure, runs: collapsed + notCollapsed, collapsed, notCollapsed, undecided: 0, diverged: 0 }) as ProcedureShare;
    const claims = [
      { id: 'C2', statement: '', outcome: 'holds in part', level: 'proved', evidence: [] },
      { id: 'C3', statement: '', outcome: 'holds', level: 'proved', evidence: [] },
    ];
    const ctx = { check: { claims } as unknown as ModelCheck } as ReportContext;
    const experiment = { main: { shares: [share('gd', 3, 1), share('sg', 4, 0), share('ema', 1, 3)] } } as Experiment;
    const [gd, sg, ema] = loopComparisons(ctx, experiment);
    expect(gd).toMatchObject({ predicts: 'collapse', agrees: false });
    expect(gd!.sentence).toBe('GD: 1 of 4 runs ended not collapsed, against the theory (minimizing E collapses; C3 holds, proved)');
    expect(sg).toMatchObject({ predicts: 'avoid collapse', agrees: false });
    expect(sg!.sentence).toContain('SG: no run of 4 ended not collapsed, against the theory');
    expect(ema).toMatchObject({ agrees: true });
    expect(ema!.sentence).toContain('the one run that collapsed does not contradict it');
  });

  it('refuses loop flags without --simulate and --simulate on a family, in one line with exit 2', async () => {
    for (const [args, message] of [
      [[SPEC, '--runs', '3'], '--runs: only applies with --simulate'],
      [[SPEC, '--sweep', 'lr=0.1:0.2:2'], '--sweep: only applies with --simulate'],
      [[SPEC, '--simulate', '--runs', '0'], '--runs: expected an integer from 1 to 10000, got "0"'],
      [[SPEC, '--simulate', '--sweep', 'eta=0:1:2'], '--sweep: expected PARAM=a:b:n'],
      [['proofs/models/scalar-symbolic.yaml', '--simulate'], '--simulate: proofs/models/scalar-symbolic.yaml declares symbols'],
    ] as const) {
      const r = await runCli(['report', ...args, '--format', 'md']);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
  });
});
