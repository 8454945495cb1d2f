/**
 * The certificate kernel: `verifyCertificate(text, { procedures })` accepts or rejects one certificate written by
 * `ncssl check --certificates` (format: docs/certificates.md).
 *
 * Why it can be trusted. A certificate states a claim about a model given by its exact data (kinds,
 * dimensions, moments, rates) and carries evidence. The kernel believes nothing else in the file:
 * from the moments alone it re-derives F = ½E‖BAx1 − Tx2‖² and the field components the evidence
 * refers to, with its own polynomials (poly.ts), its own expression reader (parse.ts), its own
 * statement of MATH.md §2 (field.ts), its own exact linear algebra (linalg.ts: rank, Faddeev–LeVerrier
 * characteristic polynomial, Hurwitz determinants, LDLᵀ) and a strict reader of the JSON (read.ts,
 * evidence.ts). It shares no code with the engine that produced the certificate except exact
 * rational arithmetic (src/exact/rational.ts), so a bug in the engine's polynomials, procedures,
 * samplers or linear algebra cannot make it accept a false claim unless the kernel errs
 * independently in the same way. What turns each check into a proof (one file per kind, checks/):
 *  - curl: ∂V_i/∂x_j ≠ ∂V_j/∂x_i at one point: DV is not symmetric there, so by Schwarz's theorem
 *    V ≠ −∇Φ for every C² Φ (MATH.md §3). potential: ∂Φ/∂x_i + V_i ≡ 0 for every i is V = −∇Φ.
 *    With `field: "P^-1 V"` both are said of P⁻¹V (P the diagonal rate matrix), i.e. V = −P∇Φ.
 *  - equilibrium: V(x) = 0 exactly at a rational point (and A ≠ 0 there for "non-collapsed").
 *    equilibrium-set: V_i ≡ Σ_j h_ij g_j, so V = 0 wherever every equation g_j = 0.
 *  - stability (MATH.md §6): det(λI − DV(x)) = λ^k·r(λ), r(0) ≠ 0, k = n − rank Dg(x); stable:
 *    every Hurwitz determinant of r > 0 and a k-manifold of equilibria through x (chart equations
 *    with independent gradients, u_i·V_i ≡ Σ h_ij g_j with u_i(x) ≠ 0); unstable: a negative
 *    coefficient or Hurwitz determinant of r (a root with positive real part); degenerate: 0 has
 *    multiplicity > k. The argument is spelled out in checks/stability.ts.
 *  - invariant: ∇Q·V ≡ 0, so Q is constant along every trajectory.
 *  - gd-collapse (MATH.md C3): Σ_u u·V_u + λ‖a‖² + 2E ≡ 0 and E = ½Σ_k y_k J y_kᵀ with J PSD
 *    (λ > 0) or PD (λ = 0) force A = 0 at every GD equilibrium (checks/gd-collapse.ts).
 *  - metric: G symmetric, G ≠ 0, G·DV ≡ (G·DV)ᵀ, so G·V is a gradient (Poincaré lemma).
 *  - family-* (issue 10): the model's moments and rates are polynomials in declared symbols, and
 *    the claim is for every admissible value (symbols in their declared classes, declared
 *    inequalities holding). Identities are checked in state and symbols together; every sign is a
 *    positivity certificate (checks/positivity.ts) for the kernel's own polynomial whose
 *    assumptions the declarations imply (family.ts). family-curl: a coefficient of the curl, as a
 *    polynomial in the state, is nonzero on the domain; family-potential and family-invariant:
 *    the identities above; family-gd-collapse: the gd-collapse argument with J ≻ 0 by proved
 *    leading minors and λ ≥ 0 proved; family-stability: a closed-form point N/D, cleared of
 *    denominators, with the stability argument above (checks/family-stability.ts).
 *  - variant-curl (issue 12): a variant (cosine or squared loss, MLP encoders, predictors set from
 *    the codes) has no moments and no polynomial field. The kernel re-states its objective and the
 *    four recipes (variant/objective.ts, variant/field.ts) and encloses the curl entry
 *    ∂V_i/∂x_j − ∂V_j/∂x_i over a box by its own interval hyper-dual numbers (variant/hyperdual.ts,
 *    variant/interval.ts: outward rounding; Math.sqrt assumed within one double and
 *    Math.tanh/exp/log1p within a relative 2⁻³⁰).
 *    An enclosure excluding 0 makes DV non-symmetric at the centre: no C² potential (Schwarz).
 *  - variant-stability (issue 12): with the same machinery, V at the centre and DV over a box:
 *    Krawczyk's operator maps the box into its interior (a unique zero x* in it), and a given
 *    P ≻ 0 (exact) makes −(DVᵀP + P·DV) positive definite over the box (interval Cholesky), so
 *    every eigenvalue of DV(x*) has negative real part (Lyapunov): x* is asymptotically stable.
 * Not checked: that the moments are those of real data (PSD); every claim is about the polynomial
 * field the moments define, which does not need it (gd-collapse checks the definiteness it uses).
 * Fields not read here are ignored.
 *
 * Example: `verifyCertificate(readFileSync('out/scalar.sg.curl.json', 'utf8'), { procedures: new Map([['sg', 'differentiate-then-identify']]) }).status === 'accepted'`.
 */
import { checkEquilibrium, checkEquilibriumSet } from './checks/equilibrium.js';
import { checkFamilyCurl } from './checks/family-curl.js';
import { checkFamilyGdCollapse } from './checks/family-gd-collapse.js';
import { checkFamilyInvariant } from './checks/family-invariant.js';
import { checkFamilyPotential } from './checks/family-potential.js';
import { checkFamilyStability } from './checks/family-stability.js';
import { checkGdCollapse } from './checks/gd-collapse.js';
import { checkCurl, checkPotential } from './checks/integrability.js';
import { checkInvariant } from './checks/invariant.js';
import { checkMetric } from './checks/metric.js';
import { checkStability } from './checks/stability.js';
import { checkVariantCurl } from './checks/variant-curl.js';
import { checkVariantStability } from './checks/variant-stability.js';
import { procedureName } from './evidence.js';
import { KERNEL_BOUNDS, type KernelBounds, certificateBounds } from './bounds.js';
import { type KernelModel, RECIPES } from './field.js';
import { VARIANT_RECIPES } from './variant/field.js';
import { KernelWorkExceeded, meterWork } from './meter.js';
import { type Json, Malformed, Rejected, choice, need, object, readModel } from './read.js';

export const CERTIFICATE_FORMAT = 'ncssl-certificate/2';
export type Verdict = { status: 'accepted' | 'rejected' | 'malformed'; reason: string };

type Checker = (cert: Json, model: KernelModel) => string;

/** One checker per certificate kind; to add a kind, add its checker here (docs/certificates.md). */
const CHECKERS: Record<string, Checker> = {
  curl: checkCurl,
  potential: checkPotential,
  equilibrium: checkEquilibrium,
  'equilibrium-set': checkEquilibriumSet,
  stability: checkStability,
  invariant: checkInvariant,
  'gd-collapse': checkGdCollapse,
  metric: checkMetric,
};

/**
 * The kinds about a family: their model may declare symbols (`parameters`), and each sign they use
 * comes with a positivity certificate whose assumptions the model's declarations imply.
 */
const FAMILY_CHECKERS: Record<string, Checker> = {
  'family-curl': checkFamilyCurl,
  'family-potential': checkFamilyPotential,
  'family-stability': checkFamilyStability,
  'family-invariant': checkFamilyInvariant,
  'family-gd-collapse': checkFamilyGdCollapse,
};

/**
 * The kinds about a variant (issue 12): their model is a variant's exact data (loss, encoder,
 * predictor, view pairs, rates), read and evaluated by variant/, not the linear family's moments.
 */
const VARIANT_CHECKERS: Record<string, (cert: Json) => string> = {
  'variant-curl': checkVariantCurl,
  'variant-stability': checkVariantStability,
};

export interface VerifyOptions {
  /**
   * The engine's procedures, name → recipe (passed in as data: the kernel imports nothing of the
   * engine). A certificate whose procedure is not among them is malformed, and one whose recipe is
   * not that procedure's is rejected — so "sg" cannot be checked against another field.
   */
  procedures: ReadonlyMap<string, string>;
  /**
   * The procedures a variant may name, name → recipe (the registered ones and the variants' own,
   * such as the stop gradient on the online side); default `procedures`.
   */
  variantProcedures?: ReadonlyMap<string, string>;
  /** The kernel's bounds on degree, terms and work (bounds.ts; default KERNEL_BOUNDS). */
  bounds?: KernelBounds;
}

/**
 * Accepts or rejects a certificate's text; `malformed` when it is not a certificate at all, or
 * asks for more than the kernel's bounds allow (bounds.ts: checked before anything is expanded).
 */
export function verifyCertificate(text: string, options: VerifyOptions): Verdict {
  const oneLine = (reason: string) => reason.replace(/[\u0000-\u001f\u2028\u2029]+/g, ' ').slice(0, 1000);
  const bounds = options.bounds ?? KERNEL_BOUNDS;
  try {
    const parsed = parseJson(text);
    meterWork(bounds.maxWork - certificateBounds(parsed, bounds));
    const c = object(parsed, 'certificate');
    need(c.format === CERTIFICATE_FORMAT, 'format', `"${CERTIFICATE_FORMAT}"`);
    const kind = choice(c.kind, 'kind', [...Object.keys(CHECKERS), ...Object.keys(FAMILY_CHECKERS), ...Object.keys(VARIANT_CHECKERS)]);
    const name = typeof (c.model as Json | undefined)?.name === 'string' ? JSON.stringify((c.model as Json).name) : 'unnamed';
    const variantCheck = VARIANT_CHECKERS[kind];
    if (variantCheck) {
      requireKnownProcedure(c, options.variantProcedures ?? options.procedures, VARIANT_RECIPES);
      return { status: 'accepted', reason: oneLine(`${variantCheck(c)} (variant ${name.slice(0, 200)})`) };
    }
    const check = CHECKERS[kind] ?? FAMILY_CHECKERS[kind]!;
    requireKnownProcedure(c, options.procedures, RECIPES);
    const model = readModel(c.model);
    need(model.symbols.size === 0 || kind in FAMILY_CHECKERS, 'model.parameters', `none for the kind ${kind} (symbols are for the family-* kinds)`);
    return { status: 'accepted', reason: oneLine(`${check(c, model)} (model ${name.slice(0, 200)})`) };
  } catch (e) {
    if (e instanceof Rejected) return { status: 'rejected', reason: oneLine(e.message) };
    if (e instanceof Malformed) return { status: 'malformed', reason: oneLine(e.message) };
    if (e instanceof KernelWorkExceeded) return { status: 'malformed', reason: oneLine(`${e.message}: not checked`) };
    if (e instanceof RangeError) return { status: 'rejected', reason: oneLine(`exact arithmetic refused: ${e.message}`) };
    throw e;
  } finally {
    meterWork(Infinity);
  }
}

function requireKnownProcedure(c: Json, known: ReadonlyMap<string, string>, recipes: readonly string[]): void {
  const procedure = procedureName(c.procedure);
  const recipe = known.get(procedure);
  if (recipe === undefined) throw new Malformed(`procedure: expected one of ${[...known.keys()].join(', ')}`);
  const claimed = choice(c.recipe, 'recipe', recipes);
  if (claimed !== recipe) throw new Rejected(`procedure ${procedure} is made by the recipe ${recipe}, not ${claimed}`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Malformed(`certificate: expected JSON (${(e as Error).message})`);
  }
}
