/**
 * Families (specs with symbols): every analysis for all admissible values, in process (median of
 * repeats after a warm-up), and `ncssl check` of the scalar family as a whole process. Measures,
 * asserts nothing. The 7-symbol row is a 2×2 model whose every moment entry is a symbol.
 *
 * Example: `benchFamilies(3)[0].ms` is the median wall ms of checkFamily on the scalar family.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFamily } from '../../src/family/check.js';
import { parseAnySpec } from '../../src/family/spec.js';
import { median, timeNode, type ProcessTiming } from './sympy.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const MODELS = fileURLToPath(new URL('../../../proofs/models/', import.meta.url));

const ALL_SYMBOLS = `name: linear-2x2-all-symbols
encoder: {kind: linear, in: 2, out: 2}
predictor: {kind: linear}
parameters: {s11: positive, s22: positive, s12: real, c11: real, c12: real, c21: real, c22: real}
data:
  viewCovariance: [[s11, s12], [s12, s22]]
  crossCovariance: [[c11, c12], [c21, c22]]
`;

export interface FamilyRow {
  name: string;
  symbols: number;
  ms: number;
  detail: string;
}

function row(name: string, text: string, repeats: number): FamilyRow {
  const spec = parseAnySpec(text, name);
  if (spec.kind !== 'family') throw new Error(`${name}: expected a family`);
  checkFamily(spec.family, { seed: 1 }); // warm-up
  const ms: number[] = [];
  let claims = '';
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    const check = checkFamily(spec.family, { seed: 1 });
    ms.push(performance.now() - t0);
    claims = check.claims.map((c) => `${c.id} ${c.outcome}`).join(', ');
  }
  return { name, symbols: spec.family.symbols.length, ms: median(ms), detail: claims };
}

export function benchFamilies(repeats: number): { rows: FamilyRow[]; process: ProcessTiming } {
  const bundled = (f: string) => readFileSync(join(MODELS, f), 'utf8');
  const rows = [
    row('scalar-symbolic (s, c, τ)', bundled('scalar-symbolic.yaml'), repeats),
    row('linear-2x2-symbolic (σ², τ)', bundled('linear-2x2-symbolic.yaml'), repeats),
    row('rectangular-symbolic (α)', bundled('rectangular-symbolic.yaml'), repeats),
    row('linear-2x2, every moment entry a symbol', ALL_SYMBOLS, repeats),
  ];
  const dir = mkdtempSync(join(tmpdir(), 'ncssl-bench-family-'));
  try {
    const path = join(dir, 'scalar-symbolic.yaml');
    writeFileSync(path, bundled('scalar-symbolic.yaml'));
    return { rows, process: timeNode([CLI, 'check', path], repeats) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
