/**
 * The certificate file format (docs/certificates.md): JSON with a `kind`, the model's exact data,
 * the claim's parameters and its evidence. `ncssl verify` re-checks it with src/kernel, which reads
 * only `format`, `kind`, `model` and the fields its kind names; `source` is for people.
 *
 * Example: `certificateModel(model).moments.sigma1` is `[["5/2"]]` for the scalar proof.
 */
import type { Model } from '../model/model.js';
import { allProcedures, getProcedure } from '../procedures/index.js';
import type { VariantCertificateModel } from './variant-curl.js';

/** Format and version; bump the number on any change an older kernel would misread. */
export const CERTIFICATE_FORMAT = 'ncssl-certificate/2';

/** The model's exact data: everything the kernel needs to re-derive F and the fields. */
export interface CertificateModel {
  name: string;
  encoder: { kind: string; in: number; out: number };
  predictor: { kind: string };
  /** Exact numbers as strings ("5/2"), p×p row-major. */
  moments: { sigma1: string[][]; sigma2: string[][]; sigma12: string[][] };
  weightDecay: string;
  predictorRate: string;
  emaRate: string;
}

/** One certificate. Kinds: "curl", "potential" (integrability); more kinds add their own fields. */
export interface Certificate {
  format: typeof CERTIFICATE_FORMAT;
  kind: string;
  /** A model's exact data; a variant's (kind variant-curl) has its own fields. */
  model: CertificateModel | VariantCertificateModel;
  /** The claim's parameters and evidence, which depend on the kind. */
  [field: string]: unknown;
}

/** A certificate with the file-name stem it is written under, after the model's name: "sg.curl". */
export interface NamedCertificate {
  name: string;
  certificate: Certificate;
}

/** Which field a certificate speaks of: the procedure's name and the recipe the kernel re-derives it by. */
export function procedureClaim(name: string): { procedure: string; recipe: string } {
  return { procedure: name, recipe: getProcedure(name).recipe };
}

/** The registry as the kernel takes it (`verifyCertificate(text, { procedures })`). */
export function knownProcedures(): Map<string, string> {
  return new Map(allProcedures().map((p) => [p.name, p.recipe]));
}

/**
 * The procedures a variant certificate may name (`verifyCertificate`'s `variantProcedures`): the
 * registered ones, and the stop gradient on the online side that only variants have (src/variants/spec.ts).
 */
export function knownVariantProcedures(): Map<string, string> {
  return new Map([...knownProcedures(), ['sg-online', 'target-branch']]);
}

export function certificateModel(model: Model): CertificateModel {
  const text = (m: Model['moments']['sigma1']) => m.map((row) => row.map((x) => x.toString()));
  return {
    name: model.name,
    encoder: { kind: model.encoder.kind, in: model.encoder.in, out: model.encoder.out },
    predictor: { kind: model.predictor.kind },
    moments: { sigma1: text(model.moments.sigma1), sigma2: text(model.moments.sigma2), sigma12: text(model.moments.sigma12) },
    weightDecay: model.weightDecay.toString(),
    predictorRate: model.predictorRate.toString(),
    emaRate: model.emaRate.toString(),
  };
}
