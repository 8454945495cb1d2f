/**
 * Certificates of `ncssl check --certificates DIR`: loads every writer so it registers itself, and
 * names the files. Example: `certificateFiles([certificatesOf(check, path)])[0].name === 'scalar.gd.potential.json'`.
 */
import type { OutputFile } from '../io/safe-write.js';
import type { NamedCertificate } from './format.js';
import './integrability.js';
import './equilibria.js';
import './stability.js';
import './collapse.js';
import './invariants.js';
import './metric.js';

export { certificatesOf } from './registry.js';
export { variantCertificates } from './variant-curl.js';
export { variantStabilityCertificates } from './variant-stability.js';
export { CERTIFICATE_FORMAT, type Certificate, type NamedCertificate } from './format.js';

/** A model name as a portable file-name stem: letters, digits, `-`, `_`, `.`; no leading dot. */
export function fileStem(name: string): string {
  const stem = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^\.+/, '_').slice(0, 100);
  return stem === '' ? 'model' : stem;
}

/**
 * The files for the certificates of several specs (one list per spec, in order). Two specs whose
 * models share a name get `-2`, `-3`, … after the second and later stems, so no file is written twice.
 */
export function certificateFiles(perSpec: readonly NamedCertificate[][]): OutputFile[] {
  const used = new Set<string>();
  const files: OutputFile[] = [];
  for (const certificates of perSpec) {
    if (certificates.length === 0) continue;
    const base = fileStem(certificates[0]!.certificate.model.name);
    let stem = base;
    for (let k = 2; used.has(stem.toLowerCase()); k++) stem = `${base}-${k}`;
    used.add(stem.toLowerCase());
    for (const { name, certificate } of certificates) {
      files.push({ name: `${stem}.${name}.json`, content: formatJson(certificate) + '\n' });
    }
  }
  return files;
}

/**
 * JSON indented by two spaces, except that a list of numbers or strings stays on one line, so a
 * moment matrix reads as rows. Example: `formatJson({ m: [['1', '2']] })` is '{\n  "m": [\n    ["1", "2"]\n  ]\n}'.
 */
export function formatJson(value: unknown, indent = ''): string {
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.every((x) => x === null || typeof x !== 'object')) return `[${value.map((x) => JSON.stringify(x)).join(', ')}]`;
    return `[\n${value.map((x) => inner + formatJson(x, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${formatJson(x, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
