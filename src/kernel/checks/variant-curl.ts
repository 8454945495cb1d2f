/**
 * kind "variant-curl" (issue 12; docs/certificates.md): a variant's field (or P⁻¹V) is not the
 * gradient of any C² function, shown by an enclosure of the curl entry ∂V_i/∂x_j − ∂V_j/∂x_i over
 * a box around a point that excludes 0: the entry is then nonzero at the centre, DV is not
 * symmetric there, and by Schwarz's theorem V ≠ −∇Φ for every C² Φ. (V is C¹ on the box: every
 * operation of F is smooth where the kernel evaluates it, ReLUs included, since their arguments
 * keep one sign on the box or the certificate is rejected.)
 *
 * The kernel encloses both entries itself (variant/: its own objective, recipes, interval
 * hyper-dual numbers, outward rounding) over its own box x_k ± radius·(1 + |x_k|), computed
 * exactly from the certificate's centre and radius and rounded outward; it accepts iff its
 * enclosure of the curl excludes 0 with the sign of the engine's enclosure and meets it (both
 * contain the curl at the centre, so disjoint enclosures mean one of the two computations is wrong).
 */
import { Rational } from '../../exact/rational.js';
import { procedureName, readPoint } from '../evidence.js';
import { charge } from '../meter.js';
import { type Json, Rejected, choice, need, object, rational } from '../read.js';
import { VARIANT_RECIPES, jacobianEntry, variantStateNames } from '../variant/field.js';
import { type KInterval, excludesZero, kIntersect, kRational, kSub } from '../variant/interval.js';
import { type KernelVariant, readVariantModel, variantLayout } from '../variant/model.js';
import { dataViews } from '../variant/objective.js';

/** Hyper-dual products of one evaluation of F, roughly: the kernel's work for a certificate is two. */
export function evaluationCost(v: KernelVariant): number {
  const widths = v.encoder.layers;
  let weights = 0;
  for (let k = 0; k + 1 < widths.length; k++) weights += widths[k]! * widths[k + 1]!;
  const q = widths[widths.length - 1]!;
  const setPredictor = v.predictor.kind === 'directcopy' || v.predictor.kind === 'directpred';
  return v.pairs.length * ((setPredictor ? 3 : 2) * weights + 2 * q * q + 4 * q);
}

/** The box x ± radius·(1 + |x|), exact, then rounded outward to doubles. */
function boxAround(x: Rational, radius: Rational): KInterval {
  const r = radius.mul(x.abs().add(Rational.ONE));
  return { lo: kRational(x.sub(r)).lo, hi: kRational(x.add(r)).hi };
}

const show = (x: KInterval) => `[${x.lo}, ${x.hi}]`;

export function checkVariantCurl(cert: Json): string {
  const variant = readVariantModel(cert.model);
  const layout = variantLayout(variant);
  const procedure = procedureName(cert.procedure);
  const recipe = choice(cert.recipe, 'recipe', VARIANT_RECIPES);
  const field = choice(cert.field, 'field', ['V', 'P^-1 V'] as const);
  const evidence = object(cert.evidence, 'evidence');
  const names = variantStateNames(layout, recipe);
  const [i, j] = [evidence.i, evidence.j];
  need(typeof i === 'string' && typeof j === 'string', 'evidence.i, evidence.j', 'two coordinate names');
  const radius = rational(evidence.radius, 'evidence.radius');
  need(radius.sign() >= 0, 'evidence.radius', 'a number ≥ 0');
  const claimed = evidence.enclosure;
  need(Array.isArray(claimed) && claimed.length === 2, 'evidence.enclosure', 'a pair [lo, hi] of exact numbers');
  const [lo, hi] = [rational(claimed[0], 'evidence.enclosure[0]'), rational(claimed[1], 'evidence.enclosure[1]')];
  need(lo.compare(hi) <= 0, 'evidence.enclosure', 'lo ≤ hi');
  const point = readPoint(evidence.point, 'evidence.point', names);
  if (!names.includes(i) || !names.includes(j) || i === j) throw new Rejected(`i and j must be two different state coordinates, got ${i}, ${j}`);
  const sign = lo.sign() > 0 ? 1 : hi.sign() < 0 ? -1 : 0;
  if (sign === 0) throw new Rejected(`the certificate's enclosure [${lo}, ${hi}] contains 0: it shows no curl`);

  charge(2 * evaluationCost(variant), 'evaluating the objective over the box');
  const box = new Map(names.map((n) => [n, boxAround(point.get(n)!, radius)]));
  const ctx = { variant, layout, recipe, rateAdjusted: field !== 'V', box, views: dataViews(variant) };
  const curl = kSub(jacobianEntry(ctx, i, j), jacobianEntry(ctx, j, i));
  const symbol = field === 'V' ? 'V' : '(P⁻¹V)';
  const entry = `∂${symbol}[${i}]/∂${j} − ∂${symbol}[${j}]/∂${i}`;
  if (!excludesZero(curl)) throw new Rejected(`the kernel's enclosure ${show(curl)} of ${entry} over the box contains 0`);
  if ((curl.lo > 0 ? 1 : -1) !== sign) throw new Rejected(`the kernel's enclosure ${show(curl)} of ${entry} has the other sign than the certificate's [${lo}, ${hi}]`);
  const engine = { lo: kRational(lo).lo, hi: kRational(hi).hi };
  if (kIntersect(curl, engine) === null) throw new Rejected(`the kernel's enclosure ${show(curl)} of ${entry} and the certificate's [${lo}, ${hi}] are disjoint, though both should contain its value at the centre`);
  return `the ${procedure} field ${symbol} of the variant is not the gradient of any C² function: ${entry} ∈ ${show(curl)} ${sign > 0 ? '> 0' : '< 0'} on the box x ± ${radius}·(1 + |x|) around the point`;
}
