/**
 * The model spec: YAML or JSON text → a validated `Model` (reference: docs/spec.md).
 *
 * Example:
 *   parseSpec('encoder: {kind: scalar, in: 1, out: 1}\npredictor: {kind: linear}\n' +
 *             'data: {covariance: [[2]], noise: 0.5}', 'tiny').moments.sigma1[0][0].toString() === '5/2'
 *
 * Numbers are read from each scalar's source text, never from the float the YAML library computes,
 * so "0.1" is exactly 1/10. Every problem throws a one-line SpecError naming the field. JSON goes
 * through the same YAML parser (YAML 1.2 is a JSON superset), so both get identical checks.
 */
import { basename, extname } from 'node:path';
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseAllDocuments, visit } from 'yaml';
import type { Document, YAMLError, YAMLMap } from 'yaml';
import { Rational } from '../exact/rational.js';
import { InputError, readBounded as readInput, utf8 } from '../io/read-input.js';
import { addMatrices, identity, psdCheck, psdWorkEstimate, scaleMatrix, transpose } from '../exact/psd.js';
import { describeLimit, formatAmount, sizeLimit } from '../limits/limits.js';
import { allProcedures } from '../procedures/index.js';
import { LIMITS } from './model.js';
import type { DataSource, EncoderKind, Model, PredictorKind, ProcedureName, RationalMatrix } from './model.js';
import { SpecError } from './spec-error.js';

const ENCODER_KINDS: readonly EncoderKind[] = ['linear', 'diagonal', 'scalar'];
const PREDICTOR_KINDS: readonly PredictorKind[] = ['linear', 'diagonal', 'identity'];
export const TOP_KEYS = ['name', 'encoder', 'predictor', 'data', 'weightDecay', 'predictorRate', 'emaRate', 'procedures', 'parameters'];
const NOISE_KEYS = ['covariance', 'noise'];
const EXPLICIT_KEYS = ['viewCovariance', 'viewCovariance2', 'crossCovariance'];
const NUMBER = 'a number (integer, decimal or fraction p/q)';
/** Rational.parse refuses larger exponents: 1e999 is tiny text but a huge integer. */
const MAX_EXPONENT = 400;
const MAX_NAME = 200;

/** Number of free entries of the encoder A (q×p). Example: `encoderParameterCount('diagonal', 3, 2) === 2`. */
export function encoderParameterCount(kind: EncoderKind, p: number, q: number): number {
  return kind === 'linear' ? p * q : kind === 'diagonal' ? Math.min(p, q) : 1;
}

/** Number of free entries of the predictor B (q×q). Example: `predictorParameterCount('identity', 4) === 0`. */
export function predictorParameterCount(kind: PredictorKind, q: number): number {
  return kind === 'linear' ? q * q : kind === 'diagonal' ? q : 0;
}

/**
 * Parses and validates a spec; `sourceName` is the default `name` (the file's basename).
 * Example: `parseSpec(readFileSync('proofs/scalar.yaml', 'utf8'), 'scalar').encoder.in === 1`.
 */
export function parseSpec(text: string, sourceName: string): Model {
  checkSpecSize(text);
  return modelOfDocument(parseYamlMapping(text), sourceName);
}

/** Refuses a spec text over LIMITS.maxSpecBytes before it is parsed. */
export function checkSpecSize(text: string): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > LIMITS.maxSpecBytes) tooLarge(`${bytes} bytes`);
}

/**
 * The model of a spec document already parsed by `parseYamlMapping`: the readers of families and
 * variants parse the text once and hand the document on.
 */
export function modelOfDocument(document: YAMLMap, sourceName: string): Model {
  const top = readMapping(document, '', TOP_KEYS);
  if (top.has('parameters')) {
    fail('parameters', 'expected a spec without symbols here; a spec with parameters is a family of models, read by parseAnySpec (src/family/spec.ts)');
  }

  const name = top.has('name') ? readName(top.get('name')) : sourceName;
  const encoder = readEncoder(required(top, 'encoder', 'a mapping {kind, in, out}'));
  const predictor = { kind: readPredictorKind(required(top, 'predictor', 'a mapping {kind}')) };
  checkStateDimension(encoder, predictor.kind);
  // Cheap scalar fields before the data block, whose PSD checks are the expensive part.
  const weightDecay = top.has('weightDecay') ? readBounded(top.get('weightDecay'), 'weightDecay', 0) : Rational.ZERO;
  const predictorRate = top.has('predictorRate') ? readBounded(top.get('predictorRate'), 'predictorRate', 1) : Rational.ONE;
  const emaRate = top.has('emaRate') ? readBounded(top.get('emaRate'), 'emaRate', 1) : Rational.ONE;
  const procedures = top.has('procedures') ? readProcedures(top.get('procedures')) : allProcedures().map((p) => p.name);
  const { moments, data } = readData(required(top, 'data', 'a mapping {covariance, noise} or {viewCovariance, crossCovariance}'), encoder.in);

  return { name, encoder, predictor, moments, data, weightDecay, predictorRate, emaRate, procedures };
}

/**
 * Reads and parses a spec file, refusing files over LIMITS.maxSpecBytes before reading them whole.
 * Example: `loadSpecFile('proofs/linear-2x2.yaml').name === 'linear-2x2'`.
 */
export function loadSpecFile(path: string): Model {
  return parseSpec(readSpecText(path), basename(path, extname(path)));
}

// ── files ───────────────────────────────────────────────────────────────────────────────────

export function readSpecText(path: string): string {
  // Bounded whatever the file is (a FIFO, /dev/stdin, /dev/zero): src/io/read-input.ts.
  try {
    return utf8(readInput(path, LIMITS.maxSpecBytes, 'spec'));
  } catch (e) {
    if (e instanceof InputError) fail('file', e.message.replace(/^expected a spec of at most (\d+) bytes/, 'expected a spec of at most $1 bytes (LIMITS.maxSpecBytes)'));
    throw e;
  }
}

function tooLarge(size: string): never {
  fail('file', `expected a spec of at most ${LIMITS.maxSpecBytes} bytes (LIMITS.maxSpecBytes), got ${size}`);
}

// ── messages and paths ──────────────────────────────────────────────────────────────────────

export function fail(field: string, expected: string): never {
  // One line, bounded: a witness or a rational can be long, and the CLI prints this verbatim.
  const line = expected.replace(/[\r\n\u2028\u2029]+/g, ' ');
  throw new SpecError(field || 'document', clip(line, 400));
}

export function clip(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

export const child = (path: string, key: string): string => (path ? `${path}.${key}` : key);
export const item = (path: string, i: number): string => `${path}[${i}]`;

/** "got …" for any node, short and on one line. */
export function got(node: unknown): string {
  if (isSeq(node)) return node.items.length === 0 ? 'got an empty list' : `got a list of ${node.items.length}`;
  if (isMap(node)) return 'got a mapping';
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'string') return `got ${JSON.stringify(clip(v))}`;
    if (v === null || v === undefined) return 'got null';
    if (typeof v === 'boolean') return `got ${v}`;
    return `got ${clip(sourceText(node))}`;
  }
  return 'got nothing';
}

/** The scalar as written (`0.10`, `1e-2`, `.inf`), not as the YAML library resolved it. */
function sourceText(node: { srcToken?: unknown; source?: string; value: unknown }): string {
  const tok = node.srcToken as { type?: string; source?: string } | undefined;
  if (tok?.type === 'scalar' && typeof tok.source === 'string') return tok.source;
  return node.source ?? String(node.value);
}

// ── YAML layer ──────────────────────────────────────────────────────────────────────────────

export function parseYamlMapping(text: string): YAMLMap {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, {
    keepSourceTokens: true,
    lineCounter: lines,
    prettyErrors: false, // we add the position ourselves, on the same line
    // Repeated keys are found by readMapping in one pass: the library's check compares every pair
    // of keys of a mapping, 65 s for 70 000 keys (issue 9).
    uniqueKeys: false,
    merge: false, // `<<` stays an ordinary (hence unknown) key
    version: '1.2',
  });
  const where = (offset: number): string => {
    const { line, col } = lines.linePos(offset);
    return `line ${line}, column ${col}`;
  };
  position = where;
  if (docs.length === 0) fail('document', 'expected a mapping at the top level, got an empty document');
  const refuse = (problem: YAMLError | undefined): void => {
    if (!problem) return;
    const what =
      problem.code === 'DUPLICATE_KEY'
        ? 'unique keys, but a key is repeated'
        : /call stack/i.test(problem.message)
          ? 'YAML nested a few levels deep, but it is nested too deeply to read'
          : `valid YAML: ${problem.message}`;
    fail('yaml', `expected ${what} at ${where(problem.pos[0])}`);
  };
  refuse(docs.flatMap((d) => d.errors)[0]);
  if (docs.length > 1) {
    fail('yaml', `expected a single document, got ${docs.length} (the second starts at ${where(docs[1]!.range[0])})`);
  }
  const doc = docs[0]!;
  // Before warnings: an explicit tag would otherwise surface as a vaguer "Unresolved tag" warning.
  refuseAnchorsAliasesTags(doc, where);
  refuse(doc.warnings[0]);
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    fail('document', 'expected a mapping at the top level, got an empty document');
  }
  if (!isMap(doc.contents)) fail('document', `expected a mapping at the top level, ${got(doc.contents)}`);
  return doc.contents;
}

/** Aliases can expand exponentially (alias bombs) and tags change how values resolve: refuse both. */
function refuseAnchorsAliasesTags(doc: Document.Parsed, where: (offset: number) => string): void {
  visit(doc, {
    Node(_key, node) {
      const at = node.range ? ` at ${where(node.range[0])}` : '';
      if (isAlias(node)) fail('yaml', `expected no aliases (refused: alias bombs), got *${node.source}${at}`);
      if (node.anchor) fail('yaml', `expected no anchors (refused: alias bombs), got &${node.anchor}${at}`);
      if (node.tag) fail('yaml', `expected no explicit tags, got ${clip(node.tag)}${at}`);
    },
  });
}

/** Line and column of an offset in the text being parsed (set by parseYamlMapping; parsing is synchronous). */
let position: (offset: number) => string = (offset) => `offset ${offset}`;

/**
 * The entries of the mapping at `path`, refusing unknown keys (with a hint for near misses) and
 * repeated ones, in one pass: the first bad key stops it, so the work is linear in the mapping.
 */
export function readMapping(node: unknown, path: string, keys: readonly string[] | 'any', what?: string): Map<string, unknown> {
  if (!isMap(node)) fail(path, `expected ${what ?? `a mapping with keys ${keys === 'any' ? 'of your choice' : keys.join(', ')}`}, ${got(node)}`);
  const entries = new Map<string, unknown>();
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '?';
    if (entries.has(key)) {
      const range = (pair.key as { range?: [number, number, number] } | null)?.range;
      fail('yaml', `expected unique keys, but a key is repeated at ${range ? position(range[0]) : `mapping ${path || 'document'}`}`);
    }
    if (keys !== 'any' && !keys.includes(key)) {
      const norm = (s: string): string => s.toLowerCase().replace(/[-_ ]/g, '');
      const near = keys.find((k) => norm(k) === norm(key));
      const hint = near ? ` (did you mean ${near}?)` : '';
      fail(child(path, clip(key)), `unknown key${hint}; expected one of ${keys.join(', ')}`);
    }
    entries.set(key, pair.value);
  }
  return entries;
}

/** The value at `path` (its last segment is the key in `map`), or a "missing" error. */
export function required(map: Map<string, unknown>, path: string, expected: string): unknown {
  const key = path.slice(path.lastIndexOf('.') + 1);
  if (!map.has(key)) fail(path, `missing; expected ${expected}`);
  return map.get(key);
}

// ── values ──────────────────────────────────────────────────────────────────────────────────

/** The text a number is read from: resolved numbers by source text, strings as written. */
export function numberText(node: unknown): string | null {
  if (!isScalar(node)) return null;
  const v = node.value;
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? sourceText(node) : null;
}

/** An exact number from a YAML/JSON scalar. */
function readNumber(node: unknown, path: string, what = NUMBER): Rational {
  const text = numberText(node);
  if (text !== null) {
    const r = Rational.parse(text);
    if (r) return r;
    const exp = /[eE]([+-]?\d+)\s*$/.exec(text);
    if (exp && !(Math.abs(Number(exp[1])) <= MAX_EXPONENT)) {
      fail(path, `expected ${what} with an exponent between -${MAX_EXPONENT} and ${MAX_EXPONENT}, got ${clip(text)}`);
    }
  }
  fail(path, `expected ${what}, ${got(node)}`);
}

const MAX_MAGNITUDE = 10n ** BigInt(LIMITS.maxMagnitudeExponent);

/**
 * A number of the model (a moment, rate or weight decay): 0 or of magnitude within
 * 10^±LIMITS.maxMagnitudeExponent, so that the float evidence can represent what it computes.
 */
export function readModelNumber(node: unknown, path: string, what = NUMBER): Rational {
  const r = readNumber(node, path, what);
  if (r.isZero()) return r;
  const num = r.num < 0n ? -r.num : r.num;
  if (num > MAX_MAGNITUDE * r.den || num * MAX_MAGNITUDE < r.den) {
    const e = LIMITS.maxMagnitudeExponent;
    fail(path, `expected 0 or a number of magnitude between 1e-${e} and 1e${e} (LIMITS.maxMagnitudeExponent: the float evidence must represent it), got ${clip(numberText(node)!)}`);
  }
  return r;
}

/** A number ≥ 0 (`lowest` 0) or > 0 (`lowest` 1). */
function readBounded(node: unknown, path: string, lowest: 0 | 1): Rational {
  const what = lowest === 0 ? 'a number ≥ 0' : 'a number > 0';
  const r = readModelNumber(node, path, `${what} (integer, decimal or fraction p/q)`);
  if (r.sign() < lowest) fail(path, `expected ${what}, got ${clip(numberText(node)!)}`);
  return r;
}

function readDimension(node: unknown, path: string): number {
  const what = `a positive integer at most ${LIMITS.maxDimension} (LIMITS.maxDimension)`;
  const r = readNumber(node, path, what);
  if (!r.isInteger() || r.sign() <= 0 || r.compare(Rational.of(LIMITS.maxDimension)) > 0) {
    fail(path, `expected ${what}, got ${clip(numberText(node)!)}`);
  }
  return Number(r.num);
}

export function readChoice<T extends string>(node: unknown, path: string, choices: readonly T[]): T {
  if (isScalar(node) && typeof node.value === 'string' && (choices as readonly string[]).includes(node.value)) {
    return node.value as T;
  }
  fail(path, `expected one of ${choices.join(', ')}, ${got(node)}`);
}

export function readName(node: unknown): string {
  if (!isScalar(node) || typeof node.value !== 'string') fail('name', `expected a string, ${got(node)}`);
  const name = node.value;
  // Names end up in report titles and file names: keep them printable and on one line.
  if (name.trim() === '' || name.length > MAX_NAME || /\p{Cc}/u.test(name)) {
    fail('name', `expected a non-empty single-line name of at most ${MAX_NAME} characters, ${got(node)}`);
  }
  return name;
}

export function readProcedures(node: unknown): ProcedureName[] {
  const known = allProcedures().map((p) => p.name);
  const what = `a non-empty list of distinct names from ${known.join(', ')}`;
  if (!isSeq(node) || node.items.length === 0) fail('procedures', `expected ${what}, ${got(node)}`);
  const names: ProcedureName[] = [];
  node.items.forEach((entry, i) => {
    const name = readChoice(entry, item('procedures', i), known);
    const first = names.indexOf(name);
    if (first >= 0) fail(item('procedures', i), `expected distinct procedures, got "${name}" again (also procedures[${first}])`);
    names.push(name);
  });
  return names;
}

// ── model parts ─────────────────────────────────────────────────────────────────────────────

export function readEncoder(node: unknown): Model['encoder'] {
  const map = readMapping(node, 'encoder', ['kind', 'in', 'out']);
  const kind = readChoice(required(map, 'encoder.kind', `one of ${ENCODER_KINDS.join(', ')}`), 'encoder.kind', ENCODER_KINDS);
  const p = readDimension(required(map, 'encoder.in', 'the input dimension p'), 'encoder.in');
  const q = readDimension(required(map, 'encoder.out', 'the code dimension q'), 'encoder.out');
  if (kind === 'scalar' && p !== q) {
    fail('encoder.out', `expected out = in = ${p} for a scalar encoder (a multiple of the identity), got ${q}`);
  }
  return { kind, in: p, out: q };
}

export function readPredictorKind(node: unknown): PredictorKind {
  const map = readMapping(node, 'predictor', ['kind']);
  const kindNode = required(map, 'predictor.kind', `one of ${PREDICTOR_KINDS.join(', ')}`);
  return readChoice(kindNode, 'predictor.kind', PREDICTOR_KINDS);
}

/** The EMA state (A, B, T) is the largest any procedure uses; every analysis is sized by it. */
export function checkStateDimension(encoder: Model['encoder'], predictor: PredictorKind): void {
  const e = encoderParameterCount(encoder.kind, encoder.in, encoder.out);
  const b = predictorParameterCount(predictor, encoder.out);
  const total = 2 * e + b;
  if (total > LIMITS.maxStateDimension) {
    fail('encoder', `expected an EMA state dimension 2·(encoder parameters) + (predictor parameters) of at most ${LIMITS.maxStateDimension} (LIMITS.maxStateDimension), got 2·${e} + ${b} = ${total}`);
  }
}

/** A p×p list of rows of exact numbers. Shape errors come before entry errors. */
export function readMatrix<T = Rational>(
  node: unknown,
  path: string,
  p: number,
  entry: (node: unknown, path: string) => T = readModelNumber as (node: unknown, path: string) => T,
): T[][] {
  const shape = `a square ${p}×${p} matrix (p = encoder.in = ${p}) written as a list of rows`;
  if (!isSeq(node)) fail(path, `expected ${shape}, ${got(node)}`);
  const rows = node.items.map((row, i) => {
    if (!isSeq(row)) fail(item(path, i), `expected a row, a list of ${p} numbers, ${got(row)}`);
    return row.items;
  });
  const widths = rows.map((r) => r.length);
  if (widths.some((w) => w !== widths[0])) {
    const bad = widths.findIndex((w) => w !== p);
    fail(item(path, bad), `expected a row of ${p} numbers (rows must all have the same length), got ${widths[bad]} entries`);
  }
  if (rows.length !== p || widths[0] !== p) {
    fail(path, `expected ${shape}, got ${rows.length === 0 ? 'an empty list' : `a ${rows.length}×${widths[0]} matrix`}`);
  }
  return rows.map((row, i) => row.map((x, j) => entry(x, `${path}[${i}][${j}]`)));
}

function checkSymmetric(m: RationalMatrix, path: string): void {
  for (let i = 0; i < m.length; i++) {
    for (let j = 0; j < i; j++) {
      if (!m[i]![j]!.equals(m[j]![i]!)) {
        fail(`${path}[${i}][${j}]`, `expected a symmetric matrix, got [${i}][${j}] = ${clip(m[i]![j]!.toString())} but [${j}][${i}] = ${clip(m[j]![i]!.toString())}`);
      }
    }
  }
}

/** A second-moment matrix: symmetric and positive semidefinite, decided exactly. */
export function checkMoment(m: RationalMatrix, path: string): void {
  checkSymmetric(m, path);
  const r = boundedPsdCheck(m, path);
  if (!r.psd) fail(path, `expected a positive semidefinite matrix, but ${r.witness}`);
}

/**
 * psdCheck, after refusing a matrix whose check is estimated above the work limit: its cost grows
 * with the size and the digits of the entries (a 24×24 matrix of 50-digit fractions, 6 s; 64×64
 * of 10-digit ones, 3 minutes), and the spec must be read in bounded time (issue 9).
 */
function boundedPsdCheck(m: RationalMatrix, path: string) {
  const { bits, work } = psdWorkEstimate(m);
  const limit = sizeLimit('psdWork');
  if (work > limit) {
    fail(path, `expected a matrix whose exact positive-semidefiniteness check fits the work limit, but this ${m.length}×${m.length} one works with integers of up to ${bits} bits: an estimated ${formatAmount(work)} bit operations, above ${describeLimit('psdWork', limit)}; fewer digits or a smaller matrix also help`);
  }
  return psdCheck(m);
}

type Data = { moments: Model['moments']; data: DataSource };

/** The `data` mapping and which of its two forms it uses (one, not a mix): shared with families. */
export function readDataForm(node: unknown): { map: Map<string, unknown>; form: 'noise' | 'explicit' } {
  const map = readMapping(node, 'data', [...NOISE_KEYS, ...EXPLICIT_KEYS]);
  const noise = NOISE_KEYS.filter((k) => map.has(k));
  const explicit = EXPLICIT_KEYS.filter((k) => map.has(k));
  if (noise.length > 0 && explicit.length > 0) {
    fail('data', `expected either {covariance, noise} or {viewCovariance, viewCovariance2, crossCovariance}, not a mix, got ${noise[0]} with ${explicit[0]}`);
  }
  if (noise.length === 0 && explicit.length === 0) {
    fail('data', 'expected {covariance, noise} or {viewCovariance, crossCovariance} (viewCovariance2 optional), got an empty mapping');
  }
  return { map, form: explicit.length > 0 ? 'explicit' : 'noise' };
}

function readData(node: unknown, p: number): Data {
  const { map, form } = readDataForm(node);
  return form === 'explicit' ? readExplicit(map, p) : readNoise(map, p);
}

/**
 * x_i = x + ε_i with E[xxᵀ] = X and noise covariance σ²I: Σ1 = Σ2 = X + σ²I, Σ12 = X.
 * No joint check needed: [[X + σ²I, X], [X, X + σ²I]] = [[X, X], [X, X]] + σ²I is PSD whenever
 * X is and σ² ≥ 0 (and skipping it saves the costliest step, a 2p×2p elimination).
 */
function readNoise(map: Map<string, unknown>, p: number): Data {
  const covariance = readMatrix(required(map, 'data.covariance', `the ${p}×${p} covariance X of the clean data`), 'data.covariance', p);
  checkMoment(covariance, 'data.covariance');
  const noise = readBounded(required(map, 'data.noise', 'the noise variance σ² ≥ 0'), 'data.noise', 0);
  const sigma = addMatrices(covariance, scaleMatrix(noise, identity(p)));
  const moments = { sigma1: sigma, sigma2: sigma.map((row) => row.slice()), sigma12: covariance.map((row) => row.slice()) };
  return { moments, data: { kind: 'noise', covariance, noise } };
}

function readExplicit(map: Map<string, unknown>, p: number): Data {
  const sigma1 = readMatrix(required(map, 'data.viewCovariance', `the ${p}×${p} matrix Σ1 = E[x1 x1ᵀ]`), 'data.viewCovariance', p);
  checkMoment(sigma1, 'data.viewCovariance');
  let sigma2 = sigma1.map((row) => row.slice());
  if (map.has('viewCovariance2')) {
    sigma2 = readMatrix(map.get('viewCovariance2'), 'data.viewCovariance2', p);
    checkMoment(sigma2, 'data.viewCovariance2');
  }
  // Σ12 = E[x1 x2ᵀ] may be asymmetric (views need not be exchangeable).
  const sigma12 = readMatrix(required(map, 'data.crossCovariance', `the ${p}×${p} matrix Σ12 = E[x1 x2ᵀ]`), 'data.crossCovariance', p);
  // Σ1, Σ2 PSD is not enough: moments of a real pair of views need the joint matrix PSD too.
  const top = sigma1.map((row, i) => [...row, ...sigma12[i]!]);
  const bottom = transpose(sigma12).map((row, i) => [...row, ...sigma2[i]!]);
  const joint = boundedPsdCheck([...top, ...bottom], 'data');
  if (!joint.psd) {
    fail('data', `expected the joint moment matrix [[Σ1, Σ12], [Σ12ᵀ, Σ2]] to be positive semidefinite (indices ${p}..${2 * p - 1} are view 2), but ${joint.witness}`);
  }
  return { moments: { sigma1, sigma2, sigma12 }, data: { kind: 'explicit' } };
}
