/**
 * kind "metric": each given symmetric G ≠ 0 makes G·DV(x) symmetric for every x (polynomial
 * identities (G·DV)_ij ≡ (G·DV)_ji). Then D(G·V) is symmetric, so G·V = −∇Φ for a polynomial Φ
 * (Poincaré lemma), and V = −G⁻¹∇Φ wherever G is invertible: V is a gradient in the metric G
 * when G is positive definite (reported, computed by the kernel's LDLᵀ).
 */
import { Rational } from '../../exact/rational.js';
import type { KernelModel } from '../field.js';
import { claimOf, fullField } from '../evidence.js';
import { definiteness } from '../linalg.js';
import { type KPoly, addTerm, partials } from '../poly.js';
import { type Json, Rejected, need, rational } from '../read.js';

/** Evidence {metrics: [G, …]}, each G an n×n list of rows of exact numbers, rows and columns in state order. */
export function checkMetric(cert: Json, model: KernelModel): string {
  const { procedure, recipe, names, evidence } = claimOf(cert, model);
  const n = names.length;
  const list = evidence.metrics;
  need(Array.isArray(list) && list.length > 0, 'evidence.metrics', 'a non-empty list of matrices');
  const DV = fullField(model, recipe).map((f) => partials(f)); // DV[k].get(x_j) = ∂V_k/∂x_j
  const kinds = list.map((x, t) => {
    const path = `evidence.metrics[${t}]`;
    need(Array.isArray(x) && x.length === n && x.every((row) => Array.isArray(row) && row.length === n), path, `an ${n}×${n} list of rows`);
    const G = (x as unknown[][]).map((row, i) => row.map((e, j) => rational(e, `${path}[${i}][${j}]`)));
    if (G.some((row, i) => row.some((g, j) => !g.equals(G[j]![i]!)))) throw new Rejected(`${path} is not symmetric`);
    if (G.every((row) => row.every((g) => g.isZero()))) throw new Rejected(`${path} is 0`);
    const entry = (i: number, j: number): KPoly => {
      const out: KPoly = new Map(); // (G·DV)_ij = Σ_k G_ik ∂V_k/∂x_j
      G[i]!.forEach((g, k) => {
        if (!g.isZero()) for (const [m, c] of DV[k]!.get(names[j]!) ?? []) addTerm(out, m, c.mul(g));
      });
      return out;
    };
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const difference = entry(i, j);
        for (const [m, c] of entry(j, i)) addTerm(difference, m, c.neg());
        if (difference.size > 0) throw new Rejected(`${path}: (G·DV)[${names[i]}][${names[j]}] ≠ (G·DV)[${names[j]}][${names[i]}]`);
      }
    }
    return definiteness(G);
  });
  const pd = kinds.filter((k) => k === 'positive definite').length;
  return `the ${procedure} field is a gradient in a constant metric: for each of the ${list.length} given symmetric G ≠ 0, G·DV(x) is symmetric for every x (G·V = −∇Φ); ${pd} of them positive definite`;
}
