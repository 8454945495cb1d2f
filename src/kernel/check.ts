/**
 * The certificate kernel: `verifyCertificate(text)` accepts or rejects one certificate written by
 * `ncssl check --certificates` (format: docs/certificates.md).
 *
 * Why it can be trusted. A certificate states a claim about a model given by its exact data (kinds,
 * dimensions, moments, rates) and carries evidence. The kernel believes nothing else in the file:
 * from the moments alone it re-derives F = ½E‖BAx1 − Tx2‖² and the field components the evidence
 * refers to, with its own polynomials (poly.ts), its own expression reader (parse.ts) and its own
 * statement of MATH.md §2 (field.ts). It shares no code with the engine that produced the
 * certificate except exact rational arithmetic (src/exact/rational.ts), so a bug in the engine's
 * polynomials, differentiation, substitution or procedures cannot make it accept a false claim
 * unless the kernel errs independently in the same way. What turns each check into a proof:
 *  - curl: if ∂V_i/∂x_j ≠ ∂V_j/∂x_i at one point, DV is not symmetric there, so by Schwarz's
 *    theorem V ≠ −∇Φ for every C² function Φ (MATH.md §3). The kernel recomputes both values.
 *  - potential: ∂Φ/∂x_i + V_i ≡ 0 for every coordinate i, as polynomial identities, is V = −∇Φ.
 * With `field: "P^-1 V"` both are said of P⁻¹V (P the diagonal rate matrix), i.e. V = −P∇Φ.
 * Not checked: that the moments are those of real data (PSD); the claims are about the
 * polynomial field the moments define, which does not need it. Fields not read here are ignored.
 *
 * Example: `verifyCertificate(readFileSync('out/scalar.sg.curl.json', 'utf8')).status === 'accepted'`.
 */
import { Rational } from '../exact/rational.js';
import { type KernelModel, type Procedure, fieldComponents, stateNames } from './field.js';
import { parseExpression } from './parse.js';
import { addScaled, evaluate, partials } from './poly.js';

export const CERTIFICATE_FORMAT = 'ncssl-certificate/1';
/** The kernel's own bounds (they match LIMITS in src/model/model.ts, restated so nothing is shared). */
const MAX_DIMENSION = 64;
const MAX_STATE = 800;
const MAX_NUMBER_CHARS = 10_000;

export type Verdict = { status: 'accepted' | 'rejected' | 'malformed'; reason: string };
type Json = Record<string, unknown>;

class Malformed extends Error {}
class Rejected extends Error {}
function need(ok: unknown, path: string, expected: string): asserts ok { if (!ok) throw new Malformed(`${path}: expected ${expected}`); } // prettier-ignore
const object = (x: unknown, path: string): Json => (need(typeof x === 'object' && x !== null && !Array.isArray(x), path, 'an object'), x as Json);
function choice<T extends string>(x: unknown, path: string, options: readonly T[]): T {
  need(options.includes(x as T), path, `one of ${options.join(', ')}`);
  return x as T;
}
function rational(x: unknown, path: string): Rational {
  const r = typeof x === 'string' && x.length <= MAX_NUMBER_CHARS ? Rational.parse(x) : null;
  need(r, path, 'an exact number written as a string, e.g. "-3/4"');
  return r;
}
function dimension(x: unknown, path: string): number {
  need(Number.isInteger(x) && (x as number) >= 1 && (x as number) <= MAX_DIMENSION, path, `an integer from 1 to ${MAX_DIMENSION}`);
  return x as number;
}
function matrix(x: unknown, path: string, p: number): Rational[][] {
  need(Array.isArray(x) && x.length === p && x.every((r) => Array.isArray(r) && r.length === p), path, `a ${p}×${p} list of rows`);
  return (x as unknown[][]).map((row, i) => row.map((e, j) => rational(e, `${path}[${i}][${j}]`)));
}

function readModel(x: unknown): KernelModel {
  const m = object(x, 'model');
  const enc = object(m.encoder, 'model.encoder');
  const kind = choice(enc.kind, 'model.encoder.kind', ['linear', 'diagonal', 'scalar'] as const);
  const [p, q] = [dimension(enc.in, 'model.encoder.in'), dimension(enc.out, 'model.encoder.out')];
  const predictor = choice(object(m.predictor, 'model.predictor').kind, 'model.predictor.kind', ['linear', 'diagonal', 'identity'] as const);
  const e = kind === 'linear' ? p * q : kind === 'diagonal' ? Math.min(p, q) : 1;
  const b = predictor === 'linear' ? q * q : predictor === 'diagonal' ? q : 0;
  need(2 * e + b <= MAX_STATE, 'model', `an EMA state dimension of at most ${MAX_STATE}, got ${2 * e + b}`);
  const mo = object(m.moments, 'model.moments');
  const positive = (key: string, min: 0 | 1): Rational => {
    const r = rational(m[key], `model.${key}`);
    need(r.sign() >= min, `model.${key}`, min ? 'a number > 0' : 'a number ≥ 0');
    return r;
  };
  return {
    encoder: { kind, in: p, out: q },
    predictor: { kind: predictor },
    moments: { sigma1: matrix(mo.sigma1, 'model.moments.sigma1', p), sigma2: matrix(mo.sigma2, 'model.moments.sigma2', p), sigma12: matrix(mo.sigma12, 'model.moments.sigma12', p) },
    weightDecay: positive('weightDecay', 0),
    predictorRate: positive('predictorRate', 1),
    emaRate: positive('emaRate', 1),
  };
}

/** What every integrability certificate names: the procedure, which field, and the state. */
function integrabilityClaim(cert: Json, model: KernelModel) {
  const procedure: Procedure = choice(cert.procedure, 'procedure', ['gd', 'sg', 'ema'] as const);
  const field = choice(cert.field, 'field', ['V', 'P^-1 V'] as const);
  const symbol = field === 'V' ? 'V' : '(P⁻¹V)';
  return { procedure, rateAdjusted: field !== 'V', symbol, label: `the ${procedure} field ${symbol}`, names: stateNames(model, procedure), evidence: object(cert.evidence, 'evidence') };
}

/** kind "curl": evidence {point, i, j, dVi_dxj, dVj_dxi}; proves V has no potential. */
function checkCurl(cert: Json, model: KernelModel): string {
  const { procedure, rateAdjusted, symbol, label, names, evidence } = integrabilityClaim(cert, model);
  const point = object(evidence.point, 'evidence.point');
  const [i, j] = [evidence.i, evidence.j];
  need(typeof i === 'string' && typeof j === 'string', 'evidence.i, evidence.j', 'two coordinate names');
  const claimed = [rational(evidence.dVi_dxj, 'evidence.dVi_dxj'), rational(evidence.dVj_dxi, 'evidence.dVj_dxi')];
  const values = new Map(Object.keys(point).map((k) => [k, rational(point[k], `evidence.point.${k}`)]));
  const missing = names.find((n) => !values.has(n)) ?? [...values.keys()].find((k) => !names.includes(k));
  if (missing !== undefined) throw new Rejected(`the point must give exactly the state coordinates ${names.join(', ')} (problem: ${missing})`);
  if (!names.includes(i) || !names.includes(j) || i === j) throw new Rejected(`i and j must be two different state coordinates, got ${i}, ${j}`);
  const V = fieldComponents(model, procedure, [i, j], rateAdjusted);
  const at = (v: string): Rational => values.get(v)!;
  const actual = [evaluate(partials(V.get(i)!).get(j) ?? new Map(), at), evaluate(partials(V.get(j)!).get(i) ?? new Map(), at)];
  const what = [`∂${symbol}[${i}]/∂${j}`, `∂${symbol}[${j}]/∂${i}`];
  for (const k of [0, 1]) if (!actual[k]!.equals(claimed[k]!)) throw new Rejected(`${what[k]} at the point is ${actual[k]}, not ${claimed[k]}`);
  if (actual[0]!.equals(actual[1]!)) throw new Rejected('the two derivatives are equal: no curl at this point');
  return `${label} is not the gradient of any C² function: ${what[0]} = ${actual[0]} ≠ ${actual[1]} = ${what[1]} at the point`;
}

/** kind "potential": evidence {potential}; proves V = −∇Φ (or P⁻¹V = −∇Φ). */
function checkPotential(cert: Json, model: KernelModel): string {
  const { procedure, rateAdjusted, label, names, evidence } = integrabilityClaim(cert, model);
  need(typeof evidence.potential === 'string', 'evidence.potential', 'an expression string');
  let gradient;
  try {
    gradient = partials(parseExpression(evidence.potential, new Set(names)));
  } catch (e) {
    throw new Rejected(`the potential does not parse: ${(e as Error).message}`);
  }
  const V = fieldComponents(model, procedure, names, rateAdjusted);
  for (const v of names) {
    if (addScaled(gradient.get(v) ?? new Map(), V.get(v)!, Rational.ONE).size > 0) throw new Rejected(`∂Φ/∂${v} is not −V[${v}]`);
  }
  return `${label} is a gradient field: it is −∇Φ for the given polynomial Φ`;
}

/** One checker per certificate kind; to add a kind, add its checker here (docs/certificates.md). */
const CHECKERS: Record<string, (cert: Json, model: KernelModel) => string> = { curl: checkCurl, potential: checkPotential };

/** Accepts or rejects a certificate's text; `malformed` when it is not a certificate at all. */
export function verifyCertificate(text: string): Verdict {
  const oneLine = (reason: string) => reason.replace(/[\u0000-\u001f\u2028\u2029]+/g, ' ').slice(0, 1000);
  try {
    const c = object(parseJson(text), 'certificate');
    need(c.format === CERTIFICATE_FORMAT, 'format', `"${CERTIFICATE_FORMAT}"`);
    const check = CHECKERS[choice(c.kind, 'kind', Object.keys(CHECKERS))]!;
    const name = typeof (c.model as Json | undefined)?.name === 'string' ? JSON.stringify((c.model as Json).name) : 'unnamed';
    return { status: 'accepted', reason: oneLine(`${check(c, readModel(c.model))} (model ${name.slice(0, 200)})`) };
  } catch (e) {
    if (e instanceof Rejected) return { status: 'rejected', reason: oneLine(e.message) };
    if (e instanceof Malformed) return { status: 'malformed', reason: oneLine(e.message) };
    if (e instanceof RangeError) return { status: 'rejected', reason: oneLine(`exact arithmetic refused: ${e.message}`) };
    throw e;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Malformed(`certificate: expected JSON (${(e as Error).message})`);
  }
}
