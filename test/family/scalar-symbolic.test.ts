/**
 * The worked scalar example of docs/math.md §5, in symbols: every formula the family check states
 * is compared with the closed form written out by hand here, and the claims must all hold, proved.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkFamily } from '../../src/family/check.js';
import { pointCoordinates } from '../../src/family/points.js';
import { parseAnySpec } from '../../src/family/spec.js';
import type { Family } from '../../src/family/family.js';
import { parsePoly } from '../../src/poly/parse.js';
import type { Poly } from '../../src/poly/poly.js';

function family(): Family {
  const spec = parseAnySpec(readFileSync('proofs/models/scalar-symbolic.yaml', 'utf8'), 'scalar-symbolic');
  if (spec.kind !== 'family') throw new Error('expected a family');
  return spec.family;
}

const check = checkFamily(family(), { seed: 1 });
const ring = check.derivation.params.ring;
/** The hand-written closed forms use a, b, t for A_1_1, B_1_1, T_1_1. */
const p = (text: string): Poly => parsePoly(ring, text.replace(/\ba\b/g, 'A_1_1').replace(/\bb\b/g, 'B_1_1').replace(/\bt\b/g, 'T_1_1'));
const procedure = (name: string) => check.procedures.find((x) => x.fp.procedure.name === name)!;

describe('the scalar family in s, c, τ (docs/math.md §5)', () => {
  it('E(a, b) = ½a²(sb² − 2bc + s)', () => {
    const E = check.derivation.objective.substitute(ring.indexOf('T_1_1'), p('a'));
    expect(E.equals(p('1/2*a^2*(s*b^2 - 2*b*c + s)'))).toBe(true);
  });

  it('the three fields', () => {
    const fields = Object.fromEntries(check.procedures.map((x) => [x.fp.procedure.name, x.fp.field]));
    expect(fields.gd![0]!.equals(p('-a*(s*b^2 - 2*b*c + s)'))).toBe(true);
    expect(fields.gd![1]!.equals(p('-a^2*(s*b - c)'))).toBe(true);
    expect(fields.sg![0]!.equals(p('-a*b*(s*b - c)'))).toBe(true);
    expect(fields.sg![1]!.equals(p('-a^2*(s*b - c)'))).toBe(true);
    expect(fields.ema![0]!.equals(p('-b*(s*a*b - c*t)'))).toBe(true);
    expect(fields.ema![1]!.equals(p('-a*(s*a*b - c*t)'))).toBe(true);
    expect(fields.ema![2]!.equals(p('tau*(a - t)'))).toBe(true);
  });

  it('GD is a gradient field with Φ = E; SG has curl −ac, nonzero for every admissible c', () => {
    const gd = procedure('gd').integrability;
    expect(gd.kind === 'gradient' && gd.isObjectivePlusDecay).toBe(true);
    const sg = procedure('sg').integrability;
    if (sg.kind !== 'not-gradient') throw new Error('expected SG not to be a gradient field');
    expect(sg.witness.curl.equals(p('-a*c'))).toBe(true);
    expect(sg.everywhere).toBe(true);
    expect(sg.witness.proof?.conclusion).toBe('negative');
  });

  it('SG conserves a² − b²', () => {
    expect(procedure('sg').invariants.quantities.map(String)).toEqual([p('a^2 - b^2').toString()]);
  });

  it('SG: equilibria a = 0 (b free) and b = c/s (a ≠ 0) with eigenvalues {0, −a²s}, stable for all a ≠ 0', () => {
    const sg = procedure('sg');
    const residual = sg.points.find((x) => x.point.component === 'residual')!;
    expect(pointCoordinates(residual.point, sg.fp.state)).toEqual(['A_1_1', 'c/s']);
    expect(residual.stability.kernel).toBe(1);
    // r(λ) = λ + a²s: the nonzero eigenvalue is −a²s.
    expect(residual.stability.reduced.map(String)).toEqual(['1', p('a^2*s').toString()]);
    expect(residual.stability.verdict).toBe('stable');
    const collapsed = sg.points.find((x) => x.point.component === 'collapsed')!;
    expect(pointCoordinates(collapsed.point, sg.fp.state)).toEqual(['0', 'B_1_1']);
    // The collapsed line: eigenvalue b(c − sb), stable exactly where b(sb − c) > 0.
    expect(collapsed.stability.conditions.map((c) => c.polynomial.toString())).toEqual([p('s*b^2 - c*b').toString()]);
    expect(collapsed.stability.verdict).toBe('conditional');
  });

  it('EMA: r(λ) = sλ² + (a²s² + c² + sτ)λ + a²s²τ, Routh–Hurwitz proved for all a ≠ 0, τ > 0', () => {
    const ema = procedure('ema');
    const residual = ema.points.find((x) => x.point.component === 'residual')!;
    expect(pointCoordinates(residual.point, ema.fp.state)).toEqual(['A_1_1', 'c/s', 'A_1_1']);
    expect(residual.stability.reduced.map(String)).toEqual([p('s'), p('a^2*s^2 + c^2 + s*tau'), p('a^2*s^2*tau')].map(String));
    expect(residual.stability.conditions.every((c) => c.proof !== null)).toBe(true);
    expect(residual.stability.verdict).toBe('stable');
  });

  it('GD collapses for all 0 < c < s: J = [[s, c], [c, s]] has minors s and s² − c², both proved positive', () => {
    const c = procedure('gd').collapse!;
    expect(c.proved).toBe(true);
    expect(c.minors.map((m) => m.minor.toString())).toEqual([p('s'), p('s^2 - c^2')].map(String));
    expect(c.minors[1]!.proof!.substitutions.map((s) => `${s.target} = ${s.by}`)).toEqual(['s = c + d_1']);
  });

  it('every claim holds, proved', () => {
    expect(check.claims.map((c) => `${c.id} ${c.outcome} ${c.level}`)).toEqual(['C1 holds proved', 'C2 holds in part proved', 'C3 holds proved', 'C4 holds proved']);
    expect(check.validity.hypotheses).toEqual([]);
  });
});
