/**
 * The human-readable form of `ncssl check` on a family: the assumptions, what was proved about the
 * moments, then per procedure the field, its integrability, conserved quantities, GD's collapse
 * proof and the closed-form equilibria with their stability, each "for every admissible value" or
 * with the condition under which it holds; then the claims. Expressions in the derive syntax.
 */
import type { ClaimVerdict } from '../analyses/claims.js';
import type { FamilyCheck, FamilyPointCheck, FamilyProcedureCheck } from './check.js';
import { describePoint, regionText } from './claims.js';
import { describePositivity } from './positivity.js';

export function assumptionsText(check: Pick<FamilyCheck, 'family'>): string {
  const f = check.family;
  const signs = f.symbols.map((s) => (s.sign === 'positive' ? `${s.name} > 0` : s.sign === 'nonnegative' ? `${s.name} ≥ 0` : `${s.name} real`));
  return [...signs, ...f.inequalities.map((q) => `${q.lhs} ${q.strict ? '<' : '≤'} ${q.rhs}`)].join(', ');
}

function pointLines(p: FamilyProcedureCheck, x: FamilyPointCheck): string[] {
  const s = x.stability;
  const d = s.reduced.length - 1;
  const power = (i: number) => (d - i === 0 ? '' : d - i === 1 ? 'λ' : `λ^${d - i}`);
  const r = s.reduced.map((c, i) => (c.isConstant() && c.constantTerm().isOne() && i < d ? power(i) : `(${c})${power(i) ? `·${power(i)}` : ''}`)).join(' + ');
  const lines = [`${x.point.component}: ${describePoint(p, x.point)}`, ...(s.verdict === 'sampled' ? [] : [`  det(λI − DV) = ${s.kernel === 0 ? '' : s.kernel === 1 ? 'λ·' : `λ^${s.kernel}·`}r(λ), r(λ) = ${r}`])];
  const verdict = s.verdict === 'stable' ? 'transversally asymptotically stable for every admissible value (proved)' : s.verdict === 'unstable' ? 'unstable for every admissible value (proved)' : s.verdict === 'conditional' ? 'stable where the conditions below hold' : 'at sampled values only';
  lines.push(`  ${verdict}: ${s.reason}`);
  for (const c of s.conditions) {
    const status = c.proof
      ? `proved: ${describePositivity(c.proof)}`
      : c.square
        ? `proved for every ${p.fp.field[0]!.ring.names[c.square.variable]} by completing the square: ${describePositivity(c.square.leading)}; ${describePositivity(c.square.discriminant)} (4αγ − β²)`
      : c.negative
        ? 'fails everywhere (proved < 0)'
        : c.region
          ? `holds exactly where ${regionText(c.region)} (proved)`
          : `holds at ${c.holdsAtSamples.holds} of ${c.holdsAtSamples.of} sampled values`;
    lines.push(`    ${c.proof ? c.polynomial : c.display} > 0 — ${status}`);
  }
  if (s.atSamples) lines.push(`    zero eigenvalues at the samples: ${s.atSamples.kernels.join(', ')}`);
  return lines;
}

function procedureLines(p: FamilyProcedureCheck): string[] {
  const lines: string[] = [`${p.fp.procedure.name}: ${p.fp.procedure.words.title}, state ${p.fp.stateNames.join(', ')}`];
  p.fp.field.forEach((v, k) => lines.push(`  V[${p.fp.stateNames[k]}] = ${v}`));
  const i = p.integrability;
  const which = i.rateScaled ? 'P⁻¹V' : 'V';
  if (i.kind === 'gradient') {
    lines.push(`  ${which} = −∇Φ for every admissible value (proved), Φ = ${i.potential}${i.isObjectivePlusDecay ? ' = E + λ/2‖x‖²' : ''}`);
  } else {
    const w = i.witness;
    const names = p.fp.stateNames;
    lines.push(`  ${which} is not a gradient field ${i.everywhere ? 'for any admissible value' : `where ${w.coefficient} ≠ 0`} (proved): ∂${which}[${names[w.i]}]/∂${names[w.j]} − ∂${which}[${names[w.j]}]/∂${names[w.i]} = ${w.curl}`);
    lines.push(`    coefficient of ${w.monomial}: ${w.coefficient}${w.proof ? ` — ${describePositivity(w.proof)}` : ''}`);
    if (!i.everywhere) lines.push(`    a gradient field only where every curl coefficient vanishes: ${i.exceptional.join(', ')}`);
  }
  const q = p.invariants.quantities;
  // The search's reach is said with its result: coefficients are numbers times 1 or one symbol.
  lines.push(`  conserved quadratic quantities for every admissible value (proved; coefficients: numbers, or numbers times one symbol): ${q.length === 0 ? 'none of that form' : q.join('; ')}`);
  if (p.collapse) {
    const c = p.collapse;
    lines.push(`  collapse: ${c.proved ? 'every equilibrium has A = 0 for every admissible value (proved)' : 'not proved for the family'}: ${c.reason}`);
    c.minors.forEach((m, k) => lines.push(`    minor ${k + 1} of J: ${m.minor}${m.proof ? ` — ${describePositivity(m.proof)}` : ' — not proved positive'}`));
  }
  for (const x of p.points) lines.push(...pointLines(p, x).map((l) => `  ${l}`));
  return lines;
}

export function claimLines(claims: readonly ClaimVerdict[]): string[] {
  const lines: string[] = [];
  for (const c of claims) {
    const level = c.outcome === 'fails' ? ` (refuted, counterexample ${c.refutedAt})` : c.outcome === 'not analysed' ? '' : ` (${c.level})`;
    lines.push(`${c.id} ${c.outcome}${level}: ${c.statement}`);
    for (const e of c.evidence) lines.push(`  ${e}`);
  }
  return lines;
}

/** Words with TeX math ($…$) as plain text: the few macros the family's statements use. */
export function plainText(tex: string): string {
  const macros: Record<string, string> = { '\\lambda': 'λ', '\\alpha': 'α', '\\tau': 'τ', '\\sigma': 'σ', '\\ge': '≥', '\\le': '≤' };
  return tex
    .replace(/\$/g, '')
    .replace(/\\[a-z]+/g, (m) => macros[m] ?? m)
    .replace(/\^2/g, '²')
    .replace(/ +/g, ' ');
}

export function familyCheckText(check: FamilyCheck, source: string): string {
  const f = check.family;
  const lines = [
    `${f.name} (${source}): a family in ${f.ring.names.join(', ')}; encoder ${f.encoder.kind} ${f.encoder.out}×${f.encoder.in}, predictor ${f.predictor.kind}, λ = ${f.weightDecay}, α = ${f.predictorRate}, τ = ${f.emaRate}`,
    `  assumptions: ${assumptionsText(check)}`,
    `  proved for every admissible value: ${check.validity.proved.map(plainText).join('; ') || 'nothing'}`,
    ...(check.validity.hypotheses.length > 0 ? [`  hypotheses of every verdict (not proved): ${check.validity.hypotheses.map(plainText).join('; ')}`] : []),
    `  F = ${check.derivation.objective}`,
  ];
  for (const p of check.procedures) lines.push(...procedureLines(p).map((l) => `  ${l}`));
  lines.push('  claims of the theory for every admissible value (docs/math.md §3):');
  lines.push(...claimLines(check.claims).map((l) => `    ${l}`));
  return lines.join('\n') + '\n';
}
