/**
 * The one reader for every kind of spec: a variant (any key or kind only variants have, see
 * `isVariantSpec`), a family (symbols under `parameters:`) or a linear-family model. Linear and
 * family specs go to `parseAnySpec` unchanged, so every spec valid before stays valid and reads
 * the same.
 *
 * Example: `parseSpecOfAnyKind(text, 'scalar').kind` is 'variant', 'family' or 'model'.
 */
import { basename, extname } from 'node:path';
import { type AnySpec, specOfDocument } from '../family/spec.js';
import { checkSpecSize, fail, parseYamlMapping, readSpecText } from '../model/spec.js';
import { isVariantSpec, readVariant } from './spec.js';
import type { Variant } from './variant.js';

export type SpecOfAnyKind = AnySpec | { kind: 'variant'; variant: Variant };

export function parseSpecOfAnyKind(text: string, sourceName: string): SpecOfAnyKind {
  checkSpecSize(text);
  const top = parseYamlMapping(text);
  if (!isVariantSpec(top)) return specOfDocument(top, sourceName);
  if (top.items.some((p) => (p.key as { value?: unknown } | null)?.value === 'parameters')) {
    fail('parameters', 'expected no symbols in a variant spec (loss, stopGradient, ema, an mlp encoder, a set or symmetric predictor, or data pairs): variants take numbers');
  }
  return { kind: 'variant', variant: readVariant(top, sourceName) };
}

/** Reads a spec file of any kind (bounded like `loadSpecFile`). */
export function loadSpecOfAnyKind(path: string): SpecOfAnyKind {
  return parseSpecOfAnyKind(readSpecText(path), basename(path, extname(path)));
}
