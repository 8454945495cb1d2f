/**
 * The variant-curl kind (issue 12, item 3): certificates written by `check --certificates` on the
 * bundled variants are accepted by the kernel, each kind of tampering is rejected, the kernel's
 * interval hyper-dual DV agrees with the engine's float DV and contains the engine's symbolic DV in
 * 80 digits, its DirectPred agrees with an eigendecomposition in floats, and the files are
 * deterministic.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { all, create, type BigNumber } from 'mathjs';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { certificateFiles } from '../../src/certificates/index.js';
import { knownProcedures, knownVariantProcedures } from '../../src/certificates/format.js';
import { variantCertificateModel } from '../../src/certificates/variant-curl.js';
import { checkVariantSpec } from '../../src/cli/check.js';
import { Rational } from '../../src/exact/rational.js';
import { Program } from '../../src/expr/evaluate.js';
import { verifyCertificate } from '../../src/kernel/check.js';
import { type VariantRecipe, jacobianEntry, variantStateNames } from '../../src/kernel/variant/field.js';
import { hdMul, hdTanh, hdVariable } from '../../src/kernel/variant/hyperdual.js';
import { type KInterval, down, kAdd, kDiv, kMul, kPoint, kRational, kSigmoid, kSoftplus, kSqr, kSqrt, kTanh, rationalOfDouble, up } from '../../src/kernel/variant/interval.js';
import { readVariantModel, variantLayout } from '../../src/kernel/variant/model.js';
import { dataViews } from '../../src/kernel/variant/objective.js';
import { seededRandom } from '../../src/numeric/random.js';
import { deriveVariant } from '../../src/variants/fields.js';
import { parseVariant } from '../../src/variants/spec.js';
import type { Variant } from '../../src/variants/variant.js';
import { runCli } from '../helpers/cli.js';

const OPTIONS = { procedures: knownProcedures(), variantProcedures: knownVariantProcedures() };
const verify = (certificate: unknown) => verifyCertificate(typeof certificate === 'string' ? certificate : JSON.stringify(certificate), OPTIONS);
const CHECK = { samples: 8, seed: 1, points: 3, flows: 0 };

/** The certificate files `check --certificates` writes for one spec, in process. */
function certificatesOf(path: string, variant: Variant) {
  return certificateFiles([checkVariantSpec(path, variant, CHECK, { json: true, certificates: true }).certificates]);
}
const load = (path: string) => parseVariant(readFileSync(path, 'utf8'), path.replace(/^.*\/|\.yaml$/g, ''));
const BUNDLED = readdirSync('proofs/variants').filter((f) => f.endsWith('.yaml')).map((f) => join('proofs/variants', f));

const math = create(all, { precision: 80 });
const big = (r: Rational): BigNumber => math.bignumber(r.num.toString()).div(math.bignumber(r.den.toString()));
const contains = (x: KInterval, v: BigNumber) => big(rationalOfDouble(x.lo)).lte(v) && v.lte(big(rationalOfDouble(x.hi)));

describe('variant-curl certificates of the bundled variants', () => {
  it.each(BUNDLED)('%s: every certificate is accepted', (path) => {
    const files = certificatesOf(path, load(path));
    // Only GD on the original objective has no certified curl (its field is a gradient).
    if (path.endsWith('no-sg-no-ema.yaml')) expect(files).toEqual([]);
    else expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(file.name).toMatch(/\.variant-curl\.json$/);
      const verdict = verify(file.content);
      expect(verdict, file.name).toMatchObject({ status: 'accepted' });
      expect(verdict.reason).toMatch(/field (V|\(P⁻¹V\)) of the variant is not the gradient of any C² function: ∂.* ∈ \[.*\] [<>] 0 on the box/);
    }
  });
});

type Cert = { model: Record<string, any>; evidence: Record<string, any>; [k: string]: any };
const certificateOf = (path: string, index = 0): Cert => JSON.parse(String(certificatesOf(path, load(path))[index]!.content));
const tampered = (c: Cert, change: (c: Cert) => void): Cert => {
  const copy = structuredClone(c);
  change(copy);
  return copy;
};

describe('tampering is rejected', () => {
  const simsiam = certificateOf('proofs/variants/simsiam.yaml');
  const tanh = certificateOf('proofs/variants/tanh-2-3-2.yaml');
  const cosine = certificateOf('proofs/variants/cosine-linear.yaml', 1); // the rate-adjusted one
  const negate = (s: string) => Rational.parse(s)!.neg().toString();

  it.each([
    ['squared, linear', simsiam],
    ['tanh MLP', tanh],
    ['cosine, P⁻¹V', cosine],
  ])('%s: sign, point, data, loss, i/j, radius', (_, c) => {
    expect(verify(c).status).toBe('accepted');
    const rejected = (change: (c: Cert) => void, why: RegExp) => {
      const v = verify(tampered(c, change));
      expect(v.status).toBe('rejected');
      expect(v.reason).toMatch(why);
    };
    rejected((t) => (t.evidence.enclosure = t.evidence.enclosure.map(negate).reverse()), /other sign/);
    rejected((t) => (t.evidence.enclosure = ['-1/1000', '1/1000']), /contains 0: it shows no curl/);
    rejected((t) => {
      for (const k of Object.keys(t.evidence.point)) t.evidence.point[k] = Rational.parse(t.evidence.point[k])!.add(Rational.of(3)).toString();
    }, /disjoint|other sign|contains 0/);
    // A view's direction (the cosine loss does not see its scale): [1, 0] becomes [1, 1].
    rejected((t) => (t.model.pairs[0][0][1] = Rational.parse(t.model.pairs[0][0][1])!.add(Rational.ONE).toString()), /disjoint|other sign|contains 0/);
    rejected((t) => (t.model.loss = t.model.loss === 'cosine' ? 'squared' : 'cosine'), /disjoint|other sign|contains 0/);
    rejected((t) => ([t.evidence.i, t.evidence.j] = [t.evidence.j, t.evidence.i]), /other sign/);
    rejected((t) => (t.evidence.j = t.evidence.i), /two different state coordinates/);
    rejected((t) => (t.evidence.radius = '4'), /contains 0|may be 0/);
    // Same sign, ten times the value: the two enclosures cannot both hold the curl at the centre.
    rejected((t) => (t.evidence.enclosure = t.evidence.enclosure.map((x: string) => Rational.parse(x)!.mul(Rational.of(10)).toString())), /disjoint/);
  });

  it('another entry (i, j): two predictor coordinates of SG, where DV is symmetric (the kernel finds a curl that may be 0)', () => {
    const v = verify(tampered(simsiam, (t) => Object.assign(t.evidence, { i: 'B_1_1', j: 'B_1_2' })));
    expect(v.status).toBe('rejected');
    expect(v.reason).toMatch(/∂V\[B_1_1\]\/∂B_1_2 − ∂V\[B_1_2\]\/∂B_1_1 over the box contains 0/);
  });

  it('the recipe: one that is not the procedure\'s, and GD, whose field is a gradient (the kernel finds the curl may be 0)', () => {
    expect(verify(tampered(simsiam, (t) => (t.recipe = 'moving-average')))).toMatchObject({ status: 'rejected', reason: 'procedure sg is made by the recipe differentiate-then-identify, not moving-average' });
    const gd = verify(tampered(simsiam, (t) => Object.assign(t, { procedure: 'gd', recipe: 'identify-then-differentiate' })));
    expect(gd.status).toBe('rejected');
    expect(gd.reason).toMatch(/enclosure .* contains 0/);
    const online = verify(tampered(simsiam, (t) => Object.assign(t, { procedure: 'sg-online', recipe: 'target-branch' })));
    expect(online.status).toBe('rejected');
  });

  it('a ReLU box where a pre-activation may vanish', () => {
    const relu = { ...tanh, model: { ...tanh.model, encoder: { ...tanh.model.encoder, activation: 'relu' } } };
    const v = verify(tampered(relu, (t) => ['A1_1_1', 'A1_1_2'].forEach((k) => (t.evidence.point[k] = '0'))));
    expect(v).toMatchObject({ status: 'rejected' });
    expect(v.reason).toMatch(/ReLU's argument may be 0 on the box/);
  });

  it('malformed evidence and models are not certificates', () => {
    const malformed = (change: (c: Cert) => void, why: RegExp) => {
      const v = verify(tampered(simsiam, change));
      expect(v.status).toBe('malformed');
      expect(v.reason).toMatch(why);
    };
    malformed((t) => delete t.evidence.radius, /evidence.radius: expected an exact number/);
    malformed((t) => (t.evidence.radius = '-1'), /evidence.radius: expected a number ≥ 0/);
    malformed((t) => (t.evidence.enclosure = ['1']), /evidence.enclosure: expected a pair/);
    malformed((t) => (t.model.encoder.kind = 'conv'), /model.encoder.kind: expected one of/);
    malformed((t) => (t.model.pairs[0][1] = ['1']), /model.pairs\[0\]\[1\]: expected a view of 2 exact numbers/);
    malformed((t) => (t.procedure = 'adam'), /procedure: expected one of/);
    expect(verify(tampered(simsiam, (t) => delete t.evidence.point.B_1_1))).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/exactly the state coordinates/) });
  });
});

const rng = seededRandom(7);
const fraction = () => `${rng.int(-3, 3)}/${rng.int(1, 3)}`;
const pairs = (n: number, p: number) => `[${Array.from({ length: n }, () => `[[${Array.from({ length: p }, fraction)}], [${Array.from({ length: p }, fraction)}]]`).join(', ')}]`;
const spec = (lines: Record<string, string>) => parseVariant(Object.entries({ data: `{pairs: ${pairs(3, 2)}}`, ...lines }).map(([k, v]) => `${k}: ${v}`).join('\n'), 'v');
/** A dyadic point: exact as a double and as a decimal. */
const dyadic = (n: number) => Float64Array.from({ length: n }, () => rng.int(-512, 512) / 256);

const VARIANTS: Record<string, Record<string, string>> = {
  'cosine, linear, SG, λ and α': { loss: 'cosine', encoder: '{kind: linear, in: 2, out: 2}', predictor: '{kind: linear}', stopGradient: 'target', weightDecay: '1/10', predictorRate: '3' },
  'cosine, tanh MLP with bias, EMA': { loss: 'cosine', encoder: '{kind: mlp, layers: [2, 2, 2], activation: tanh, bias: true}', predictor: '{kind: linear}', ema: 'on', emaRate: '1/3', weightDecay: '1/7' },
  'squared, softplus, symmetric, GD': { encoder: '{kind: mlp, layers: [2, 2, 1], activation: softplus}', predictor: '{kind: symmetric}', stopGradient: 'none', weightDecay: '1/5' },
  'cosine, DirectCopy, SG': { loss: 'cosine', encoder: '{kind: linear, in: 2, out: 2}', predictor: '{kind: directcopy, eps: 1/7}', stopGradient: 'target' },
  'squared, DirectCopy, tanh, EMA': { encoder: '{kind: mlp, layers: [2, 2, 2], activation: tanh}', predictor: '{kind: directcopy, eps: 1/7}', ema: 'on', emaRate: '1/2' },
  'squared, diagonal, online side': { encoder: '{kind: diagonal, in: 2, out: 2}', predictor: '{kind: diagonal}', stopGradient: 'online', weightDecay: '1/3', predictorRate: '2' },
  'cosine, scalar, identity, GD': { loss: 'cosine', encoder: '{kind: scalar, in: 2, out: 2}', predictor: '{kind: identity}', stopGradient: 'none' },
  'squared, DirectCopy, GD (B set without gradient: not a gradient field)': { encoder: '{kind: linear, in: 2, out: 2}', predictor: '{kind: directcopy, eps: 1/5}', stopGradient: 'none' },
  'squared, relu MLP, SG': { encoder: '{kind: mlp, layers: [2, 3, 2], activation: relu, bias: true}', predictor: '{kind: linear}', stopGradient: 'target' },
};

describe('variant-curl certificates of variants beyond the bundled ones (every recipe, encoder and predictor kind)', () => {
  it.each(Object.keys(VARIANTS))('%s: every certificate check writes is accepted', (name) => {
    const variant = spec(VARIANTS[name]!);
    const files = certificateFiles([checkVariantSpec('v.yaml', variant, { ...CHECK, samples: 4 }, { json: true, certificates: true }).certificates]);
    // GD with a trained predictor is a gradient field, nothing to certify; with B set from the codes it is not.
    const gd = variant.procedures[0]!.recipe === 'identify-then-differentiate' && variant.predictor.kind !== 'directcopy';
    if (gd) expect(files).toEqual([]);
    else expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(verify(file.content), `${name}: ${file.name}`).toMatchObject({ status: 'accepted' });
    // P⁻¹V too wherever a rate of the state is not 1 (these variants certify it at 4 points).
    const rated = deriveVariant(variant).fields[0]!.rates.some((r) => !r.isOne());
    expect(files.some((f) => f.name.includes('.rate-adjusted.'))).toBe(rated && !gd);
  });
});

/** The kernel's ∂V_i/∂x_j at a point (a box of width 0), every entry. */
function kernelJacobian(variant: Variant, recipe: VariantRecipe, x: Float64Array, rateAdjusted = false): { names: string[]; dv: KInterval[] } {
  const v = readVariantModel(JSON.parse(JSON.stringify(variantCertificateModel(variant))));
  const layout = variantLayout(v);
  const names = variantStateNames(layout, recipe);
  const box = new Map(names.map((n, k) => [n, kPoint(x[k]!)]));
  const ctx = { variant: v, layout, recipe, rateAdjusted, box, views: dataViews(v) };
  return { names, dv: names.flatMap((i) => names.map((j) => jacobianEntry(ctx, i, j))) };
}

const bigArithmetic = {
  constant: big,
  add: (x: BigNumber, y: BigNumber) => x.add(y),
  mul: (x: BigNumber, y: BigNumber) => x.mul(y),
  neg: (x: BigNumber) => x.neg(),
  div: (x: BigNumber, y: BigNumber) => x.div(y),
  sqr: (x: BigNumber) => x.mul(x),
  sqrt: (x: BigNumber) => x.sqrt(),
  tanh: (x: BigNumber) => math.tanh(x) as BigNumber,
  softplus: (x: BigNumber) => math.log(math.bignumber(1).add(math.exp(x) as BigNumber)) as BigNumber,
  sigmoid: (x: BigNumber) => math.bignumber(1).div(math.bignumber(1).add(math.exp(x.neg()) as BigNumber)),
  relu: (x: BigNumber) => (x.isPositive() && !x.isZero() ? x : math.bignumber(0)),
  step: (x: BigNumber) => math.bignumber(x.isPositive() && !x.isZero() ? 1 : 0),
};

describe("the kernel's interval hyper-dual DV against the engine's", () => {
  it.each(Object.keys(VARIANTS))('%s: same state names; every entry near the float DV and containing the 80-digit symbolic DV', (name) => {
    const variant = spec(VARIANTS[name]!);
    const d = deriveVariant(variant);
    const f = d.fields[0]!;
    const n = f.stateNames.length;
    const x = dyadic(n);
    const { names, dv } = kernelJacobian(variant, f.procedure.recipe, x);
    expect(names).toEqual(f.stateNames);
    const float = new Float64Array(n * n);
    f.float.jacobian(x, float);
    dv.forEach((e, k) => {
      // Tight: a few ulps, or the library functions' stated slack (2⁻³⁰, interval.ts) carried through
      // the loss, whose divisions by ‖p‖‖z‖ can magnify it.
      expect(e.hi - e.lo, `${name} entry ${k} width`).toBeLessThan(1e-4 * (1 + Math.abs(e.lo)));
      expect(Math.abs((e.lo + e.hi) / 2 - float[k]!), `${name} entry ${k}: kernel ${e.lo}, engine ${float[k]}`).toBeLessThan(e.hi - e.lo + 1e-9 * (1 + Math.abs(float[k]!)));
    });
    const exact = new Program(d.layout.dag, f.jacobian.flat()).run(bigArithmetic as never, Array.from(x, (c) => math.bignumber(c))) as BigNumber[];
    exact.forEach((v, k) => expect(contains(dv[k]!, v), `${name} entry ${k} = ${v.toString()} in [${dv[k]!.lo}, ${dv[k]!.hi}]`).toBe(true));
  });

  it('P⁻¹V: rows of ψ are V/α, rows of ξ are V/τ', () => {
    const variant = spec(VARIANTS['cosine, tanh MLP with bias, EMA']!);
    const f = deriveVariant(variant).fields[0]!;
    const x = dyadic(f.stateNames.length);
    const plain = kernelJacobian(variant, 'moving-average', x).dv;
    const scaled = kernelJacobian(variant, 'moving-average', x, true).dv;
    const n = f.stateNames.length;
    scaled.forEach((e, k) => {
      const rate = f.rates[Math.floor(k / n)]!.toNumber();
      expect(Math.abs(e.lo * rate - plain[k]!.lo)).toBeLessThan(1e-12 * (1 + Math.abs(plain[k]!.lo)));
    });
  });

  it("the kernel's interval operations contain their 80-digit results, and read doubles and rationals exactly", () => {
    expect(rationalOfDouble(0.1).toString()).toBe('3602879701896397/36028797018963968');
    expect(rationalOfDouble(-2.5).toString()).toBe('-5/2');
    expect(rationalOfDouble(Number.MIN_VALUE).equals(Rational.of(1n, 2n ** 1074n))).toBe(true);
    expect([up(1), down(1), up(0), down(-1)]).toEqual([1 + 2 ** -52, 1 - 2 ** -53, Number.MIN_VALUE, -1 - 2 ** -52]);
    for (const r of [Rational.of(1, 3), Rational.of(-7, 10), Rational.of(1, 4), Rational.of(10n ** 30n + 1n, 3n)]) {
      const e = kRational(r);
      expect(rationalOfDouble(e.lo).compare(r) <= 0 && rationalOfDouble(e.hi).compare(r) >= 0).toBe(true);
      expect(e.lo === e.hi || up(e.lo) === e.hi).toBe(true);
    }
    const [a, b] = [kPoint(0.1), kPoint(0.7)];
    const [x, y] = [big(rationalOfDouble(0.1)), big(rationalOfDouble(0.7))];
    const one = math.bignumber(1);
    const cases: Array<[KInterval, BigNumber]> = [
      [kAdd(a, b), x.add(y)],
      [kMul(a, b), x.mul(y)],
      [kDiv(a, b, 'b'), x.div(y)],
      [kSqr(kPoint(-0.7)), y.mul(y)],
      [kSqrt(b, 'b'), y.sqrt()],
      [kTanh(b), math.tanh(y) as BigNumber],
      [kTanh(kPoint(-30)), math.tanh(math.bignumber(-30)) as BigNumber],
      [kSigmoid(kPoint(-0.7)), one.div(one.add(math.exp(y) as BigNumber))],
      [kSoftplus(b), math.log(one.add(math.exp(y) as BigNumber)) as BigNumber],
      [kSoftplus(kPoint(-40)), math.log(one.add(math.exp(math.bignumber(-40)) as BigNumber)) as BigNumber],
    ];
    cases.forEach(([enclosure, exact], k) => expect(contains(enclosure, exact), `case ${k}`).toBe(true));
    expect(() => kDiv(a, { lo: -1, hi: 1 }, 'the divisor')).toThrow(/the divisor may be 0 on the box/);
    expect(() => kSqrt({ lo: 0, hi: 1 }, 'the argument')).toThrow(/may be 0 or negative/);
  });

  it('hyper-dual rules: ∂²(xy)/∂x∂y = 1 and tanh″ at 80 digits', () => {
    expect(hdMul(hdVariable(kPoint(3), 1, 0), hdVariable(kPoint(5), 0, 1)).d).toEqual({ lo: 1, hi: 1 });
    const t = hdTanh(hdVariable(kPoint(0.75), 1, 1));
    const th = math.tanh(math.bignumber(0.75)) as BigNumber;
    const second = th.mul(-2).mul(math.bignumber(1).sub(th.mul(th)));
    expect(contains(t.d, second)).toBe(true);
    expect(t.d.hi - t.d.lo).toBeLessThan(1e-8); // the stated 2⁻³⁰ slack of Math.tanh, carried through
  });
});

describe('DirectPred in the kernel against an eigendecomposition in floats', () => {
  // F(θ_online, ξ, θ_set) in floats: B = Σ ((s_k/s_1)^power + ε) u_k u_kᵀ from ml-matrix's
  // eigendecomposition of F̂ = (1/n) Σ z zᵀ, z = A_set x1; SG's ∂V_i/∂x_j by central differences.
  const data = [
    [[1, 0], [1, 0.5]],
    [[0, 1], [0.25, 1]],
    [[-1, 0.5], [-1, -0.25]],
  ];
  const power = 0.5;
  const eps = 0.1;
  const apply = (A: number[], x: number[]) => [A[0]! * x[0]! + A[1]! * x[1]!, A[2]! * x[0]! + A[3]! * x[1]!];
  const objective = (online: number[], target: number[], set: number[], loss: 'squared' | 'cosine'): number => {
    const codes = data.map(([x1]) => apply(set, x1!));
    const Fhat = Matrix.zeros(2, 2);
    for (const z of codes) for (let r = 0; r < 2; r++) for (let c = 0; c < 2; c++) Fhat.set(r, c, Fhat.get(r, c) + (z[r]! * z[c]!) / data.length);
    const eig = new EigenvalueDecomposition(Fhat);
    const s = eig.realEigenvalues;
    const top = Math.max(...s);
    const B = Matrix.zeros(2, 2);
    s.forEach((sk, k) => {
      const u = eig.eigenvectorMatrix.getColumn(k);
      const norm = Math.hypot(u[0]!, u[1]!);
      const pk = (sk / top) ** power + eps;
      for (let r = 0; r < 2; r++) for (let c = 0; c < 2; c++) B.set(r, c, B.get(r, c) + (pk * u[r]! * u[c]!) / norm ** 2);
    });
    let total = 0;
    for (const [x1, x2] of data) {
      const p = B.mmul(Matrix.columnVector(apply(online, x1!))).getColumn(0);
      const z = apply(target, x2!);
      if (loss === 'squared') total += 0.5 * ((p[0]! - z[0]!) ** 2 + (p[1]! - z[1]!) ** 2);
      else total += 2 - (2 * (p[0]! * z[0]! + p[1]! * z[1]!)) / (Math.hypot(p[0]!, p[1]!) * Math.hypot(z[0]!, z[1]!));
    }
    return total / data.length;
  };
  /** −∂/∂x_j [∂F/∂online_i] at ξ = θ_set = θ (SG, no weight decay), by central differences. */
  const sgEntry = (theta: number[], i: number, j: number, loss: 'squared' | 'cosine'): number => {
    const h = 1e-4;
    const moved = (t: number) => theta.map((v, k) => (k === j ? v + t : v));
    const gradient = (t: number) => {
      const x = moved(t);
      const at = (u: number) => objective(x.map((v, k) => (k === i ? v + u : v)), x, x, loss);
      return (at(h) - at(-h)) / (2 * h);
    };
    return -(gradient(h) - gradient(-h)) / (2 * h);
  };

  it.each(['squared', 'cosine'] as const)('%s loss, q = 2, power 1/2: every ∂V_i/∂x_j agrees to 1e-5', (loss) => {
    const model = readVariantModel({
      loss,
      encoder: { kind: 'linear', in: 2, out: 2 },
      predictor: { kind: 'directpred', power: '1/2', eps: '1/10' },
      pairs: data.map((pair) => pair.map((view) => view.map((x) => Rational.parse(String(x))!.toString()))),
      weightDecay: '0',
      predictorRate: '1',
      emaRate: '1',
    });
    const layout = variantLayout(model);
    const names = variantStateNames(layout, 'differentiate-then-identify');
    expect(names).toEqual(['A_1_1', 'A_1_2', 'A_2_1', 'A_2_2']);
    const theta = [1.25, -0.5, 0.375, 0.875];
    const box = new Map(names.map((n, k) => [n, kPoint(theta[k]!)]));
    const ctx = { variant: model, layout, recipe: 'differentiate-then-identify' as const, rateAdjusted: false, box, views: dataViews(model) };
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        const e = jacobianEntry(ctx, names[i]!, names[j]!);
        const reference = sgEntry(theta, i, j, loss);
        expect(Math.abs(e.lo - reference), `${loss} ∂V_${i}/∂x_${j}: kernel ${e.lo}, floats ${reference}`).toBeLessThan(1e-5 * (1 + Math.abs(reference)));
      }
    }
  });

  it('q = 1: B = 1 + ε, the same field as the identity predictor on first views scaled by 1 + ε', () => {
    const pairs = [[['1', '-1/2'], ['1', '1']], [['2', '1'], ['0', '1']], [['-1', '1/3'], ['1/2', '1/4']]];
    const model = (predictor: unknown, first: (x: string) => string) => ({
      loss: 'squared', // with q = 1 the cosine of two scalars is ±1: F would be locally constant
      encoder: { kind: 'linear', in: 2, out: 1 },
      predictor,
      pairs: pairs.map(([x1, x2]) => [x1!.map(first), x2]),
      weightDecay: '1/4',
      predictorRate: '1',
      emaRate: '1',
    });
    const dv = (m: unknown) => {
      const v = readVariantModel(m);
      const layout = variantLayout(v);
      const box = new Map([['A_1_1', kPoint(0.625)], ['A_1_2', kPoint(-1.5)]]);
      const ctx = { variant: v, layout, recipe: 'differentiate-then-identify' as const, rateAdjusted: false, box, views: dataViews(v) };
      return [['A_1_1', 'A_1_2'], ['A_1_2', 'A_1_1'], ['A_1_1', 'A_1_1']].map(([i, j]) => jacobianEntry(ctx, i!, j!));
    };
    const direct = dv(model({ kind: 'directpred', power: '1/2', eps: '1/4' }, (x) => x));
    const scaled = dv(model({ kind: 'identity' }, (x) => Rational.parse(x)!.mul(Rational.of(5, 4)).toString()));
    direct.forEach((e, k) => expect(Math.abs(e.lo - scaled[k]!.lo)).toBeLessThan(1e-12));
    expect(Math.abs(direct[0]!.lo - direct[1]!.lo)).toBeGreaterThan(1e-3); // SG's DV is not symmetric here
  });

  it('a singular code correlation is refused where a root or divisor needs it; powers other than k/2^j are not evaluated', () => {
    const base = { loss: 'squared', encoder: { kind: 'linear', in: 2, out: 2 }, predictor: { kind: 'directpred', power: '1/2', eps: '1/10' }, weightDecay: '0', predictorRate: '1', emaRate: '1' };
    // Both codes along one line: F̂ has rank 1, s₂ = 0, and √(s₂/s₁) has no derivative there.
    const model = readVariantModel({ ...base, pairs: [[['1', '0'], ['1', '1']], [['2', '0'], ['0', '1']]] });
    const layout = variantLayout(model);
    const box = new Map(layout.encoderNames.map((n) => [n, kPoint(1)]));
    const ctx = { variant: model, layout, recipe: 'differentiate-then-identify' as const, rateAdjusted: false, box, views: dataViews(model) };
    expect(() => jacobianEntry(ctx, 'A_1_1', 'A_2_2')).toThrow(/may be 0|may be 0 or negative/);
    expect(() => readVariantModel({ ...base, predictor: { kind: 'directpred', power: '1/3', eps: '0' }, pairs: [[['1', '0'], ['1', '1']]] })).toThrow(/not k\/2\^j/);
  });
});

describe('ncssl check --certificates and ncssl verify on variants', () => {
  it('writes byte-identical files twice, and verify accepts them with exit 0', async () => {
    const specs = ['proofs/variants/cosine-linear.yaml', 'proofs/variants/byol.yaml'];
    const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'ncssl-variant-curl-')));
    for (const dir of dirs) expect((await runCli(['check', ...specs, '--samples', '8', '--flows', '0', '--certificates', dir])).code).toBe(0);
    const names = readdirSync(dirs[0]!).sort();
    expect(names).toEqual(['byol.ema.variant-curl.json', 'cosine-linear.sg.rate-adjusted.variant-curl.json', 'cosine-linear.sg.variant-curl.json']);
    expect(readdirSync(dirs[1]!).sort()).toEqual(names);
    for (const name of names) expect(readFileSync(join(dirs[1]!, name), 'utf8')).toBe(readFileSync(join(dirs[0]!, name), 'utf8'));
    const r = await runCli(['verify', ...names.map((n) => join(dirs[0]!, n))]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(3);
    expect(r.stdout).toContain('byol.ema.variant-curl.json: accepted: the ema field V of the variant is not the gradient of any C² function');
  });
});
