/**
 * Specs with symbols: a `parameters:` mapping declares each symbol and what is assumed of it, and
 * every moment entry and rate may then be a polynomial in those symbols with rational
 * coefficients (docs/spec.md, "Symbols").
 *
 *   parameters:
 *     s: positive
 *     c: [positive, c < s]
 *   data: {viewCovariance: [[s]], crossCovariance: [[c]]}
 *
 * Example: `parseAnySpec(text, 'scalar').kind === 'family'` for the spec above, and 'model' for a
 * spec without `parameters:` (read exactly as before by src/model/spec.ts).
 *
 * What is checked here: the symbols' names and assumptions, that every expression uses declared
 * symbols only, the shapes, and that some values satisfy the assumptions (found by a seeded
 * search; see admissible.ts). Whether the moments are those of real data (joint PSD) for all
 * admissible values is decided by the analyses (moment-validity.ts), which state it as a
 * hypothesis when they cannot prove it.
 */
import { Rational } from '../exact/rational.js';
import type { Model } from '../model/model.js';
import {
  TOP_KEYS,
  checkStateDimension,
  child,
  clip,
  fail,
  got,
  item,
  numberText,
  checkSpecSize,
  modelOfDocument,
  parseYamlMapping,
  readDataForm,
  readEncoder,
  readMapping,
  readMatrix,
  readModelNumber,
  readName,
  readPredictorKind,
  readProcedures,
  readSpecText,
  required,
} from '../model/spec.js';
import { basename, extname } from 'node:path';
import { Scalar, isScalar, isSeq, type YAMLMap } from 'yaml';
import { allProcedures } from '../procedures/index.js';
import { Poly } from '../poly/poly.js';
import { PolyParseError, parsePoly } from '../poly/parse.js';
import { Ring } from '../poly/ring.js';
import { findAdmissibleValues } from './admissible.js';
import type { Family, FamilyData, FamilySymbol, Inequality, PolyMatrix, SignClass } from './family.js';

export type AnySpec = { kind: 'model'; model: Model } | { kind: 'family'; family: Family };

/** Symbols a family may declare; state names (A_1_1) and view entries (x1_1) carry an underscore. */
const SYMBOL = /^[a-z][A-Za-z0-9]{0,15}$/;
const MAX_SYMBOLS = 16;
const SIGNS: readonly SignClass[] = ['positive', 'nonnegative', 'real'];
const INEQUALITY = /^(.*?)(<=|>=|<|>|≤|≥)(.*)$/s;

/** Reads a spec file with or without symbols (bounded like `loadSpecFile`). */
export function loadAnySpecFile(path: string): AnySpec {
  return parseAnySpec(readSpecText(path), basename(path, extname(path)));
}

/** A spec with or without symbols. */
export function parseAnySpec(text: string, sourceName: string): AnySpec {
  checkSpecSize(text);
  return specOfDocument(parseYamlMapping(text), sourceName);
}

/** A model or a family from a spec document already parsed (the text is read once). */
export function specOfDocument(document: YAMLMap, sourceName: string): AnySpec {
  const top = readMapping(document, '', TOP_KEYS);
  if (!top.has('parameters')) return { kind: 'model', model: modelOfDocument(document, sourceName) };
  return { kind: 'family', family: readFamily(top, sourceName) };
}

function readFamily(top: Map<string, unknown>, sourceName: string): Family {
  const { symbols, ring, inequalities } = readParameters(top.get('parameters'));
  const name = top.has('name') ? readName(top.get('name')) : sourceName;
  const encoder = readEncoder(required(top, 'encoder', 'a mapping {kind, in, out}'));
  const predictor = { kind: readPredictorKind(required(top, 'predictor', 'a mapping {kind}')) };
  checkStateDimension(encoder, predictor.kind);
  const entry = expressionReader(ring);
  const rate = (key: string, fallback: Rational): Poly => (top.has(key) ? entry(top.get(key), key) : Poly.constant(ring, fallback));
  const weightDecay = rate('weightDecay', Rational.ZERO);
  const predictorRate = rate('predictorRate', Rational.ONE);
  const emaRate = rate('emaRate', Rational.ONE);
  const procedures = top.has('procedures') ? readProcedures(top.get('procedures')) : allProcedures().map((p) => p.name);
  const { moments, data } = readFamilyData(required(top, 'data', 'a mapping {covariance, noise} or {viewCovariance, crossCovariance}'), encoder.in, entry);
  const family: Family = { name, encoder, predictor, symbols, ring, inequalities, moments, data, weightDecay, predictorRate, emaRate, procedures };
  checkUsed(family);
  if (findAdmissibleValues(family, 1, 1).length === 0) {
    fail('parameters', 'expected assumptions that some values satisfy, but a seeded search over small rationals found none (check the inequalities)');
  }
  return family;
}

// ── parameters ──────────────────────────────────────────────────────────────────────────────

function readParameters(node: unknown): { symbols: FamilySymbol[]; ring: Ring; inequalities: Inequality[] } {
  const what = 'a mapping from symbol names to assumptions (positive, nonnegative, real, or inequalities such as "c < s")';
  const map = readMapping(node, 'parameters', 'any', what);
  if (map.size === 0) fail('parameters', `expected ${what}, got an empty mapping`);
  if (map.size > MAX_SYMBOLS) fail('parameters', `expected at most ${MAX_SYMBOLS} symbols, got ${map.size}`);
  for (const name of map.keys()) {
    if (!SYMBOL.test(name)) {
      fail(child('parameters', clip(name)), 'expected a symbol name: a lower-case letter, then up to 15 letters or digits (no underscore: A_1_1 and x1_1 name the state and the views)');
    }
  }
  const names = [...map.keys()].sort();
  const ring = new Ring(names);
  const signs = new Map<string, SignClass>();
  const inequalityTexts: Array<[string, string]> = [];
  for (const [name, value] of map) {
    const path = child('parameters', name);
    const items = isSeq(value) ? value.items.map((v, i) => [v, item(path, i)] as const) : [[value, path] as const];
    for (const [v, at] of items) {
      if (!isScalar(v) || typeof v.value !== 'string') fail(at, `expected positive, nonnegative, real or an inequality between symbols, ${got(v)}`);
      const text = v.value.trim();
      if ((SIGNS as readonly string[]).includes(text)) {
        if (signs.has(name) && signs.get(name) !== text) fail(at, `expected one sign assumption for ${name}, got ${signs.get(name)} and ${text}`);
        signs.set(name, text as SignClass);
      } else if (INEQUALITY.test(text)) inequalityTexts.push([text, at]);
      else fail(at, `expected positive, nonnegative, real or an inequality such as "c < s", got ${JSON.stringify(clip(text))}`);
    }
  }
  const symbols = names.map((name) => ({ name, sign: signs.get(name) ?? 'real' }));
  const inequalities = inequalityTexts.map(([text, at]) => readInequality(ring, text, at));
  return { symbols, ring, inequalities };
}

function readInequality(ring: Ring, text: string, path: string): Inequality {
  const [, left, op, right] = INEQUALITY.exec(text)!;
  const parse = (side: string) => parseExpression(ring, side!.trim(), path);
  const l = parse(left!);
  const r = parse(right!);
  if (l.sub(r).isConstant()) fail(path, `expected an inequality that involves a symbol, got ${JSON.stringify(clip(text))}`);
  const strict = op === '<' || op === '>';
  const [lhs, rhs] = op === '<' || op === '<=' || op === '≤' ? [l, r] : [r, l];
  return { text, lhs, rhs, strict };
}

// ── expressions ─────────────────────────────────────────────────────────────────────────────

function parseExpression(ring: Ring, text: string, path: string): Poly {
  // `sqrt(s)` would otherwise be read as the undeclared symbol `sqrt` times (s).
  const call = /([A-Za-z_][A-Za-z0-9_]*)\s*\(/.exec(text);
  if (call && !ring.has(call[1]!)) {
    fail(path, `expected a polynomial in the declared symbols with rational coefficients (e.g. "x + sigma2", "2*c"), got the function ${clip(call[1]!)}(…)`);
  }
  try {
    return parsePoly(ring, text);
  } catch (e) {
    if (!(e instanceof PolyParseError)) throw e;
    const unknown = /^unknown variable (.*)$/.exec(e.message);
    if (unknown) fail(path, `expected a polynomial in the declared symbols (${ring.names.join(', ')}), got the undeclared symbol ${clip(unknown[1]!)}; declare it under parameters`);
    fail(path, `expected a polynomial in the declared symbols with rational coefficients (e.g. "x + sigma2", "2*c"), but ${e.message}`);
  }
}

/** A moment entry or rate: a number (read as in numeric specs) or a polynomial in the symbols. */
function expressionReader(ring: Ring): (node: unknown, path: string) => Poly {
  return (node, path) => {
    const text = numberText(node);
    if (text !== null && Rational.parse(text) !== null) return Poly.constant(ring, readModelNumber(node, path));
    if (!isScalar(node) || typeof node.value !== 'string') fail(path, `expected a number or a polynomial in the declared symbols, ${got(node)}`);
    const poly = parseExpression(ring, node.value, path);
    // Coefficients obey the numeric specs' magnitude bounds (LIMITS.maxMagnitudeExponent).
    for (const [, c] of poly.terms) readModelNumber(new Scalar(c.toString()), path);
    return poly;
  };
}

// ── data ────────────────────────────────────────────────────────────────────────────────────

function readFamilyData(node: unknown, p: number, entry: (node: unknown, path: string) => Poly): { moments: Family['moments']; data: FamilyData } {
  const { map, form } = readDataForm(node);
  const matrix = (key: string, what: string): PolyMatrix => readMatrix(required(map, `data.${key}`, what), `data.${key}`, p, entry);
  if (form === 'explicit') {
    const sigma1 = matrix('viewCovariance', `the ${p}×${p} matrix Σ1 = E[x1 x1ᵀ]`);
    checkSymmetric(sigma1, 'data.viewCovariance');
    const sigma2 = map.has('viewCovariance2') ? matrix('viewCovariance2', 'Σ2') : sigma1.map((row) => row.slice());
    checkSymmetric(sigma2, 'data.viewCovariance2');
    const sigma12 = matrix('crossCovariance', `the ${p}×${p} matrix Σ12 = E[x1 x2ᵀ]`);
    return { moments: { sigma1, sigma2, sigma12 }, data: { kind: 'explicit' } };
  }
  const covariance = matrix('covariance', `the ${p}×${p} covariance X of the clean data`);
  checkSymmetric(covariance, 'data.covariance');
  const sigma2Noise = entry(required(map, 'data.noise', 'the noise variance σ² ≥ 0'), 'data.noise');
  const sigma = covariance.map((row, i) => row.map((x, j) => (i === j ? x.add(sigma2Noise) : x)));
  return {
    moments: { sigma1: sigma, sigma2: sigma.map((row) => row.slice()), sigma12: covariance.map((row) => row.slice()) },
    data: { kind: 'noise', covariance, noise: sigma2Noise },
  };
}

function checkSymmetric(m: PolyMatrix, path: string): void {
  for (let i = 0; i < m.length; i++) {
    for (let j = 0; j < i; j++) {
      if (!m[i]![j]!.equals(m[j]![i]!)) {
        fail(`${path}[${i}][${j}]`, `expected a symmetric matrix, got [${i}][${j}] = ${clip(m[i]![j]!.toString())} but [${j}][${i}] = ${clip(m[j]![i]!.toString())}`);
      }
    }
  }
}

/** A declared symbol that no entry uses is almost always a typo: refuse it. */
function checkUsed(family: Family): void {
  const used = new Set<number>();
  const note = (p: Poly) => p.variables().forEach((v) => used.add(v));
  for (const m of Object.values(family.moments)) m.flat().forEach(note);
  [family.weightDecay, family.predictorRate, family.emaRate].forEach(note);
  if (family.data.kind === 'noise') note(family.data.noise);
  const unused = family.ring.names.filter((_, v) => !used.has(v));
  if (unused.length > 0) fail(child('parameters', unused[0]!), 'expected every declared symbol to appear in a moment or a rate, but this one appears nowhere');
}
