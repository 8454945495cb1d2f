/**
 * Certificate files: every proved verdict on the bundled proofs becomes a certificate that the
 * kernel accepts; file names are portable, distinct and deterministic.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { q } from '../../src/exact/rational.js';
import { checkModel } from '../../src/analyses/check-model.js';
import { CERTIFICATE_FORMAT, certificateFiles, certificatesOf, fileStem, formatJson } from '../../src/certificates/index.js';
import { knownProcedures } from '../../src/certificates/format.js';
import { CERTIFICATE_FORMAT as KERNEL_FORMAT, verifyCertificate } from '../../src/kernel/check.js';
import { loadAnySpecFile } from '../../src/family/spec.js';
import { loadSpecFile } from '../../src/model/spec.js';
import { scalarModel } from '../helpers/models.js';
import { provedVerdictKinds } from './proved-verdicts.js';

const OPTIONS = { samples: 4, seed: 1 };
// Numeric models; families (specs with parameters) have their own kinds: test/family/certificates.test.ts.
const proofs = readdirSync('proofs/models')
  .filter((f) => /\.(ya?ml|json)$/.test(f) && loadAnySpecFile(join('proofs/models', f)).kind === 'model')
  .sort();

describe.each(proofs)('proofs/models/%s', (file) => {
  const path = join('proofs/models', file);
  const check = checkModel(loadSpecFile(path), OPTIONS);
  const certificates = certificatesOf(check, path);
  it('has one certificate per proved verdict', () => {
    expect(certificates.map((c) => c.certificate.kind).sort()).toEqual(provedVerdictKinds(check).sort());
  });
  it('every certificate re-verifies through the kernel', () => {
    for (const { name, certificate } of certificates) {
      expect(verifyCertificate(JSON.stringify(certificate), { procedures: knownProcedures() }), name).toMatchObject({ status: 'accepted' });
    }
  });
});

describe('certificate contents', () => {
  const check = checkModel(scalarModel(q(5, 2), q(2), { emaRate: q(1, 2) }), OPTIONS);
  const named = certificatesOf(check, 'proofs/models/scalar.yaml');
  it('writes the model’s exact data, the claim and its evidence', () => {
    expect(named.slice(0, 4).map((c) => c.name)).toEqual(['gd.potential', 'sg.curl', 'ema.curl', 'ema.rate-adjusted.curl']);
    const sg = named[1]!.certificate;
    expect(Object.keys(sg)).toEqual(['format', 'kind', 'model', 'procedure', 'recipe', 'field', 'evidence', 'source']);
    expect(sg).toMatchObject({
      format: 'ncssl-certificate/2',
      kind: 'curl',
      model: { name: 'scalar', encoder: { kind: 'linear', in: 1, out: 1 }, moments: { sigma1: [['5/2']], sigma12: [['2']] }, emaRate: '1/2' },
      procedure: 'sg',
      recipe: 'differentiate-then-identify',
      field: 'V',
      evidence: { i: 'A_1_1', j: 'B_1_1' },
    });
    // MATH.md §5: ∂V_b/∂a − ∂V_a/∂b = a·c at the certificate's point.
    const e = sg.evidence as { point: Record<string, string>; dVi_dxj: string; dVj_dxi: string };
    expect(Number(e.dVj_dxi) - Number(e.dVi_dxj)).toBe(2 * Number(e.point.A_1_1));
    expect(named[0]!.certificate).toMatchObject({ kind: 'potential', evidence: { potential: '5/4*A_1_1^2*B_1_1^2 - 2*A_1_1^2*B_1_1 + 5/4*A_1_1^2' } });
  });
  it('writes a stability certificate with the point, k, the equations and the manifold evidence (MATH.md §5: b = c/s)', () => {
    const c = named.find((x) => x.name === 'sg.residual-1.stability')!.certificate;
    expect(Object.keys(c)).toEqual(['format', 'kind', 'model', 'procedure', 'recipe', 'claim', 'evidence', 'source']);
    expect(c).toMatchObject({ kind: 'stability', procedure: 'sg', claim: 'transversally asymptotically stable' });
    const e = c.evidence as Record<string, any>;
    expect(Object.keys(e)).toEqual(['point', 'k', 'equations', 'chart', 'multipliers', 'cofactors']);
    expect(e.point.B_1_1).toBe('4/5');
    expect(e).toMatchObject({ k: 1, equations: ['5/2*A_1_1*B_1_1 - 2*A_1_1'], chart: [0], multipliers: {} });
    // V_a = −a·b·(5/2·b − 2) = −b·g and V_b = −a²·(5/2·b − 2) = −a·g.
    expect(e.cofactors).toEqual({ A_1_1: { 0: '-B_1_1' }, B_1_1: { 0: '-A_1_1' } });
  });
  it('uses the same format string as the kernel', () => {
    expect(CERTIFICATE_FORMAT).toBe(KERNEL_FORMAT);
  });
});

describe('certificate files', () => {
  const scalar = (name: string) => certificatesOf(checkModel(scalarModel(q(5, 2), q(2), { name }), OPTIONS), 'x');
  it('names files <model>.<procedure>[.rate-adjusted].<kind>.json, and <model>.<procedure>[.<component>[-<point>]].<kind>.json', () => {
    const names = certificateFiles([scalar('scalar')]).map((f) => f.name);
    expect(names.slice(0, 3)).toEqual(['scalar.gd.potential.json', 'scalar.sg.curl.json', 'scalar.ema.curl.json']);
    for (const name of [
      'scalar.sg.residual.equilibrium-set.json',
      'scalar.sg.residual-1.stability.json',
      'scalar.ema.collapsed-3.stability.json',
      'scalar.gd.collapse.json',
      'scalar.sg.non-collapsed.equilibrium.json',
      'scalar.sg.invariant.json',
      'scalar.gd.metric.json',
    ]) {
      expect(names).toContain(name);
    }
    expect(new Set(names).size).toBe(names.length);
  });
  it('keeps model names portable and inside the directory', () => {
    expect(fileStem('../../etc/passwd')).toBe('__.._etc_passwd'); // one file name, no path separator
    expect(fileStem('.hidden')).toBe('_hidden');
    expect(fileStem('model with spaces/slash')).toBe('model_with_spaces_slash');
    expect(fileStem('')).toBe('model');
    expect(fileStem('x'.repeat(500))).toHaveLength(100);
  });
  it('gives two models of the same name (up to case) distinct files', () => {
    const names = certificateFiles([scalar('Twin'), scalar('twin'), scalar('Twin')]).map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => n.endsWith('.gd.potential.json'))).toEqual(['Twin.gd.potential.json', 'twin-2.gd.potential.json', 'Twin-3.gd.potential.json']);
  });
  it('writes JSON that parses back to the certificate, matrices as one row per line', () => {
    const files = certificateFiles([scalar('scalar')]);
    const named = scalar('scalar');
    files.forEach((f, k) => expect(JSON.parse(String(f.content))).toEqual(JSON.parse(JSON.stringify(named[k]!.certificate))));
    expect(String(files[1]!.content)).toContain('"sigma1": [\n        ["5/2"]\n      ]');
    const nested = { a: [[1, 2], [3, 4]], b: { c: [] as unknown[], d: {} }, e: 'x"y', f: null, g: [{ h: 1 }] };
    expect(JSON.parse(formatJson(nested))).toEqual(nested);
  });
  it('is deterministic: the same findings give byte-identical files', () => {
    const once = certificateFiles([scalar('scalar')]);
    expect(certificateFiles([scalar('scalar')])).toEqual(once);
    expect(String(once[0]!.content).endsWith('}\n')).toBe(true);
  });
});
