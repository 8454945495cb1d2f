/**
 * Every symbolic result of a family against the numeric engine on the instantiated model, exactly
 * (issue 10, item 7). For each bundled family and seeded admissible values:
 *  - fields and Jacobians with the values substituted are the numeric engine's polynomials;
 *  - each closed-form point, at the values and with its free coordinates at nonzero rationals, is
 *    an exact equilibrium of the numeric field, and the numeric characteristic polynomial of the
 *    numeric Jacobian there is λ^k·r(λ) with r instantiated (up to its leading coefficient);
 *    points decided only at sampled values are re-decided at those values from the numeric side;
 *  - integrability verdicts agree with `checkModel` at the instance, and the family's potential
 *    has the numeric rate-adjusted field as its negative gradient;
 *  - conserved quantities stay conserved by the numeric field and lie in the numeric basis;
 *  - a GD collapse proved for the family is proved by the numeric argument at the instance.
 * A property (fast-check) repeats the field, point and spectrum checks for the scalar family at
 * arbitrary admissible rationals, not only the seeded search's.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/analyses/check-model.js';
import { proveGdCollapse } from '../../src/analyses/collapse.js';
import { integrability } from '../../src/analyses/index.js';
import { derivativeAlongField, findInvariants } from '../../src/analyses/invariants.js';
import { rank } from '../../src/exact/linear-algebra.js';
import { charpoly } from '../../src/exact/charpoly.js';
import { Rational } from '../../src/exact/rational.js';
import { findAdmissibleValues, instantiate, satisfiesAssumptions } from '../../src/family/admissible.js';
import { type FamilyCheck, checkFamily } from '../../src/family/check.js';
import type { FamilyProcedure } from '../../src/family/derive.js';
import type { Family, SymbolValues } from '../../src/family/family.js';
import type { ParametricPoint } from '../../src/family/points.js';
import { parseAnySpec } from '../../src/family/spec.js';
import { parsePoly } from '../../src/poly/parse.js';
import { Poly } from '../../src/poly/poly.js';
import type { Ring } from '../../src/poly/ring.js';
import { type Derivation, type ProcedureDerivation, deriveModel } from '../../src/procedures/derive.js';

const FAMILIES = ['scalar-symbolic', 'linear-2x2-symbolic', 'rectangular-symbolic'];
/** Values the free state coordinates of a closed-form point take (all nonzero). */
const FREE_VALUES = [Rational.of(1), Rational.of(-2, 3), Rational.of(5, 2)];

function loadFamily(name: string): Family {
  const spec = parseAnySpec(readFileSync(`proofs/models/${name}.yaml`, 'utf8'), name);
  if (spec.kind !== 'family') throw new Error(`${name}: expected a family`);
  return spec.family;
}

/** p with the symbols replaced by their values, read into `target` by variable name. */
function atValues(p: Poly, values: SymbolValues, target: Ring): Poly {
  let q = p;
  for (const [name, x] of values) if (q.ring.has(name)) q = q.substitute(q.ring.indexOf(name), Poly.constant(q.ring, x));
  return parsePoly(target, q.toString());
}

/** The value of a family polynomial at the symbol values and the given state values (by name). */
function evaluate(p: Poly, values: SymbolValues, state: ReadonlyMap<string, Rational>): Rational {
  return p.evaluate((v) => {
    const name = p.ring.names[v]!;
    const x = values.get(name) ?? state.get(name);
    if (x === undefined) throw new Error(`no value for ${name}`);
    return x;
  });
}

/** The point's coordinates (state name → value), or null where its denominator vanishes. */
function pointAt(fp: FamilyProcedure, point: ParametricPoint, values: SymbolValues, free: Rational): Map<string, Rational> | null {
  const ring = point.denominator.ring;
  const freeValues = new Map(point.free.map((f) => [ring.names[f.variable]!, free] as const));
  const D = evaluate(point.denominator, values, freeValues);
  if (D.isZero()) return null;
  return new Map(fp.stateNames.map((name, k) => [name, evaluate(point.numerators[k]!, values, freeValues).div(D)] as const));
}

function numericJacobianAt(d: ProcedureDerivation, x: ReadonlyMap<string, Rational>): Rational[][] {
  const names = d.field[0]!.ring.names;
  return d.jacobian.map((row) => row.map((e) => e.evaluate((v) => x.get(names[v]!)!)));
}

interface Instance {
  values: Map<string, Rational>;
  derivation: Derivation;
}

function instances(family: Family, count: number, seed: number): Instance[] {
  const found = findAdmissibleValues(family, count, seed, true);
  expect(found.length).toBe(count);
  return found.map((values) => ({ values, derivation: deriveModel(instantiate(family, values)) }));
}

function numericProcedure(instance: Instance, name: string): ProcedureDerivation {
  return instance.derivation.procedures.find((d) => d.procedure.name === name)!;
}

/** Fields and Jacobians of the family at the values are the numeric engine's, term for term. */
function expectSameFields(check: FamilyCheck, instance: Instance): void {
  const ring = instance.derivation.params.ring;
  for (const p of check.procedures) {
    const d = numericProcedure(instance, p.fp.procedure.name);
    expect(p.fp.stateNames).toEqual(d.stateNames);
    p.fp.rates.forEach((r, k) => expect(atValues(r, instance.values, ring).constantTerm().equals(d.rates[k]!)).toBe(true));
    p.fp.field.forEach((v, i) => expect(atValues(v, instance.values, ring).toString(), `${p.label} V[${i}]`).toBe(d.field[i]!.toString()));
    p.fp.jacobian.forEach((row, i) =>
      row.forEach((e, j) => expect(atValues(e, instance.values, ring).toString(), `${p.label} DV[${i}][${j}]`).toBe(d.jacobian[i]![j]!.toString())),
    );
  }
}

/** Each closed-form point is a numeric equilibrium; its numeric spectrum is λ^k·r(λ) instantiated. */
function expectPointsAndSpectra(check: FamilyCheck, instance: Instance, freeValues: readonly Rational[]): number {
  let compared = 0;
  for (const p of check.procedures) {
    const d = numericProcedure(instance, p.fp.procedure.name);
    const names = d.field[0]!.ring.names;
    for (const { point, stability } of p.points) {
      for (const free of freeValues) {
        const x = pointAt(p.fp, point, instance.values, free);
        if (x === null) {
          // A denominator proved nonzero on the domain cannot vanish at admissible values.
          expect(point.denominatorSign, `${p.label} ${point.component}: D proved ≠ 0 but vanishes`).toBeNull();
          continue;
        }
        d.field.forEach((v, i) => expect(v.evaluate((u) => x.get(names[u]!)!).isZero(), `${p.label} ${point.component}: V[${i}] ≠ 0`).toBe(true));
        if (stability.verdict === 'sampled') continue;
        const numeric = charpoly(numericJacobianAt(d, x));
        const ring = stability.reduced[0]!.ring;
        const freeAt = new Map(point.free.map((f) => [ring.names[f.variable]!, free] as const));
        const r = stability.reduced.map((c) => evaluate(c, instance.values, freeAt));
        expect(r[0]!.isZero(), `${p.label} ${point.component}: r's leading coefficient vanishes`).toBe(false);
        const expected = [...r.map((c) => c.div(r[0]!)), ...Array.from({ length: stability.kernel }, () => Rational.ZERO)];
        expect(numeric.map(String), `${p.label} ${point.component} at free = ${free}`).toEqual(expected.map(String));
        compared++;
      }
    }
  }
  return compared;
}

describe.each(FAMILIES)('%s at seeded admissible values against the numeric engine', (name) => {
  const family = loadFamily(name);
  const check = checkFamily(family, { seed: 1 });
  const cases = instances(family, 3, 7);
  const models = cases.map((c) => ({ ...c, check: checkModel(c.derivation.model, { samples: 4, seed: 1, analyses: ['integrability'] }) }));

  it('fields and Jacobians instantiate to the numeric ones exactly', () => {
    for (const instance of cases) expectSameFields(check, instance);
  });

  it('closed-form points are exact numeric equilibria with the spectrum λ^k·r(λ)', () => {
    let compared = 0;
    for (const instance of cases) compared += expectPointsAndSpectra(check, instance, FREE_VALUES);
    const symbolic = check.procedures.flatMap((p) => p.points).filter((x) => x.stability.verdict !== 'sampled');
    expect(compared).toBe(symbolic.length * cases.length * FREE_VALUES.length);
    expect(check.procedures.some((p) => p.points.length > 0)).toBe(true);
  });

  it('points decided at sampled values: the numeric Jacobian there gives the same count', () => {
    for (const p of check.procedures) {
      for (const { point, stability } of p.points) {
        if (stability.verdict !== 'sampled') continue;
        let hurwitz = 0;
        let of = 0;
        for (const values of check.samples) {
          const instance = { values, derivation: deriveModel(instantiate(family, values)) };
          const x = pointAt(p.fp, point, values, Rational.ONE);
          if (x === null) continue;
          of++;
          const c = charpoly(numericJacobianAt(numericProcedure(instance, p.fp.procedure.name), x));
          while (c.length > 1 && c[c.length - 1]!.isZero()) c.pop();
          if (hurwitzHolds(c)) hurwitz++;
        }
        expect(stability.atSamples, `${p.label} ${point.component}`).toMatchObject({ hurwitz, of });
      }
    }
  });

  it('integrability agrees with checkModel at every instance', () => {
    for (const { values, check: numeric, derivation } of models) {
      const ring = derivation.params.ring;
      for (const p of check.procedures) {
        const n = numeric.procedures.find((x) => x.name === p.fp.procedure.name)!;
        const { euclidean, rateAdjusted } = n.results.require(integrability);
        const i = p.integrability;
        // The family's verdict is about P⁻¹V when it could divide by the rates, else about V.
        const verdict = i.rateScaled ? (rateAdjusted ?? euclidean) : euclidean;
        if (i.kind === 'gradient') {
          expect(verdict.integrable, `${p.label} at ${[...values]}`).toBe(true);
          // −∇Φ = P⁻¹V of the numeric field, Φ instantiated.
          const d = numericProcedure({ values, derivation }, p.fp.procedure.name);
          const phi = atValues(i.potential, values, ring);
          d.state.forEach((v, k) => {
            const w = i.rateScaled ? d.field[k]!.scale(d.rates[k]!.inv()) : d.field[k]!;
            expect(phi.derivative(v).neg().equals(w)).toBe(true);
          });
        } else {
          const vanishing = i.everywhere ? [i.witness.coefficient] : i.exceptional;
          const allVanish = vanishing.every((c) => evaluate(c, values, new Map()).isZero());
          if (i.everywhere) expect(allVanish, `${p.label}: a coefficient proved nonzero vanishes`).toBe(false);
          expect(verdict.integrable, `${p.label} at ${[...values]}`).toBe(allVanish);
        }
      }
    }
  });

  it('conserved quantities instantiated are conserved by the numeric field and in its basis', () => {
    for (const instance of cases) {
      const ring = instance.derivation.params.ring;
      for (const p of check.procedures) {
        const d = numericProcedure(instance, p.fp.procedure.name);
        const quantities = p.invariants.quantities.map((q) => atValues(q, instance.values, ring));
        for (const q of quantities) expect(derivativeAlongField(q, d).isZero(), `${p.label}: ${q}`).toBe(true);
        if (d.state.length > 8) continue; // the numeric basis of a 12-dimensional state is slow to find
        const basis = findInvariants(d, { seed: 1 }).basis;
        expect(spanRank([...basis, ...quantities]), `${p.label}: family quantities outside the numeric basis`).toBe(spanRank(basis));
        // At these generic values nothing is conserved beyond what the family found for all values.
        expect(spanRank(quantities), `${p.label}: the numeric basis has quantities the family missed`).toBe(spanRank(basis));
      }
    }
  });

  it('GD collapse proved for the family is proved numerically at every instance', () => {
    for (const instance of cases) {
      for (const p of check.procedures) {
        if (p.collapse === null) continue;
        const proof = proveGdCollapse(instance.derivation, numericProcedure(instance, p.fp.procedure.name));
        if (p.collapse.proved) expect(proof.level, proof.reason).toBe('proved');
      }
    }
  });
});

/** States small enough that the numeric check's dynamical analyses (for the claims) are quick. */
const SMALL = FAMILIES.filter((name) => name !== 'linear-2x2-symbolic');

describe.each(SMALL)('%s: the claims for all values against the numeric claims at an instance', (name) => {
  it('a claim that holds for every value neither fails nor holds only in part at the instance; one that fails does not hold', () => {
    const family = loadFamily(name);
    const claims = checkFamily(family, { seed: 1 }).claims;
    for (const { derivation, values } of instances(family, 1, 3)) {
      const numeric = checkModel(derivation.model, { samples: 4, seed: 1 }).claims;
      for (const c of claims) {
        const n = numeric.find((x) => x.id === c.id)!;
        const context = `${c.id} at ${[...values].join(' ')}: family ${c.outcome} (${c.evidence.join('; ')}), numeric ${n.outcome} (${n.evidence.join('; ')})`;
        if (c.outcome === 'holds') expect(['fails', 'holds in part'], context).not.toContain(n.outcome);
        if (c.outcome === 'fails') expect(n.outcome, context).not.toBe('holds');
      }
    }
  });
});

describe('the scalar family at arbitrary admissible rationals (property)', () => {
  const family = loadFamily('scalar-symbolic');
  const check = checkFamily(family, { seed: 1 });
  const positive = fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 9 })).map(([n, d]) => Rational.of(n, d));
  const values = fc
    .record({ s: positive, c: positive, tau: positive })
    .map((v) => new Map(Object.entries(v)))
    .filter((v) => satisfiesAssumptions(family, v));
  const free = fc.tuple(fc.integer({ min: -30, max: 30 }).filter((n) => n !== 0), fc.integer({ min: 1, max: 7 })).map(([n, d]) => Rational.of(n, d));

  it('fields, equilibria and spectra agree with the numeric engine', () => {
    fc.assert(
      fc.property(values, free, (v, u) => {
        const instance = { values: v, derivation: deriveModel(instantiate(family, v)) };
        expectSameFields(check, instance);
        expect(expectPointsAndSpectra(check, instance, [u])).toBeGreaterThan(0);
      }),
      { numRuns: 15, seed: 10 },
    );
  });
});

/** Rank of polynomials as vectors of coefficients. */
function spanRank(polys: Poly[]): number {
  const monomials = [...new Set(polys.flatMap((p) => [...p.terms.keys()]))];
  return polys.length === 0 ? 0 : rank(polys.map((p) => monomials.map((m) => p.terms.get(m) ?? Rational.ZERO)));
}

/** Routh's test on c (leading first, c(0) ≠ 0): every root has negative real part. */
function hurwitzHolds(c: Rational[]): boolean {
  // First column of the Routh array; a zero entry means not every root is in the open left half-plane.
  const sign = c[0]!.sign();
  let rows = [c.filter((_, i) => i % 2 === 0), c.filter((_, i) => i % 2 === 1)];
  for (let k = 0; k < c.length; k++) {
    const [a, b] = rows as [Rational[], Rational[]];
    if (a.length === 0) break;
    if (a[0]!.sign() !== sign) return false;
    if (b.length === 0) break;
    if (b[0]!.isZero()) return false;
    const next = a.slice(1).map((x, i) => x.sub(a[0]!.div(b[0]!).mul(b[i + 1] ?? Rational.ZERO)));
    rows = [b, next];
  }
  return true;
}
