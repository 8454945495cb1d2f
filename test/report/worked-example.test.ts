/**
 * The scalar report states the worked example of docs/math.md section 5 (issue 11): with
 * s = Σ, c = Σ12 and the EMA rate τ read from the spec, each formula below is written down here
 * from the closed forms of the worked example, not from the report, and compared exactly with
 * the report's data (the JSON printer shows the same data). A report that drops or changes one
 * of these statements fails.
 */
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/exact/rational.js';
import { loadSpecFile } from '../../src/model/spec.js';
import { parsePoly } from '../../src/poly/parse.js';
import { Ring } from '../../src/poly/ring.js';
import { buildReport } from '../../src/report/build.js';
import { allSections } from '../../src/report/document.js';

const model = loadSpecFile('proofs/models/scalar.yaml');
const doc = buildReport(model, 'proofs/models/scalar.yaml', { samples: 16, seed: 1 });
const s = model.moments.sigma1[0]![0]!;
const c = model.moments.sigma12[0]![0]!;
const tau = model.emaRate;

// The worked example's variables a, b (and the target t); the report names them A_1_1, B_1_1, T_1_1.
const ring = new Ring(['a', 'b', 't', 'lambda']);
const rename = (p: string) => p.replace(/A_1_1/g, 'a').replace(/B_1_1/g, 'b').replace(/T_1_1/g, 't');
const poly = (src: string) => parsePoly(ring, src);
/** A polynomial in a, b, t, λ with the model's s, c, τ substituted (as exact fractions). */
const example = (src: string) =>
  poly(src.replace(/\bs_inv\b/g, `(${s.inv()})`).replace(/\bs\b/g, `(${s})`).replace(/\bc\b/g, `(${c})`).replace(/\btau\b/g, `(${tau})`));
/** p = k q for a rational k ≠ 0 (an equation or a conserved quantity is defined up to a factor). */
function proportional(p: ReturnType<typeof poly>, q: ReturnType<typeof poly>): boolean {
  const lead = (x: ReturnType<typeof poly>) => x.sortedTerms()[0]?.[1];
  const k = lead(p) && lead(q) ? lead(p)!.div(lead(q)!) : null;
  return k !== null && p.equals(q.scale(k));
}
const reported = (src: string) => poly(rename(src));

function data(id: string): Record<string, unknown> {
  const section = allSections(doc).find((x) => x.id === id);
  if (!section?.data) throw new Error(`no data in section ${id}`);
  return section.data;
}

describe('the scalar report states the worked example', () => {
  it('the model is the worked example with s != 0', () => {
    expect(s.isZero()).toBe(false);
    expect(model.moments.sigma2[0]![0]!.equals(s)).toBe(true);
  });

  it('GD is a gradient field whose potential is E = 1/2 a^2 (s b^2 - 2 b c + s)', () => {
    const curl = data('gd-curl') as { integrable: boolean; potential: string };
    expect(curl.integrable).toBe(true);
    expect(reported(curl.potential).equals(example('1/2*a^2*(s*b^2 - 2*b*c + s)'))).toBe(true);
  });

  it('SG: a-dot = -a b (b s - c), b-dot = -a^2 (b s - c)', () => {
    const field = (data('sg-field') as { field: string[] }).field.map(reported);
    expect(field[0]!.equals(example('-a*b*(b*s - c)'))).toBe(true);
    expect(field[1]!.equals(example('-a^2*(b*s - c)'))).toBe(true);
  });

  it('SG: the curl is a c, and the certificate shows it at its point', () => {
    const jac = data('sg-jacobian') as { jacobian: Array<{ row: string; column: string; value: string }> };
    const entry = (r: string, col: string) => reported(jac.jacobian.find((e) => e.row === r && e.column === col)?.value ?? '0');
    // ∂_a ḃ − ∂_b ȧ, the one entry of the curl matrix below the diagonal.
    expect(entry('B_1_1', 'A_1_1').sub(entry('A_1_1', 'B_1_1')).equals(example('a*c'))).toBe(true);
    const cert = (data('sg-curl') as { certificate: { point: Record<string, string>; dVi_dxj: string; dVj_dxi: string } }).certificate;
    const a = Rational.parse(cert.point.A_1_1!)!;
    expect(Rational.parse(cert.dVj_dxi)!.sub(Rational.parse(cert.dVi_dxj)!).equals(a.mul(c))).toBe(true);
  });

  it('SG and EMA conserve a^2 - b^2', () => {
    for (const name of ['sg', 'ema']) {
      const basis = (data('comparison') as Record<string, { invariants: { basis: string[] } }>)[name]!.invariants.basis.map(reported);
      expect(basis).toHaveLength(1);
      expect(proportional(basis[0]!, example('a^2 - b^2'))).toBe(true);
    }
  });

  it('SG equilibria: a = 0 and b = c/s, with the Jacobian [[0, -a c], [0, -a^2 s]] on b = c/s', () => {
    const components = (data('sg-equilibria') as { equilibria: { components: Array<{ equations: string[] }> } }).equilibria.components;
    const sets = components.map((k) => k.equations.map(reported));
    // a = 0, and the family: its equation vanishes exactly where a (b s − c) does.
    expect(sets.some((e) => e.length === 1 && e[0]!.equals(example('a')))).toBe(true);
    const family = sets.find((e) => e.length === 1 && !e[0]!.equals(example('a')))![0]!;
    expect(proportional(family, example('a*(b*s - c)'))).toBe(true);
    const jac = data('sg-jacobian') as { jacobian: Array<{ row: string; column: string; value: string }> };
    const onFamily = (r: string, col: string) =>
      reported(jac.jacobian.find((e) => e.row === r && e.column === col)?.value ?? '0').substitute(ring.indexOf('b'), example('c*s_inv'));
    expect(onFamily('A_1_1', 'A_1_1').isZero()).toBe(true);
    expect(onFamily('A_1_1', 'B_1_1').equals(example('-a*c'))).toBe(true);
    expect(onFamily('B_1_1', 'A_1_1').isZero()).toBe(true);
    expect(onFamily('B_1_1', 'B_1_1').equals(example('-a^2*s'))).toBe(true);
  });

  it('EMA: at each exact non-collapsed point the characteristic polynomial is lambda (s lambda^2 + (a^2 s^2 + c^2 + s tau) lambda + a^2 s^2 tau) / s', () => {
    const components = (data('ema-equilibria') as {
      equilibria: { components: Array<{ points: Array<{ exact: boolean; collapsed: boolean; coordinates: Record<string, string>; certificate?: { charpoly: string } }> }> };
    }).equilibria.components;
    const points = components.flatMap((k) => k.points).filter((p) => p.exact && !p.collapsed);
    expect(points.length).toBeGreaterThan(0);
    for (const p of points) {
      const a = Rational.parse(p.coordinates.A_1_1!)!;
      const expected = example('lambda*(s*lambda^2 + (a^2*s^2 + c^2 + s*tau)*lambda + a^2*s^2*tau)*s_inv').substitute(ring.indexOf('a'), poly(`(${a})`));
      expect(poly(p.certificate!.charpoly).equals(expected), `at a = ${a}`).toBe(true);
    }
  });
});

describe('the scalar report states the worked example in closed form (section "In closed form")', () => {
  const closed = data('closed-forms') as {
    E: string;
    procedures: Array<{
      name: string;
      field: string[];
      curl: string | null;
      conserved: string[];
      collapse: boolean | null;
      equilibria: Array<{ component: string; coordinates: string[]; free: string[]; verdict: string; r: string[]; stableExactlyOutside: Array<{ variable: string; from: string; to: string }> }>;
    }>;
  };
  const procedure = (name: string) => closed.procedures.find((p) => p.name === name)!;
  const eq = (x: ReturnType<typeof poly>, y: ReturnType<typeof poly>) => x.equals(y);
  /** A quotient as printed in the data, "(N)/(D)", or a polynomial. */
  const quotient = (src: string) => {
    const m = /^\((.*)\)\/\((.*)\)$/.exec(src);
    return m ? reported(m[1]!).scale(reported(m[2]!).constantTerm().inv()) : reported(src);
  };

  it('E = 1/2 a^2 (s b^2 - 2 b c + s), printed with the common factor pulled out', () => {
    expect(eq(reported(closed.E), example('1/2*a^2*(s*b^2 - 2*b*c + s)'))).toBe(true);
    const section = allSections(doc).find((x) => x.id === 'closed-forms')!;
    const row = section.blocks.flatMap((b) => (b.kind === 'equation' ? b.rows : [])).find((r) => r.left.startsWith('E(a, b)'))!;
    // ¼a²(5b² − 8b + 5) with s = 5/2, c = 2: the monomial a² and the number outside one bracket.
    expect(row.right).toMatch(/^= \\tfrac\{1\}\{4\} a\^\{2\} \\left\(5 b\^\{2\} - 8 b \+ 5\\right\)$/);
  });

  it('the three fields, GD a gradient field, GD collapse proved', () => {
    expect(procedure('gd').field.map(reported).every((f, k) => eq(f, example(['-a*(b^2*s - 2*b*c + s)', '-a^2*(b*s - c)'][k]!)))).toBe(true);
    expect(procedure('sg').field.map(reported).every((f, k) => eq(f, example(['-a*b*(b*s - c)', '-a^2*(b*s - c)'][k]!)))).toBe(true);
    expect(procedure('ema').field.map(reported).every((f, k) => eq(f, example(['-b*(s*a*b - c*t)', '-a*(s*a*b - c*t)', 'tau*(a - t)'][k]!)))).toBe(true);
    expect(procedure('gd').curl).toBeNull();
    expect(procedure('gd').collapse).toBe(true);
  });

  it('SG: the curl d_b(a-dot) - d_a(b-dot) = -a c, and a^2 - b^2 conserved by SG and EMA', () => {
    expect(eq(reported(procedure('sg').curl!), example('-a*c'))).toBe(true);
    for (const name of ['sg', 'ema']) {
      expect(procedure(name).conserved).toHaveLength(1);
      expect(proportional(reported(procedure(name).conserved[0]!), example('a^2 - b^2'))).toBe(true);
    }
  });

  it('SG equilibria as sets: a = 0 (b free) and b = c/s (a free); the collapsed line unstable exactly for 0 < b < c/s; eigenvalues {0, -a^2 s} on b = c/s', () => {
    const sets = procedure('sg').equilibria;
    const collapsed = sets.find((x) => x.component === 'collapsed')!;
    expect(collapsed.coordinates.map(quotient).map(String)).toEqual([example('0'), example('b')].map(String));
    expect(collapsed.free).toEqual(['B_1_1']);
    expect(collapsed.stableExactlyOutside).toHaveLength(1);
    expect(collapsed.stableExactlyOutside[0]!.variable).toBe('B_1_1');
    expect(eq(quotient(collapsed.stableExactlyOutside[0]!.to), example('c*s_inv'))).toBe(true);
    const line = sets.find((x) => x.component !== 'collapsed')!;
    expect(eq(quotient(line.coordinates[1]!), example('c*s_inv'))).toBe(true);
    expect(line.free).toEqual(['A_1_1']);
    expect(line.verdict).toBe('stable');
    // det(λI − DV) = λ r(λ) with r of degree 1: its root is the eigenvalue −a²s.
    const [r1, r0] = line.r.map(reported);
    expect(eq(r0!.scale(r1!.constantTerm().inv()), example('a^2*s'))).toBe(true);
  });

  it('EMA on b = c/s: r is proportional to s lambda^2 + (a^2 s^2 + c^2 + s tau) lambda + a^2 s^2 tau, stable', () => {
    const line = procedure('ema').equilibria.find((x) => x.component !== 'collapsed')!;
    const r = line.r.map(reported);
    const expected = [example('s'), example('a^2*s^2 + c^2 + s*tau'), example('a^2*s^2*tau')];
    const k = r[0]!.constantTerm().div(expected[0]!.constantTerm());
    r.forEach((c, i) => expect(eq(c, expected[i]!.scale(k)), `coefficient ${i}`).toBe(true));
    expect(line.verdict).toBe('stable');
  });
});
