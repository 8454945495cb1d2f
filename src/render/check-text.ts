/** The human-readable form of `ncssl check`: one block per model, a few lines per procedure. */
import type { ModelCheck } from '../analyses/check-model.js';
import { assessClaims } from '../analyses/claims.js';
import type { SymmetryVerdict } from '../analyses/integrability.js';
import type { DynamicsFindings } from '../analyses/dynamics.js';
import type { Complex } from '../numeric/eigenvalues.js';

/** Longest expression printed in full in text mode; `--json` always has everything. */
const MAX_TEXT_CHARS = 400;

function shorten(expr: string): string {
  return expr.length <= MAX_TEXT_CHARS ? expr : `${expr.slice(0, MAX_TEXT_CHARS)} … (${expr.length} characters; see --json)`;
}

function verdictLines(v: SymmetryVerdict, fieldName: string): string[] {
  const s = v.sampled;
  const sampled = `sampled curl (numerical, seed ${s.seed}): nonzero at ${s.nonzeroPoints} of ${s.samples} points, max |curl| ${s.maxCurl.toExponential(3)}`;
  if (v.integrable) {
    return [`${fieldName} is a gradient field (proved): ${fieldName} = −∇Φ with Φ = ${shorten(v.potential!.toString())}`, sampled];
  }
  const c = v.certificate!;
  const point = Object.entries(c.point)
    .map(([k, x]) => `${k} = ${x}`)
    .join(', ');
  return [
    `${fieldName} is not the gradient of any C² function (proved): at ${shorten(point)}`,
    `  ∂${fieldName}[${c.i}]/∂${c.j} = ${c.dVi_dxj} ≠ ${c.dVj_dxi} = ∂${fieldName}[${c.j}]/∂${c.i}`,
    sampled,
  ];
}

function formatComplex(z: Complex): string {
  const re = Number(z.re.toPrecision(4));
  if (Math.abs(z.im) < 1e-12) return `${re}`;
  return `${re} ${z.im < 0 ? '−' : '+'} ${Number(Math.abs(z.im).toPrecision(4))}i`;
}

/** A few lines per dynamical analysis; --json carries the certificates in full. */
function dynamicsLines(f: DynamicsFindings, stateNames: readonly string[]): string[] {
  const lines: string[] = [];
  if (f.equilibria) {
    const { finding, stability } = f.equilibria;
    lines.push('equilibria:');
    finding.components.forEach((c, i) => {
      const exact = c.points.filter((p) => p.exact).length;
      lines.push(`  ${c.title} — ${c.points.length} sampled point(s), ${exact} exact`);
      lines.push(`    equations: ${shorten(c.equations.map(String).join(', '))}`);
      for (const note of c.notes) lines.push(`    note: ${note}`);
      c.points.forEach((p, j) => {
        const coords = stateNames.map((n, k) => `${n} = ${p.exact ? p.values[k]!.toString() : Number(p.values[k]!.toPrecision(6))}`).join(', ');
        lines.push(`    point ${j + 1} (${p.exact ? 'exact' : `float, residual ${p.residual.toExponential(1)}`}): ${shorten(coords)}`);
        const s = stability?.[i]?.[j];
        if (s) {
          const eta = s.largestStableLearningRate === null ? '' : `; discrete loop stable for η < ${Number(s.largestStableLearningRate.toPrecision(4))}`;
          lines.push(`      ${s.verdict} (${s.level}): dimension ${s.componentDimension}, ${s.zeroEigenvalues} zero eigenvalue(s)${eta}`);
          lines.push(`      eigenvalues: ${shorten(s.eigenvalues.map(formatComplex).join(', '))}`);
        }
      });
    });
    for (const note of finding.notes) lines.push(`  note: ${note}`);
    const fl = finding.flows;
    if (fl) {
      lines.push(
        `  flows from ${fl.starts} random starts (numerical, seed ${fl.seed}): ${fl.atRest} reached an equilibrium ` +
          `(${fl.collapsed} collapsed, ${fl.nonCollapsed} not${fl.undecided > 0 ? `, ${fl.undecided} undecided` : ''}), ${fl.diverged} diverged, ${fl.unfinished} unfinished`,
      );
    }
  }
  if (f.collapse) {
    const c = f.collapse;
    if (c.gd) lines.push(`collapse: ${c.gd.claim} — ${c.gd.level} (${c.gd.counterexample ? `counterexample: ${c.gd.counterexample}; the proof stops: ${c.gd.reason}` : c.gd.reason})`);
    const exists = c.nonCollapsed.exists === null ? 'undecided' : c.nonCollapsed.exists ? 'exist' : 'do not exist';
    lines.push(`non-collapsed equilibria ${exists} (${c.nonCollapsed.level}): ${c.nonCollapsed.evidence}`);
    for (const share of c.shares) {
      const v = Object.entries(share.verdicts)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ');
      lines.push(`  ${share.title}: ${share.points} sampled${v ? `: ${v}` : ''}`);
    }
  }
  if (f.invariants) {
    const inv = f.invariants;
    const basis = inv.basis.length === 0 ? 'none' : inv.basis.map(String).join('; ');
    lines.push(`conserved quantities of degree ≤ 2 (${inv.level}${inv.reason ? `: ${inv.reason}` : ''}): ${shorten(basis)}`);
  }
  if (f.metric) {
    const m = f.metric;
    const cert = `rank ${m.certificate.rank} of ${m.certificate.unknowns} unknowns modulo ${m.certificate.primes.join(', ')}`;
    if (m.level !== 'proved') lines.push(`constant metric (inconclusive: ${m.reason}); P⁻¹ works: ${m.inverseRatesWork}`);
    else if (!m.exists) lines.push(`constant metric: none — only G = 0 makes G·DV symmetric everywhere (proved: ${cert})`);
    else {
      // P⁻¹ is positive definite (rates > 0): when it is in the space, the space holds a metric even if no basis element is one.
      const pd = m.inverseRatesWork
        ? 'P⁻¹ is one of them, a positive definite metric'
        : m.positiveDefinite.some((x) => x)
          ? 'a positive definite basis element among them'
          : 'no basis element positive definite, P⁻¹ not among them';
      lines.push(`constant metric: a ${m.basis.length}-dimensional space of symmetric G with G·DV symmetric (proved; ${pd})`);
    }
  }
  return lines;
}

export function checkText(check: ModelCheck, source: string): string {
  const m = check.model;
  const lines = [
    `${m.name} (${source}): encoder ${m.encoder.kind} ${m.encoder.out}×${m.encoder.in}, predictor ${m.predictor.kind}, ` +
      `λ = ${m.weightDecay}, α = ${m.predictorRate}, τ = ${m.emaRate}`,
  ];
  for (const p of check.procedures) {
    lines.push(`  ${p.name}: ${p.title}, state dimension ${p.integrability.stateDimension}`);
    for (const l of verdictLines(p.integrability.euclidean, 'V')) lines.push(`    ${l}`);
    if (p.integrability.rateAdjusted) {
      for (const l of verdictLines(p.integrability.rateAdjusted, 'P⁻¹V')) lines.push(`    ${l}`);
    }
    for (const l of dynamicsLines(p.dynamics, p.stateNames)) lines.push(`    ${l}`);
  }
  lines.push('  claims of the theory on this model (MATH.md §3):');
  for (const c of assessClaims(check)) {
    const level = c.outcome === 'fails' ? ` (refuted, counterexample ${c.refutedAt})` : c.outcome === 'not analysed' ? '' : ` (${c.level})`;
    lines.push(`    ${c.id} ${c.outcome}${level}: ${c.statement}`);
    for (const e of c.evidence) lines.push(`      ${e}`);
  }
  return lines.join('\n') + '\n';
}
