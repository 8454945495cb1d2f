/**
 * Certificates of a variant's certified curl (issue 12; docs/certificates.md, "variant-curl"): one
 * per certified verdict, for V and for P⁻¹V when a rate is not 1, written under
 * `<model>.<procedure>[.rate-adjusted].variant-curl.json`. Each carries the variant's exact data,
 * the procedure and its recipe, and the first certified box of the check (its centre and radius,
 * the entry (i, j) and the engine's enclosure of the curl), every double written as the exact
 * rational it is, so the kernel re-checks the same box.
 *
 * Example: `variantCertificates(checkVariant(v, { samples: 8, seed: 1 }), path)[0].name === 'sg.variant-curl'`.
 */
import type { Rational } from '../exact/rational.js';
import { exactRational } from '../interval/interval.js';
import type { VariantCheck, VariantCurlVerdict } from '../variants/check.js';
import type { Variant } from '../variants/variant.js';
import { CERTIFICATE_FORMAT, type NamedCertificate } from './format.js';

/** A variant's exact data, as the kernel reads it (src/kernel/variant/model.ts). */
export interface VariantCertificateModel {
  name: string;
  loss: string;
  encoder: Record<string, unknown>;
  predictor: Record<string, unknown>;
  /** View pairs [x1, x2], every number exact. */
  pairs: string[][][];
  weightDecay: string;
  predictorRate: string;
  emaRate: string;
}

export function variantCertificateModel(v: Variant): VariantCertificateModel {
  const text = (xs: Rational[]) => xs.map(String);
  const e = v.encoder;
  const encoder = e.kind === 'mlp' ? { kind: e.kind, in: e.in, out: e.out, layers: e.layers, activation: e.activation, bias: e.bias } : { kind: e.kind, in: e.in, out: e.out };
  const b = v.predictor;
  const predictor = b.kind === 'directpred' ? { kind: b.kind, power: String(b.power), eps: String(b.eps) } : b.kind === 'directcopy' ? { kind: b.kind, eps: String(b.eps) } : { kind: b.kind };
  return {
    name: v.name,
    loss: v.loss,
    encoder,
    predictor,
    pairs: v.data.pairs.map((pair) => [text(pair.x1), text(pair.x2)]),
    weightDecay: String(v.weightDecay),
    predictorRate: String(v.predictorRate),
    emaRate: String(v.emaRate),
  };
}

const exact = (x: number): string => exactRational(x).toString();

export function variantCertificates(check: VariantCheck, source: string): NamedCertificate[] {
  const model = variantCertificateModel(check.variant);
  const out: NamedCertificate[] = [];
  for (const p of check.procedures) {
    const verdicts: Array<[string, string, VariantCurlVerdict | null]> = [
      ['V', '', p.euclidean],
      ['P^-1 V', '.rate-adjusted', p.rateAdjusted],
    ];
    for (const [field, tag, verdict] of verdicts) {
      const c = verdict?.certified.first;
      if (verdict?.level !== 'certified' || c?.level !== 'certified') continue;
      const names = p.field.stateNames;
      const evidence = {
        point: Object.fromEntries(names.map((n, k) => [n, exact(c.point[k]!)])),
        radius: exact(c.radius),
        i: names[c.i]!,
        j: names[c.j]!,
        enclosure: [exact(c.enclosure.lo), exact(c.enclosure.hi)],
      };
      const { name, recipe } = p.field.procedure;
      out.push({
        name: `${name}${tag}.variant-curl`,
        certificate: { format: CERTIFICATE_FORMAT, kind: 'variant-curl', model, procedure: name, recipe, field, evidence, source },
      });
    }
  }
  return out;
}
