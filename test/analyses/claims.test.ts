/**
 * The claims summary against variants whose answer is known by hand: the scalar model of
 * MATH.md §5 (every claim holds, proved), identical views (C3 fails: (a, 1) is a GD equilibrium
 * for every a), a nilpotent Σ1 − Σ12ᵀ with an identity predictor (C4 fails: DV has a Jordan
 * block at 0 everywhere), and an identity predictor with symmetric moments (C1 fails: SG is then
 * V_A = −A(Σ1 − Σ12), the gradient of ½ tr(A(Σ1 − Σ12)Aᵀ)).
 */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/analyses/check-model.js';
import { loadSpecFile, parseSpec } from '../../src/model/spec.js';

/** An SG-only spec with an identity predictor, symmetric moments X + σ²I and cross moments X. */
const identityPredictorSpec = (name: string, out: number) =>
  parseSpec(
    `name: ${name}\nencoder: {kind: linear, in: 2, out: ${out}}\npredictor: {kind: identity}\ndata:\n  covariance: [[2, 1/2], [1/2, 1]]\n  noise: 1/4\nprocedures: [sg]\n`,
    `${name}.yaml`,
  );

const claimsOf = (model: ReturnType<typeof loadSpecFile>) => Object.fromEntries(checkModel(model, { samples: 8, seed: 1 }).claims.map((c) => [c.id, c]));

describe('claims of MATH.md §3 on known variants', () => {
  it('scalar model: C1, C3 hold, proved; C4 holds on the sample, numerical (some stable points are float flow limits); C2 holds in part', () => {
    const claims = claimsOf(loadSpecFile('proofs/models/scalar.yaml'));
    expect(Object.keys(claims).sort()).toEqual(['C1', 'C2', 'C3', 'C4']);
    for (const id of ['C1', 'C3']) expect(claims[id], id).toMatchObject({ outcome: 'holds', level: 'proved' });
    // Every sampled non-collapsed point is stable, but not every one exactly: the level is the weakest.
    expect(claims.C4).toMatchObject({ outcome: 'holds', level: 'numerical' });
    expect(claims.C4!.statement).toMatch(/^every sampled non-collapsed equilibrium .*\(the claim: in general they are\)$/);
    for (const line of claims.C4!.evidence) expect(line).toMatch(/: of (\d+) sampled non-collapsed equilibria, \1 stable \((\d+) proved\)/);
    // MATH.md §5: at (0, b) the SG Jacobian's nonzero eigenvalue is −b(bs − c), negative off [0, c/s]:
    // collapse attracts an open set of starts too, so "avoids collapse" holds from some starts only.
    expect(claims.C2).toMatchObject({ outcome: 'holds in part', level: 'proved' });
    expect(claims.C2!.evidence[0]).toMatch(/^SG: .*collapsed equilibria are stable too .*not from all/);
  });

  it('identical views: C3 fails with a proved counterexample, the others hold', () => {
    const claims = claimsOf(loadSpecFile('proofs/models/noise-free-scalar.yaml'));
    expect(claims.C3).toMatchObject({ outcome: 'fails', level: 'refuted', refutedAt: 'proved' });
    expect(claims.C3!.evidence.join(' ')).toMatch(/B_1_1 = 1/);
    for (const id of ['C1', 'C4']) expect(claims[id]!.outcome, id).toBe('holds');
    expect(claims.C2!.outcome).toBe('holds in part');
  });

  it('nilpotent Σ1 − Σ12ᵀ: C4 fails (every sampled non-collapsed equilibrium proved degenerate)', () => {
    const claims = claimsOf(loadSpecFile('proofs/models/nilpotent-identity.yaml'));
    expect(claims.C4).toMatchObject({ outcome: 'fails', level: 'refuted', refutedAt: 'proved' });
    expect(claims.C3).toBeUndefined(); // no GD in this spec
  });

  it('identity predictor with symmetric moments: C1 fails, SG is a gradient field', () => {
    const claims = claimsOf(identityPredictorSpec('id', 1));
    expect(claims.C1).toMatchObject({ outcome: 'fails', refutedAt: 'proved' });
    expect(claims.C1!.evidence[0]).toMatch(/^SG: V is a gradient field/);
  });

  it('integrability only: C1 decided, the others said to be not analysed', () => {
    const check = checkModel(loadSpecFile('proofs/models/scalar.yaml'), { samples: 0, seed: 1, analyses: ['integrability'] });
    expect(check.claims.map((c) => [c.id, c.outcome])).toEqual([
      ['C1', 'holds'],
      ['C2', 'not analysed'],
      ['C3', 'not analysed'],
      ['C4', 'not analysed'],
    ]);
  });

  it('identity predictor, Σ12 = X, noise σ²: SG is Ȧ = −σ²A, so every flow collapses — C2 fails (numerical), never holds', () => {
    // With B = I: V_A = −(A Σ1 − A Σ12ᵀ) = −A (X + σ² I − X) = −σ² A, by hand.
    const claims = claimsOf(identityPredictorSpec('idpred', 2));
    expect(claims.C2).toMatchObject({ outcome: 'fails', refutedAt: 'numerical' });
  });

  it('with weight decay where every non-collapsed point is unstable, C4 is not said to hold', () => {
    // Scalar SG, λ = 1 > c²/(4s): s b² − c b + λ has no real root, so every equilibrium is collapsed.
    const model = parseSpec('name: wd\nencoder: {kind: linear, in: 1, out: 1}\npredictor: {kind: linear}\ndata:\n  covariance: [[2]]\n  noise: 1/2\nweightDecay: 1\nprocedures: [sg]\n', 'wd.yaml');
    const claims = claimsOf(model);
    expect(claims.C4!.outcome).not.toBe('holds');
    expect(claims.C2!.outcome).not.toBe('holds');
  });
});
