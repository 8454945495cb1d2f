import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Part, combine } from '../../src/analyses/claims.js';
import { checkVariant } from '../../src/variants/check.js';
import { variantClaims } from '../../src/variants/claims.js';
import { parseVariant } from '../../src/variants/spec.js';

const part = (outcome: Part['outcome'], level: Part['level']): Part => ({ outcome, level, evidence: `${outcome} ${level}` });

describe('claim levels with interval certificates', () => {
  it('combine: the strongest counterexample refutes (proved > certified > numerical); a claim holds at its weakest part', () => {
    expect(combine('C1', 's', [part('fails', 'certified'), part('fails', 'numerical')]).refutedAt).toBe('certified');
    expect(combine('C1', 's', [part('fails', 'certified'), part('fails', 'proved')]).refutedAt).toBe('proved');
    expect(combine('C1', 's', [part('fails', 'numerical'), part('holds', 'certified')]).refutedAt).toBe('numerical');
    expect(combine('C1', 's', [part('holds', 'certified'), part('holds', 'proved')]).level).toBe('certified');
    expect(combine('C1', 's', [part('holds', 'certified'), part('holds', 'numerical')]).level).toBe('numerical');
    expect(combine('C1', 's', [part('holds', 'proved')]).level).toBe('proved');
  });

  it('DirectCopy without a stop gradient: the GD-like field is not a gradient field (the predictor is set with no gradient through it), so C1 is refuted by a certificate', () => {
    const text = readFileSync('proofs/variants/directcopy.yaml', 'utf8').replace('stopGradient: target', 'stopGradient: none\nema: off');
    const check = checkVariant(parseVariant(text, 'directcopy-no-sg'), { samples: 4, seed: 1 });
    expect(check.procedures.map((p) => [p.field.procedure.recipe, p.euclidean.verdict])).toEqual([['identify-then-differentiate', 'not-gradient']]);
    const c1 = variantClaims(check, [])[0]!;
    expect(c1).toMatchObject({ id: 'C1', outcome: 'fails', level: 'refuted', refutedAt: 'certified' });
    expect(c1.evidence[0]).toMatch(/curl of V excludes 0 on a box \(certified\)/);
  });

  it('SimSiam: C1 holds at the level certified (interval curl), not proved', () => {
    const check = checkVariant(parseVariant(readFileSync('proofs/variants/simsiam.yaml', 'utf8'), 'simsiam'), { samples: 4, seed: 1 });
    expect(variantClaims(check, [])[0]).toMatchObject({ outcome: 'holds', level: 'certified' });
  });
});
