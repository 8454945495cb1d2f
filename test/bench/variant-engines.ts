/**
 * The job of the variant path (src/variants/) done three ways, to choose its engine: the SG field
 * of a cosine-loss linear variant (2→2, linear predictor, `pairs` view pairs, state 8) and its
 * Jacobian, derived symbolically, then evaluated at one point. `dag`: ncssl's expression DAG
 * (src/expr/); `mathjs`: `derivative` on its expression trees; `nerdamer`: `diff`. Each run is one
 * process, timed from outside:
 *
 *   node dist/test/bench/variant-engines.js dag|mathjs|nerdamer [pairs]
 *
 * It prints the Jacobian's entry (0, 1) so that the three can be compared.
 */
import type { MathNode } from 'mathjs';
import { deriveVariant } from '../../src/variants/fields.js';
import { parseVariant } from '../../src/variants/spec.js';
import { seededRandom } from '../../src/numeric/random.js';

const engine = process.argv[2] ?? 'dag';
const nPairs = Number(process.argv[3] ?? 4);
const rng = seededRandom(7);
const pairs = Array.from({ length: nPairs }, () => [0, 1].map(() => [rng.int(-3, 3), rng.int(1, 3)]));
// No underscores: nerdamer 1.1.13 reads x_1_1 as subscripted and differentiates x_1_1² to 0.
const A = ['A1x1', 'A1x2', 'A2x1', 'A2x2'];
const B = ['B1x1', 'B1x2', 'B2x1', 'B2x2'];
const T = A.map((a) => a.replace('A', 'T'));
const state = [...A, ...B];
const point = Object.fromEntries(state.map((v, k) => [v, 0.3 + 0.1 * k]));

/** F as text: the mean over pairs of 2 − 2⟨BAx1, Tx2⟩/(‖BAx1‖‖Tx2‖). */
function objectiveText(): string {
  const terms = pairs.map(([x1, x2]) => {
    const u = [0, 1].map((i) => `(${A[2 * i]}*${x1![0]}+${A[2 * i + 1]}*${x1![1]})`);
    const p = [0, 1].map((i) => `(${B[2 * i]}*${u[0]}+${B[2 * i + 1]}*${u[1]})`);
    const z = [0, 1].map((i) => `(${T[2 * i]}*${x2![0]}+${T[2 * i + 1]}*${x2![1]})`);
    return `(2-2*(${p[0]}*${z[0]}+${p[1]}*${z[1]})/(sqrt(${p[0]}^2+${p[1]}^2)*sqrt(${z[0]}^2+${z[1]}^2)))`;
  });
  return `(${terms.join('+')})/${nPairs}`;
}

async function viaDag(): Promise<number> {
  const spec = `loss: cosine\nstopGradient: target\nencoder: {kind: linear, in: 2, out: 2}\npredictor: {kind: linear}\ndata: {pairs: [${pairs.map(([x1, x2]) => `[[${x1}], [${x2}]]`).join(', ')}]}`;
  const field = deriveVariant(parseVariant(spec, 'bench')).fields[0]!;
  const J = new Float64Array(64);
  field.float.jacobian(Float64Array.from(state, (v) => point[v]!), J);
  return J[1]!;
}

// Each engine loads only its own library, so that start-up is not counted against the others.
async function viaMathjs(): Promise<number> {
  const { create, all } = await import('mathjs');
  const math = create(all);
  const F = math.parse(objectiveText());
  const toA = (node: MathNode): MathNode => node.transform((n) => ('name' in n && typeof n.name === 'string' && n.name.startsWith('T') ? math.parse(n.name.replace('T', 'A')) : n));
  const field = state.map((v) => toA(math.derivative(F, v, { simplify: false })));
  const J01 = math.derivative(field[0]!, state[1]!, { simplify: false });
  for (const f of field) for (const v of state) math.derivative(f, v, { simplify: false }).compile().evaluate(point);
  return -J01.compile().evaluate(point);
}

async function viaNerdamer(): Promise<number> {
  const nerdamer = (await import('nerdamer')).default;
  // @ts-expect-error: the Calculus add-on has no type declarations (it extends nerdamer when loaded)
  await import('nerdamer/Calculus.js');
  const F = objectiveText();
  const toA = Object.fromEntries(T.map((t, k) => [t, A[k]!]));
  const field = state.map((v) => nerdamer(nerdamer.diff(F, v).toString(), toA).toString());
  const J = field.map((f) => state.map((v) => nerdamer.diff(f, v).toString()));
  const at = Object.fromEntries(Object.entries(point).map(([k, x]) => [k, String(x)]));
  return -Number(nerdamer(J[0]![1]!, at).evaluate().text('decimals'));
}

const run = { dag: viaDag, mathjs: viaMathjs, nerdamer: viaNerdamer }[engine];
if (!run) throw new Error(`engine: expected dag, mathjs or nerdamer, got ${engine}`);
console.log(`${engine} pairs=${nPairs} J[0][1]=${await run()}`);
