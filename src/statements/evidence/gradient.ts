/**
 * `gradient` and `not-gradient` {procedure}: whether the procedure's field V, or P⁻¹V with P the
 * rate matrix, is minus the gradient of a function — read off the integrability analysis, which
 * proves either answer exactly (a potential, or a point where the curl is not zero). On a family,
 * off the family's integrability analysis: a potential for all values of the symbols, or a curl
 * whose coefficient is proved nonzero for every admissible value, or one that vanishes on an
 * exceptional set the assumptions do not exclude. On a variant, off its certified curl (certified)
 * and its float curl (numerical).
 */
import { integrability } from '../../analyses/index.js';
import type { ProcedureCheck } from '../../analyses/check-model.js';
import { Rational } from '../../exact/rational.js';
import type { FamilyCheck, FamilyProcedureCheck } from '../../family/check.js';
import { type FamilyIntegrability, familyIntegrability } from '../../family/integrability.js';
import { Poly } from '../../poly/poly.js';
import type { StatementVerdict } from '../statement.js';
import { type FamilyVerdict, type VariantFindings, checkProcedureParam, familyProcedureOf, missingProcedure, procedureOf, registerEvidence, sampleWhereNonzero } from './registry.js';

/** Whether V or P⁻¹V is a gradient field, with the words of the finding. */
function gradientFinding(p: ProcedureCheck): { gradient: boolean; words: string } {
  const { euclidean, rateAdjusted } = p.results.require(integrability);
  if (euclidean.integrable) return { gradient: true, words: `${p.label}: V is a gradient field (proved, with its potential)` };
  if (rateAdjusted?.integrable) return { gradient: true, words: `${p.label}: P⁻¹V is a gradient field (proved, with its potential); V is not (curl certificate)` };
  return { gradient: false, words: `${p.label}: V${rateAdjusted ? ' and P⁻¹V are' : ' is'} not the gradient of any C² function (proved, curl certificate${rateAdjusted ? 's' : ''})` };
}

function verdict(wantGradient: boolean, p: ProcedureCheck): StatementVerdict {
  const f = gradientFinding(p);
  return f.gradient === wantGradient ? { outcome: 'holds', level: 'proved', evidence: [f.words] } : { outcome: 'fails', level: 'refuted', evidence: [f.words] };
}

/** One field's integrability on the family: W = P⁻¹V or V itself. */
interface FamilyField {
  which: 'V' | 'P⁻¹V';
  finding: FamilyIntegrability;
}

/**
 * The family's integrability findings for V and for P⁻¹V. The family's analysis examines W = P⁻¹V
 * when every rate divides its component exactly (W is V when the rates are 1); when a rate is not
 * 1, V is examined by the same analysis with the rates set to 1. When a rate does not divide its
 * component, the analysis has examined V only and P⁻¹V stays open (null).
 */
function familyFields(check: FamilyCheck, p: FamilyProcedureCheck): FamilyField[] | null {
  const unitRates = p.fp.rates.every((r) => r.isConstant() && r.constantTerm().isOne());
  if (unitRates) return [{ which: 'V', finding: p.integrability }];
  if (!p.integrability.rateScaled) return null;
  const one = Poly.constant(p.fp.rates[0]!.ring, Rational.ONE);
  const euclidean = familyIntegrability(check.derivation, { ...p.fp, rates: p.fp.rates.map(() => one) }, check.domain);
  return [{ which: 'V', finding: euclidean }, { which: 'P⁻¹V', finding: p.integrability }];
}

function notGradientWords(label: string, f: FamilyField & { finding: { kind: 'not-gradient' } }): string {
  const { witness, everywhere, exceptional } = f.finding;
  const curl = `curl ${witness.curl.toString()}`;
  if (everywhere) return `${label}: ${f.which} is not a gradient field for any admissible value (proved: ${curl}, whose coefficient ${witness.coefficient.toString()} of ${witness.monomial} is nonzero on the domain)`;
  return `${label}: ${f.which} is not a gradient field wherever ${witness.coefficient.toString()} ≠ 0 (proved: ${curl}); it can be one only where ${exceptional.map((e) => `${e.toString()} = 0`).join(' and ')}, which the assumptions do not exclude`;
}

/** The family's reading: every verdict of the integrability findings holds for all admissible values, or names where it does. */
function familyVerdict(wantGradient: boolean, check: FamilyCheck, params: Record<string, unknown>): FamilyVerdict {
  const p = familyProcedureOf(check, params);
  const fields = familyFields(check, p);
  if (fields === null) {
    const words = `${p.label}: a rate does not divide its component of V, so only V was examined and P⁻¹V stays open`;
    return { outcome: 'undecided', level: 'inconclusive', scope: 'all', evidence: [words] };
  }
  const gradient = fields.find((f) => f.finding.kind === 'gradient');
  if (gradient && gradient.finding.kind === 'gradient') {
    const words = `${p.label}: ${gradient.which} = −∇Φ for every admissible value (proved, with its potential Φ${gradient.finding.isObjectivePlusDecay ? ' = E + λ/2‖x‖²' : ''})`;
    return wantGradient ? { outcome: 'holds', level: 'proved', scope: 'all', evidence: [words] } : { outcome: 'fails', level: 'refuted', scope: 'all', evidence: [words] };
  }
  const not = fields.flatMap((f) => (f.finding.kind === 'not-gradient' ? [{ ...f, finding: f.finding }] : []));
  const evidence = not.map((f) => notGradientWords(p.label, f));
  if (not.every((f) => f.finding.everywhere)) {
    return wantGradient ? { outcome: 'fails', level: 'refuted', scope: 'all', evidence } : { outcome: 'holds', level: 'proved', scope: 'all', evidence };
  }
  // Not a gradient field wherever the coefficients are nonzero; where they all vanish it may be one.
  if (!wantGradient) return { outcome: 'holds in part', level: 'proved', scope: 'all', evidence };
  const product = not.map((f) => f.finding.witness.coefficient).reduce((a, b) => a.mul(b));
  const at = sampleWhereNonzero(check, [product]);
  if (at !== null) return { outcome: 'fails', level: 'refuted', scope: 'sampled', evidence: [...evidence, `at ${at}, a sampled admissible value, neither is a gradient field`] };
  return { outcome: 'undecided', level: 'inconclusive', scope: 'sampled', evidence: [...evidence, 'the coefficients vanish at every sampled admissible value'] };
}

/**
 * On a variant: a certified curl entry of V (and of P⁻¹V when a rate is not 1) proves neither is
 * a gradient field, at the level certified; a float curl 0 at every sampled point is numerical
 * evidence that one is (a gradient field's curl is 0, which no enclosure can certify).
 */
function variantVerdict(wantGradient: boolean, findings: VariantFindings, params: Record<string, unknown>): StatementVerdict {
  const p = findings.check.procedures.find((x) => x.field.procedure.name === params.procedure);
  if (!p) throw new Error(`procedure ${String(params.procedure)} was not checked: internal error`);
  const name = p.field.procedure.name;
  const curls = [{ which: 'V', c: p.euclidean }, ...(p.rateAdjusted ? [{ which: 'P⁻¹V', c: p.rateAdjusted }] : [])];
  if (curls.every(({ c }) => c.verdict === 'not-gradient')) {
    const words = `${name}: ${curls.map((x) => x.which).join(' and ')} ${curls.length > 1 ? 'are' : 'is'} not the gradient of any C² function (certified: a curl entry excludes 0 by interval arithmetic at ${curls.map(({ c }) => `${c.certified.certifiedPoints} of ${c.certified.samples}`).join(' and ')} points)`;
    return wantGradient ? { outcome: 'fails', level: 'refuted', evidence: [words] } : { outcome: 'holds', level: 'certified', evidence: [words] };
  }
  const zero = curls.find(({ c }) => c.sampled.nonzeroPoints === 0);
  if (zero) {
    const words = `${name}: the float curl of ${zero.which} is 0 at all ${zero.c.sampled.samples} sampled points (numerical; a gradient field's curl cannot be certified by an enclosure)`;
    return wantGradient ? { outcome: 'holds', level: 'numerical', evidence: [words] } : { outcome: 'undecided', level: 'inconclusive', evidence: [words] };
  }
  return { outcome: 'undecided', level: 'inconclusive', evidence: [`${name}: ${curls.map(({ which, c }) => `${which}: ${c.certified.certifiedPoints} of ${c.certified.samples} points certified, float curl nonzero at ${c.sampled.nonzeroPoints}`).join('; ')}`] };
}

registerEvidence({
  name: 'gradient',
  summary: 'the procedure’s field V, or P⁻¹V, is minus a gradient (integrability: a potential, or a curl certificate refutes it)',
  check: (params, where) => checkProcedureParam(params, where),
  analyses: () => ['integrability'],
  inapplicable: missingProcedure,
  verdict: (check, params) => verdict(true, procedureOf(check, params)),
  family: (check, params) => familyVerdict(true, check, params),
  variant: (findings, params) => variantVerdict(true, findings, params),
});

registerEvidence({
  name: 'not-gradient',
  summary: 'neither V nor P⁻¹V is a gradient field (integrability: a curl certificate, or a potential refutes it)',
  check: (params, where) => checkProcedureParam(params, where),
  analyses: () => ['integrability'],
  inapplicable: missingProcedure,
  verdict: (check, params) => verdict(false, procedureOf(check, params)),
  family: (check, params) => familyVerdict(false, check, params),
  variant: (findings, params) => variantVerdict(false, findings, params),
});
