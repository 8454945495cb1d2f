/**
 * Variant specs (issue 12): the keys a linear-family spec does not have — `loss`, `stopGradient`,
 * `ema`, an `mlp` encoder, a `symmetric`/`directpred`/`directcopy` predictor, `data: {pairs}` —
 * read into a `Variant` (variant.ts). Every problem is one SpecError line naming the field.
 *
 *   loss: cosine
 *   stopGradient: target      # target (SimSiam's side) | online (the wrong side) | none
 *   ema: off                  # on: the target is a moving average (BYOL)
 *   encoder: {kind: mlp, layers: [2, 3, 1], activation: tanh, bias: true}
 *   predictor: {kind: directcopy, eps: 1/10}
 *   data: {pairs: [[[1, 0], [1, 1/2]], [[0, 1], [1/4, 1]]]}   # or {sample: n, seed, from, augment}: data.ts
 *
 * `stopGradient` and `ema` together name one procedure: (none, off) is GD on the original
 * objective, (target, off) SG, (target, on) EMA, (online, off) the wrong-side stop gradient.
 * Without them the spec lists `procedures:` as a linear spec does (default: all registered).
 *
 * Example: `isVariantSpec(parseYamlMapping('loss: cosine\n…'))` is true; `parseVariant(text, 'v')`.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { YAMLMap } from 'yaml';
import { Rational } from '../exact/rational.js';
import { LIMITS } from '../model/model.js';
import {
  clip,
  fail,
  got,
  item,
  numberText,
  parseYamlMapping,
  readChoice,
  readMapping,
  readModelNumber,
  readName,
  readProcedures,
  required,
} from '../model/spec.js';
import { allProcedures, getProcedure } from '../procedures/index.js';
import { MAX_POWER_HALVINGS, isDyadicPower } from './directpred.js';
import { VARIANT_DATA_KEYS, readVariantData } from './data.js';
import type { Activation, Loss, Variant, VariantEncoder, VariantPredictor, VariantProcedure, ViewPair } from './variant.js';

export const VARIANT_TOP_KEYS = ['name', 'encoder', 'predictor', 'data', 'loss', 'stopGradient', 'ema', 'weightDecay', 'predictorRate', 'emaRate', 'procedures'];
const LOSSES: readonly Loss[] = ['squared', 'cosine'];
const SIDES = ['target', 'online', 'none'] as const;
const ACTIVATIONS: readonly Activation[] = ['tanh', 'softplus', 'relu'];
const ONE_MATRIX_ENCODERS = ['linear', 'diagonal', 'scalar'] as const;
const TRAINED_PREDICTORS = ['linear', 'diagonal', 'identity', 'symmetric'] as const;
const SET_PREDICTORS = ['directpred', 'directcopy'] as const;
const PREDICTOR_KINDS = [...TRAINED_PREDICTORS, ...SET_PREDICTORS];
/** Keys, encoder kinds and predictor kinds that only variants have: any of them makes a spec a variant. */
const VARIANT_ONLY_KEYS = ['loss', 'stopGradient', 'ema'];
const VARIANT_ENCODERS = ['mlp'];
const VARIANT_PREDICTORS = ['symmetric', ...SET_PREDICTORS];

/** The `kind` written in a mapping node, if any. */
function kindIn(node: unknown): unknown {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => isScalar(p.key) && p.key.value === 'kind');
  return pair && isScalar(pair.value) ? pair.value.value : undefined;
}

/** Whether a spec's top-level mapping uses any key or kind that only variant specs have. */
export function isVariantSpec(top: YAMLMap): boolean {
  const entry = (key: string) => top.items.find((p) => isScalar(p.key) && p.key.value === key)?.value;
  if (top.items.some((p) => isScalar(p.key) && VARIANT_ONLY_KEYS.includes(String(p.key.value)))) return true;
  if (VARIANT_ENCODERS.includes(kindIn(entry('encoder')) as string)) return true;
  if (VARIANT_PREDICTORS.includes(kindIn(entry('predictor')) as string)) return true;
  const data = entry('data');
  return isMap(data) && data.items.some((p) => isScalar(p.key) && VARIANT_DATA_KEYS.includes(String(p.key.value)));
}

/** Parses and validates a variant spec; `sourceName` is the default `name`. */
export function parseVariant(text: string, sourceName: string): Variant {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > LIMITS.maxSpecBytes) fail('file', `expected a spec of at most ${LIMITS.maxSpecBytes} bytes (LIMITS.maxSpecBytes), got ${bytes} bytes`);
  return readVariant(parseYamlMapping(text), sourceName);
}

/** A variant from a top-level mapping already parsed (the dispatcher in load.ts parses once). */
export function readVariant(node: YAMLMap, sourceName: string): Variant {
  const top = readMapping(node, '', VARIANT_TOP_KEYS);
  const name = top.has('name') ? readName(top.get('name')) : sourceName;
  const loss = top.has('loss') ? readChoice(top.get('loss'), 'loss', LOSSES) : 'squared';
  const encoder = readVariantEncoder(required(top, 'encoder', 'a mapping {kind, in, out} or {kind: mlp, layers, activation, bias}'));
  const predictor = readVariantPredictor(required(top, 'predictor', 'a mapping {kind}'));
  const trained = (TRAINED_PREDICTORS as readonly string[]).includes(predictor.kind);
  checkVariantSize(encoder, predictor);
  const weightDecay = top.has('weightDecay') ? readRate(top.get('weightDecay'), 'weightDecay', 0) : Rational.ZERO;
  if (!trained && top.has('predictorRate')) {
    fail('predictorRate', `expected no predictor rate with a ${predictor.kind} predictor: it is set from the codes, not trained`);
  }
  const predictorRate = top.has('predictorRate') ? readRate(top.get('predictorRate'), 'predictorRate', 1) : Rational.ONE;
  const emaRate = top.has('emaRate') ? readRate(top.get('emaRate'), 'emaRate', 1) : Rational.ONE;
  const procedures = readVariantProcedures(top);
  const data = readVariantData(required(top, 'data', 'a mapping {pairs: [[x1, x2], …]} or {sample: n, seed}'), encoder.in);
  if (loss === 'cosine' && !(encoder.kind === 'mlp' && encoder.bias)) refuseZeroViews(data.pairs, data.origin !== undefined);
  const smooth = !(encoder.kind === 'mlp' && encoder.activation === 'relu');
  return { name, loss, encoder, predictor, data, weightDecay, predictorRate, emaRate, procedures, smooth };
}

// ── procedures ──────────────────────────────────────────────────────────────────────────────

function readVariantProcedures(top: Map<string, unknown>): VariantProcedure[] {
  const bySwitch = top.has('stopGradient') || top.has('ema');
  if (!bySwitch) {
    const names = top.has('procedures') ? readProcedures(top.get('procedures')) : allProcedures().map((p) => p.name);
    return names.map((name) => ({ name, recipe: getProcedure(name).recipe }));
  }
  if (top.has('procedures')) {
    fail('procedures', 'expected either procedures: [...] or stopGradient/ema (which name one procedure), not both');
  }
  const side = top.has('stopGradient') ? readChoice(top.get('stopGradient'), 'stopGradient', SIDES) : 'target';
  const ema = top.has('ema') ? readOnOff(top.get('ema'), 'ema') : false;
  if (ema && side !== 'target') {
    // The EMA target is never trained, so no gradient flows through it whatever the side.
    const why = side === 'none' ? 'the moving-average target receives no gradient, so none is the same as target' : 'the encoder would receive no gradient at all';
    fail('stopGradient', `expected target with ema: on (${why}), got ${side}`);
  }
  if (ema) return [{ name: 'ema', recipe: 'moving-average' }];
  if (side === 'none') return [{ name: 'gd', recipe: 'identify-then-differentiate' }];
  if (side === 'target') return [{ name: 'sg', recipe: 'differentiate-then-identify' }];
  return [{ name: 'sg-online', recipe: 'target-branch' }];
}

/** `on`/`off` (YAML 1.2 reads them as strings) or true/false. */
function readOnOff(node: unknown, path: string): boolean {
  if (isScalar(node) && typeof node.value === 'boolean') return node.value;
  return readChoice(node, path, ['on', 'off'] as const) === 'on';
}

// ── encoder and predictor ───────────────────────────────────────────────────────────────────

function readSize(node: unknown, path: string): number {
  const what = `a positive integer at most ${LIMITS.maxDimension} (LIMITS.maxDimension)`;
  const text = numberText(node);
  const r = text === null ? null : Rational.parse(text);
  if (r === null || !r.isInteger() || r.sign() <= 0 || r.compare(Rational.of(LIMITS.maxDimension)) > 0) fail(path, `expected ${what}, ${got(node)}`);
  return Number(r.num);
}

function readVariantEncoder(node: unknown): VariantEncoder {
  const kinds = [...ONE_MATRIX_ENCODERS, 'mlp'] as const;
  if (!isMap(node)) fail('encoder', `expected a mapping {kind, in, out} or {kind: mlp, layers, activation, bias}, ${got(node)}`);
  const kindNode = node.items.find((pair) => isScalar(pair.key) && pair.key.value === 'kind')?.value;
  if (kindNode === undefined) fail('encoder.kind', `missing; expected one of ${kinds.join(', ')}`);
  const kind = readChoice(kindNode, 'encoder.kind', kinds);
  if (kind !== 'mlp') {
    const map = readMapping(node, 'encoder', ['kind', 'in', 'out']);
    const p = readSize(required(map, 'encoder.in', 'the input dimension p'), 'encoder.in');
    const q = readSize(required(map, 'encoder.out', 'the code dimension q'), 'encoder.out');
    if (kind === 'scalar' && p !== q) fail('encoder.out', `expected out = in = ${p} for a scalar encoder (a multiple of the identity), got ${q}`);
    return { kind, in: p, out: q };
  }
  const map = readMapping(node, 'encoder', ['kind', 'layers', 'activation', 'bias']);
  const layersNode = required(map, 'encoder.layers', 'the list of widths [p, h1, …, q]');
  if (!isSeq(layersNode) || layersNode.items.length < 2) fail('encoder.layers', `expected a list of at least two widths [p, …, q], ${got(layersNode)}`);
  const layers = layersNode.items.map((w, i) => readSize(w, item('encoder.layers', i)));
  const hidden = layers.length > 2;
  if (hidden && !map.has('activation')) fail('encoder.activation', `missing; expected one of ${ACTIVATIONS.join(', ')} (applied after each hidden layer)`);
  if (!hidden && map.has('activation')) fail('encoder.activation', 'expected no activation for an MLP without hidden layers (it acts after hidden layers only)');
  const activation = hidden ? readChoice(map.get('activation'), 'encoder.activation', ACTIVATIONS) : null;
  let bias = false;
  if (map.has('bias')) {
    const b = map.get('bias');
    if (!isScalar(b) || typeof b.value !== 'boolean') fail('encoder.bias', `expected true or false, ${got(b)}`);
    bias = b.value;
  }
  return { kind: 'mlp', in: layers[0]!, out: layers[layers.length - 1]!, layers, activation, bias };
}

function readVariantPredictor(node: unknown): VariantPredictor {
  if (!isMap(node)) fail('predictor', `expected a mapping {kind}, ${got(node)}`);
  const kindNode = node.items.find((p) => isScalar(p.key) && p.key.value === 'kind')?.value;
  if (kindNode === undefined) fail('predictor.kind', `missing; expected one of ${PREDICTOR_KINDS.join(', ')}`);
  const kind = readChoice(kindNode, 'predictor.kind', PREDICTOR_KINDS);
  if (kind === 'directpred') {
    const map = readMapping(node, 'predictor', ['kind', 'power', 'eps']);
    const power = readModelNumber(required(map, 'predictor.power', 'the power of the correlation, a number > 0 (Tian et al.: 1/2)'), 'predictor.power');
    if (power.sign() <= 0) fail('predictor.power', `expected a number > 0, got ${clip(power.toString())}`);
    if (!isDyadicPower(power)) {
      // B is built from √ and products (directpred.ts): t^(k/2^j) is j square roots and a k-th power.
      fail('predictor.power', `expected k/2^j with integers k ≥ 1 and 0 ≤ j ≤ ${MAX_POWER_HALVINGS} (e.g. 1/2, 1, 1/4, 3/2), got ${clip(power.toString())}`);
    }
    return { kind, power, eps: readEps(map) };
  }
  if (kind === 'directcopy') return { kind, eps: readEps(readMapping(node, 'predictor', ['kind', 'eps'])) };
  readMapping(node, 'predictor', ['kind']);
  return { kind };
}

function readEps(map: Map<string, unknown>): Rational {
  return readRate(required(map, 'predictor.eps', 'a number ≥ 0 added to the spectrum (εI)'), 'predictor.eps', 0);
}

/** A number ≥ 0 (`lowest` 0) or > 0 (`lowest` 1). */
function readRate(node: unknown, path: string, lowest: 0 | 1): Rational {
  const what = lowest === 0 ? 'a number ≥ 0' : 'a number > 0';
  const r = readModelNumber(node, path, `${what} (integer, decimal or fraction p/q)`);
  if (r.sign() < lowest) fail(path, `expected ${what}, got ${clip(numberText(node)!)}`);
  return r;
}

/** Free parameters of the encoder (θ) and of a trained predictor (ψ). */
export function variantParameterCounts(encoder: VariantEncoder, predictor: VariantPredictor): { encoder: number; predictor: number } {
  const q = encoder.out;
  let e: number;
  if (encoder.kind === 'mlp') {
    e = 0;
    for (let k = 0; k + 1 < encoder.layers.length; k++) e += encoder.layers[k + 1]! * (encoder.layers[k]! + (encoder.bias ? 1 : 0));
  } else e = encoder.kind === 'linear' ? encoder.in * q : encoder.kind === 'diagonal' ? Math.min(encoder.in, q) : 1;
  const k = predictor.kind;
  const b = k === 'linear' ? q * q : k === 'diagonal' ? q : k === 'symmetric' ? (q * (q + 1)) / 2 : 0;
  return { encoder: e, predictor: b };
}

function checkVariantSize(encoder: VariantEncoder, predictor: VariantPredictor): void {
  const { encoder: e, predictor: b } = variantParameterCounts(encoder, predictor);
  const total = 2 * e + b;
  if (total > LIMITS.maxStateDimension) {
    fail('encoder', `expected an EMA state dimension 2·(encoder parameters) + (predictor parameters) of at most ${LIMITS.maxStateDimension} (LIMITS.maxStateDimension), got 2·${e} + ${b} = ${total}`);
  }
}

/**
 * Without biases a view of zeros has the code 0 whatever θ is, where the cosine loss is undefined
 * (0/0): refused rather than given a value.
 */
function refuseZeroViews(pairs: readonly ViewPair[], drawn: boolean): void {
  pairs.forEach((pair, i) =>
    [pair.x1, pair.x2].forEach((view, k) => {
      if (!view.every((x) => x.isZero())) return;
      if (drawn) fail('data.sample', `expected draws without a view of zeros under the cosine loss (draw ${i + 1} has one: its code is 0 for every θ, where the loss is undefined); mask less, or another seed`);
      fail(`data.pairs[${i}][${k}]`, 'expected a view that is not all zeros under the cosine loss with an encoder without biases (its code is 0 for every θ, where the loss is undefined)');
    }),
  );
}
