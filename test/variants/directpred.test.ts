import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import type { Rational } from '../../src/exact/rational.js';
import { Program } from '../../src/expr/evaluate.js';
import { boxAround, certifyCurlAt } from '../../src/interval/certified-curl.js';
import { type Interval, exactRational, intervalArithmetic } from '../../src/interval/interval.js';
import { seededRandom } from '../../src/numeric/random.js';
import { deriveVariant } from '../../src/variants/fields.js';
import { expectFieldByDifferences, expectJacobianByDifferences } from './differences.js';
import { parseVariant } from '../../src/variants/spec.js';
import type { Variant } from '../../src/variants/variant.js';
import { big, bigArithmetic, contains } from '../helpers/big-arithmetic.js';
import { runCli } from '../helpers/cli.js';

const rng = seededRandom(2021);
const PAIRS = '[[[1, 0], [1, 1/2]], [[0, 1], [1/4, 1]], [[-1, 1/2], [-1, -1/4]], [[1/3, -1], [-1/2, -1]], [[2, 1], [3/2, 1]]]';
const LINEAR = 'encoder: {kind: linear, in: 2, out: 2}';
const TANH = 'encoder: {kind: mlp, layers: [2, 3, 2], activation: tanh, bias: true}';

function variant(encoder: string, power: string, eps: string, extra = ''): Variant {
  return parseVariant(`${encoder}\npredictor: {kind: directpred, power: ${power}, eps: ${eps}}\ndata: {pairs: ${PAIRS}}\n${extra}`, 'v');
}

/** The codes z = f_θ(x1), computed here from the parameter names (not from the DAG). */
function codes(v: Variant, names: string[], x: Float64Array): number[][] {
  const at = (name: string) => x[names.indexOf(name)]!;
  const layers = v.encoder.kind === 'mlp' ? v.encoder.layers : [v.encoder.in, v.encoder.out];
  return v.data.pairs.map((pair) => {
    let h = pair.x1.map((r) => r.toNumber());
    for (let k = 1; k < layers.length; k++) {
      const W = v.encoder.kind === 'mlp' ? `A${k}` : 'A';
      const bias = (i: number) => (v.encoder.kind === 'mlp' && v.encoder.bias ? at(`a${k}_${i + 1}`) : 0);
      const u = Array.from({ length: layers[k]! }, (_, i) => h.reduce((s, hj, j) => s + at(`${W}_${i + 1}_${j + 1}`) * hj, bias(i)));
      h = k < layers.length - 1 ? u.map(Math.tanh) : u;
    }
    return h;
  });
}

/** B = U diag(p) Uᵀ with p_k = (s_k/s_1)^power + eps, by ml-matrix's symmetric eigendecomposition. */
function eigenPredictor(z: number[][], power: Rational, eps: Rational): number[] {
  const q = z[0]!.length;
  const F = Matrix.zeros(q, q);
  for (const c of z) for (let i = 0; i < q; i++) for (let j = 0; j < q; j++) F.set(i, j, F.get(i, j) + (c[i]! * c[j]!) / z.length);
  const e = new EigenvalueDecomposition(F, { assumeSymmetric: true });
  const s = e.realEigenvalues;
  const top = Math.max(...s);
  const p = s.map((sk) => (sk / top) ** power.toNumber() + eps.toNumber());
  const B = e.eigenvectorMatrix.mmul(Matrix.diag(p)).mmul(e.eigenvectorMatrix.transpose());
  return B.to1DArray();
}

/** All DAG variables at state x: θ, ψ, then ξ := θ unless ξ is state (EMA); P left at 0 (B does not read them). */
function allVariables(n: number, x: Float64Array): Float64Array {
  const all = new Float64Array(n);
  all.set(x);
  return all;
}

const point = (n: number) => Float64Array.from({ length: n }, () => rng.normal());

describe('DirectPred B(θ) in closed form', () => {
  it.each([
    [LINEAR, '1/2', '1/10'],
    [LINEAR, '1', '0'],
    [LINEAR, '3/2', '1/4'],
    [LINEAR, '5/16', '1/10'],
    [TANH, '1/2', '1/10'],
    [TANH, '7/4', '0'],
  ])('%s, power %s, eps %s: equals U diag(p) Uᵀ of ml-matrix to 1e-12 at seeded θ', (encoder, power, eps) => {
    const v = variant(encoder, power, eps);
    const { layout, fields } = deriveVariant(v);
    const names = fields[0]!.stateNames;
    const B = new Program(layout.dag, layout.setPredictor);
    const p = v.predictor as { power: Rational; eps: Rational };
    for (let t = 0; t < 10; t++) {
      const x = point(layout.encoder.length);
      const ours = B.floats(allVariables(layout.dag.variables.length, x));
      const reference = eigenPredictor(codes(v, names, x), p.power, p.eps);
      ours.forEach((b, k) => expect(Math.abs(b - reference[k]!), `entry ${k}`).toBeLessThan(1e-12 * (1 + Math.abs(reference[k]!))));
    }
  });

  it('q = 1: B = 1 + eps, a constant', () => {
    const v = parseVariant(`encoder: {kind: linear, in: 2, out: 1}\npredictor: {kind: directpred, power: 1/2, eps: 3/10}\ndata: {pairs: [[[1, 0], [0, 1]]]}`, 'v');
    const { layout } = deriveVariant(v);
    expect(layout.setPredictor).toHaveLength(1);
    expect(layout.dag.constants[layout.setPredictor[0]!]!.toString()).toBe('13/10');
  });

  it('an interval enclosure of B over a tiny box contains its 80-digit value, and is tight', () => {
    for (const [encoder, power] of [[LINEAR, '1/2'], [TANH, '3/4'], [LINEAR, '2']] as const) {
      const { layout } = deriveVariant(variant(encoder, power, '1/10'));
      const program = new Program(layout.dag, layout.setPredictor);
      for (let t = 0; t < 3; t++) {
        const x = allVariables(layout.dag.variables.length, point(layout.encoder.length));
        const box = boxAround(x, 2 ** -30);
        const enclosure = program.run(intervalArithmetic, box);
        // The exact B at a point of the box: the centre, a double read exactly.
        const exact = program.run(bigArithmetic, Array.from(x, (c) => big(exactRational(c))));
        enclosure.forEach((e, k) => {
          expect(contains(e, exact[k]!), `${power} entry ${k}`).toBe(true);
          expect(e.hi - e.lo).toBeLessThan(1e-6);
        });
      }
    }
  });
});

describe('DirectPred fields', () => {
  const cases = [
    [LINEAR, '1/2', ''],
    [TANH, '1/2', 'loss: cosine'],
    [LINEAR, '3/4', 'weightDecay: 1/10\nemaRate: 1/3'],
  ] as const;

  it.each(cases)('%s, power %s %s: V is the recipe applied to F with B held fixed (central differences of F)', (encoder, power, extra) => {
    const v = variant(encoder, power, '1/10', extra);
    const d = deriveVariant(v);
    expectFieldByDifferences(d, point);
  });

  it.each(cases)('%s, power %s %s: DV against central differences of V (which move B(θ) too)', (encoder, power, extra) => {
    const d = deriveVariant(variant(encoder, power, '1/10', extra));
    for (const largest of expectJacobianByDifferences(d, point)) expect(largest).toBeGreaterThan(0);
  });

  it('DV is not the Jacobian with B frozen: the setting is differentiated in DV', () => {
    // −∂F/∂θ with the placeholders P kept as variables at B(θ₀): the same V at θ₀, another Jacobian.
    const d = deriveVariant(variant(LINEAR, '1/2', '1/10', 'stopGradient: target'));
    const { dag, placeholders, setPredictor, encoder, target, objective } = d.layout;
    const x = point(encoder.length);
    const all = allVariables(dag.variables.length, x);
    new Program(dag, setPredictor).floats(all).forEach((b, k) => (all[placeholders[k]!] = b));
    const toTheta = new Map(target.map((v, k) => [v, dag.variableNode(encoder[k]!)]));
    const frozen = new Program(dag, dag.substitute(dag.gradient(objective, encoder), toTheta).map((g) => dag.neg(g)));
    const [V, Vfrozen] = [new Float64Array(4), frozen.floats(all)];
    d.fields[0]!.float.value(x, V);
    V.forEach((v, k) => expect(Math.abs(v - Vfrozen[k]!)).toBeLessThan(1e-12 * (1 + Math.abs(v))));
    const dv = new Float64Array(16);
    d.fields[0]!.float.jacobian(x, dv);
    const dvFrozen = frozen.floatJacobian(all, 4);
    expect(Math.max(...Array.from(dv, (a, k) => Math.abs(a - dvFrozen[k]!)))).toBeGreaterThan(1e-3);
  });

  it('where B is not differentiable the certified curl gives no certificate, and nothing throws', () => {
    // Data with E[x1 x1ᵀ] = I/2: F̂ = A Aᵀ/2, a repeated eigenvalue (r = 0) at A = I, s₋ = 0 at A of rank 1.
    const v = parseVariant(`${LINEAR}\npredictor: {kind: directpred, power: 1/2, eps: 1/10}\nstopGradient: target\ndata: {pairs: [[[1, 0], [1, 1/2]], [[0, 1], [1/4, 1]], [[-1, 0], [-1, -1/4]], [[0, -1], [-1/2, -1]]]}`, 'v');
    const { layout, fields } = deriveVariant(v);
    const field = fields[0]!.field;
    expect(certifyCurlAt(layout.dag, field, Float64Array.of(1, 0, 0, 1)).level).toBe('inconclusive');
    // Near A = I (r ≈ 5·10⁻¹⁰) the box meets r = 0, where √'s derivative is unbounded.
    expect(certifyCurlAt(layout.dag, field, Float64Array.of(1, 1e-9, 0, 1))).toMatchObject({ level: 'inconclusive', reason: 'enclosure-contains-zero' });
    const rankOne = certifyCurlAt(layout.dag, field, Float64Array.of(1, 2, 1, 2 + 1e-7));
    expect(rankOne).toMatchObject({ level: 'inconclusive', reason: 'not-smooth-on-box' });
    const V = new Float64Array(4);
    fields[0]!.float.value(Float64Array.of(1, 0, 0, 1), V);
    expect(V.every(Number.isFinite)).toBe(true); // B's value is defined at r = 0; only its derivative is not
  });
});

describe('ncssl check on DirectPred', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ncssl-directpred-'));
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it.each([
    ['q3.yaml', 'encoder: {kind: linear, in: 2, out: 3}\npredictor: {kind: directpred, power: 1/2, eps: 1/10}', 'predictor.kind: expected a code dimension encoder.out of 1 or 2 for a directpred predictor'],
    ['power.yaml', 'encoder: {kind: linear, in: 2, out: 2}\npredictor: {kind: directpred, power: 1/3, eps: 1/10}', 'predictor.power: expected k/2^j with integers k ≥ 1 and 0 ≤ j ≤ 4 (e.g. 1/2, 1, 1/4, 3/2), got 1/3'],
    ['halvings.yaml', 'encoder: {kind: linear, in: 2, out: 2}\npredictor: {kind: directpred, power: 1/32, eps: 1/10}', 'predictor.power: expected k/2^j'],
  ])('%s: one line naming the field, exit code 2', async (name, head, message) => {
    const path = write(name, `${head}\ndata: {pairs: [[[1, 0], [0, 1]], [[0, 1], [1, 1]]]}\n`);
    const r = await runCli(['check', path]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.startsWith(`ncssl: ${path}: ${message}`)).toBe(true);
  });

  it('proofs/variants/directpred.yaml: C1 certified for SG and EMA', async () => {
    const r = await runCli(['check', 'proofs/variants/directpred.yaml', '--samples', '8', '--flows', '1', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { procedures: Array<{ name: string; curl: { verdict: string; level: string } }>; claims: Array<{ id: string; outcome: string; level: string }> };
    expect(json.procedures.map((p) => [p.name, p.curl.verdict, p.curl.level])).toEqual([
      ['sg', 'not-gradient', 'certified'],
      ['ema', 'not-gradient', 'certified'],
    ]);
    expect(json.claims.find((c) => c.id === 'C1')).toMatchObject({ outcome: 'holds', level: 'certified' });
  });
});
