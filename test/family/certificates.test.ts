/**
 * Family certificates (issue 10): every proved verdict of the scalar family becomes a certificate
 * the kernel accepts; tampering with a value, a sign assumption, a substitution, r, k or the free
 * variables is rejected; numeric certificates are as before; and through the CLI, `check
 * --certificates` then `verify` accepts them all.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { q } from '../../src/exact/rational.js';
import { checkModel } from '../../src/analyses/check-model.js';
import { certificatesOf } from '../../src/certificates/index.js';
import { knownProcedures } from '../../src/certificates/format.js';
import { checkFamily } from '../../src/family/check.js';
import { familyCertificates } from '../../src/family/certificates.js';
import { parseAnySpec } from '../../src/family/spec.js';
import { verifyCertificate } from '../../src/kernel/check.js';
import { runCli } from '../fuzz/cli.js';
import { scalarModel } from '../helpers/models.js';

const PATH = 'proofs/models/scalar-symbolic.yaml';
const spec = parseAnySpec(readFileSync(PATH, 'utf8'), 'scalar-symbolic');
if (spec.kind !== 'family') throw new Error(`${PATH} is not a family`);
const named = familyCertificates(checkFamily(spec.family, { seed: 1 }), PATH);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Cert = any;
const cert = (name: string): Cert => structuredClone(named.find((c) => c.name === name)!.certificate);
const verify = (c: unknown) => verifyCertificate(JSON.stringify(c), { procedures: knownProcedures() });

describe('family certificates of the scalar family (docs/math.md §5, for all 0 < c < s, τ > 0)', () => {
  it('one per proved verdict, every one accepted', () => {
    expect(named.map((c) => c.name)).toEqual([
      'gd.family-potential',
      'gd.family-gd-collapse',
      'sg.family-curl',
      'sg.family-invariant',
      'sg.residual-1.family-stability',
      'ema.rate-adjusted.family-curl',
      'ema.family-invariant',
      'ema.residual-1.family-stability',
    ]);
    for (const { name, certificate } of named) expect(verify(certificate), name).toMatchObject({ status: 'accepted' });
  });

  it('carry the worked example: curl coefficient −c, a² − b², r = sλ² + (a²s² + c² + sτ)λ + a²s²τ at (a, c/s, a)', () => {
    const sg = cert('sg.family-curl');
    expect(sg.model).toMatchObject({ parameters: [{ name: 'c', sign: 'positive' }, { name: 's', sign: 'positive' }, { name: 'tau', sign: 'positive' }], inequalities: [{ lhs: 'c', rhs: 's', strict: true }], moments: { sigma1: [['s']], sigma12: [['c']] }, emaRate: 'tau' });
    expect(sg.evidence).toMatchObject({ i: 'A_1_1', j: 'B_1_1', monomial: 'A_1_1', coefficient: '-c' });
    expect(cert('sg.family-invariant').evidence.conserved).toEqual(['A_1_1^2 - B_1_1^2']);
    const ema = cert('ema.residual-1.family-stability');
    expect(ema.evidence.point).toEqual({ numerators: { A_1_1: 'A_1_1*s', B_1_1: 'c', T_1_1: 'A_1_1*s' }, denominator: 's', free: [{ name: 'A_1_1', sign: 'nonzero' }] });
    expect(ema.evidence.r).toEqual(['s', 'A_1_1^2*s^2 + c^2 + s*tau', 'A_1_1^2*s^2*tau']);
    expect(ema.evidence.k).toBe(1);
    const minors = cert('gd.family-gd-collapse').evidence.minors;
    expect(minors.map((m: Cert) => m.polynomial)).toEqual(['s', '-c^2 + s^2']);
    expect(minors[1].substitutions).toEqual([{ target: 's', by: 'c + d_1', fresh: 'd_1', freshClass: 'positive' }]);
  });

  const tamperings: Array<[string, string, (c: Cert) => void, RegExp]> = [
    ['a changed curl coefficient', 'sg.family-curl', (c) => (c.evidence.coefficient = '-2*c'), /coefficient of A_1_1 in the curl is not/],
    ['a curl monomial with no term', 'sg.family-curl', (c) => (c.evidence.monomial = 'B_1_1'), /no term in B_1_1/],
    ['a sign proof for another polynomial', 'sg.family-curl', (c) => ((c.evidence.coefficient = '-c'), (c.evidence.proof.polynomial = '-s'), (c.evidence.proof.expanded = '-s'), (c.evidence.proof.signs = { s: 'positive' })), /not the kernel's own polynomial/],
    ['c assumed positive when declared real', 'sg.family-curl', (c) => (c.model.parameters[0].sign = 'real'), /c is assumed positive, but declared only real/],
    ['a nonnegative symbol assumed positive', 'ema.rate-adjusted.family-curl', (c) => (c.model.parameters[0].sign = 'nonnegative'), /declared only nonnegative/],
    ['a substitution from no declared inequality', 'gd.family-gd-collapse', (c) => (c.model.inequalities = []), /does not come from a declared inequality/],
    ['a substitution from another inequality', 'gd.family-gd-collapse', (c) => (c.model.inequalities = [{ lhs: 'tau', rhs: 's', strict: true }]), /does not come from a declared inequality/],
    ['a positive fresh variable from a non-strict inequality', 'gd.family-gd-collapse', (c) => (c.model.inequalities[0].strict = false), /needs a strict inequality/],
    ['a fresh variable named like a symbol', 'gd.family-gd-collapse', (c) => (c.evidence.minors[1].substitutions[0].fresh = 'tau'), /tau is a declared variable/],
    ['an undeclared variable in the signs', 'gd.family-gd-collapse', (c) => (c.evidence.minors[0].signs.x = 'positive'), /x is neither declared nor a fresh variable/],
    ['the minors in the wrong order', 'gd.family-gd-collapse', (c) => c.evidence.minors.reverse(), /not the kernel's own polynomial/],
    ['a missing minor', 'gd.family-gd-collapse', (c) => c.evidence.minors.pop(), /expected 2 leading principal minors/],
    ['moments that break J ≻ 0', 'gd.family-gd-collapse', (c) => (c.model.moments.sigma12 = [['s']]), /not the kernel's own polynomial/],
    ['a wrong r', 'ema.residual-1.family-stability', (c) => (c.evidence.r[1] = 'A_1_1^2*s^2 + c^2 + 2*s*tau'), /r is not proportional/],
    ['k off by one (more)', 'ema.residual-1.family-stability', (c) => (c.evidence.k = 2), /factor μ\^1 exactly, not μ\^2/],
    ['k off by one (less)', 'sg.residual-1.family-stability', (c) => (c.evidence.k = 0), /factor μ\^1 exactly, not μ\^0/],
    ['a point that is not an equilibrium', 'sg.residual-1.family-stability', (c) => (c.evidence.point.numerators.B_1_1 = 's'), /not an equilibrium/],
    ['a missing Routh–Hurwitz condition', 'ema.residual-1.family-stability', (c) => c.evidence.conditions.pop(), /a2 > 0 is not proved/],
    ['a free variable declared real where the proof needs ≠ 0', 'sg.residual-1.family-stability', (c) => (c.evidence.point.free[0].sign = 'real'), /A_1_1 is assumed nonzero, but declared only real/],
    ['a free variable that is not its own coordinate', 'ema.residual-1.family-stability', (c) => (c.evidence.point.free[0].name = 'T_1_1'), /does not parse|not its own coordinate/],
    ['a changed potential', 'gd.family-potential', (c) => (c.evidence.potential += ' + c*A_1_1*B_1_1'), /∂Φ\/∂A_1_1 is not/],
    ['a quantity that is not conserved', 'sg.family-invariant', (c) => (c.evidence.conserved = ['A_1_1^2 - s*B_1_1^2']), /not conserved/],
  ];
  it.each(tamperings)('rejects %s', (_, name, change, reason) => {
    const c = cert(name);
    change(c);
    const verdict = verify(c);
    expect(verdict.status, verdict.reason).toBe('rejected');
    expect(verdict.reason).toMatch(reason);
  });

  it('reads the field named: another witness for P⁻¹V (coefficient −1 of 1 at (A, T)) is accepted, and relabelled V (where it is −τ) rejected', () => {
    const c = cert('ema.rate-adjusted.family-curl');
    const constant = { polynomial: '-1', conclusion: 'negative', signs: {}, substitutions: [], expanded: '-1' };
    c.evidence = { i: 'A_1_1', j: 'T_1_1', monomial: '1', coefficient: '-1', proof: constant };
    expect(verify(c)).toMatchObject({ status: 'accepted' });
    c.field = 'V';
    expect(verify(c)).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/coefficient of 1 in the curl is not -1/) });
  });

  it('rejects a point whose free variables do not number k, all else being right', () => {
    // The SG residual point at a = 2: an equilibrium with k = 1 and r = λ + 4s, but a point, not a line.
    const c = cert('sg.residual-1.family-stability');
    c.evidence.point = { numerators: { A_1_1: '2*s', B_1_1: 'c' }, denominator: 's', free: [] };
    c.evidence.r = ['1', '4*s'];
    c.evidence.conditions = [{ name: 'a1', proof: { polynomial: '4*s', conclusion: 'positive', signs: { s: 'positive' }, substitutions: [], expanded: '4*s' } }];
    expect(verify(c)).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/0 free variables parametrise a 0-dimensional set, but k = 1/) });
  });

  it('calls symbols in a numeric kind, and a moment outside the declared symbols, malformed', () => {
    const numeric = certificatesOf(checkModel(scalarModel(q(5, 2), q(2)), { samples: 2, seed: 1 }), 'scalar')[1]!.certificate;
    expect(verify({ ...numeric, model: { ...numeric.model, parameters: [{ name: 's', sign: 'positive' }] } })).toMatchObject({ status: 'malformed', reason: expect.stringMatching(/^model.parameters: expected none for the kind curl/) });
    const c = cert('sg.family-curl');
    c.model.moments.sigma1 = [['x']];
    expect(verify(c)).toMatchObject({ status: 'malformed', reason: expect.stringMatching(/^model.moments.sigma1\[0\]\[0\]: expected a polynomial in the declared parameters/) });
    c.model.moments.sigma1 = [['s']];
    c.model.parameters.push({ name: 'A_1_1', sign: 'real' });
    expect(verify(c)).toMatchObject({ status: 'malformed', reason: expect.stringMatching(/^model.parameters\[3\].name: expected a new symbol name/) });
  });
});

describe('numeric certificates are unchanged', () => {
  it('carry no symbols, and the kernel states them as before', () => {
    const numeric = certificatesOf(checkModel(scalarModel(q(5, 2), q(2)), { samples: 2, seed: 1 }), 'scalar');
    for (const { certificate } of numeric) expect(Object.keys(certificate.model)).toEqual(['name', 'encoder', 'predictor', 'moments', 'weightDecay', 'predictorRate', 'emaRate']);
    const curl = numeric.find((c) => c.name === 'sg.curl')!.certificate;
    expect(verify(curl).reason).toBe('the sg field V is not the gradient of any C² function: ∂V[A_1_1]/∂B_1_1 = -3 ≠ -1 = ∂V[B_1_1]/∂A_1_1 at the point (model "scalar")');
  });
});

describe('ncssl check --certificates, then ncssl verify, on a family', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ncssl-family-certs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('writes one file per proved verdict, and verify accepts every one (exit 0)', async () => {
    const check = await runCli(['check', PATH, '--certificates', dir]);
    expect(check.status, check.stderr).toBe(0);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(named.map((c) => `scalar-symbolic.${c.name}.json`).sort());
    const r = await runCli(['verify', ...files.map((f) => join(dir, f))]);
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout.trimEnd().split('\n').every((line) => line.includes(': accepted: '))).toBe(true);
    expect(r.stdout).toContain('scalar-symbolic.ema.residual-1.family-stability.json: accepted: for every admissible value of the parameters and every A_1_1 ≠ 0, x = (A_1_1*s, c, A_1_1*s)/(s)');
  });
});
