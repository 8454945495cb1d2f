/**
 * The export targets, one file each: a new target is one file plus its line below.
 *
 * Example: `exportTargetNames()` is ['numpy', 'pytorch', 'sympy'].
 */
import { numpyTarget } from './numpy.js';
import { pytorchTarget } from './pytorch.js';
import { sympyTarget } from './sympy.js';
import type { ExportTarget } from './target.js';

const TARGETS: ExportTarget[] = [numpyTarget, pytorchTarget, sympyTarget];

export function exportTargetNames(): string[] {
  return TARGETS.map((t) => t.name);
}

export function getExportTarget(name: string): ExportTarget | undefined {
  return TARGETS.find((t) => t.name === name);
}
