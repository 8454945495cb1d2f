/**
 * Certificate writers, one file per analysis, each registering itself here (as procedures do), so
 * adding a kind of certificate never touches a central switch. A writer turns the findings of
 * `checkModel` into certificates, one per proved verdict.
 *
 * Example: `certificatesOf(checkModel(model, options), 'proofs/models/scalar.yaml')[0].name === 'gd.potential'`.
 */
import type { ModelCheck } from '../analyses/check-model.js';
import type { NamedCertificate } from './format.js';

export interface CertificateWriter {
  /** The analysis whose findings it reads: "integrability". */
  analysis: string;
  certificates(check: ModelCheck, source: string): NamedCertificate[];
}

const writers: CertificateWriter[] = [];

export function registerCertificateWriter(writer: CertificateWriter): void {
  if (writers.some((w) => w.analysis === writer.analysis)) throw new Error(`certificate writer ${writer.analysis} registered twice`);
  writers.push(writer);
}

/** Every certificate of one model's findings, writers in registration order. */
export function certificatesOf(check: ModelCheck, source: string): NamedCertificate[] {
  return writers.flatMap((w) => w.certificates(check, source));
}
