/**
 * Certificates of a variant's certified stable equilibria (issue 12; docs/certificates.md,
 * "variant-stability"): one per flow limit whose stability `certifyStabilityAt` certified, named
 * `<model>.<procedure>.limit-<k>.variant-stability.json`. Each carries the variant's exact data,
 * the procedure and recipe, the box (centre and radius) and the Lyapunov matrix P, every double
 * as the exact rational it is; the kernel encloses V and DV itself and redoes both tests.
 *
 * Example: `variantStabilityCertificate(v, { name: 'sg', recipe: 'differentiate-then-identify' }, names, 3, c).name`
 * is 'sg.limit-3.variant-stability'.
 */
import { exactRational } from '../interval/interval.js';
import type { StabilityCertificate } from '../interval/certified-stability.js';
import type { VariantCheck } from '../variants/check.js';
import type { VariantDynamics } from '../variants/claims.js';
import type { Variant, VariantProcedure } from '../variants/variant.js';
import { CERTIFICATE_FORMAT, type NamedCertificate } from './format.js';
import { variantCertificateModel } from './variant-curl.js';

const exact = (x: number): string => exactRational(x).toString();

export function variantStabilityCertificate(
  variant: Variant,
  procedure: VariantProcedure,
  stateNames: readonly string[],
  limit: number,
  c: Extract<StabilityCertificate, { verdict: 'stable' }>,
  source: string,
): NamedCertificate {
  const n = stateNames.length;
  const evidence = {
    point: Object.fromEntries(stateNames.map((name, k) => [name, exact(c.point[k]!)])),
    radius: exact(c.radius),
    lyapunov: Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => exact(c.lyapunov[i * n + j]!))),
  };
  return {
    name: `${procedure.name}.limit-${limit}.variant-stability`,
    certificate: { format: CERTIFICATE_FORMAT, kind: 'variant-stability', model: variantCertificateModel(variant), procedure: procedure.name, recipe: procedure.recipe, claim: 'stable', evidence, source },
  };
}

/** One certificate per certified stable flow limit of every procedure (`dynamics.limits[k]` is `check.procedures[k]`'s). */
export function variantStabilityCertificates(check: VariantCheck, dynamics: VariantDynamics, source: string): NamedCertificate[] {
  return check.procedures.flatMap((p, k) =>
    dynamics.limits[k]!.limits.flatMap((limit) =>
      limit.certified?.verdict === 'stable' ? [variantStabilityCertificate(check.variant, p.field.procedure, p.field.stateNames, limit.start, limit.certified, source)] : [],
    ),
  );
}
