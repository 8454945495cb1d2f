/**
 * Issue 9, finding 2: the memory budget is estimated from the spec before any derivation, and a
 * command over the ceiling is refused in well under a second with one line naming the estimate,
 * the ceiling and how to raise it. The counts are upper bounds of what the derivation holds, exact
 * for dense linear models; large outputs are streamed (derive --json), byte for byte as before.
 */
import { writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rational } from '../../src/exact/rational.js';
import { ChunkedWriter, streamJson } from '../../src/io/json-stream.js';
import { estimateWork } from '../../src/limits/budget.js';
import type { EncoderKind, PredictorKind } from '../../src/model/model.js';
import { deriveModel } from '../../src/procedures/derive.js';
import { randomModel } from '../helpers/models.js';
import { isOneLineError, runCli } from '../fuzz/cli.js';

const root = resolve('test-artifacts', `budget-${process.pid}`);
beforeAll(() => mkdirSync(root, { recursive: true }));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const q = (n: number, d = 1) => Rational.of(n, d);

describe('estimateWork counts what the derivation holds, from the shape alone', () => {
  const shapes: Array<[EncoderKind, PredictorKind, number, number]> = [
    ['linear', 'linear', 3, 3],
    ['linear', 'linear', 4, 2],
    ['linear', 'diagonal', 2, 3],
    ['linear', 'identity', 3, 2],
    ['diagonal', 'linear', 3, 2],
    ['diagonal', 'diagonal', 3, 3],
    ['scalar', 'linear', 2, 2],
    ['scalar', 'identity', 3, 3],
  ];
  it.each(shapes)('%s encoder, %s predictor, %i→%i: upper bounds, exact for F when dense', (encoder, predictor, p, qq) => {
    const model = randomModel({ p, q: qq, encoder, predictor, weightDecay: q(1, 10), predictorRate: q(2), emaRate: q(1, 2), seed: 4 });
    const d = deriveModel(model);
    const e = estimateWork(model, 'derive');
    const jacobian = d.procedures.reduce((s, p) => s + p.jacobian.flat().reduce((t, x) => t + x.size, 0), 0);
    const field = d.procedures.reduce((s, p) => s + p.field.reduce((t, x) => t + x.size, 0), 0);
    expect(e.objectiveTerms).toBeGreaterThanOrEqual(d.objective.size);
    expect(e.fieldTerms).toBeGreaterThanOrEqual(field);
    expect(e.jacobianTerms).toBeGreaterThanOrEqual(jacobian);
    if (encoder === 'linear' && predictor === 'linear') {
      expect(e.objectiveTerms).toBe(d.objective.size);
      expect(e.jacobianTerms).toBeLessThan(1.5 * jacobian); // tight where it matters: the dense models are the large ones
    }
  });

  it('matches the benchmark counts of the dense 16×16 model and grows with the coefficients', () => {
    const model = randomModel({ p: 16, q: 16, seed: 1 });
    const small = estimateWork(model, 'check');
    expect(small.objectiveTerms).toBe(594_048); // 593 536 measured: a few monomials coincide
    const big = estimateWork({ ...model, weightDecay: Rational.parse(`1/${'7'.repeat(30)}`)! }, 'check');
    expect(big.coefficientBits).toBeGreaterThan(small.coefficientBits + 150);
    expect(big.memoryMB).toBeGreaterThan(small.memoryMB);
  });
});

describe('refusals', () => {
  /** A dense n×n model with fractional (Hilbert) moments: the largest of issue 9. */
  const dense = (n: number): string => {
    const rows = Array.from({ length: n }, (_, i) => `[${Array.from({ length: n }, (_, j) => `"1/${i + j + 1}"`).join(', ')}]`);
    const path = join(root, `dense-${n}.yaml`);
    writeFileSync(path, `encoder: {kind: linear, in: ${n}, out: ${n}}\npredictor: {kind: linear}\ndata: {covariance: [${rows.join(', ')}], noise: 1/3}\nweightDecay: 1/10\npredictorRate: 2\nemaRate: 1/2\n`);
    return path;
  };

  it('report on the dense 16×16 model: one line naming the estimate, the ceiling and NCSSL_MAX_MEMORY_MB, in under a second', async () => {
    await runCli(['report', dense(16)]); // loads the command's modules once
    const r = await runCli(['report', dense(16), '--out', join(root, 'out')]);
    expect(isOneLineError(r), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/dense-16\.yaml: report would need about \d+ MB \(estimated from the spec: 2\.0e\+7 Jacobian terms over 3 procedures, .*\), above the limit 2048 MB \(raise it with NCSSL_MAX_MEMORY_MB=…\)/);
    expect(r.ms).toBeLessThan(1000);
  });

  it('the ceiling follows NCSSL_MAX_MEMORY_MB, and a bad value is one line naming it', async () => {
    const saved = process.env.NCSSL_MAX_MEMORY_MB;
    try {
      process.env.NCSSL_MAX_MEMORY_MB = '100';
      const low = await runCli(['derive', dense(8), '--json']);
      expect(isOneLineError(low), low.stderr).toBe(true);
      expect(low.stderr).toMatch(/derive would need about \d+ MB .* above the limit 100 MB/);
      process.env.NCSSL_MAX_MEMORY_MB = 'lots';
      const bad = await runCli(['derive', dense(2)]);
      expect(isOneLineError(bad), bad.stderr).toBe(true);
      expect(bad.stderr).toMatch(/NCSSL_MAX_MEMORY_MB: expected a positive number of MB/);
    } finally {
      if (saved === undefined) delete process.env.NCSSL_MAX_MEMORY_MB;
      else process.env.NCSSL_MAX_MEMORY_MB = saved;
    }
  });
});

describe('streamed JSON', () => {
  it('is byte for byte JSON.stringify(value, null, 2), with non-plain values as their String()', () => {
    const poly = new (class {
      toString() {
        return '3/2*A_1_1^2 - 1';
      }
    })();
    const value = { model: 'x', empty: [], none: {}, n: [1, -2.5, null, true, 'q"\n'], nested: { a: [[poly, 'b'], []], z: { y: poly } } };
    const plain = JSON.stringify({ ...value, n: value.n, nested: { a: [['3/2*A_1_1^2 - 1', 'b'], []], z: { y: '3/2*A_1_1^2 - 1' } } }, null, 2);
    const chunks: string[] = [];
    const w = new ChunkedWriter((t) => chunks.push(t), 8);
    streamJson(value, w);
    w.flush();
    expect(chunks.join('')).toBe(plain);
    expect(chunks.length).toBeGreaterThan(5); // written in pieces, not built whole
  });

  it('derive --json prints what the unstreamed printer printed', async () => {
    const r = await runCli(['derive', 'proofs/models/linear-2x2.yaml', '--json']);
    expect(r.status).toBe(0);
    const d = deriveModel((await import('../../src/model/spec.js')).loadSpecFile('proofs/models/linear-2x2.yaml'));
    const procedures = Object.fromEntries(d.procedures.map((p) => [p.procedure.name, { state: p.stateNames, field: p.field.map(String), jacobian: p.jacobian.map((row) => row.map(String)) }]));
    expect(r.stdout).toBe(`${JSON.stringify({ model: 'linear-2x2', objective: d.objective.toString(), procedures }, null, 2)}\n`);
  });
});
