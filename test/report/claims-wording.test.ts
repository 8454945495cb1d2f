/**
 * The report's words for the claims (issue 11, item 2): each claim stated once, as the theory
 * states it, then its outcome on the model with what was shown — on models where a claim holds
 * (the scalar model's C1 and C3, proved), holds in part (its C2: collapse attracts an open set of
 * starts too), holds only on the sample (its C4, numerical), and fails (identical views: C3 with
 * a counterexample; a nilpotent Σ1 − Σ12ᵀ: C4). The outcomes come from checkModel; what is
 * tested here is that the report says them, and says no more.
 */
import { describe, expect, it } from 'vitest';
import { loadSpecFile } from '../../src/model/spec.js';
import { buildReport } from '../../src/report/build.js';
import { type Inline, allSections } from '../../src/report/document.js';

const OPTIONS = { samples: 16, seed: 1 };

/** Each item of the claims list as plain text, math kept as its LaTeX, keyed by claim id. */
function claimItems(spec: string): Record<string, string> {
  const doc = buildReport(loadSpecFile(spec), spec, OPTIONS);
  const section = allSections(doc).find((s) => s.id === 'claims')!;
  const list = section.blocks.find((b) => b.kind === 'list');
  if (!list || list.kind !== 'list') throw new Error('no list of claims');
  const plain = (xs: Inline[]) => xs.map((x) => ('text' in x ? x.text : 'latex' in x ? `$${x.latex}$` : '')).join('');
  return Object.fromEntries(list.items.map((item) => [plain(item).slice(0, 2), plain(item)]));
}

describe('the claims as the report words them', () => {
  const scalar = claimItems('proofs/models/scalar.yaml');

  it('each claim is stated once, as the theory states it, before its outcome', () => {
    expect(Object.keys(scalar).sort()).toEqual(['C1', 'C2', 'C3', 'C4']);
    expect(scalar.C1).toMatch(/^C1 \(optimization view\): the SG and EMA fields are, in general, not the gradient field of any twice-differentiable function, whereas GD is one \(up to the rate matrix\)\. Holds \(proved\): /);
    expect(scalar.C3).toMatch(/^C3 \(linear case\): minimizing \$E\$ itself by GD always leads to collapse.* Holds \(proved\): /);
  });

  it('a claim that holds says so with its level and the findings, proved ones as proved', () => {
    expect(scalar.C1).toMatch(/SG: V is not the gradient of any C\$\^\{2\}\$ function \(proved, curl certificate\)/);
    expect(scalar.C3).toMatch(/joint moment matrix of the two views is positive definite \(proved\)/);
  });

  it('a claim shown on part of the model holds in part and says where it does not: collapse attracts an open set of starts too', () => {
    expect(scalar.C2).toMatch(/ Holds in part \(proved\): /);
    expect(scalar.C2).toMatch(/collapsed equilibria are stable too .*collapse is avoided from an open set of starts, not from all/);
    expect(scalar.C2).not.toMatch(/ Holds \(/);
  });

  it('a claim "in general" shown on the sample only keeps the weakest level and counts the sample', () => {
    expect(scalar.C4).toMatch(/ Holds \(numerical\): SG and EMA, each: of (\d+) sampled non-collapsed equilibria, \1 stable \(\d+ proved\)/);
  });

  it('a claim that fails says so, with the counterexample and its level', () => {
    const identical = claimItems('proofs/models/noise-free-scalar.yaml');
    expect(identical.C3).toMatch(/ Fails on this model \(refuted; counterexample proved\): /);
    expect(identical.C3).toMatch(/counterexample A_1_1 = 1, B_1_1 = 1 is an equilibrium with \$A \\neq 0\$/);
    const nilpotent = claimItems('proofs/models/nilpotent-identity.yaml');
    expect(nilpotent.C4).toMatch(/ Fails on this model \(refuted; counterexample proved\): /);
    expect(nilpotent.C3).toBeUndefined();
  });
});
