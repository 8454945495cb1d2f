/**
 * kind "variant-stability" (issue 12; docs/certificates.md): a variant's field has exactly one
 * zero x* in a box X around a point, and x* is asymptotically stable. The certificate gives the
 * point, the radius of X and a symmetric matrix P; the kernel computes everything else itself,
 * with its own objective and interval hyper-dual numbers (variant/), over its own box:
 *
 *  1. [J] ⊇ {DV(x) : x ∈ X} entry by entry, v ⊇ V(c) at the centre c, and with any float matrix C
 *     (the kernel's own inverse of [J]'s midpoint) Krawczyk's K = c − C·v + (I − C·[J])·(X − c).
 *     K inside the interior of X proves a unique zero x* ∈ X (Krawczyk 1969; Moore 1977).
 *  2. P ≻ 0, decided exactly (linalg.ts), and the interval Cholesky method succeeds on
 *     M = −([J]ᵀP + P[J]) with every pivot's lower end > 0: then every symmetric member of M is
 *     positive definite (Alefeld and Mayer 1993), so DV(x*)ᵀP + P·DV(x*) ≺ 0 with P ≻ 0, and by
 *     Lyapunov's theorem every eigenvalue of DV(x*) has negative real part: x* is asymptotically
 *     stable.
 */
import { Rational } from '../../exact/rational.js';
import { definiteness } from '../linalg.js';
import { procedureName, readPoint } from '../evidence.js';
import { charge } from '../meter.js';
import { type Json, Rejected, choice, need, object, rational } from '../read.js';
import { type EntryContext, VARIANT_RECIPES, fieldEntry, jacobianEntry, variantStateNames } from '../variant/field.js';
import { type KInterval, kAdd, kDiv, kMul, kNeg, kPoint, kRational, kSqr, kSqrt } from '../variant/interval.js';
import { readVariantModel, variantLayout } from '../variant/model.js';
import { evaluationCost } from './variant-curl.js';
import { dataViews } from '../variant/objective.js';

/** Above this state the kernel does not try (n² evaluations of F, a dense n×n Cholesky). */
const MAX_STATE = 24;

function boxAround(x: Rational, radius: Rational): KInterval {
  const r = radius.mul(x.abs().add(Rational.ONE));
  return { lo: kRational(x.sub(r)).lo, hi: kRational(x.add(r)).hi };
}

/** A float inverse by Gauss–Jordan with partial pivoting: any C serves Krawczyk, a good one contracts. */
function floatInverse(a: number[][]): number[][] {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let k = 0; k < n; k++) {
    let pivot = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(m[i]![k]!) > Math.abs(m[pivot]![k]!)) pivot = i;
    if (m[pivot]![k] === 0) throw new Rejected('the midpoint of the Jacobian enclosure is singular: the equilibrium is not isolated');
    [m[k], m[pivot]] = [m[pivot]!, m[k]!];
    const d = m[k]![k]!;
    for (let j = 0; j < 2 * n; j++) m[k]![j]! /= d;
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const f = m[i]![k]!;
      for (let j = 0; j < 2 * n; j++) m[i]![j]! -= f * m[k]![j]!;
    }
  }
  return m.map((row) => row.slice(n));
}

/** The smallest lower end of the interval Cholesky pivots, or Rejected when one may be ≤ 0. */
function choleskyPivots(m: KInterval[][]): number {
  const n = m.length;
  const l: KInterval[][] = m.map((row) => row.map(() => kPoint(0)));
  let smallest = Infinity;
  for (let k = 0; k < n; k++) {
    let d = m[k]![k]!;
    for (let t = 0; t < k; t++) d = kAdd(d, kNeg(kSqr(l[k]![t]!)));
    if (!(d.lo > 0)) throw new Rejected(`pivot ${k + 1} of the interval Cholesky of −(JᵀP + PJ) may be ≤ 0 ([${d.lo}, ${d.hi}]): negative definiteness is not shown`);
    smallest = Math.min(smallest, d.lo);
    const root = kSqrt(d, `pivot ${k + 1}`);
    l[k]![k] = root;
    for (let i = k + 1; i < n; i++) {
      let s = m[i]![k]!;
      for (let t = 0; t < k; t++) s = kAdd(s, kNeg(kMul(l[i]![t]!, l[k]![t]!)));
      l[i]![k] = kDiv(s, root, `pivot ${k + 1}`);
    }
  }
  return smallest;
}

export function checkVariantStability(cert: Json): string {
  const variant = readVariantModel(cert.model);
  const layout = variantLayout(variant);
  const procedure = procedureName(cert.procedure);
  const recipe = choice(cert.recipe, 'recipe', VARIANT_RECIPES);
  const evidence = object(cert.evidence, 'evidence');
  const names = variantStateNames(layout, recipe);
  const n = names.length;
  if (n > MAX_STATE) throw new Rejected(`state ${n} is above ${MAX_STATE}, where the kernel does not check stability`);
  const radius = rational(evidence.radius, 'evidence.radius');
  need(radius.sign() > 0, 'evidence.radius', 'a number > 0');
  const centre = readPoint(evidence.point, 'evidence.point', names);
  const rows = evidence.lyapunov;
  need(Array.isArray(rows) && rows.length === n && rows.every((r) => Array.isArray(r) && r.length === n), 'evidence.lyapunov', `an ${n}×${n} matrix of exact numbers`);
  const p = (rows as unknown[][]).map((row, i) => row.map((x, j) => rational(x, `evidence.lyapunov[${i}][${j}]`)));
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) if (!p[i]![j]!.equals(p[j]![i]!)) throw new Rejected(`P is not symmetric: P[${i}][${j}] ≠ P[${j}][${i}]`);
  if (definiteness(p) !== 'positive definite') throw new Rejected('P is not positive definite');

  charge((n * n + n) * evaluationCost(variant), 'evaluating the objective over the box, once per entry of V and DV');
  const views = dataViews(variant);
  const context = (box: Map<string, KInterval>): EntryContext => ({ variant, layout, recipe, rateAdjusted: false, box, views });
  const box = new Map(names.map((name) => [name, boxAround(centre.get(name)!, radius)]));
  const atCentre = new Map(names.map((name) => [name, kRational(centre.get(name)!)]));
  const v = names.map((name) => fieldEntry(context(atCentre), name));
  const j = names.map((row) => names.map((col) => jacobianEntry(context(box), row, col)));

  // 1. Krawczyk, with C the float inverse of mid [J].
  const c = floatInverse(j.map((row) => row.map((e) => (e.lo + e.hi) / 2)));
  const offset = names.map((name) => kAdd(box.get(name)!, kNeg(atCentre.get(name)!)));
  names.forEach((name, r) => {
    let k = atCentre.get(name)!;
    for (let t = 0; t < n; t++) k = kAdd(k, kNeg(kMul(kPoint(c[r]![t]!), v[t]!)));
    for (let s = 0; s < n; s++) {
      let e = kPoint(r === s ? 1 : 0);
      for (let t = 0; t < n; t++) e = kAdd(e, kNeg(kMul(kPoint(c[r]![t]!), j[t]![s]!)));
      k = kAdd(k, kMul(e, offset[s]!));
    }
    const x = box.get(name)!;
    if (!(k.lo > x.lo && k.hi < x.hi)) throw new Rejected(`Krawczyk's operator leaves the box in ${name} ([${k.lo}, ${k.hi}] ⊄ ]${x.lo}, ${x.hi}[): no unique zero is shown`);
  });

  // 2. Lyapunov: M = −(JᵀP + PJ) over the box.
  const pk = p.map((row) => row.map(kRational));
  const m = names.map((_, r) =>
    names.map((_, s) => {
      let sum = kPoint(0);
      for (let t = 0; t < n; t++) sum = kAdd(sum, kAdd(kMul(j[t]![r]!, pk[t]![s]!), kMul(pk[r]![t]!, j[t]![s]!)));
      return kNeg(sum);
    }),
  );
  const pivot = choleskyPivots(m);
  return `the ${procedure} field of the variant has exactly one zero in the box x ± ${radius}·(1 + |x|) around the point, its ends rounded outward to doubles (Krawczyk), and it is asymptotically stable: P ≻ 0 and −(JᵀP + PJ) ≻ 0 over the box (interval Cholesky, smallest pivot ≥ ${pivot.toPrecision(3)})`;
}
