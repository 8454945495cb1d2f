/**
 * Certificates of a family's proved verdicts (issue 10; docs/certificates.md, "Family kinds"), for
 * `ncssl check --certificates DIR` on a spec with symbols. The model carries its symbols with their
 * declared classes and inequalities, and moments and rates as polynomials in them; the kernel
 * re-derives every field from that, and accepts each sign only with a positivity certificate whose
 * assumptions the declarations imply. One certificate per proved verdict:
 *
 *   <procedure>[.rate-adjusted].family-potential   V (or P⁻¹V) = −∇Φ for every value
 *   <procedure>[.rate-adjusted].family-curl        not a gradient field for any admissible value
 *   <procedure>.family-invariant                   ∇Q·V ≡ 0 for each conserved Q
 *   <procedure>.<component>-<i>.family-stability   a stable closed-form point, for every admissible value
 *   <procedure>.family-gd-collapse                 every GD equilibrium has A = 0
 *
 * Verdicts the analyses leave conditional or undecided write nothing; a stable verdict whose
 * denominator is not proved nonzero writes nothing either (the claim would need that hypothesis).
 *
 * Example: `familyCertificates(checkFamily(family, { seed: 1 }), path).map((c) => c.name)` for the
 * scalar family starts ['gd.family-potential', 'gd.family-gd-collapse', 'sg.family-curl', …].
 */
import { CERTIFICATE_FORMAT, type Certificate, type CertificateModel, type NamedCertificate, procedureClaim } from '../certificates/format.js';
import type { Poly } from '../poly/poly.js';
import type { FamilyCheck, FamilyPointCheck, FamilyProcedureCheck } from './check.js';
import { proveSign } from './domain.js';
import type { Family } from './family.js';
import { hurwitzDeterminants } from './poly-matrix.js';
import type { PositivityCertificate, PositivityContext, SignClass } from './positivity.js';

/** A family's model data: the numeric model's fields, with moments and rates in its symbols. */
export interface FamilyCertificateModel extends CertificateModel {
  parameters: Array<{ name: string; sign: SignClass }>;
  inequalities: Array<{ lhs: string; rhs: string; strict: boolean }>;
}

export function familyCertificateModel(family: Family): FamilyCertificateModel {
  const text = (m: Poly[][]) => m.map((row) => row.map(String));
  return {
    name: family.name,
    encoder: { kind: family.encoder.kind, in: family.encoder.in, out: family.encoder.out },
    predictor: { kind: family.predictor.kind },
    parameters: family.symbols.map((s) => ({ name: s.name, sign: s.sign })),
    inequalities: family.inequalities.map((q) => ({ lhs: q.lhs.toString(), rhs: q.rhs.toString(), strict: q.strict })),
    moments: { sigma1: text(family.moments.sigma1), sigma2: text(family.moments.sigma2), sigma12: text(family.moments.sigma12) },
    weightDecay: family.weightDecay.toString(),
    predictorRate: family.predictorRate.toString(),
    emaRate: family.emaRate.toString(),
  };
}

export function familyCertificates(check: FamilyCheck, source: string): NamedCertificate[] {
  const model = familyCertificateModel(check.family);
  const envelope = (kind: string, p: FamilyProcedureCheck, fields: Record<string, unknown>): Certificate => ({
    format: CERTIFICATE_FORMAT,
    kind,
    model,
    ...procedureClaim(p.fp.procedure.name),
    ...fields,
    source,
  });
  const out: NamedCertificate[] = [];
  for (const p of check.procedures) {
    const name = p.fp.procedure.name;
    const integrability = integrabilityCertificate(p);
    if (integrability) out.push({ name: `${name}${integrability.tag}.${integrability.kind}`, certificate: envelope(integrability.kind, p, integrability.fields) });
    if (p.collapse?.proved) out.push({ name: `${name}.family-gd-collapse`, certificate: envelope('family-gd-collapse', p, { evidence: collapseEvidence(p) }) });
    if (p.invariants.quantities.length > 0) {
      out.push({ name: `${name}.family-invariant`, certificate: envelope('family-invariant', p, { evidence: { conserved: p.invariants.quantities.map(String) } }) });
    }
    const seen = new Map<string, number>();
    for (const point of p.points) {
      const index = (seen.get(point.point.component) ?? 0) + 1;
      seen.set(point.point.component, index);
      const evidence = stabilityEvidence(p, point, check.domain);
      if (evidence) {
        out.push({ name: `${name}.${point.point.component}-${index}.family-stability`, certificate: envelope('family-stability', p, { claim: 'transversally asymptotically stable', evidence }) });
      }
    }
  }
  return out;
}

function integrabilityCertificate(p: FamilyProcedureCheck): { kind: string; tag: string; fields: Record<string, unknown> } | null {
  const result = p.integrability;
  const field = result.rateScaled ? 'P^-1 V' : 'V';
  const tag = result.rateScaled ? '.rate-adjusted' : '';
  if (result.kind === 'gradient') return { kind: 'family-potential', tag, fields: { field, evidence: { potential: result.potential.toString() } } };
  const w = result.witness;
  if (!result.everywhere || w.proof === null) return null;
  const evidence = { i: p.fp.stateNames[w.i]!, j: p.fp.stateNames[w.j]!, monomial: w.monomial, coefficient: w.coefficient.toString(), proof: w.proof };
  return { kind: 'family-curl', tag, fields: { field, evidence } };
}

function collapseEvidence(p: FamilyProcedureCheck): Record<string, unknown> {
  const collapse = p.collapse!;
  return { minors: collapse.minors.map((m) => m.proof!), ...(collapse.weightDecay.proof ? { weightDecay: collapse.weightDecay.proof } : {}) };
}

/**
 * The evidence of a stable point: its closed form, k, r and a proof for each condition the kernel
 * asks for (a1…ad, Δ2…Δ(d−1)), or null when one of them is missing.
 */
function stabilityEvidence(p: FamilyProcedureCheck, { point, stability }: FamilyPointCheck, domain: PositivityContext): Record<string, unknown> | null {
  if (stability.verdict !== 'stable') return null;
  const ring = point.denominator.ring;
  const free = point.free.map((f) => ({ name: ring.names[f.variable]!, sign: f.sign }));
  const context: PositivityContext = { ...domain, signs: new Map([...domain.signs, ...free.map((f) => [f.name, f.sign] as const)]) };
  const D = point.denominator;
  if (!D.isConstant() && point.denominatorSign === null) return null;
  const r = stability.reduced;
  const lead = r[0]!;
  const leading = lead.isConstant() ? null : proveSign(lead, context, 'positive');
  if (!lead.isConstant() && leading === null) return null;
  const d = r.length - 1;
  const hurwitz = d >= 3 ? hurwitzDeterminants(r) : [];
  const required: Array<[string, Poly]> = [
    ...r.slice(1).map((a, i): [string, Poly] => [`a${i + 1}`, a]),
    ...hurwitz.slice(1, -1).map((h, i): [string, Poly] => [`hurwitz${i + 2}`, h]),
  ];
  const conditions: Array<{ name: string; proof: PositivityCertificate }> = [];
  for (const [name, polynomial] of required) {
    const proof = stability.conditions.find((c) => c.polynomial.equals(polynomial))?.proof;
    if (!proof) return null;
    conditions.push({ name, proof });
  }
  return {
    point: {
      numerators: Object.fromEntries(p.fp.stateNames.map((v, k) => [v, point.numerators[k]!.toString()])),
      denominator: D.toString(),
      free,
    },
    ...(D.isConstant() ? {} : { denominatorNonzero: point.denominatorSign }),
    k: stability.kernel,
    r: r.map(String),
    ...(leading ? { leading } : {}),
    conditions,
  };
}
