/**
 * Reads a statement file (YAML or JSON, as statement.ts describes) and checks every field; a bad
 * one raises a SpecError naming the field and what was expected, which the CLI prints on one line
 * with exit 2. The evidence kind checks its own parameters (evidence/registry.ts).
 *
 * Example: `loadStatementFile('proofs/gd-collapses-linear.yaml').models[0].outcome === 'holds'`.
 */
import { basename, extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Level } from '../analyses/finding.js';
import { InputError, readBounded, utf8 } from '../io/read-input.js';
import { LIMITS } from '../model/model.js';
import { SpecError } from '../model/spec-error.js';
import { getEvidence, allEvidence } from './evidence/index.js';
import { type Expectation, LEVELS, OUTCOMES, type Outcome, type Statement } from './statement.js';

type Raw = Record<string, unknown>;

const isMapping = (x: unknown): x is Raw => typeof x === 'object' && x !== null && !Array.isArray(x);
const shown = (x: unknown) => {
  const s = JSON.stringify(x) ?? String(x);
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
};

function text(raw: Raw, key: string, where: string, optional = false): string | undefined {
  const v = raw[key];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string' || v.trim() === '') throw new SpecError(`${where}${key}`, `expected a non-empty string, got ${shown(v)}`);
  return v.trim();
}

function onlyKeys(raw: Raw, keys: readonly string[], where: string): void {
  for (const k of Object.keys(raw)) if (!keys.includes(k)) throw new SpecError(`${where}${k}`, `unknown field; expected one of ${keys.join(', ')}`);
}

function expectation(raw: unknown, at: string): Expectation {
  if (!isMapping(raw)) throw new SpecError(at, `expected a mapping {model, expect, level, why}, got ${shown(raw)}`);
  onlyKeys(raw, ['model', 'expect', 'level', 'why'], `${at}.`);
  const model = text(raw, 'model', `${at}.`)!;
  if (!OUTCOMES.includes(raw.expect as Outcome)) throw new SpecError(`${at}.expect`, `expected ${OUTCOMES.join(', ')}, got ${shown(raw.expect)}`);
  if (raw.level !== undefined && !LEVELS.includes(raw.level as Level)) throw new SpecError(`${at}.level`, `expected ${LEVELS.join(', ')}, got ${shown(raw.level)}`);
  const why = text(raw, 'why', `${at}.`, true);
  return { model, outcome: raw.expect as Outcome, ...(raw.level === undefined ? {} : { level: raw.level as Level }), ...(why === undefined ? {} : { why }) };
}

/** Parses a statement's text; `name` is its file's base name, which the statement's `name` must equal. */
export function parseStatement(source: string, name: string): Statement {
  let raw: unknown;
  try {
    raw = parseYaml(source, { maxAliasCount: 0 });
  } catch (e) {
    throw new SpecError('document', `expected YAML or JSON (${(e as Error).message.split('\n')[0]})`);
  }
  if (!isMapping(raw)) throw new SpecError('document', 'expected a mapping with name, words, latex, evidence and models');
  if ('encoder' in raw || 'data' in raw) throw new SpecError('document', 'expected a statement (name, words, latex, evidence, models), got a model spec; a statement names its models under models');
  onlyKeys(raw, ['name', 'claim', 'words', 'latex', 'evidence', 'models'], '');
  const declared = text(raw, 'name', '')!;
  if (declared !== name) throw new SpecError('name', `expected the file's base name ${JSON.stringify(name)}, got ${JSON.stringify(declared)}`);
  if (raw.claim !== undefined && !['C1', 'C2', 'C3', 'C4'].includes(raw.claim as string)) throw new SpecError('claim', `expected C1, C2, C3 or C4, got ${shown(raw.claim)}`);
  const evidenceRaw = raw.evidence;
  if (!isMapping(evidenceRaw)) throw new SpecError('evidence', `expected a mapping {kind, …}, got ${shown(evidenceRaw)}`);
  const kind = getEvidence(String(evidenceRaw.kind));
  if (!kind) throw new SpecError('evidence.kind', `expected one of ${allEvidence().map((k) => k.name).join(', ')}, got ${shown(evidenceRaw.kind)}`);
  const { kind: _, ...params } = evidenceRaw;
  kind.check(params, 'evidence.');
  const models = raw.models;
  if (!Array.isArray(models) || models.length === 0) throw new SpecError('models', `expected a non-empty list of {model, expect}, got ${shown(models)}`);
  const expectations = models.map((m, i) => expectation(m, `models[${i}]`));
  const seen = new Set<string>();
  expectations.forEach((e, i) => {
    if (seen.has(e.model)) throw new SpecError(`models[${i}].model`, `expected each model once, got ${e.model} again`);
    seen.add(e.model);
  });
  return {
    name,
    ...(raw.claim === undefined ? {} : { claim: raw.claim as Statement['claim'] }),
    words: text(raw, 'words', '')!,
    latex: text(raw, 'latex', '')!,
    evidence: { kind: kind.name, params },
    models: expectations,
  };
}

/** Reads and parses a statement file (bounded like a spec); errors name the file. */
export function loadStatementFile(path: string, shownAs = path): Statement {
  let source: string;
  try {
    source = utf8(readBounded(path, LIMITS.maxSpecBytes, 'statement'));
  } catch (e) {
    if (e instanceof InputError) throw new SpecError(shownAs, e.message);
    throw e;
  }
  try {
    return parseStatement(source, basename(path, extname(path)));
  } catch (e) {
    if (e instanceof SpecError) throw new SpecError(`${shownAs}: ${e.field}`, e.expected);
    throw e;
  }
}
