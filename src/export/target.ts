/**
 * An export target writes one self-contained Python script from a model: the training loops of
 * `ncssl simulate` (numpy, pytorch) or the derived fields and Jacobians (sympy). Each target is a
 * file of this folder plus its line in index.ts.
 *
 * Example: `getExportTarget('numpy').write(context)` is the text of the numpy script.
 */
import type { LoopSetup } from '../experiments/loop.js';
import type { Derivation } from '../procedures/derive.js';

export interface ExportContext {
  /** The spec's path as the user typed it. */
  specPath: string;
  /** The `ncssl simulate` command whose loops the script runs (the loop targets reproduce it). */
  simulateCommand: string;
  /** The model on the data's moments, its parameter layout and the data. */
  setup: LoopSetup;
  /** The exact derivation of the model on the data's moments, made when first asked for. */
  derivation(): Derivation;
}

export interface ExportTarget {
  name: string;
  /** One line for the help. */
  summary: string;
  /** Whether the target needs the exact derivation (subject to the derive size limits). */
  derives: boolean;
  write(context: ExportContext): string;
}
