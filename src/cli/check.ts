/** `ncssl check <spec…>`: derive each procedure and decide the claims of docs/math.md §3, with evidence. */
import { type CheckOptions, checkModel } from '../analyses/check-model.js';
import { type NamedCertificate, certificateFiles, certificatesOf, variantCertificates, variantStabilityCertificates } from '../certificates/index.js';
import { writeOutputs } from '../io/safe-write.js';
import { enforceBudget } from '../limits/budget.js';
import type { Model } from '../model/model.js';
import { checkJson } from '../render/check-json.js';
import { checkText } from '../render/check-text.js';
import { analysesOption } from './analyses-option.js';
import { type CommandModule, UsageError, integerOption } from './command.js';
import { loadSpecsOfAnyKind, withSpecPath } from './spec-inputs.js';
import { checkFamily } from '../family/check.js';
import { enforceFamilyBudget } from '../family/budget.js';
import { familyCertificates } from '../family/certificates.js';
import type { Family } from '../family/family.js';
import { familyCheckJson } from '../family/json.js';
import { familyCheckText } from '../family/text.js';
import { checkVariant } from '../variants/check.js';
import { enforceVariantLimit } from './variant-limit.js';
import { DEFAULT_VARIANT_FLOWS, variantDynamics } from '../variants/claims.js';
import { variantCheckJson, variantCheckText } from '../variants/output.js';
import type { Variant } from '../variants/variant.js';

/** The implementation of `ncssl check` (its help and options: check-command.ts). */
export const checkCommand: CommandModule = {
  async run(values, positionals, io) {
    const options: CheckOptions = {
      samples: integerOption(values.samples, 'samples', 64, 100_000),
      seed: integerOption(values.seed, 'seed', 1, 2 ** 32 - 1),
      points: integerOption(values.points, 'points', 3, 100),
      ...(values.flows === undefined ? {} : { flows: integerOption(values.flows, 'flows', 0, 1000) }),
      ...(values.analyses === undefined ? {} : { analyses: analysesOption(values.analyses) }),
    };
    const certificateDir = values.certificates as string | undefined;
    if (certificateDir !== undefined && certificateDir.trim() === '') throw new UsageError('--certificates: expected a directory, got ""');
    if (values.force && certificateDir === undefined) throw new UsageError('--force: only meaningful with --certificates DIR');
    const specs = loadSpecsOfAnyKind(positionals, io);
    // Every spec's memory estimate before any work: one over the ceiling refuses the whole run at once.
    for (const spec of specs) {
      if (spec.family) enforceFamilyBudget(spec.family, spec.path);
      else if (spec.model) enforceBudget(spec.model, 'check', spec.path);
      else withSpecPath(spec.path, () => enforceVariantLimit(spec.variant, 'check'));
    }
    const results: SpecCheck[] = [];
    const wants = { json: values.json === true, certificates: certificateDir !== undefined };
    for (const spec of specs) {
      io.progress(`checking ${spec.path}\n`);
      // --timeout bounds the whole command (src/limits/deadline.ts)
      if (spec.variant) results.push(checkVariantSpec(spec.path, spec.variant, options, wants));
      else if (spec.family) results.push(checkFamilySpec(spec.path, spec.family, options.seed, wants));
      else results.push(checkSpec(spec.path, spec.model, options, wants));
    }
    // Certificates first: if they cannot be written (a file exists), nothing is printed either.
    if (certificateDir !== undefined) {
      const written = await writeOutputs(certificateDir, certificateFiles(results.map((r) => r.certificates)), { force: values.force === true, flag: '--certificates', cwd: io.cwd });
      io.progress(`wrote ${written.length} certificates to ${certificateDir}\n`);
    }
    if (values.json) {
      const json = results.map((r) => r.json!);
      io.out(JSON.stringify(json.length === 1 ? json[0] : json, null, 2) + '\n');
    } else {
      io.out(results.map((r) => r.text).join('\n'));
    }
    return 0;
  },
};

/** What `check` prints and writes for one spec: the JSON or the text, and the certificates when asked for. */
export interface SpecCheck {
  json?: Record<string, unknown>;
  text?: string;
  certificates: NamedCertificate[];
}

/**
 * A variant (src/variants/): certified and float curl per procedure, the flow limits (collapse,
 * rank of the code map, float stability) and the claims C1–C4. Its certificates: one
 * `variant-curl` per certified curl verdict (src/certificates/variant-curl.ts) and one
 * `variant-stability` per certified stable limit (src/certificates/variant-stability.ts).
 */
export function checkVariantSpec(path: string, variant: Variant, options: CheckOptions, wants: { json: boolean; certificates: boolean }): SpecCheck {
  const check = withSpecPath(path, () => checkVariant(variant, { samples: options.samples, seed: options.seed }));
  const dynamics = variantDynamics(check, { flows: options.flows ?? DEFAULT_VARIANT_FLOWS, seed: options.seed });
  return {
    ...(wants.json ? { json: variantCheckJson(check, path, dynamics) } : { text: variantCheckText(check, path, dynamics) }),
    certificates: wants.certificates ? [...variantCertificates(check, path), ...variantStabilityCertificates(check, dynamics, path)] : [],
  };
}

/** A family (a spec with symbols): every verdict for all admissible values (src/family/). */
export function checkFamilySpec(path: string, family: Family, seed: number, wants: { json: boolean; certificates: boolean }): SpecCheck {
  const check = checkFamily(family, { seed });
  return {
    ...(wants.json ? { json: familyCheckJson(check, path) } : { text: familyCheckText(check, path) }),
    certificates: wants.certificates ? familyCertificates(check, path) : [],
  };
}

/** Only what was asked for is built: at d = 6 the unused output cost about 0.1 s (docs/benchmarks.md). */
export function checkSpec(path: string, model: Model, options: CheckOptions, wants: { json: boolean; certificates: boolean }): SpecCheck {
  const check = checkModel(model, options);
  return {
    ...(wants.json ? { json: checkJson(check, path) } : { text: checkText(check, path) }),
    certificates: wants.certificates ? certificatesOf(check, path) : [],
  };
}
