/**
 * The certificate kernel on its own terms: its polynomials and parser on hand-worked examples, its
 * objective and fields against MATH.md's closed forms (§4 trace formula, §5 scalar fields) and
 * against the engine (two independent derivations must agree term by term), and the verdicts it
 * gives on genuine, tampered and malformed certificates.
 */
import { describe, expect, it } from 'vitest';
import { Rational, q } from '../../src/exact/rational.js';
import { checkModel } from '../../src/analyses/check-model.js';
import { type Certificate, certificatesOf } from '../../src/certificates/index.js';
import { knownProcedures } from '../../src/certificates/format.js';
import { verifyCertificate } from '../../src/kernel/check.js';
import { FIELD_RECIPES } from '../../src/procedures/index.js';
import { RECIPES, type Recipe, fieldComponents, objective, stateNames } from '../../src/kernel/field.js';
import { parseExpression } from '../../src/kernel/parse.js';
import { type KPoly, addScaled, evaluate, mul, partials, renamed, variable } from '../../src/kernel/poly.js';
import type { Model } from '../../src/model/model.js';
import { seededRandom } from '../../src/numeric/random.js';
import { deriveModel } from '../../src/procedures/derive.js';
import { kernelModel } from '../helpers/kernel-model.js';
import { type ModelOptions, randomModel, randomRational, scalarModel } from '../helpers/models.js';
import { traceFormula } from '../fuzz/oracles.js';

/** A polynomial as sorted "monomial:coefficient" strings, for equality that reads well when it fails. */
const canon = (p: KPoly): string[] => [...p].map(([m, c]) => `${m}:${c}`).sort();
const poly = (text: string, names: string[]): KPoly => parseExpression(text, new Set(names));

describe('kernel polynomials', () => {
  it('multiplies, adds, differentiates, renames and evaluates', () => {
    const [a, b] = [variable('a'), variable('b')];
    const p = mul(addScaled(a, b, q(2)), addScaled(a, b, q(-1))); // (a + 2b)(a − b) = a² + ab − 2b²
    expect(canon(p)).toEqual(['a*a:1', 'a*b:1', 'b*b:-2']);
    const d = partials(p);
    expect(canon(d.get('a')!)).toEqual(['a:2', 'b:1']);
    expect(canon(d.get('b')!)).toEqual(['a:1', 'b:-4']);
    expect(canon(renamed(p, () => 'a'))).toEqual([]); // a² + a² − 2a² = 0: cancelled terms vanish
    expect(evaluate(p, (v) => (v === 'a' ? q(3) : q(1, 2))).toString()).toBe('10'); // 9 + 3/2 − 1/2
  });
  it('differentiates powers: ∂(a³b)/∂a = 3a²b', () => {
    expect(canon(partials(poly('a^3*b', ['a', 'b'])).get('a')!)).toEqual(['a*a*b:3']);
  });
});

describe('kernel parser', () => {
  const names = ['a', 'b', 'A_1_1'];
  it.each([
    ['(a + 1)^2', ['', 'a', 'a*a'], ['1', '2', '1']],
    ['-a^2', ['a*a'], ['-1']],
    ['3/2*a*b - 1/3', ['', 'a*b'], ['-1/3', '3/2']],
    ['- - a', ['a'], ['1']],
    ['2*(a - b)/4 + 0.5*b', ['a'], ['1/2']],
    ['A_1_1^0', [''], ['1']],
  ])('%s', (text, monomials, coefficients) => {
    const p = poly(text, names);
    expect(canon(p)).toEqual(monomials.map((m, k) => `${m}:${coefficients[k]}`).sort());
  });
  it.each([
    ['c + 1', /unexpected 'c'/],
    ['a / b', /expected a number after \//],
    ['a / 0', /division by zero/],
    ['a^65', /exponent/],
    ['a^-1', /exponent/],
    ['(a + 1', /expected '\)'/],
    ['a b', /unexpected 'b'/],
    ['a +', /unexpected end/],
    ['a ; b', /unexpected ';'/],
    ['('.repeat(101) + 'a' + ')'.repeat(101), /nested deeper/],
  ])('refuses %s', (text, message) => {
    expect(() => poly(text, names)).toThrow(message);
  });
  it('reads a long sum in linear time and deep sign chains without recursion', () => {
    const n = 20_000;
    const text = Array.from({ length: n }, (_, k) => `${k + 1}*a^${k % 5}`).join(' + ');
    const t0 = performance.now();
    expect(poly(text, names).size).toBe(5);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(canon(poly('-'.repeat(100_001) + 'a', names))).toEqual(['a:-1']);
  });
});

describe('kernel objective and fields against MATH.md', () => {
  const s = q(5, 2);
  const c = q(2);
  const scalar = kernelModel(scalarModel(s, c));
  const scalarNames = ['A_1_1', 'B_1_1', 'T_1_1'];
  it('F = ½ s a²b² − c a b t + ½ s t² on the scalar model (§5)', () => {
    expect(canon(objective(scalar, () => true))).toEqual(canon(poly('5/4*A_1_1^2*B_1_1^2 - 2*A_1_1*B_1_1*T_1_1 + 5/4*T_1_1^2', scalarNames)));
  });
  it("knows the same recipes as the engine's procedures", () => {
    expect([...RECIPES]).toEqual([...FIELD_RECIPES]);
  });
  it('the scalar GD, SG and EMA fields of §5', () => {
    const expected: Record<Recipe, string[]> = {
      'identify-then-differentiate': ['-A_1_1*(B_1_1^2*5/2 - 2*B_1_1*2 + 5/2)', '-A_1_1^2*(B_1_1*5/2 - 2)'],
      'differentiate-then-identify': ['-A_1_1*B_1_1*(B_1_1*5/2 - 2)', '-A_1_1^2*(B_1_1*5/2 - 2)'],
      'moving-average': ['-B_1_1*(B_1_1*A_1_1*5/2 - T_1_1*2)', '-(B_1_1*A_1_1*5/2 - T_1_1*2)*A_1_1', 'A_1_1 - T_1_1'],
    };
    for (const recipe of RECIPES) {
      const names = stateNames(scalar, recipe);
      const V = fieldComponents(scalar, recipe, names, false);
      names.forEach((v, k) => expect(canon(V.get(v)!), `${recipe} ${v}`).toEqual(canon(poly(expected[recipe][k]!, scalarNames))));
    }
  });

  const shapes: Array<[string, ModelOptions]> = [
    ['square 2×2 with decay and rates', { p: 2, q: 2, weightDecay: q(1, 10), predictorRate: q(3), emaRate: q(1, 4) }],
    ['rectangular 3→2, asymmetric moments', { p: 3, q: 2, asymmetric: true, weightDecay: q(1, 3), predictorRate: q(1, 2) }],
    ['rectangular 2→3', { p: 2, q: 3, asymmetric: true }],
    ['diagonal encoder and predictor 3→2', { p: 3, q: 2, encoder: 'diagonal', predictor: 'diagonal', asymmetric: true }],
    ['identity predictor 2×2', { p: 2, q: 2, predictor: 'identity', weightDecay: q(1, 2), emaRate: q(2) }],
    ['scalar encoder 2×2', { p: 2, q: 2, encoder: 'scalar', asymmetric: true, predictorRate: q(2) }],
  ];

  describe.each(shapes)('%s', (_, options) => {
    const model = randomModel({ ...options, seed: 7 * options.p + options.q });
    const km = kernelModel(model);
    it('F equals the trace formula at random rational points', () => {
      const F = objective(km, () => true);
      const rng = seededRandom(11);
      for (let trial = 0; trial < 5; trial++) {
        const point = new Map<string, Rational>();
        const value = (v: string) => {
          if (!point.has(v)) point.set(v, randomRational(rng, 3));
          return point.get(v)!;
        };
        expect(evaluate(F, value).toString()).toBe(traceFormula(model, value).toString());
      }
    });
    it('every field component equals the engine’s, term by term (V and P⁻¹V)', () => {
      const d = deriveModel(model);
      for (const p of d.procedures) {
        const names = stateNames(km, p.procedure.recipe);
        expect(names).toEqual(p.stateNames);
        for (const rateAdjusted of [false, true]) {
          const V = fieldComponents(km, p.procedure.recipe, names, rateAdjusted);
          p.field.forEach((f, k) => {
            const engine = rateAdjusted ? f.scale(p.rates[k]!.inv()) : f;
            expect(canon(V.get(names[k]!)!), `${p.procedure.name} ${names[k]}`).toEqual(canon(poly(engine.toString(), names)));
          });
        }
      }
    });
    it('restricting F to the needed terms does not change the wanted components', () => {
      for (const recipe of RECIPES) {
        const names = stateNames(km, recipe);
        const all = fieldComponents(km, recipe, names, false);
        for (const v of names) expect(canon(fieldComponents(km, recipe, [v], false).get(v)!)).toEqual(canon(all.get(v)!));
      }
    });
  });
});

/** Certificates of a model as the engine writes them, parsed back to plain objects. */
function certificates(model: Model): Array<{ name: string; certificate: Certificate }> {
  return certificatesOf(checkModel(model, { samples: 2, seed: 1, analyses: ['integrability'] }), 'test').map((c) => ({ name: c.name, certificate: JSON.parse(JSON.stringify(c.certificate)) }));
}
// As `ncssl verify` calls it: with the engine's procedures, so a name must come with its own recipe.
const verify = (c: unknown) => verifyCertificate(JSON.stringify(c), { procedures: knownProcedures() });

describe('verifyCertificate', () => {
  const model = randomModel({ p: 2, q: 2, seed: 3, weightDecay: q(1, 10), predictorRate: q(2), emaRate: q(1, 2) });
  const all = certificates(model);
  const byName = (name: string) => structuredClone(all.find((c) => c.name === name)!.certificate) as Certificate & Record<string, any>;

  it('accepts every certificate the engine writes, of both kinds and both fields', () => {
    expect(all.map((c) => c.name)).toEqual(['gd.curl', 'gd.rate-adjusted.potential', 'sg.curl', 'sg.rate-adjusted.curl', 'ema.curl', 'ema.rate-adjusted.curl']);
    for (const { name, certificate } of all) expect(verify(certificate), name).toMatchObject({ status: 'accepted' });
    expect(verify(byName('gd.curl')).reason).toMatch(/^the gd field V is not the gradient of any C² function: /);
    expect(verify(byName('gd.rate-adjusted.potential')).reason).toMatch(/^the gd field \(P⁻¹V\) is a gradient field/);
  });

  const bump = (x: string) => Rational.parse(x)!.add(Rational.ONE).toString();
  const tampers: Array<[string, string, (c: Record<string, any>) => void]> = [
    ['a claimed derivative', 'sg.curl', (c) => (c.evidence.dVi_dxj = bump(c.evidence.dVi_dxj))],
    ['the other claimed derivative', 'sg.curl', (c) => (c.evidence.dVj_dxi = bump(c.evidence.dVj_dxi))],
    ['both values made equal', 'sg.curl', (c) => (c.evidence.dVj_dxi = c.evidence.dVi_dxj)],
    ['the point (every coordinate moved)', 'sg.curl', (c) => Object.keys(c.evidence.point).forEach((k) => (c.evidence.point[k] = bump(c.evidence.point[k])))],
    ['the pair (swapped)', 'sg.curl', (c) => ([c.evidence.i, c.evidence.j] = [c.evidence.j, c.evidence.i])],
    ['the pair (another coordinate)', 'sg.curl', (c) => (c.evidence.j = c.evidence.j === 'B_2_2' ? 'B_2_1' : 'B_2_2')],
    ['the pair (i = j)', 'sg.curl', (c) => (c.evidence.j = c.evidence.i)],
    ['the pair (unknown coordinate)', 'sg.curl', (c) => (c.evidence.j = 'T_1_1')],
    ['a point coordinate removed', 'sg.curl', (c) => delete c.evidence.point.B_1_2],
    ['a point coordinate added', 'sg.curl', (c) => (c.evidence.point.T_1_1 = '1')],
    ['a model moment', 'sg.curl', (c) => (c.model.moments.sigma12[0][0] = bump(c.model.moments.sigma12[0][0]))],
    ['the predictor rate', 'gd.curl', (c) => (c.model.predictorRate = '3')],
    ['the weight decay', 'gd.rate-adjusted.potential', (c) => (c.model.weightDecay = '1/5')],
    ['a potential term', 'gd.rate-adjusted.potential', (c) => (c.evidence.potential = c.evidence.potential.replace(/^(-?)(\d+)/, (_: string, s: string, n: string) => `${s}${Number(n) + 1}`))],
    ['a potential term dropped', 'gd.rate-adjusted.potential', (c) => (c.evidence.potential = c.evidence.potential.replace(/ [+-] [^+-]+$/, ''))],
    ['a model moment under a potential', 'gd.rate-adjusted.potential', (c) => (c.model.moments.sigma1[1][1] = bump(c.model.moments.sigma1[1][1]))],
    ['the field (P⁻¹V → V)', 'gd.rate-adjusted.potential', (c) => (c.field = 'V')],
    ['the procedure (gd → sg)', 'gd.rate-adjusted.potential', (c) => (c.procedure = 'sg')],
    ['the procedure and its recipe (gd → sg)', 'gd.rate-adjusted.potential', (c) => ((c.procedure = 'sg'), (c.recipe = 'differentiate-then-identify'))],
    ['the kind (curl → potential)', 'sg.curl', (c) => ((c.kind = 'potential'), (c.evidence.potential = '0'))],
    ['a potential that does not parse', 'gd.rate-adjusted.potential', (c) => (c.evidence.potential = 'A_1_1 +* 2')],
    ['a potential in an unknown variable', 'gd.rate-adjusted.potential', (c) => (c.evidence.potential += ' + Z_1_1')],
  ];
  it.each(tampers)('rejects a tampered certificate: %s', (_, name, tamper) => {
    const c = byName(name);
    tamper(c);
    expect(verify(c)).toMatchObject({ status: 'rejected' });
  });

  it('accepts a changed rate when the claim does not depend on it: P⁻¹V of GD is −∇(E + λ/2‖x‖²) for every α', () => {
    const c = byName('gd.rate-adjusted.potential');
    c.model.predictorRate = '7/3';
    expect(verify(c)).toMatchObject({ status: 'accepted' });
  });

  const malformed: Array<[string, (c: Record<string, any>) => unknown]> = [
    ['another format version', (c) => ({ ...c, format: 'ncssl-certificate/1' })],
    ['an unknown recipe', (c) => ((c.recipe = 'adam'), c)],
    ['no recipe', (c) => ((c.recipe = undefined), c)],
    ['an unknown kind', (c) => ({ ...c, kind: 'lyapunov' })],
    ['no model', (c) => ({ ...c, model: undefined })],
    ['a moment as a JSON number', (c) => ((c.model.moments.sigma1[0][0] = 2), c)],
    ['a moment that is not a number', (c) => ((c.model.moments.sigma1[0][0] = 'NaN'), c)],
    ['a moment matrix of the wrong shape', (c) => ((c.model.moments.sigma2 = [['1']]), c)],
    ['a dimension beyond the kernel’s bound', (c) => ((c.model.encoder.in = 65), c)],
    ['a state dimension beyond the kernel’s bound', (c) => ((c.model.encoder = { kind: 'linear', in: 30, out: 30 }), c)],
    ['a negative rate', (c) => ((c.model.emaRate = '-1'), c)],
    ['an unknown procedure', (c) => ((c.procedure = 'adam'), c)],
    ['no evidence', (c) => ((c.evidence = null), c)],
    ['a point value that is not a number', (c) => ((c.evidence.point.A_1_1 = '1e9999'), c)],
    ['an array', () => []],
  ];
  it.each(malformed)('calls malformed: %s', (_, change) => {
    expect(verify(change(byName('sg.curl')))).toMatchObject({ status: 'malformed' });
  });
  it('calls text that is not JSON malformed, with a one-line reason', () => {
    const v = verifyCertificate('{"format": \n', { procedures: knownProcedures() });
    expect(v.status).toBe('malformed');
    expect(v.reason).not.toMatch(/\n/);
  });
});
