/**
 * Statements on families (specs with symbols): each evidence kind's family reading against the
 * numeric engine at instances of the family (a verdict for all admissible values must be the
 * numeric verdict at every sampled admissible value; a refutation at a sampled value must be one
 * there), against d/dt of the quantity along the family's field, and end to end: a family's spec
 * changed so that verdicts flip is noticed by `prove` (exit 1, named), and the table and the
 * report show family rows with how far each verdict reaches.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkModel } from '../../src/analyses/check-model.js';
import { Rational } from '../../src/exact/rational.js';
import { instantiate } from '../../src/family/admissible.js';
import { checkFamily } from '../../src/family/check.js';
import type { Family } from '../../src/family/family.js';
import { loadAnySpecFile } from '../../src/family/spec.js';
import { Poly } from '../../src/poly/poly.js';
import { getEvidence } from '../../src/statements/evidence/index.js';
import { parseQuantity, quantityEntries } from '../../src/statements/matrix-quantity.js';
import { verdictWords } from '../../src/statements/statement.js';
import { runCli } from '../helpers/cli.js';

const root = mkdtempSync(join(tmpdir(), 'ncssl-prove-family-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function family(file: string): Family {
  const spec = loadAnySpecFile(`proofs/models/${file}`);
  if (spec.kind !== 'family') throw new Error(`${file} is not a family`);
  return spec.family;
}

const QUANTITY = 'A A^T - B^T B';
/** Each kind with its parameters, and the numeric analyses its numeric reading needs. */
const READINGS: Array<[string, Record<string, unknown>, string[]]> = [
  ['gradient', { procedure: 'gd' }, ['integrability']],
  ['not-gradient', { procedure: 'sg' }, ['integrability']],
  ['not-gradient', { procedure: 'ema' }, ['integrability']],
  ['collapses', { procedure: 'gd' }, ['collapse']],
  ['collapses', { procedure: 'sg' }, ['collapse']],
  ['conserves', { procedure: 'sg', quantity: QUANTITY }, ['invariants']],
  ['conserves', { procedure: 'ema', quantity: QUANTITY }, ['invariants']],
  ['stable-equilibria', { procedure: 'sg', points: 'non-collapsed' }, ['equilibria', 'stability']],
];

describe('family readings against the numeric engine at instances', () => {
  it.each(['scalar-symbolic.yaml', 'rectangular-symbolic.yaml'])('%s: a verdict for all admissible values is the numeric one at sampled values', (file) => {
    const f = family(file);
    const check = checkFamily(f, { seed: 1 });
    const instances = check.samples.slice(0, 2);
    expect(instances.length).toBe(2);
    let compared = 0;
    for (const [kind, params, analyses] of READINGS) {
      const verdict = getEvidence(kind)!.family(check, params);
      expect(verdict.scope, `${kind} ${JSON.stringify(params)}`).toBeDefined();
      // "Holds in part" and undecided say nothing about each value; a sampled verdict is tested below.
      if (verdict.scope !== 'all' || !['holds', 'fails'].includes(verdict.outcome)) continue;
      for (const values of instances) {
        const numeric = getEvidence(kind)!.verdict(checkModel(instantiate(f, values), { samples: 4, seed: 1, analyses }), params);
        expect(numeric.outcome, `${file} ${kind} ${JSON.stringify(params)} at ${[...values].join(' ')}`).toBe(verdict.outcome);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(8);
  });

  it('rectangular family: A A^T - B^T B refuted at a sampled alpha, which the numeric engine confirms there, and conserved at alpha = 1', () => {
    const f = family('rectangular-symbolic.yaml');
    const check = checkFamily(f, { seed: 1 });
    for (const procedure of ['sg', 'ema']) {
      const v = getEvidence('conserves')!.family(check, { procedure, quantity: QUANTITY });
      expect([v.outcome, v.level, v.scope]).toEqual(['fails', 'refuted', 'sampled']);
      expect(v.evidence[0]).toContain('it is conserved exactly where alpha - 1 = 0');
      const alpha = /not at alpha = (\S+), a sampled admissible value/.exec(v.evidence[0]!)![1]!;
      const at = (a: Rational) => getEvidence('conserves')!.verdict(checkModel(instantiate(f, new Map([['alpha', a]])), { samples: 4, seed: 1, analyses: ['invariants'] }), { procedure, quantity: QUANTITY });
      expect(at(Rational.parse(alpha)!).outcome).toBe('fails');
      expect(at(Rational.ONE).outcome).toBe('holds');
    }
  });

  it('conserves agrees with d/dt of each entry along the family field, identically in the symbols', () => {
    for (const file of ['scalar-symbolic.yaml', 'linear-2x2-symbolic.yaml', 'rectangular-symbolic.yaml']) {
      const check = checkFamily(family(file), { seed: 1 });
      for (const p of check.procedures) {
        if (p.fp.procedure.name === 'gd') continue;
        const entries = quantityEntries(parseQuantity(QUANTITY), check.derivation.params)!.flat();
        const conserved = entries.every((q) => Poly.sum(q.ring, p.fp.state.map((v, k) => q.derivative(v).mul(p.fp.field[k]!))).isZero());
        const v = getEvidence('conserves')!.family(check, { procedure: p.fp.procedure.name, quantity: QUANTITY });
        expect(v.outcome, `${file} ${p.label}`).toBe(conserved ? 'holds' : 'fails');
      }
    }
  });
});

const SCALAR_FAMILY = readFileSync('proofs/models/scalar-symbolic.yaml', 'utf8');
const statement = (name: string, evidence: string, expect: string) =>
  `name: ${name}\nwords: A statement for a test.\nlatex: 'x = 1'\nevidence: ${evidence}\nmodels:\n  - {model: models/family.yaml, ${expect}}\n`;
const STATEMENTS = {
  'sg-balance.yaml': statement('sg-balance', `{kind: conserves, procedure: sg, quantity: ${QUANTITY}}`, 'expect: holds, level: proved'),
  'gd-collapse.yaml': statement('gd-collapse', '{kind: collapses, procedure: gd}', 'expect: holds, level: proved'),
  'sg-curl.yaml': statement('sg-curl', '{kind: not-gradient, procedure: sg}', 'expect: holds, level: proved'),
};

/** A folder with `spec` as models/family.yaml and the three statements beside it. */
function folder(name: string, spec: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'models'), { recursive: true });
  writeFileSync(join(dir, 'models', 'family.yaml'), spec);
  for (const [file, text] of Object.entries(STATEMENTS)) writeFileSync(join(dir, file), text);
  return dir;
}

describe('ncssl prove on a family', () => {
  it('agrees on the scalar family, and the table, the report and its data show family rows with their reach', async () => {
    const dir = folder('agrees', SCALAR_FAMILY);
    const out = join(dir, 'out');
    const r = await runCli(['prove', dir, '--out', out, '--format', 'md,json']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const model = join(dir, 'models/family.yaml');
    for (const name of ['gd-collapse', 'sg-balance', 'sg-curl']) {
      expect(r.stdout).toMatch(new RegExp(`${name} +${model.replace(/[.\\/]/g, '\\$&')} +holds \\(proved for all admissible values\\) +holds \\(proved\\) +yes\\n`));
    }
    const md = readFileSync(join(out, 'statements.md'), 'utf8');
    expect(md).toContain('One model is a family (a spec with symbols: scalar-symbolic in c, s, tau)');
    expect(md).toContain('holds (proved for all admissible values)');
    const json = JSON.parse(readFileSync(join(out, 'statements.json'), 'utf8')) as { sections: Array<{ data?: { rows: Array<{ verdict: { scope?: string } }> } }> };
    const scopes = json.sections.slice(1).flatMap((s) => s.data!.rows.map((row) => row.verdict.scope));
    expect(scopes).toEqual(['all', 'all', 'all']);
  });

  it('notices when a change of the family flips verdicts: weight decay breaks the balance for every value, and c < s dropped stops the collapse proof', async () => {
    const spec = SCALAR_FAMILY.replace('  c: [positive, c < s]', '  c: positive\n  lam: positive').replace('emaRate: tau', 'emaRate: tau\nweightDecay: lam');
    expect(spec).not.toBe(SCALAR_FAMILY);
    const dir = folder('flipped', spec);
    const r = await runCli(['prove', dir, '--no-report']);
    expect(r.code).toBe(1);
    const model = join(dir, 'models/family.yaml');
    expect(r.stdout).toContain(
      `disagrees: sg-balance on ${model}: expected holds (proved), got fails (refuted for all admissible values): SG: entry (1,1) of ${QUANTITY}, A_1_1^2 - B_1_1^2, is not conserved for all values of the symbols: for no admissible value`,
    );
    expect(r.stdout).toContain(`disagrees: gd-collapse on ${model}: expected holds (proved), got undecided (inconclusive for the family): GD: the proof stops: the leading principal minor of order 2 of J`);
    // The curl of SG is c·a whatever the decay: still not a gradient field for any c > 0.
    expect(r.stdout).toMatch(/sg-curl .* holds \(proved for all admissible values\) +holds \(proved\) +yes\n/);
    expect(r.stdout).toContain('3 verdicts on 1 model: 2 not as expected');
  });

  it('says how far a verdict reaches in words', () => {
    expect(verdictWords({ outcome: 'holds', level: 'proved', evidence: [] })).toBe('holds (proved)');
    expect(verdictWords({ outcome: 'holds', level: 'proved', evidence: [], scope: 'all' })).toBe('holds (proved for all admissible values)');
    expect(verdictWords({ outcome: 'fails', level: 'refuted', evidence: [], scope: 'sampled' })).toBe('fails (refuted at sampled admissible values)');
    expect(verdictWords({ outcome: 'undecided', level: 'inconclusive', evidence: [], scope: 'all' })).toBe('undecided (inconclusive for the family)');
  });
});
