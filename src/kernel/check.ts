/**
 * The certificate kernel: `verifyCertificate(text)` accepts or rejects one certificate written by
 * `ncssl check --certificates` (format: docs/certificates.md).
 *
 * Why it can be trusted. A certificate states a claim about a model given by its exact data (kinds,
 * dimensions, moments, rates) and carries evidence. The kernel believes nothing else in the file:
 * from the moments alone it re-derives F = ½E‖BAx1 − Tx2‖² and the field components the evidence
 * refers to, with its own polynomials (poly.ts), its own expression reader (parse.ts), its own
 * statement of MATH.md §2 (field.ts) and a strict reader of the JSON (read.ts). It shares no code with the engine that produced the
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
import { type Json, Malformed, Rejected, choice, need, object, rational, readModel } from './read.js';

export const CERTIFICATE_FORMAT = 'ncssl-certificate/1';
export type Verdict = { status: 'accepted' | 'rejected' | 'malformed'; reason: string };

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
