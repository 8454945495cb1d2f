/**
 * The kernel's dynamical checkers: its linear algebra against the engine's (a different algorithm
 * each: Faddeev–LeVerrier vs Berkowitz, elimination vs Bareiss/Routh, LDLᵀ vs the engine's PSD
 * test) and against closed forms (MATH.md §5); genuine certificates of every dynamical kind from
 * proofs/models/scalar.yaml, linear-2x2.yaml and diagonal-3x2.yaml accepted; each tampering rejected.
 */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/analyses/check-model.js';
import { stability as stabilityAnalysis } from '../../src/analyses/index.js';
import { type Certificate, certificatesOf } from '../../src/certificates/index.js';
import { charpoly as engineCharpoly } from '../../src/exact/charpoly.js';
import { hurwitzByMinors } from '../../src/exact/hurwitz.js';
import { rank as engineRank } from '../../src/exact/linear-algebra.js';
import { psdCheck } from '../../src/exact/psd.js';
import { Rational, q } from '../../src/exact/rational.js';
import { knownProcedures } from '../../src/certificates/format.js';
import { verifyCertificate } from '../../src/kernel/check.js';
import { fullField, jacobianAt } from '../../src/kernel/evidence.js';
import { stateNames } from '../../src/kernel/field.js';
import { kernelModel } from '../helpers/kernel-model.js';
import { charpoly, definiteness, hurwitzMinors, rank } from '../../src/kernel/linalg.js';
import { loadSpecFile, parseSpec } from '../../src/model/spec.js';
import { seededRandom } from '../../src/numeric/random.js';
import { randomRational, scalarModel } from '../helpers/models.js';

const text = (xs: readonly Rational[]) => xs.map(String);

describe('kernel linear algebra against the engine and closed forms', () => {
  const rng = seededRandom(5);
  const matrix = (n: number, m = n) => Array.from({ length: n }, () => Array.from({ length: m }, () => (rng.next() < 0.3 ? q(0) : randomRational(rng, 4))));

  it('det(λI − A) by Faddeev–LeVerrier equals Berkowitz (the engine) on random rational matrices', () => {
    for (const n of [0, 1, 2, 3, 5, 8, 12]) {
      const a = matrix(n);
      expect(text(charpoly(a)).reverse(), `n = ${n}`).toEqual(text(engineCharpoly(a)));
    }
    expect(text(charpoly([[q(0), q(1)], [q(-2), q(-3)]]))).toEqual(['2', '3', '1']); // λ² + 3λ + 2
  });

  it('rank equals the engine’s Bareiss rank, also on rank-deficient matrices', () => {
    for (const [n, m] of [[3, 5], [5, 3], [4, 4], [1, 6]] as const) {
      const a = matrix(n, m);
      const deficient = [...a, a[0]!.map((x, j) => x.add(a.at(-1)![j]!))]; // one row a sum of two
      expect(rank(a)).toBe(engineRank(a));
      expect(rank(deficient)).toBe(engineRank(deficient));
    }
  });

  it('Hurwitz minors: hand-worked values and the engine’s Hurwitz verdict', () => {
    const minors = (a: Rational[]) => hurwitzMinors(a).map(String);
    expect(minors([q(1), q(3), q(2)])).toEqual(['3', '6']); // Δ1 = 3, Δ2 = a1·a2 = 6
    expect(minors([q(1), q(1), q(1), q(1)])).toEqual(['1', '0']); // λ³ + λ² + λ + 1: roots ±i, stops at the zero
    expect(minors([q(1), q(-1), q(2)])).toEqual(['-1', '-2']); // H = [[-1, 0], [1, 2]]
    expect(minors([q(1, 2), q(3, 2), q(1)])).toEqual(['3', '6']); // scaled by L = 2: Δ_k·2^k, same signs
    expect(minors([q(1), q(6), q(11), q(6)])).toEqual(['6', '60', '360']); // (λ+1)(λ+2)(λ+3): Δ2 = 6·11 − 6, Δ3 = 6·Δ2
    for (let t = 0; t < 40; t++) {
      const a = [q(1), ...Array.from({ length: 1 + (t % 5) }, () => randomRational(rng, 5))];
      const kernelHurwitz = hurwitzMinors(a).every((d, _, all) => d > 0n && all.length === a.length - 1);
      expect(kernelHurwitz, text(a).join(' ')).toBe(hurwitzByMinors(a));
    }
  });

  it('definiteness by LDLᵀ agrees with the engine’s PSD test', () => {
    const I = [[q(1), q(0)], [q(0), q(1)]];
    expect(definiteness(I)).toBe('positive definite');
    expect(definiteness([[q(1), q(1)], [q(1), q(1)]])).toBe('positive semidefinite');
    expect(definiteness([[q(0), q(1)], [q(1), q(0)]])).toBe('indefinite'); // zero pivot, nonzero row
    for (let t = 0; t < 40; t++) {
      const g = matrix(3, 2 + (t % 3)); // GᵀG: PSD, singular when G has fewer rows than columns
      const s = g[0]!.map((_, i) => g[0]!.map((_, j) => g.reduce((acc, row) => acc.add(row[i]!.mul(row[j]!)), q(0))));
      const shifted = s.map((row, i) => row.map((x, j) => (i === j ? x.sub(q(t % 4)) : x)));
      for (const m of [s, shifted]) expect(definiteness(m) !== 'indefinite').toBe(psdCheck(m).psd);
    }
  });

  it('the EMA characteristic polynomial at (a, c/s, a) is λ·(sλ² + (a²s² + c² + sτ)λ + a²s²τ)/s (MATH.md §5)', () => {
    const [s, c, tau, a] = [q(5, 2), q(2), q(1, 2), q(3, 7)];
    const model = kernelModel(scalarModel(s, c, { emaRate: tau }));
    const names = stateNames(model, 'moving-average');
    const point = new Map([['A_1_1', a], ['B_1_1', c.div(s)], ['T_1_1', a]]);
    const p = charpoly(jacobianAt(fullField(model, 'moving-average'), names, point));
    const a2s2 = a.mul(a).mul(s).mul(s);
    expect(text(p)).toEqual(text([q(0), a2s2.mul(tau).div(s), a2s2.add(c.mul(c)).add(s.mul(tau)).div(s), q(1)]));
  });
});

/** Certificates of a bundled proof as the CLI would write them, parsed back to plain objects. */
function proofCertificates(file: string) {
  const check = checkModel(loadSpecFile(`proofs/models/${file}`), { samples: 64, seed: 1, points: 3 });
  return { check, all: certificatesOf(check, `proofs/models/${file}`).map((c) => ({ name: c.name, certificate: JSON.parse(JSON.stringify(c.certificate)) as Certificate & Record<string, any> })) };
}
// As `ncssl verify` calls it: with the engine's procedures, so a name must come with its own recipe.
const verify = (c: unknown) => verifyCertificate(JSON.stringify(c), { procedures: knownProcedures() });
const bump = (x: string) => Rational.parse(x)!.add(Rational.ONE).toString();
/** Adds 1 to the first integer coefficient of an expression. */
const bumpExpression = (e: string) => e.replace(/\d+/, (n) => String(Number(n) + 1));

describe.each(['scalar.yaml', 'linear-2x2.yaml', 'diagonal-3x2.yaml'])('proofs/models/%s: dynamical certificates', (file) => {
  const { all } = proofCertificates(file);
  const dynamical = all.filter((c) => !['curl', 'potential'].includes(c.certificate.kind));
  /** The first certificate of a kind (and claim), preferring non-collapsed components, where moving B leaves the component. */
  const first = (kind: string, claim?: string) => {
    const fits = (c: (typeof dynamical)[number]) => c.certificate.kind === kind && (claim === undefined || c.certificate.claim === claim);
    const found = dynamical.find((c) => fits(c) && !c.name.includes('.collapsed')) ?? dynamical.find(fits);
    return found ? structuredClone(found.certificate) : undefined;
  };

  it('every one is accepted, and the kinds expected of this model are there', () => {
    for (const { name, certificate } of dynamical) expect(verify(certificate), name).toMatchObject({ status: 'accepted' });
    const kinds = new Set(dynamical.map((c) => `${c.certificate.kind}${c.certificate.claim ? ':' + c.certificate.claim : ''}`));
    for (const k of ['equilibrium-set', 'stability:transversally asymptotically stable', 'equilibrium:non-collapsed equilibrium', 'invariant']) expect(kinds, k).toContain(k);
    if (file !== 'diagonal-3x2.yaml') for (const k of ['gd-collapse', 'metric']) expect(kinds, k).toContain(k); // diagonal-3x2 has no gd
    if (file !== 'scalar.yaml') expect(kinds).toContain('stability:unstable');
  });

  const tamper = (c: Record<string, any> | undefined, change: (c: Record<string, any>) => void) => {
    expect(c).toBeDefined();
    change(c!);
    return verify(c);
  };
  const moveCoordinate = (c: Record<string, any>, prefix = '') => {
    const key = Object.keys(c.evidence.point).find((k) => k.startsWith(prefix) && c.evidence.point[k] !== '0')!;
    c.evidence.point[key] = bump(c.evidence.point[key]);
  };

  it('stability: rejects a moved point, another k, another claim, another moment, a broken chart or cofactor', () => {
    const stable = () => first('stability', 'transversally asymptotically stable');
    expect(tamper(stable(), (c) => moveCoordinate(c, 'B'))).toMatchObject({ status: 'rejected' });
    expect(tamper(stable(), (c) => (c.evidence.k += 1))).toMatchObject({ status: 'rejected' });
    expect(tamper(stable(), (c) => (c.evidence.k -= 1))).toMatchObject({ status: 'rejected' });
    expect(tamper(stable(), (c) => (c.claim = 'unstable'))).toMatchObject({ status: 'rejected' });
    expect(tamper(stable(), (c) => (c.claim = 'degenerate'))).toMatchObject({ status: 'rejected' });
    // "Degenerate" with equations of a smaller set through the point (here the point itself, k = 0):
    // the kernel bounds the dimension by dim ker DV(x), never by the equations it is given.
    expect(
      tamper(stable(), (c) => {
        c.claim = 'degenerate';
        c.evidence.equations = Object.entries(c.evidence.point).map(([k, v]) => `${k} - ${v}`);
        c.evidence.k = 0;
      }),
    ).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/dim ker DV/) });
    expect(tamper(stable(), (c) => (c.model.moments.sigma1[0][0] = bump(c.model.moments.sigma1[0][0])))).toMatchObject({ status: 'rejected' });
    expect(tamper(stable(), (c) => (c.evidence.equations[0] = bumpExpression(c.evidence.equations[0])))).toMatchObject({ status: 'rejected' });
    expect(tamper(stable(), (c) => delete c.evidence.chart)).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/no chart/) });
    expect(tamper(stable(), (c) => c.evidence.chart.pop())).toMatchObject({ status: 'rejected' });
    expect(tamper(stable(), (c) => (c.evidence.cofactors = {}))).toMatchObject({ status: 'rejected' });
    expect(tamper(stable(), (c) => (c.evidence.multipliers = Object.fromEntries(Object.keys(c.evidence.point).map((k) => [k, `${k} - ${c.evidence.point[k]}`]))))).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/multiplier .* vanishes/),
    });
    const unstable = first('stability', 'unstable');
    if (unstable) {
      expect(tamper(structuredClone(unstable), (c) => (c.claim = 'transversally asymptotically stable'))).toMatchObject({ status: 'rejected' });
      expect(tamper(structuredClone(unstable), (c) => (c.evidence.k += 1))).toMatchObject({ status: 'rejected' });
    }
  });

  it('equilibrium: rejects a moved point (B: on the scalar line b = c/s moving a stays an equilibrium), a collapsed point called non-collapsed, another moment', () => {
    const witness = () => first('equilibrium', 'non-collapsed equilibrium');
    expect(tamper(witness(), (c) => moveCoordinate(c, 'B'))).toMatchObject({ status: 'rejected' });
    expect(tamper(witness(), (c) => Object.keys(c.evidence.point).forEach((k) => (c.evidence.point[k] = '0')))).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/collapsed/) });
    expect(tamper(witness(), (c) => (c.model.moments.sigma12[0][0] = bump(c.model.moments.sigma12[0][0])))).toMatchObject({ status: 'rejected' });
  });

  it('equilibrium-set: rejects another equation, a dropped cofactor, another moment', () => {
    const set = () => structuredClone(dynamical.find((c) => c.name.endsWith('.residual.equilibrium-set') || c.name.endsWith('.other.equilibrium-set'))!.certificate);
    expect(tamper(set(), (c) => (c.evidence.equations[0] = bumpExpression(c.evidence.equations[0])))).toMatchObject({ status: 'rejected' });
    expect(tamper(set(), (c) => delete c.evidence.cofactors[Object.keys(c.evidence.cofactors)[0]!])).toMatchObject({ status: 'rejected' });
    expect(tamper(set(), (c) => (c.model.moments.sigma1[0][0] = bump(c.model.moments.sigma1[0][0])))).toMatchObject({ status: 'rejected' });
  });

  it('invariant: rejects another Q, a constant Q, another predictor rate, another procedure', () => {
    const inv = () => first('invariant');
    expect(tamper(inv(), (c) => (c.evidence.conserved[0] = bumpExpression(c.evidence.conserved[0])))).toMatchObject({ status: 'rejected' });
    expect(tamper(inv(), (c) => (c.evidence.conserved[0] = '7'))).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/constant/) });
    expect(tamper(inv(), (c) => (c.model.predictorRate = '2'))).toMatchObject({ status: 'rejected' });
    expect(tamper(inv(), (c) => (c.procedure = 'gd'))).toMatchObject({ status: 'rejected' }); // not gd's recipe
    expect(tamper(inv(), (c) => ((c.procedure = 'gd'), (c.recipe = 'identify-then-differentiate')))).toMatchObject({ status: 'rejected' });
  });

  it.runIf(file !== 'diagonal-3x2.yaml')('gd-collapse and metric: reject a J that is not PD, a PSD claim without decay, another G, G = 0, another rate', () => {
    expect(tamper(first('gd-collapse'), (c) => (c.model.moments.sigma1[0][0] = '0'))).toMatchObject({ status: 'rejected' });
    expect(tamper(first('gd-collapse'), (c) => (c.model.moments.sigma2[0][0] = '-1'))).toMatchObject({ status: 'rejected' });
    expect(tamper(first('gd-collapse'), (c) => (c.evidence.jointMoments = 'positive semidefinite'))).toMatchObject({ status: 'rejected' });
    expect(tamper(first('gd-collapse'), (c) => (c.procedure = 'sg'))).toMatchObject({ status: 'rejected' }); // sg is not made that way
    expect(tamper(first('gd-collapse'), (c) => ((c.procedure = 'sg'), (c.recipe = 'differentiate-then-identify')))).toMatchObject({ status: 'malformed' });
    const last = (c: Record<string, any>) => c.evidence.metrics[0].length - 1;
    expect(tamper(first('metric'), (c) => (c.evidence.metrics[0][0][0] = bump(c.evidence.metrics[0][0][0])))).toMatchObject({ status: 'rejected' });
    expect(tamper(first('metric'), (c) => (c.evidence.metrics[0][0][last(c)] = '1'))).toMatchObject({ status: 'rejected' }); // not symmetric
    expect(tamper(first('metric'), (c) => (c.evidence.metrics[0] = c.evidence.metrics[0].map((r: string[]) => r.map(() => '0'))))).toMatchObject({ status: 'rejected' });
    expect(tamper(first('metric'), (c) => (c.model.predictorRate = '3'))).toMatchObject({ status: 'rejected' });
  });
});

describe('kernel statements', () => {
  const { all } = proofCertificates('scalar.yaml');
  const byName = (name: string) => all.find((c) => c.name === name)!.certificate;
  it('say what was checked, in the kernel’s words', () => {
    expect(verify(byName('sg.residual-1.stability')).reason).toMatch(
      /^the sg field has a transversally asymptotically stable equilibrium at the point \(k = 1 = n − rank Dg\(x\), n = 2\): det\(λI − DV\(x\)\) = λ\^1·r\(λ\) with r\(0\) ≠ 0 and deg r = 1, all 1 Hurwitz determinants of r > 0, and near x the 1 chart equations cut out a 1-dimensional manifold of equilibria/,
    );
    expect(verify(byName('gd.collapse')).reason).toMatch(/^every equilibrium of the gd field has A = 0: .*J positive definite; λ = 0 gives E = 0/);
    expect(verify(byName('sg.invariant')).reason).toMatch(/^the given polynomial is conserved along the sg flow/);
    expect(verify(byName('sg.non-collapsed.equilibrium')).reason).toMatch(/^non-collapsed equilibria of the sg field exist: V is exactly 0 at the point, where A_1_1 = /);
  });
  it('calls malformed evidence malformed', () => {
    const c = structuredClone(byName('sg.residual-1.stability')) as Record<string, any>;
    expect(verify({ ...c, claim: 'stable-ish' })).toMatchObject({ status: 'malformed' });
    expect(verify({ ...c, evidence: { ...c.evidence, k: -1 } })).toMatchObject({ status: 'malformed' });
    expect(verify({ ...c, evidence: { ...c.evidence, equations: 'A_1_1' } })).toMatchObject({ status: 'malformed' });
    expect(verify({ ...c, evidence: { ...c.evidence, chart: ['0'] } })).toMatchObject({ status: 'malformed' });
  });
});

describe('a genuinely degenerate equilibrium (a Jordan block at 0)', () => {
  // Identity predictor, Σ1 = 4I, Σ12ᵀ = Σ1 − N with N = [[0, 1], [0, 0]] nilpotent (Σ2 = 100 I keeps
  // the joint moments PSD): SG is V_A = −A N = −(0, a₁), so DV = [[0, 0], [−1, 0]] at every point:
  // 0 twice, dim ker DV = 1. By hand: degenerate everywhere, and the kernel must accept it.
  const spec = [
    'name: nilpotent',
    'encoder: {kind: linear, in: 2, out: 1}',
    'predictor: {kind: identity}',
    'data:',
    '  viewCovariance: [[4, 0], [0, 4]]',
    '  viewCovariance2: [[100, 0], [0, 100]]',
    '  crossCovariance: [[4, 0], [-1, 4]]',
    'procedures: [sg]',
  ].join('\n');

  it('the analysis proves every sampled point degenerate, and the kernel accepts each certificate', () => {
    const check = checkModel(parseSpec(spec, 'nilpotent.yaml'), { samples: 0, seed: 1 });
    const stability = check.procedures[0]!.results.require(stabilityAnalysis).flat();
    expect(stability.length).toBeGreaterThan(1);
    for (const s of stability) expect(s).toMatchObject({ verdict: 'degenerate', level: 'proved', zeroEigenvalues: 2, kernelDimension: 1 });
    const certificates = certificatesOf(check, 'nilpotent.yaml').filter((c) => c.certificate.kind === 'stability');
    expect(certificates.length).toBe(stability.length);
    for (const { name, certificate } of certificates) {
      expect(certificate.claim, name).toBe('degenerate');
      expect(verifyCertificate(JSON.stringify(certificate), { procedures: knownProcedures() }), name).toMatchObject({ status: 'accepted', reason: expect.stringMatching(/2 > 1 = dim ker DV/) });
    }
  });
});
