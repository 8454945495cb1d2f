/** MATH.md §5: the scalar model's fields and curl, in closed form. */
import { describe, expect, it } from 'vitest';
import { q } from '../../src/exact/rational.js';
import { deriveModel } from '../../src/procedures/derive.js';
import { parsePoly } from '../../src/poly/parse.js';
import { scalarModel } from '../helpers/models.js';

const s = q(5, 2);
const c = q(2);

describe('scalar model (MATH.md §5, s = 5/2, c = 2)', () => {
  const d = deriveModel(scalarModel(s, c));
  const ring = d.params.ring;
  const P = (text: string) => parsePoly(ring, text.replaceAll('s', `(${s})`).replaceAll('c', `(${c})`));
  const byName = Object.fromEntries(d.procedures.map((p) => [p.procedure.name, p]));

  it('derives F = ½ s a² b² − c a b t + ½ s t²', () => {
    expect(d.objective.equals(P('1/2*s*A_1_1^2*B_1_1^2 - c*A_1_1*B_1_1*T_1_1 + 1/2*s*T_1_1^2'))).toBe(true);
  });
  it('GD: ȧ = −a(b²s − 2bc + s), ḃ = −a²(bs − c)', () => {
    const gd = byName.gd!;
    expect(gd.stateNames).toEqual(['A_1_1', 'B_1_1']);
    expect(gd.field[0]!.equals(P('-A_1_1*(B_1_1^2*s - 2*B_1_1*c + s)'))).toBe(true);
    expect(gd.field[1]!.equals(P('-A_1_1^2*(B_1_1*s - c)'))).toBe(true);
  });
  it('SG: ȧ = −ab(bs − c), ḃ = −a²(bs − c), curl a c', () => {
    const sg = byName.sg!;
    expect(sg.field[0]!.equals(P('-A_1_1*B_1_1*(B_1_1*s - c)'))).toBe(true);
    expect(sg.field[1]!.equals(P('-A_1_1^2*(B_1_1*s - c)'))).toBe(true);
    const curl = sg.jacobian[1]![0]!.sub(sg.jacobian[0]![1]!);
    expect(curl.equals(P('A_1_1*c'))).toBe(true);
  });
  it('EMA: the target follows ṫ = τ(a − t)', () => {
    const tau = q(1, 2);
    const ema = deriveModel(scalarModel(s, c, { emaRate: tau })).procedures[2]!;
    const P2 = (text: string) => parsePoly(ema.field[0]!.ring, text.replaceAll('s', `(${s})`).replaceAll('c', `(${c})`));
    expect(ema.stateNames).toEqual(['A_1_1', 'B_1_1', 'T_1_1']);
    expect(ema.field[0]!.equals(P2('-B_1_1*(B_1_1*A_1_1*s - T_1_1*c)'))).toBe(true);
    expect(ema.field[1]!.equals(P2('-(B_1_1*A_1_1*s - T_1_1*c)*A_1_1'))).toBe(true);
    expect(ema.field[2]!.equals(P2('1/2*(A_1_1 - T_1_1)'))).toBe(true);
  });
});
