/**
 * Issue 9, finding 4: the kernel bounds its own work before expanding anything. A 430-byte
 * certificate whose potential is ((A_1_1+B_1_1+1)^64)^8 (nested exponents multiply: degree 512)
 * made `verify` run forever; now it is refused as malformed at once, naming the field and the bound.
 */
import { describe, expect, it } from 'vitest';
import { knownProcedures } from '../../src/certificates/format.js';
import { certificatesOf } from '../../src/certificates/index.js';
import { checkModel } from '../../src/analyses/check-model.js';
import { KERNEL_BOUNDS, certificateBounds } from '../../src/kernel/bounds.js';
import { verifyCertificate } from '../../src/kernel/check.js';
import { KernelWorkExceeded, meterWork } from '../../src/kernel/meter.js';
import { parseExpression } from '../../src/kernel/parse.js';
import { mul } from '../../src/kernel/poly.js';
import { loadSpecFile } from '../../src/model/spec.js';

const potential = () => {
  const all = certificatesOf(checkModel(loadSpecFile('proofs/models/scalar.yaml'), { samples: 2, seed: 1, analyses: ['integrability'] }), 'test');
  return JSON.parse(JSON.stringify(all.find((c) => c.name.endsWith('gd.potential'))!.certificate)) as Record<string, any>;
};
const verify = (c: unknown) => verifyCertificate(JSON.stringify(c), { procedures: knownProcedures() });

describe('bounds computed before expanding', () => {
  it('the genuine certificate is accepted (the bounds leave room for it)', () => {
    expect(verify(potential()).status).toBe('accepted');
  });

  it.each([
    ['((A_1_1+B_1_1+1)^64)^8', /degree at most 32 \(nested exponents multiply\), got degree 64/],
    ['((A_1_1+B_1_1+1)^8)^8', /degree at most 32 \(nested exponents multiply\), got degree 64/],
    ['(A_1_1+B_1_1)^20*(A_1_1+B_1_1)^20', /degree at most 32/],
    ['(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)*(1+A_1_1)', /degree at most 32/],
  ])('%s is malformed within milliseconds', (text, message) => {
    const c = potential();
    c.evidence.potential = text;
    const t0 = performance.now();
    const v = verify(c);
    expect(performance.now() - t0).toBeLessThan(200);
    expect(v.status).toBe('malformed');
    expect(v.reason).toMatch(/^evidence\.potential: expected /);
    expect(v.reason).toMatch(message);
  });

  it('counts terms without expanding: the square of a sum of 3000 variables (4.5 million monomials) is over the term bound', () => {
    const text = Array.from({ length: 3000 }, (_, k) => `A_${k}_1`).join('+');
    expect(() => certificateBounds({ e: `(${text})*(${text})` }, KERNEL_BOUNDS)).toThrow(/at most 4000000 terms once expanded/);
  });

  it('meters products as they happen: a product over the work bound is refused before it is computed', () => {
    const a = parseExpression('a+b+c+d', new Set(['a', 'b', 'c', 'd']));
    meterWork(15);
    try {
      expect(() => mul(a, a)).toThrow(KernelWorkExceeded);
    } finally {
      meterWork(Infinity);
    }
    expect(mul(a, a).size).toBe(10);
  });

  it('verify: one line on stderr, exit 2', async () => {
    const { runCli, isOneLineError } = await import('../fuzz/cli.js');
    const c = potential();
    c.evidence.potential = '((A_1_1+B_1_1+1)^64)^8';
    const r = await runCli(['verify', '/dev/stdin'], { input: JSON.stringify(c) });
    expect(JSON.stringify(c).length).toBeLessThan(1000);
    expect(isOneLineError(r), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/not a certificate: evidence\.potential: expected an expression of degree at most 32/);
  });
});
