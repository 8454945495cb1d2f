import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkVariant } from '../../src/variants/check.js';
import { variantDynamics } from '../../src/variants/claims.js';
import { TRAJECTORY_MAX_STEPS } from '../../src/analyses/trajectories.js';
import { Program } from '../../src/expr/evaluate.js';
import { deriveVariant } from '../../src/variants/fields.js';
import { FLOW_WORK_BUDGET, NEWTON_RESIDUAL, codesOf, flowStepBudget, maximalCodeRank } from '../../src/variants/limits.js';
import { variantCheckText } from '../../src/variants/output.js';
import { parseVariant } from '../../src/variants/spec.js';
import { runCli } from '../helpers/cli.js';

const load = (name: string) => parseVariant(readFileSync(`proofs/variants/${name}.yaml`, 'utf8'), name);
const run = (name: string) => {
  const check = checkVariant(load(name), { samples: 16, seed: 1 });
  return { check, dynamics: variantDynamics(check, { flows: 12, seed: 1 }) };
};

/** The verdicts each bundled spec's header states (seed 1, 12 flows). */
const EXPECTED: Record<string, [string, string][]> = {
  simsiam: [['holds', 'certified'], ['holds in part', 'numerical'], ['not analysed', 'inconclusive'], ['holds', 'numerical']],
  byol: [['holds', 'certified'], ['holds', 'numerical'], ['not analysed', 'inconclusive'], ['holds', 'numerical']],
  'byol-without-ema': [['holds', 'certified'], ['holds in part', 'numerical'], ['not analysed', 'inconclusive'], ['holds', 'numerical']],
  'no-sg-no-ema': [['holds', 'numerical'], ['not analysed', 'inconclusive'], ['holds', 'numerical'], ['not analysed', 'inconclusive']],
  'sg-online': [['holds', 'certified'], ['fails', 'refuted'], ['not analysed', 'inconclusive'], ['undecided', 'inconclusive']],
  'cosine-linear': [['holds', 'certified'], ['holds', 'numerical'], ['not analysed', 'inconclusive'], ['holds in part', 'numerical']],
  'tanh-2-3-2': [['holds', 'certified'], ['holds in part', 'numerical'], ['not analysed', 'inconclusive'], ['holds', 'numerical']],
  directcopy: [['holds', 'certified'], ['holds', 'numerical'], ['not analysed', 'inconclusive'], ['holds', 'numerical']],
  directpred: [['holds', 'certified'], ['holds', 'numerical'], ['not analysed', 'inconclusive'], ['holds', 'numerical']],
  'simsiam-one-code': [['holds', 'certified'], ['holds in part', 'numerical'], ['not analysed', 'inconclusive'], ['holds', 'numerical']],
};

describe('bundled variant specs (proofs/variants/)', () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name}: the claims its header states`, () => {
      const { dynamics } = run(name);
      expect(dynamics.claims.map((c) => [c.outcome, c.level])).toEqual(expected);
      expect(readFileSync(`proofs/variants/${name}.yaml`, 'utf8')).toMatch(/^# .*\n(# .*\n)*# Expected/);
    });
  }

  it('SimSiam and BYOL avoid collapse from some starts; no SG and no EMA, and SG on the wrong side, collapse from every start', () => {
    const share = (name: string) => run(name).dynamics.limits[0]!;
    for (const name of ['simsiam', 'byol']) {
      const l = share(name);
      expect(l.atRest).toBe(12);
      expect(l.collapsed).toBeLessThan(l.atRest);
    }
    for (const name of ['no-sg-no-ema', 'sg-online']) {
      const l = share(name);
      expect(l.collapsed).toBe(12);
      expect(l.interval[0]).toBeGreaterThan(0.7);
    }
  });

  it('BYOL without EMA is SimSiam: the same text apart from the name', () => {
    const text = (name: string) => {
      const { check, dynamics } = run(name);
      return variantCheckText(check, 'x.yaml', dynamics).replace(name, 'NAME');
    };
    expect(text('byol-without-ema')).toBe(text('simsiam'));
  });
});

describe('flow limits against independent facts', () => {
  it('GD collapses to A = 0, where DV has max Re λ = −λ (weight decay) exactly: the loss adds a PSD Hessian in A and nothing in B at A = 0', () => {
    const { dynamics } = run('no-sg-no-ema');
    for (const x of dynamics.limits[0]!.limits) {
      expect(x.kind).toBe('collapsed');
      expect(x.codeRank).toBe(0);
      expect(x.residual).toBeLessThanOrEqual(NEWTON_RESIDUAL);
      // An isolated equilibrium: no kernel, k = 0, every eigenvalue transversal.
      expect(x.stability!.verdict).toBe('transversally asymptotically stable');
      expect([x.stability!.kernelDimension, x.stability!.localDimension, x.stability!.zeroEigenvalues]).toEqual([0, 0, 0]);
      expect(x.stability!.maxRe).toBeCloseTo(-1 / 20, 9);
      expect(x.stability!.transversalMaxRe).toBeCloseTo(-1 / 20, 9);
    }
  });

  it('Newton refines every limit at rest to a residual no larger than the flow left', () => {
    for (const name of ['simsiam', 'tanh-2-3-2', 'directcopy']) {
      for (const x of run(name).dynamics.limits[0]!.limits) {
        expect(x.status).toBe('rest');
        expect(x.residual).toBeLessThanOrEqual(x.flowResidual);
      }
    }
  });

  it('codes of an MLP: tanh hidden layer by hand; the data of the bundled specs span the plane', () => {
    const v = load('tanh-2-3-2');
    const names = ['A1_1_1', 'A1_1_2', 'A1_2_1', 'A1_2_2', 'A1_3_1', 'A1_3_2', 'A2_1_1', 'A2_1_2', 'A2_1_3', 'A2_2_1', 'A2_2_2', 'A2_2_3'];
    const x = Float64Array.from([1, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1, 2]);
    const h = [Math.tanh(0.5), Math.tanh(-1), Math.tanh(-0.5)];
    expect(codesOf(v, names, x, [0.5, -1])).toEqual([h[0], h[1]! + 2 * h[2]!]);
    expect(maximalCodeRank(v)).toBe(2);
  });
});

describe('ncssl check on a variant: flow limits and claims', () => {
  it('text names the tolerances; --json carries limits and claims, byte-identical across runs', async () => {
    const t = await runCli(['check', 'proofs/variants/sg-online.yaml', '--samples', '8', '--flows', '4']);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('flow limits (4 seeded flows, seed 1; numerical): 4 collapsed of 4 at rest');
    expect(t.stdout).toMatch(/an eigenvalue or singular value of DV counts as 0 when \|λ\| ≤ 0\.000001/);
    expect(t.stdout).toMatch(/C2 fails \(refuted, counterexample numerical\)/);
    const a = await runCli(['check', 'proofs/variants/simsiam.yaml', '--samples', '8', '--flows', '4', '--json']);
    const b = await runCli(['check', 'proofs/variants/simsiam.yaml', '--samples', '8', '--flows', '4', '--json']);
    expect(a.stdout).toBe(b.stdout);
    const json = JSON.parse(a.stdout);
    const spec = Array.isArray(json) ? json[0] : json;
    expect(spec.claims.map((c: { id: string }) => c.id)).toEqual(['C1', 'C2', 'C3', 'C4']);
    expect(spec.procedures[0].limits.limits).toHaveLength(4);
    expect(spec.tolerances.rank).toBe(1e-6);
  });
});


describe('the step budget of a variant flow', () => {
  it('keeps every bundled variant at the full step budget and gives large programs fewer steps, never under 100', () => {
    for (const file of readdirSync('proofs/variants').filter((f) => f.endsWith('.yaml'))) {
      const v = parseVariant(readFileSync(`proofs/variants/${file}`, 'utf8'), file);
      const { layout, fields } = deriveVariant(v);
      for (const f of fields) expect(flowStepBudget(Program.of(layout.dag, f.field).length, f.stateNames.length), `${file} ${f.procedure.name}`).toBe(TRAJECTORY_MAX_STEPS);
    }
    // (8 + n)·length node evaluations a step, FLOW_WORK_BUDGET a flow.
    expect(flowStepBudget(20_646, 48)).toBe(Math.floor(FLOW_WORK_BUDGET / (56 * 20_646)));
    expect(flowStepBudget(20_646, 48)).toBeLessThan(TRAJECTORY_MAX_STEPS);
    expect(flowStepBudget(10_000_000, 208)).toBe(100);
  });
});

describe('limits at a ReLU kink', () => {
  it('are singular (V is not differentiable there), not stable, and say so', () => {
    // Without biases, weight decay pulls a ReLU MLP to A = 0, where every pre-activation is 0.
    const v = parseVariant(['loss: squared', 'stopGradient: target', 'encoder: {kind: mlp, layers: [2, 2, 1], activation: relu}', 'predictor: {kind: linear}', 'weightDecay: 1/2',
      'data: {pairs: [[[1, 0], [1, 1/2]], [[0, 1], [1/4, 1]], [[-1, 0], [-1, -1/4]], [[0, -1], [-1/2, -1]]]}'].join('\n'), 'relu');
    const check = checkVariant(v, { samples: 4, seed: 1 });
    const limits = variantDynamics(check, { flows: 4, seed: 1 }).limits[0]!.limits.filter((l) => l.status === 'rest');
    const atKink = limits.filter((l) => l.kink !== null && l.kink <= 1e-6);
    expect(atKink.length).toBeGreaterThan(0);
    for (const l of atKink) {
      expect(l.stability!.verdict).toBe('singular');
      expect(l.certified).toBeNull();
    }
    expect(variantCheckText(check, 'relu.yaml', variantDynamics(check, { flows: 4, seed: 1 }))).toContain('at a kink of a ReLU (a pre-activation of size');
  });
});
