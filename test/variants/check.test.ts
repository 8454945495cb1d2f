import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ncssl-variant-check-'));
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const COSINE = write(
  'cosine-linear.yaml',
  'loss: cosine\nencoder: {kind: linear, in: 2, out: 2}\npredictor: {kind: linear}\npredictorRate: 2\n' +
    'data: {pairs: [[[1, 0], [1, 1/2]], [[0, 1], [1/4, 1]], [[1, 1], [1, 3/4]]]}\n',
);

interface CurlJson {
  verdict: string;
  level: string;
  certified: { certifiedPoints: number; first: { level: string; enclosure: { lo: number; hi: number } } | null };
  sampled: { nonzeroPoints: number; samples: number };
}

describe('ncssl check on a cosine-loss linear variant', () => {
  it('prints the certified curl verdict and the float evidence per procedure', async () => {
    const r = await runCli(['check', COSINE, '--samples', '16']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('variant — cosine loss, linear encoder 2→2, linear predictor, 3 view pairs');
    expect(r.stdout).toMatch(/ {2}sg: stop gradient on the target branch \(SimSiam\); state 8/);
    expect(r.stdout).toMatch(/gradient field \(C1\), V: not a gradient field \(certified: a curl entry excludes 0 by interval arithmetic at \d+ of 16 seeded points\)/);
    expect(r.stdout).toMatch(/certificate: curl DV\[\w+, \w+\] ∈ \[/);
    expect(r.stdout).toMatch(/float curl check: nonzero at \d+ of 16 points \(seed 1/);
  });

  it('--json: SG and EMA certified (plain and rate-adjusted), GD rate-adjusted never certified; byte-identical across runs', async () => {
    const a = await runCli(['check', COSINE, '--samples', '16', '--json']);
    const b = await runCli(['check', COSINE, '--samples', '16', '--json']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const json = JSON.parse(a.stdout) as { kind: string; procedures: Array<{ name: string; curl: CurlJson; rateAdjustedCurl: CurlJson | null }> };
    expect(json.kind).toBe('variant');
    const by = Object.fromEntries(json.procedures.map((p) => [p.name, p]));
    for (const name of ['sg', 'ema']) {
      for (const curl of [by[name]!.curl, by[name]!.rateAdjustedCurl!]) {
        expect([curl.verdict, curl.level]).toEqual(['not-gradient', 'certified']);
        const e = curl.certified.first!.enclosure;
        expect(e.lo > 0 || e.hi < 0).toBe(true);
      }
    }
    // GD is −P∇(E + decay): P⁻¹V is a gradient, so nothing may certify its curl; V itself (α = 2) is not one.
    expect(by.gd!.rateAdjustedCurl!.verdict).toBe('undecided');
    expect(by.gd!.rateAdjustedCurl!.certified.certifiedPoints).toBe(0);
    expect(by.gd!.curl.verdict).toBe('not-gradient');
  });

  it('checks a linear spec and a variant in one run, and refuses a malformed variant in one line with exit 2', async () => {
    const linear = write('linear.yaml', 'encoder: {kind: scalar, in: 1, out: 1}\npredictor: {kind: linear}\ndata: {covariance: [[1]], noise: 1/2}\n');
    const both = await runCli(['check', linear, COSINE, '--samples', '8', '--analyses', 'integrability']);
    expect(both.code).toBe(0);
    expect(both.stdout).toContain('variant — cosine loss');
    const bad = write('bad.yaml', 'loss: cosine\nencoder: {kind: mlp, layers: [2, 3, 2]}\npredictor: {kind: linear}\ndata: {pairs: [[[1, 0], [0, 1]]]}\n');
    const r = await runCli(['check', bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([`ncssl: ${bad}: encoder.activation: missing; expected one of tanh, softplus, relu (applied after each hidden layer)`]);
  });
});
