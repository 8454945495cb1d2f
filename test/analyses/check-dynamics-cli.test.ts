/**
 * `ncssl check --json` carries the dynamical findings as the issue specifies: per procedure,
 * `invariants` as expressions in the derive syntax and `equilibria` as components with their
 * defining equations (same syntax) and sampled points, each with eigenvalues, verdict and level.
 * The expressions are parsed back with the project's parser, and the points are re-checked.
 */
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/exact/rational.js';
import { parsePoly } from '../../src/poly/parse.js';
import { Ring } from '../../src/poly/ring.js';
import { runCli } from '../helpers/cli.js';

describe('ncssl check: dynamical analyses in the JSON', () => {
  it('scalar model: components, equations, points with eigenvalues, verdicts, invariants, metric', async () => {
    const r = await runCli(['check', 'proofs/models/scalar.yaml', '--json', '--samples', '4', '--points', '2', '--flows', '2']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.analyses).toEqual(['integrability', 'equilibria', 'stability', 'collapse', 'invariants', 'metric']);
    const sg = json.procedures.sg;
    const ring = new Ring(sg.state);
    expect(sg.invariants).toMatchObject({ level: 'proved', basis: ['A_1_1^2 - B_1_1^2'] });
    expect(sg.metric).toMatchObject({ level: 'proved', exists: false });
    const ids = sg.equilibria.components.map((c: { id: string }) => c.id);
    expect(ids.slice(0, 2)).toEqual(['collapsed', 'residual']);
    for (const component of sg.equilibria.components) {
      const equations = component.equations.map((e: string) => parsePoly(ring, e));
      for (const point of component.points) {
        expect(point).toHaveProperty('eigenvalues');
        expect(point).toHaveProperty('verdict');
        expect(point).toHaveProperty('level');
        if (!point.exact) {
          expect(point.level).not.toBe('proved');
          continue;
        }
        const at = (v: number) => Rational.parse(point.coordinates[sg.state[v]])!;
        for (const e of equations) expect(e.evaluate(at).isZero()).toBe(true);
        expect(point.certificate.charpolyRechecked).toBe(true);
        expect(point.eigenvalues.length).toBe(2);
      }
    }
    const line = sg.equilibria.components[1].points.find((p: { exact: boolean }) => p.exact);
    expect(line.coordinates.B_1_1).toBe('4/5');
    expect(line).toMatchObject({ verdict: 'transversally asymptotically stable', level: 'proved' });
    expect(json.procedures.gd.collapse.gd.level).toBe('proved');
  });

  it('--analyses selects, and a bad list is one line with exit 2', async () => {
    const r = await runCli(['check', 'proofs/models/scalar.yaml', '--json', '--samples', '2', '--analyses', 'invariants']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.analyses).toEqual(['integrability', 'invariants']);
    expect(json.procedures.sg.invariants.basis).toEqual(['A_1_1^2 - B_1_1^2']);
    expect(json.procedures.sg.equilibria).toBeUndefined();
    const bad = await runCli(['check', 'proofs/models/scalar.yaml', '--analyses', 'equilibria,magic']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--analyses/);
  });

  it('prints the findings in text mode too', async () => {
    const r = await runCli(['check', 'proofs/models/scalar.yaml', '--samples', '2', '--points', '1', '--flows', '0']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('conserved quantities of degree ≤ 2 (proved): A_1_1^2 - B_1_1^2');
    expect(r.stdout).toContain('collapse: every equilibrium of GD is collapsed (A = 0) — proved');
    expect(r.stdout).toContain('transversally asymptotically stable (proved)');
  });
});
