/**
 * A statement: a named mathematical result kept apart from its evidence (as a library of proofs
 * keeps a theorem's name and statement apart from its proof). It says, in words and in LaTeX, what
 * is claimed; which kind of finding decides it (`evidence`, a registered kind: evidence/index.ts);
 * and on which models it is checked, with the verdict expected on each — a statement expected to
 * fail on a named variant says so, and why. The verdict itself is never written here: `ncssl
 * prove` reads it off the findings of `checkModel` (run.ts).
 *
 * Example: `parseStatement(readFileSync('proofs/sg-not-gradient.yaml', 'utf8'), 'sg-not-gradient').evidence.kind === 'not-gradient'`.
 */
import type { Level } from '../analyses/finding.js';

/** How a statement comes out on one model (the outcomes of the claims, src/analyses/claims.ts). */
export type Outcome = 'holds' | 'holds in part' | 'fails' | 'undecided';
export const OUTCOMES: readonly Outcome[] = ['holds', 'holds in part', 'fails', 'undecided'];
export const LEVELS: readonly Level[] = ['proved', 'certified', 'numerical', 'refuted', 'inconclusive'];

/** The evidence kind's name and its own parameters (checked by the kind: evidence/registry.ts). */
export interface EvidenceRef {
  kind: string;
  params: Record<string, unknown>;
}

export interface Expectation {
  /** The model file, as written in the statement (relative to the statement's folder). */
  model: string;
  outcome: Outcome;
  /** When given, the level must match too; when left out, any level of that outcome agrees. */
  level?: Level;
  /** Why this verdict is expected here (said for every expected failure). */
  why?: string;
}

export interface Statement {
  name: string;
  /** The claim of docs/math.md §3 this statement is part of, if any. */
  claim?: 'C1' | 'C2' | 'C3' | 'C4';
  words: string;
  latex: string;
  evidence: EvidenceRef;
  models: Expectation[];
}

/**
 * How far a verdict on a family (a spec with symbols, src/family/) reaches: `all` when it is read
 * off a finding about every admissible value of the symbols at once (a proof for the family, a
 * proof that it fails for every value, or a finding that decides nothing for the family);
 * `sampled` when it rests on the family's seeded admissible values (an exact counterexample at
 * one of them, or exact decisions at each that prove nothing for the others).
 */
export type FamilyScope = 'all' | 'sampled';

/** What the findings say about a statement on one model. */
export interface StatementVerdict {
  outcome: Outcome;
  level: Level;
  /** One line per finding it rests on. */
  evidence: string[];
  /** Set on a family's verdicts only. */
  scope?: FamilyScope;
}

/** A verdict as the table and the report show it: `holds (proved)`, `holds (proved for all admissible values)`. */
export function verdictWords(v: StatementVerdict): string {
  if (v.scope === undefined) return `${v.outcome} (${v.level})`;
  if (v.scope === 'sampled') return `${v.outcome} (${v.level} at sampled admissible values)`;
  return `${v.outcome} (${v.level === 'inconclusive' ? 'inconclusive for the family' : `${v.level} for all admissible values`})`;
}
