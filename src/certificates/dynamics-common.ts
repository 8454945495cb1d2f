/**
 * What the dynamical certificate writers share: the derivation of a checked procedure, exact
 * points and cofactors as certificate JSON, and the certificate envelope.
 *
 * Example: `pointJson(['A_1_1', 'B_1_1'], [q(1), q(4, 5)])` is { A_1_1: '1', B_1_1: '4/5' }.
 */
import type { ModelCheck, ProcedureCheck } from '../analyses/check-model.js';
export { cofactorsJson } from '../analyses/local-manifold.js';
import type { Rational } from '../exact/rational.js';
import type { ProcedureDerivation } from '../procedures/derive.js';
import { CERTIFICATE_FORMAT, type Certificate, type CertificateModel, procedureClaim } from './format.js';

export function derivationOf(check: ModelCheck, p: ProcedureCheck): ProcedureDerivation {
  return check.derivation.procedures.find((d) => d.procedure.name === p.name)!;
}

export function pointJson(names: readonly string[], values: readonly Rational[]): Record<string, string> {
  return Object.fromEntries(names.map((n, k) => [n, values[k]!.toString()]));
}

/** The envelope every dynamical certificate shares; `claim` only where the kind has several. */
export function dynamicalCertificate(kind: string, model: CertificateModel, procedure: string, claim: string | undefined, evidence: unknown, source: string): Certificate {
  return { format: CERTIFICATE_FORMAT, kind, model, ...procedureClaim(procedure), ...(claim === undefined ? {} : { claim }), evidence, source };
}
