/**
 * Registered analysis "metric" (beyond the paper): whether some constant symmetric G ≠ 0 makes
 * G·DV symmetric everywhere, i.e. V is a gradient in a constant metric (metric.ts).
 */
import { type MetricFinding, findConstantMetric } from '../metric.js';
import { DEFAULT_DYNAMICS_MAX_STATE, registerAnalysis } from '../analysis.js';

function line(m: MetricFinding): string {
  const cert = `rank ${m.certificate.rank} of ${m.certificate.unknowns} unknowns modulo ${m.certificate.primes.join(', ')}`;
  if (m.level !== 'proved') return `constant metric (inconclusive: ${m.reason}); P⁻¹ works: ${m.inverseRatesWork}`;
  if (!m.exists) return `constant metric: none — only G = 0 makes G·DV symmetric everywhere (proved: ${cert})`;
  // P⁻¹ is positive definite (rates > 0): when it is in the space, the space holds a metric even if no basis element is one.
  const pd = m.inverseRatesWork
    ? 'P⁻¹ is one of them, a positive definite metric'
    : m.positiveDefinite.some((x) => x)
      ? 'a positive definite basis element among them'
      : 'no basis element positive definite, P⁻¹ not among them';
  return `constant metric: a ${m.basis.length}-dimensional space of symmetric G with G·DV symmetric (proved; ${pd})`;
}

export const metric = registerAnalysis<MetricFinding>({
  name: 'metric',
  summary: 'is there a constant symmetric G ≠ 0 with G·DV symmetric everywhere',
  requires: [],
  defaultRun: { kind: 'up-to-state', maxState: DEFAULT_DYNAMICS_MAX_STATE },
  run: ({ procedure, options }) => findConstantMetric(procedure, options),
  toJson: (m) => ({
    metric: {
      level: m.level,
      exists: m.exists,
      basis: m.basis.map((g) => g.map((row) => row.map(String))),
      positiveDefinite: m.positiveDefinite,
      inverseRatesWork: m.inverseRatesWork,
      certificate: m.certificate,
      ...(m.reason ? { reason: m.reason } : {}),
    },
  }),
  text: (m) => [line(m)],
});
