/**
 * Registered analysis "stability" (docs/math.md §6): at every sampled equilibrium, the eigenvalues of
 * DV, the verdict with its level and, at rational points, the exact certificate and the exact
 * spectrum (stability.ts). It speaks about single points, so its output goes into each point's
 * entry of the equilibria output (the `point` hook); it adds nothing at the procedure level.
 */
import type { ExactSpectrum } from '../exact-spectrum.js';
import { manifoldJson } from '../local-manifold.js';
import { type PointStability, analysePointStability, componentGeometry } from '../stability.js';
import { formatComplex, shorten } from '../../notation/check-text.js';
import { DEFAULT_DYNAMICS_MAX_STATE, registerAnalysis } from '../analysis.js';
import { equilibria } from './equilibria.js';
import { FLOAT_OVERFLOW } from '../../numeric/eigenvalues.js';

/** `stability[c][i]` belongs to sampled point i of equilibrium component c. */
export type StabilityFinding = PointStability[][];

function spectrumJson(s: ExactSpectrum): Record<string, unknown> {
  return {
    zeroMultiplicity: s.zeros,
    rational: s.exact.map(String),
    floats: s.floats,
    largestStableLearningRate: s.learningRate === null ? null : s.learningRate.toString(),
  };
}

function stabilityJson(s: PointStability, stateNames: readonly string[]): Record<string, unknown> {
  const c = s.certificate;
  return {
    dimension: { component: s.componentDimension, kernel: s.kernelDimension, zeroEigenvalues: s.zeroEigenvalues },
    eigenvalues: s.eigenvalues,
    verdict: s.verdict,
    level: s.level,
    reason: s.reason,
    numericalVerdict: s.numericalVerdict,
    largestStableLearningRate: s.largestStableLearningRate,
    // The proof of the manifold of equilibria behind a proved stable verdict.
    manifold: s.manifold ? manifoldJson(stateNames, s.manifold) : null,
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
    exactSpectrum: s.exactSpectrum ? spectrumJson(s.exactSpectrum) : null,
  };
}

function stabilityLines(s: PointStability): string[] {
  const eta = s.largestStableLearningRate === null ? '' : `; discrete loop stable for η < ${Number(s.largestStableLearningRate.toPrecision(4))}`;
  return [
    `${s.verdict} (${s.level}): dimension ${s.componentDimension}, ${s.zeroEigenvalues} zero eigenvalue(s)${eta}`,
    // No eigenvalues only when floats overflow at the point (stability.ts): say so instead of an empty list.
    s.eigenvalues.length === 0 ? `eigenvalues: none (${FLOAT_OVERFLOW})` : `eigenvalues: ${shorten(s.eigenvalues.map(formatComplex).join(', '))}`,
  ];
}

export const stability = registerAnalysis<StabilityFinding>({
  name: 'stability',
  summary: 'at each sampled equilibrium: eigenvalues of DV, verdict, exact at rational points',
  requires: [equilibria],
  defaultRun: { kind: 'up-to-state', maxState: DEFAULT_DYNAMICS_MAX_STATE },
  run({ procedure }, earlier) {
    const { components } = earlier.require(equilibria);
    // A point where components meet may lie on a manifold of equilibria of another component.
    const geometries = components.map((c) => componentGeometry(procedure, c.equations));
    return components.map((c, i) => c.points.map((p) => analysePointStability(procedure, geometries[i]!, p, { others: geometries })));
  },
  toJson: () => ({}),
  text: () => [],
  point: {
    json: (finding, i, j, view) => stabilityJson(finding[i]![j]!, view.stateNames),
    text: (finding, i, j) => stabilityLines(finding[i]![j]!),
  },
});
