/**
 * The dynamical findings of one procedure as JSON-ready plain data: exact numbers and
 * polynomials as strings in the `derive` syntax (Poly.toString), floats as numbers. This is what
 * `ncssl check --json` prints under each procedure and what report sections read.
 *
 * Example: `dynamicsToJson(findings, stateNames).invariants.basis` is ['A_1_1^2 - B_1_1^2'] for SG
 * on the scalar model.
 */
import type { DynamicsFindings } from './dynamics.js';
import type { EquilibriumPoint } from './equilibria.js';
import { manifoldJson } from './local-manifold.js';
import type { PointStability } from './stability.js';

function pointJson(point: EquilibriumPoint, stateNames: readonly string[], stability: PointStability | undefined): Record<string, unknown> {
  const coordinates = Object.fromEntries(stateNames.map((name, k) => [name, point.exact ? point.values[k]!.toString() : point.values[k]!]));
  const out: Record<string, unknown> = {
    exact: point.exact,
    coordinates,
    residual: point.residual,
    collapsed: point.collapsed,
    origin: point.origin,
  };
  if (stability) {
    const c = stability.certificate;
    Object.assign(out, {
      dimension: { component: stability.componentDimension, kernel: stability.kernelDimension, zeroEigenvalues: stability.zeroEigenvalues },
      eigenvalues: stability.eigenvalues,
      verdict: stability.verdict,
      level: stability.level,
      reason: stability.reason,
      numericalVerdict: stability.numericalVerdict,
      largestStableLearningRate: stability.largestStableLearningRate,
      // The proof of the manifold of equilibria behind a proved stable verdict.
      manifold: stability.manifold ? manifoldJson(stateNames, stability.manifold) : null,
      certificate: c
        ? {
            charpoly: c.charpoly.toString(),
            zeroMultiplicity: c.zeroMultiplicity,
            remainder: c.remainder.toString(),
            routhFirstColumn: c.routhFirstColumn,
            rightHalfPlaneRoots: c.rightHalfPlaneRoots,
            hurwitzMinorsAgree: c.hurwitzMinorsAgree,
            charpolyRechecked: c.charpolyRechecked,
          }
        : null,
    });
  }
  return out;
}

export function dynamicsToJson(findings: DynamicsFindings, stateNames: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (findings.equilibria) {
    const { finding, stability } = findings.equilibria;
    out.equilibria = {
      components: finding.components.map((c, i) => ({
        id: c.id,
        title: c.title,
        equations: c.equations.map((e) => e.toString()),
        containment: c.containment,
        notes: c.notes,
        points: c.points.map((p, j) => pointJson(p, stateNames, stability?.[i]?.[j])),
      })),
      flows: finding.flows,
      notes: finding.notes,
    };
  }
  if (findings.collapse) out.collapse = findings.collapse;
  if (findings.invariants) {
    const inv = findings.invariants;
    out.invariants = {
      level: inv.level,
      maxDegree: inv.maxDegree,
      basis: inv.basis.map((b) => b.toString()),
      certificate: inv.certificate,
      ...(inv.reason ? { reason: inv.reason } : {}),
    };
  }
  if (findings.metric) {
    const m = findings.metric;
    out.metric = {
      level: m.level,
      exists: m.exists,
      basis: m.basis.map((g) => g.map((row) => row.map(String))),
      positiveDefinite: m.positiveDefinite,
      inverseRatesWork: m.inverseRatesWork,
      certificate: m.certificate,
      ...(m.reason ? { reason: m.reason } : {}),
    };
  }
  return out;
}
