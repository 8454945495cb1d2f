/**
 * The analysis registry: selection (what an analysis requires comes with it, canonical order,
 * integrability always), the default by size, registration errors, and the CLI's light copy of
 * the registry (names.ts for flag parsing, the list in `check --help`) kept equal to it.
 */
import { describe, expect, it } from 'vitest';
import { q } from '../../src/exact/rational.js';
import { type Analysis, allAnalyses, collapse, defaultAnalyses, equilibria, normalizeAnalyses, registerAnalysis, runAnalyses } from '../../src/analyses/index.js';
import { ANALYSIS_NAMES, DEFAULT_DYNAMICS_MAX_STATE } from '../../src/analyses/names.js';
import { deriveModel } from '../../src/procedures/derive.js';
import { runCli } from '../helpers/cli.js';
import { scalarModel } from '../helpers/models.js';

const ALL = ['integrability', 'equilibria', 'stability', 'collapse', 'invariants', 'metric'];

describe('selection', () => {
  it('pulls in what an analysis requires, in canonical order, with integrability always', () => {
    expect(normalizeAnalyses(['collapse'])).toEqual(['integrability', 'equilibria', 'stability', 'collapse']);
    expect(normalizeAnalyses(['metric', 'equilibria'])).toEqual(['integrability', 'equilibria', 'metric']);
    expect(normalizeAnalyses([])).toEqual(['integrability']);
    expect(normalizeAnalyses([...ALL].reverse())).toEqual(ALL);
    expect(() => normalizeAnalyses(['magic'])).toThrow(/unknown analysis "magic"/);
  });

  it('by default: every analysis up to the largest state dimension 36, integrability alone above', () => {
    expect(defaultAnalyses(DEFAULT_DYNAMICS_MAX_STATE)).toEqual(ALL);
    expect(defaultAnalyses(DEFAULT_DYNAMICS_MAX_STATE + 1)).toEqual(['integrability']);
  });

  it('runs exactly the selection on a procedure, and results are reached through the registration', () => {
    const derivation = deriveModel(scalarModel(q(5, 2), q(2), { procedures: ['sg'] }));
    const results = runAnalyses({ derivation, procedure: derivation.procedures[0]!, options: { samples: 2, seed: 1, points: 1, flows: 0 } }, ['equilibria']);
    const ran: string[] = [];
    results.forEach((a) => ran.push(a.name));
    expect(ran).toEqual(['integrability', 'equilibria']);
    expect(results.get(collapse)).toBeUndefined();
    expect(results.require(equilibria).components[0]!.id).toBe('collapsed');
    expect(() => results.require(collapse)).toThrow(/collapse did not run/);
  });
});

describe('registration', () => {
  const toy = (name: string, requires: Analysis<unknown>[] = []): Analysis<number> => ({
    name,
    summary: 'a toy',
    requires,
    defaultRun: { kind: 'up-to-state', maxState: 0 },
    run: () => 0,
    toJson: () => ({}),
    text: () => [],
  });

  it('refuses a name twice, a bad name, and a requirement registered after it', () => {
    expect(() => registerAnalysis(toy('metric'))).toThrow(/metric registered twice/);
    expect(() => registerAnalysis(toy('Bad Name'))).toThrow(/expected lower-case letters/);
    expect(() => registerAnalysis(toy('late', [toy('unregistered')]))).toThrow(/requires unregistered, which is not registered before it/);
    expect(allAnalyses().map((a) => a.name)).toEqual(ALL);
  });
});

describe("the CLI's light copy of the registry", () => {
  it('names.ts lists the registered analyses in canonical order', () => {
    expect([...ANALYSIS_NAMES]).toEqual(allAnalyses().map((a) => a.name));
  });

  it('check --help lists every analysis with its registered summary, in order', async () => {
    const help = await runCli(['check', '--help']);
    expect(help.code).toBe(0);
    const width = Math.max(...allAnalyses().map((a) => a.name.length));
    const lines = allAnalyses().map((a) => `  ${a.name.padEnd(width)}  ${a.summary}`);
    const at = help.stdout.split('\n').indexOf(lines[0]!);
    expect(at, `check --help should list:\n${lines.join('\n')}`).toBeGreaterThan(0);
    expect(help.stdout.split('\n').slice(at, at + lines.length)).toEqual(lines);
  });
});
