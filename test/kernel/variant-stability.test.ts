/**
 * The variant-stability kind (issue 12, item 3): the engine's certified stable limits of a 2→1
 * SimSiam with weight decay (isolated equilibria) are accepted by the kernel, which encloses V and
 * DV itself; tampering with the point, the radius, P or the data is rejected.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { certificateFiles } from '../../src/certificates/index.js';
import { checkVariantSpec } from '../../src/cli/check.js';
import { knownProcedures, knownVariantProcedures } from '../../src/certificates/format.js';
import { variantStabilityCertificate } from '../../src/certificates/variant-stability.js';
import { certifyStabilityAt } from '../../src/interval/certified-stability.js';
import { verifyCertificate } from '../../src/kernel/check.js';
import { deriveVariant } from '../../src/variants/fields.js';
import { variantLimits } from '../../src/variants/limits.js';
import { parseVariant } from '../../src/variants/spec.js';

const OPTIONS = { procedures: knownProcedures(), variantProcedures: knownVariantProcedures() };
const verify = (certificate: unknown) => verifyCertificate(JSON.stringify(certificate), OPTIONS);

const spec = (procedure: string) =>
  [procedure, 'loss: squared', 'encoder: {kind: linear, in: 2, out: 1}', 'predictor: {kind: linear}', 'weightDecay: 1/20', 'emaRate: 1/2',
    'data: {pairs: [[[1, 0], [1, 1/2]], [[0, 1], [1/4, 1]], [[-1, 0], [-1, -1/4]], [[0, -1], [-1/2, -1]]]}'].join('\n');

/** Certificates of the certified stable limits of the variant's only procedure. */
function certificates(procedure: string) {
  const v = parseVariant(spec(procedure), 'q1');
  const { layout, fields } = deriveVariant(v);
  const field = fields[0]!;
  const limits = variantLimits(v, field, { flows: 4, seed: 1 }).limits.filter((l) => l.status === 'rest');
  return limits.flatMap((l, k) => {
    const c = certifyStabilityAt(layout.dag, field.field, Float64Array.from(l.point));
    return c.verdict === 'stable' ? [variantStabilityCertificate(v, field.procedure, field.stateNames, k + 1, c, 'q1.yaml').certificate] : [];
  });
}

describe('variant-stability certificates', () => {
  it.each(['stopGradient: target', 'ema: on'])('%s: every certified limit is accepted by the kernel', (procedure) => {
    const certs = certificates(procedure);
    expect(certs.length).toBeGreaterThan(0);
    for (const c of certs) {
      const verdict = verify(c);
      expect(verdict, JSON.stringify(verdict)).toMatchObject({ status: 'accepted' });
      expect(verdict.reason).toMatch(/exactly one zero in the box .* asymptotically stable: P ≻ 0 and −\(JᵀP \+ PJ\) ≻ 0/);
    }
  });

  it('rejects a moved point, a box too large, a P that is not a Lyapunov matrix, and other data', () => {
    const c = certificates('stopGradient: target')[0]! as unknown as { evidence: { point: Record<string, string>; radius: string; lyapunov: string[][] }; model: { pairs: string[][][] } };
    const edit = (f: (x: typeof c) => void) => {
      const copy = JSON.parse(JSON.stringify(c)) as typeof c;
      f(copy);
      return verify(copy);
    };
    expect(edit((x) => (x.evidence.point.A_1_1 = '1/3'))).toMatchObject({ status: 'rejected' });
    expect(edit((x) => (x.evidence.radius = '1/2'))).toMatchObject({ status: 'rejected' });
    expect(edit((x) => (x.evidence.lyapunov = x.evidence.lyapunov.map((row, i) => row.map((_, j) => (i === j ? '-1' : '0')))))).toMatchObject({ status: 'rejected', reason: 'P is not positive definite' });
    // Symmetric and positive definite but far from the Lyapunov matrix: −(JᵀP + PJ) is not definite.
    expect(edit((x) => (x.evidence.lyapunov = x.evidence.lyapunov.map((row, i) => row.map((_, j) => (i === j ? (i === 0 ? '1000000' : '1/1000000') : '0')))))).toMatchObject({ status: 'rejected' });
    expect(edit((x) => (x.model.pairs[0]![1]![0] = '3'))).toMatchObject({ status: 'rejected' });
    expect(edit((x) => (x.evidence.lyapunov[0]![1] = '12345'))).toMatchObject({ status: 'rejected' });
  });

  it('check --certificates on the bundled one-code SimSiam writes one per certified limit, all accepted', () => {
    const path = 'proofs/variants/simsiam-one-code.yaml';
    const spec = checkVariantSpec(path, parseVariant(readFileSync(path, 'utf8'), 'simsiam-one-code'), { samples: 8, seed: 1, points: 3, flows: 12 }, { json: true, certificates: true });
    const files = certificateFiles([spec.certificates]).filter((f) => f.name.endsWith('.variant-stability.json'));
    // All 12 limits are isolated and stable: the 10 non-collapsed ones and the collapsed point A = 0.
    expect(files.map((f) => f.name)).toHaveLength(12);
    for (const f of files) expect(verifyCertificate(f.content as string, OPTIONS), f.name).toMatchObject({ status: 'accepted' });
  });
});
