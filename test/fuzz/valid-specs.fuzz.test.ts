/**
 * Random valid specs: parsing and checking never throw, every proved verdict becomes a certificate,
 * and the kernel accepts every certificate. A few go end to end through the CLI (in-process,
 * test/helpers/cli.ts): `check --certificates`, then `verify`.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/analyses/check-model.js';
import { ANALYSIS_NAMES } from '../../src/analyses/names.js';
import { certificatesOf } from '../../src/certificates/index.js';
import { knownProcedures } from '../../src/certificates/format.js';
import { verifyCertificate } from '../../src/kernel/check.js';
import { parseSpec } from '../../src/model/spec.js';
import { provedVerdictKinds } from '../certificates/proved-verdicts.js';
import { runCli } from './cli.js';
import { validSpec } from './specs.js';

describe('random valid specs', () => {
  // Every analysis (equilibria, stability, … as well) on fewer specs; integrability alone on many.
  it.each([
    ['every analysis', ANALYSIS_NAMES, 30],
    ['integrability', ['integrability'] as const, 150],
  ])('parse, check (%s) without exception, and every certificate re-verifies through the kernel', (_, analyses, numRuns) => {
    fc.assert(
      fc.property(validSpec, fc.integer({ min: 1, max: 1000 }), ({ text }, seed) => {
        const model = parseSpec(text, 'fuzz');
        const check = checkModel(model, { samples: 4, seed, points: 2, flows: 1, analyses: [...analyses] });
        const certificates = certificatesOf(check, 'fuzz');
        expect(certificates.map((c) => c.certificate.kind).sort()).toEqual(provedVerdictKinds(check).sort());
        for (const { name, certificate } of certificates) {
          const verdict = verifyCertificate(JSON.stringify(certificate), { procedures: knownProcedures() });
          expect(verdict.status, `${name}: ${verdict.reason}\n${text}`).toBe('accepted');
        }
      }),
      { numRuns, seed: 7_001 },
    );
  });

  it('end to end through the CLI: check --certificates, then verify accepts them all', async () => {
    const dir = join('test-artifacts', `fuzz-valid-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'specs'), { recursive: true });
    const specs = fc.sample(validSpec, { numRuns: 6, seed: 99 });
    specs.forEach(({ text, ext }, k) => writeFileSync(join(dir, 'specs', `spec-${k}${ext}`), text));
    const check = await runCli(['check', join(dir, 'specs'), '--certificates', join(dir, 'certs'), '--json']);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(JSON.parse(check.stdout)).toHaveLength(specs.length);
    const files = readdirSync(join(dir, 'certs')).sort();
    expect(files.length).toBeGreaterThanOrEqual(specs.length);
    const verify = await runCli(['verify', ...files.map((f) => join(dir, 'certs', f))]);
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout.trim().split('\n')).toHaveLength(files.length);
    expect(verify.stdout).not.toMatch(/rejected/);
    rmSync(dir, { recursive: true, force: true });
  });
});
