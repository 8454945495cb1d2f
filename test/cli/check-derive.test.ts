/**
 * `ncssl check` and `ncssl derive` end to end on the bundled proofs, and the derive syntax read
 * back by two other parsers (mathjs and nerdamer), evaluated against ncssl's exact values.
 */
import { evaluate as mathjsEvaluate } from 'mathjs';
import nerdamer from 'nerdamer';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rational } from '../../src/exact/rational.js';
import { parsePoly } from '../../src/poly/parse.js';
import { Ring } from '../../src/poly/ring.js';
import { type CliResult, runCli } from '../helpers/cli.js';

describe('ncssl check on the bundled models', () => {
  it.each(['proofs/models/scalar.yaml', 'proofs/models/linear-2x2.yaml', 'proofs/models/linear-4to2.yaml'])('%s: GD gradient, SG and EMA not', async (spec) => {
    const r = await runCli(['check', spec, '--json', '--samples', '8']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    const { gd, sg, ema } = json.procedures;
    const rated = gd.rateAdjustedIntegrable !== null;
    // GD is a gradient field; with a predictor rate α ≠ 1, in the rate metric (V = −P∇Φ).
    const gdVerdict = rated ? gd.rateAdjusted : gd;
    expect(gdVerdict.integrable).toBe(true);
    expect(gdVerdict.potential).toMatch(/A_1_1/);
    for (const p of [sg, ema]) {
      expect(p.integrable).toBe(false);
      expect(p.level).toBe('proved');
      expect(p.certificate.dVi_dxj).not.toBe(p.certificate.dVj_dxi);
      expect(p.sampled.nonzeroPoints).toBe(8);
    }
    expect(sg.stateDimension).toBe(json.procedures.gd.stateDimension);
  });

  it('checks a directory and prints text', async () => {
    const r = await runCli(['check', 'proofs/models', '--samples', '4']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('scalar (proofs/models/scalar.yaml)');
    expect(r.stdout).toContain('is not the gradient of any C² function (proved)');
  });

  it('is deterministic', async () => {
    const a = await runCli(['check', 'proofs/models/linear-2x2.yaml', '--json', '--seed', '5']);
    const b = await runCli(['check', 'proofs/models/linear-2x2.yaml', '--json', '--seed', '5']);
    expect(a.stdout).toBe(b.stdout);
  });
});

describe('ncssl derive --json', () => {
  type Procedure = { state: string[]; field: string[]; jacobian: string[][] };
  let r: CliResult;
  let json: { model: string; procedures: Record<string, Procedure> };
  let ema: Procedure;
  let ring: Ring;
  let point: Record<string, Rational>;
  beforeAll(async () => {
    r = await runCli(['derive', 'proofs/models/linear-2x2.yaml', '--json']);
    json = JSON.parse(r.stdout);
    ema = json.procedures.ema;
    ring = new Ring(ema.state);
    point = Object.fromEntries(ema.state.map((n: string, k: number) => [n, Rational.of(k % 3 === 0 ? -1 : k + 1, 2 + (k % 2))]));
  });

  it('has the documented shape', () => {
    expect(r.code).toBe(0);
    expect(json.model).toBe('linear-2x2');
    expect(ema.state).toEqual(['A_1_1', 'A_1_2', 'A_2_1', 'A_2_2', 'B_1_1', 'B_1_2', 'B_2_1', 'B_2_2', 'T_1_1', 'T_1_2', 'T_2_1', 'T_2_2']);
    expect(ema.field).toHaveLength(12);
    expect(ema.jacobian).toHaveLength(12);
    expect(json.procedures.sg.state).toHaveLength(8);
  });

  it('parses in mathjs and nerdamer to the same values as ncssl', () => {
    const scope = Object.fromEntries(Object.entries(point).map(([k, v]) => [k, (v as Rational).toNumber()]));
    const exprs: string[] = [...ema.field, ...ema.jacobian.flat()];
    for (const e of exprs) {
      const exact = parsePoly(ring, e).evaluate((v) => point[ring.names[v]!]!).toNumber();
      expect(mathjsEvaluate(e, scope)).toBeCloseTo(exact, 9);
      // nerdamer reads '_' as a subscript operator, so its copy of the names drops it (A_1_2 → A1x2).
      const plain = (name: string) => name.replace(/_(\d+)_(\d+)/, '$1x$2');
      const values = Object.fromEntries(Object.entries(point).map(([k, v]) => [plain(k), `(${v})`]));
      const viaNerdamer = Number(nerdamer(e.replace(/[ABT]_\d+_\d+/g, plain), values).evaluate().text('decimals'));
      expect(viaNerdamer).toBeCloseTo(exact, 9);
    }
  });
});
