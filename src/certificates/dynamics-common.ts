/**
 * What the dynamical certificate writers share: the derivation of a checked procedure, exact
 * points and cofactors as certificate JSON, and the certificate envelope.
 *
 * Example: `pointJson(['A_1_1', 'B_1_1'], [q(1), q(4, 5)])` is { A_1_1: '1', B_1_1: '4/5' }.
 */
import type { ModelCheck, ProcedureCheck } from '../analyses/check-model.js';
import type { Rational } from '../exact/rational.js';
import type { Poly } from '../poly/poly.js';
import type { ProcedureDerivation } from '../procedures/derive.js';
import type { Cofactors } from '../poly/cofactors.js';
import { CERTIFICATE_FORMAT, type Certificate, type CertificateModel } from './format.js';

export function derivationOf(check: ModelCheck, p: ProcedureCheck): ProcedureDerivation {
  return check.derivation.procedures.find((d) => d.procedure.name === p.name)!;
}

export function pointJson(names: readonly string[], values: readonly Rational[]): Record<string, string> {
  return Object.fromEntries(names.map((n, k) => [n, values[k]!.toString()]));
}

/** { "<j>": "<h_j>" } with the zero cofactors left out. */
export function cofactorJson(h: ReadonlyMap<number, Poly>): Record<string, string> {
  return Object.fromEntries([...h].filter(([, p]) => !p.isZero()).sort(([a], [b]) => a - b).map(([j, p]) => [String(j), p.toString()]));
}

/** Per state coordinate, its cofactors (coordinates whose cofactors are all 0 left out). */
export function cofactorsJson(names: readonly string[], all: readonly Cofactors[]): Record<string, Record<string, string>> {
  return Object.fromEntries(names.flatMap((n, i) => (all[i]!.h.size > 0 && Object.keys(cofactorJson(all[i]!.h)).length > 0 ? [[n, cofactorJson(all[i]!.h)]] : [])));
}

/** The envelope every dynamical certificate shares; `claim` only where the kind has several. */
export function dynamicalCertificate(kind: string, model: CertificateModel, procedure: string, claim: string | undefined, evidence: unknown, source: string): Certificate {
  return { format: CERTIFICATE_FORMAT, kind, model, procedure, ...(claim === undefined ? {} : { claim }), evidence, source };
}
