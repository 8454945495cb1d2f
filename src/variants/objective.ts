/**
 * A variant's parameters and its objective F(θ, ψ, ξ) as an expression DAG: the loss of each view
 * pair, averaged exactly over the pairs (the data constants are exact rationals).
 *
 *   squared: ½‖g_ψ(f_θ(x1)) − f_ξ(x2)‖²      cosine: 2 − 2⟨p, z⟩ / (‖p‖ ‖z‖), p = g_ψ(f_θ(x1)), z = f_ξ(x2)
 *
 * Variables are created in state order — encoder θ, predictor ψ, target ξ (θ's twin) — so that a
 * procedure's state coordinate k is variable k; a predictor set from the codes (DirectCopy) is a
 * block of placeholder variables P after them, replaced by its value B(θ) only after
 * differentiating: no gradient flows through the setting (Tian et al. compute it without one).
 * DirectCopy's B(θ) is F̂ + εI, DirectPred's the closed form of directpred.ts.
 * Names follow the linear family where it applies (A_i_j, B_i_j, T_i_j); an MLP's layer k has
 * weights A{k}_i_j and biases a{k}_i (target T{k}_i_j, t{k}_i).
 *
 * Example: `variantObjective(parseVariant(text, 'v')).dag.variables` lists θ, ψ, ξ, then P.
 */
import { Rational } from '../exact/rational.js';
import { Dag, type Node, Op } from '../expr/dag.js';
import { directPredPredictor } from './directpred.js';
import type { Variant, VariantEncoder } from './variant.js';

interface Layer {
  weights: Node[][];
  bias: Node[] | null;
}

export interface VariantLayout {
  dag: Dag;
  /** Variable indices of θ, ψ, ξ (in the order of θ), and of the placeholders P of a set predictor. */
  encoder: number[];
  predictor: number[];
  target: number[];
  placeholders: number[];
  /** The predictor's value as a function of θ (row-major q×q), for the placeholders; empty otherwise. */
  setPredictor: Node[];
  /** F(θ, ψ, ξ). */
  objective: Node;
}

export function variantObjective(variant: Variant): VariantLayout {
  const dag = new Dag();
  const q = variant.encoder.out;
  const indices = (nodes: Node[]) => nodes.map((n) => dag.variableOf[n]!);
  const online = encoderLayers(dag, variant.encoder, 'A', 'a');
  const predictorMatrix = trainedPredictor(dag, variant, q);
  const target = encoderLayers(dag, variant.encoder, 'T', 't');
  const setKind = variant.predictor.kind === 'directcopy' || variant.predictor.kind === 'directpred';
  const placeholderMatrix = setKind ? square(q, (i, j) => dag.variable(`P_${i + 1}_${j + 1}`)) : null;
  const B = placeholderMatrix ?? predictorMatrix!;

  const n = variant.data.pairs.length;
  const constant = (xs: Rational[]) => xs.map((x) => dag.constant(x));
  const losses = variant.data.pairs.map((pair) => {
    const p = apply(dag, B, forward(dag, online, variant.encoder, constant(pair.x1)));
    const z = forward(dag, target, variant.encoder, constant(pair.x2));
    return variant.loss === 'squared' ? squaredLoss(dag, p, z) : cosineLoss(dag, p, z);
  });
  const objective = dag.scale(Rational.of(1, n), dag.sum(losses));

  let setPredictor: Node[] = [];
  const set = variant.predictor;
  if (set.kind === 'directcopy' || set.kind === 'directpred') {
    // F̂ = E[z zᵀ] over the online codes of the first views.
    const codes = variant.data.pairs.map((pair) => forward(dag, online, variant.encoder, constant(pair.x1)));
    const F = square(q, (i, j) => dag.scale(Rational.of(1, n), dag.sum(codes.map((z) => dag.mul(z[i]!, z[j]!)))));
    const eps = dag.constant(set.eps);
    setPredictor = set.kind === 'directcopy' ? F.flatMap((row, i) => row.map((f, j) => (i === j ? dag.add(f, eps) : f))) : directPredPredictor(dag, F, set.power, set.eps);
  }
  return {
    dag,
    encoder: indices(parameterNodes(dag, online)),
    predictor: indices(predictorVariables(dag, predictorMatrix)),
    target: indices(parameterNodes(dag, target)),
    placeholders: placeholderMatrix ? indices(placeholderMatrix.flat()) : [],
    setPredictor,
    objective,
  };
}

function square(q: number, entry: (i: number, j: number) => Node): Node[][] {
  return Array.from({ length: q }, (_, i) => Array.from({ length: q }, (_, j) => entry(i, j)));
}

/** The encoder's layers, creating its variables in state order (weights row-major, then biases). */
function encoderLayers(dag: Dag, encoder: VariantEncoder, W: string, b: string): Layer[] {
  if (encoder.kind !== 'mlp') {
    const { in: p, out: q, kind } = encoder;
    const weights = Array.from({ length: q }, (_, i) =>
      Array.from({ length: p }, (_, j) => {
        if (kind === 'linear') return dag.variable(`${W}_${i + 1}_${j + 1}`);
        if (i !== j) return dag.zero;
        return dag.variable(kind === 'diagonal' ? `${W}_${i + 1}_${i + 1}` : `${W}_1_1`);
      }),
    );
    return [{ weights, bias: null }];
  }
  return encoder.layers.slice(1).map((rows, k) => {
    const cols = encoder.layers[k]!;
    const weights = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => dag.variable(`${W}${k + 1}_${i + 1}_${j + 1}`)));
    const bias = encoder.bias ? Array.from({ length: rows }, (_, i) => dag.variable(`${b}${k + 1}_${i + 1}`)) : null;
    return { weights, bias };
  });
}

/** The free parameters of the layers, in creation (state) order, each once. */
function parameterNodes(dag: Dag, layers: Layer[]): Node[] {
  const seen = new Set<Node>();
  const out: Node[] = [];
  const note = (n: Node) => {
    if (!seen.has(n)) {
      seen.add(n);
      out.push(n);
    }
  };
  for (const layer of layers) {
    layer.weights.flat().forEach(note);
    layer.bias?.forEach(note);
  }
  return out.filter((n) => dag.op[n] === Op.VAR).sort((x, y) => x - y);
}

function predictorVariables(dag: Dag, matrix: Node[][] | null): Node[] {
  if (!matrix) return [];
  return [...new Set(matrix.flat().filter((n) => !dag.isConstant(n)))].sort((x, y) => x - y);
}

/** B as a q×q matrix of nodes for a trained predictor (null for one set from the codes). */
function trainedPredictor(dag: Dag, variant: Variant, q: number): Node[][] | null {
  const kind = variant.predictor.kind;
  if (kind === 'directcopy' || kind === 'directpred') return null;
  // Symmetric: the upper triangle is free, created row by row; (j, i) reuses B_i_j.
  const name = (i: number, j: number) => (kind === 'symmetric' && i > j ? `B_${j + 1}_${i + 1}` : `B_${i + 1}_${j + 1}`);
  const rows = Array.from({ length: q }, (_, i) =>
    Array.from({ length: q }, (_, j) => {
      if (kind === 'linear' || (kind === 'symmetric' && i <= j)) return dag.variable(name(i, j));
      if (i !== j) return kind === 'symmetric' ? -1 : dag.zero;
      return kind === 'diagonal' ? dag.variable(name(i, i)) : dag.one;
    }),
  );
  return rows.map((row, i) => row.map((n, j) => (n === -1 ? rows[j]![i]! : n)));
}

function apply(dag: Dag, m: Node[][], v: Node[]): Node[] {
  return m.map((row) => dag.dot(row, v));
}

function forward(dag: Dag, layers: Layer[], encoder: VariantEncoder, x: Node[]): Node[] {
  let h = x;
  layers.forEach((layer, k) => {
    let u = apply(dag, layer.weights, h);
    if (layer.bias) u = u.map((e, i) => dag.add(e, layer.bias![i]!));
    const last = k === layers.length - 1;
    h = last || encoder.kind !== 'mlp' || encoder.activation === null ? u : u.map((e) => activate(dag, encoder.activation!, e));
  });
  return h;
}

function activate(dag: Dag, activation: 'tanh' | 'softplus' | 'relu', x: Node): Node {
  return activation === 'tanh' ? dag.tanh(x) : activation === 'softplus' ? dag.softplus(x) : dag.relu(x);
}

function squaredLoss(dag: Dag, p: Node[], z: Node[]): Node {
  return dag.scale(Rational.of(1, 2), dag.sum(p.map((pi, i) => dag.sqr(dag.sub(pi, z[i]!)))));
}

function cosineLoss(dag: Dag, p: Node[], z: Node[]): Node {
  const norms = dag.mul(dag.sqrt(dag.sum(p.map((x) => dag.sqr(x)))), dag.sqrt(dag.sum(z.map((x) => dag.sqr(x)))));
  return dag.sub(dag.constant(Rational.of(2)), dag.scale(Rational.of(2), dag.div(dag.dot(p, z), norms)));
}
