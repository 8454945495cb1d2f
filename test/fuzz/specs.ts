/**
 * Random spec texts for the fuzz suites: valid ones (every field, both data forms, YAML and JSON,
 * numbers in every accepted syntax, moments PSD by construction) and a mutation catalogue of
 * malformed ones, each guaranteed to be invalid.
 */
import fc from 'fast-check';

export interface SpecText {
  text: string;
  ext: '.yaml' | '.json';
}

/** An exact number in one of the accepted spellings; `json` quotes fractions. */
function spell(num: number, den: number, style: number, json: boolean): string | number {
  if (den === 1 && style % 3 === 0) return json ? num : String(num);
  if (style % 3 === 1 && [1, 2, 4, 5, 10].includes(den)) {
    const decimal = (num / den).toString(); // exact for these denominators
    return json ? Number(decimal) : decimal;
  }
  return `${num}/${den}`; // a fraction: a string in JSON, plain in YAML
}

const intMatrix = (n: number, m: number) =>
  fc.array(fc.array(fc.integer({ min: -2, max: 2 }), { minLength: m, maxLength: m }), { minLength: n, maxLength: n });

/** GᵀG: positive semidefinite for any G. */
function gram(g: number[][]): number[][] {
  const n = g[0]!.length;
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => g.reduce((s, row) => s + row[i]! * row[j]!, 0)));
}

const rate = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.constantFrom(1, 2, 3, 4, 5), fc.nat(5));

export const validSpec: fc.Arbitrary<SpecText> = fc
  .record({
    p: fc.integer({ min: 1, max: 3 }),
    q: fc.integer({ min: 1, max: 3 }),
    encoder: fc.constantFrom('linear', 'diagonal', 'scalar'),
    predictor: fc.constantFrom('linear', 'diagonal', 'identity'),
    explicit: fc.boolean(),
    asymmetric: fc.boolean(),
    json: fc.boolean(),
    g: intMatrix(6, 6),
    noise: fc.tuple(fc.nat(4), fc.constantFrom(1, 2, 4), fc.nat(5)),
    weightDecay: fc.option(fc.tuple(fc.nat(3), fc.constantFrom(1, 2, 10), fc.nat(5))),
    predictorRate: fc.option(rate),
    emaRate: fc.option(rate),
    procedures: fc.option(fc.shuffledSubarray(['gd', 'sg', 'ema'], { minLength: 1 })),
    name: fc.option(fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/)),
  })
  .map((o) => {
    const { p, json } = o;
    const q = o.encoder === 'scalar' ? p : o.q;
    const num = (x: number) => (json ? x : String(x));
    const spec: Record<string, unknown> = {};
    if (o.name !== null) spec.name = o.name;
    spec.encoder = { kind: o.encoder, in: p, out: q };
    spec.predictor = { kind: o.predictor };
    if (o.explicit) {
      // A joint moment matrix [[Σ1, Σ12], [Σ12ᵀ, Σ2]] = HᵀH, PSD by construction.
      const joint = gram(o.g.slice(0, 6).map((row) => row.slice(0, 2 * p)));
      const part = (r: number, c: number) => Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => num(joint[r + i]![c + j]!)));
      // Exchangeable views x_i = x + ε_i: Σ1 = Σ2 = X + N, Σ12 = X, with X, N Gram matrices.
      const X = gram(o.g.slice(0, 3).map((row) => row.slice(0, p)));
      const N = gram(o.g.slice(3, 6).map((row) => row.slice(0, p)));
      spec.data = o.asymmetric
        ? { viewCovariance: part(0, 0), viewCovariance2: part(p, p), crossCovariance: part(0, p) }
        : { viewCovariance: X.map((row, i) => row.map((x, j) => num(x + N[i]![j]!))), crossCovariance: X.map((row) => row.map(num)) };
    } else {
      const [n, d, s] = o.noise;
      spec.data = { covariance: gram(o.g.slice(0, 4).map((row) => row.slice(0, p))).map((row) => row.map(num)), noise: spell(n, d, s, json) };
    }
    if (o.weightDecay) spec.weightDecay = spell(...o.weightDecay, json);
    if (o.predictorRate) spec.predictorRate = spell(...o.predictorRate, json);
    if (o.emaRate) spec.emaRate = spell(...o.emaRate, json);
    if (o.procedures) spec.procedures = o.procedures;
    return json ? { text: JSON.stringify(spec, null, 1), ext: '.json' as const } : { text: toYaml(spec), ext: '.yaml' as const };
  });

/** Block-style YAML for plain data (flow style for lists of numbers), written without the yaml library. */
export function toYaml(value: Record<string, unknown>, indent = ''): string {
  return Object.entries(value)
    .map(([k, v]) => {
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) return `${indent}${k}:\n${toYaml(v as Record<string, unknown>, indent + '  ')}`;
      return `${indent}${k}: ${flow(v)}\n`;
    })
    .join('');
}
const flow = (v: unknown): string => (Array.isArray(v) ? `[${v.map(flow).join(', ')}]` : String(v));

/** A valid YAML spec to mutate. */
export const BASE_SPEC = `name: base
encoder: {kind: linear, in: 2, out: 2}
predictor: {kind: linear}
data:
  covariance: [[2, 1/2], [1/2, 1]]
  noise: 1/4
weightDecay: 0
predictorRate: 1
emaRate: 1
`;

const replaceIn = (text: string, from: string, to: string) => {
  if (!text.includes(from)) throw new Error(`mutation target ${from} missing`);
  return text.replace(from, to);
};

const nonFinite = fc.constantFrom('.nan', '.NaN', '.inf', '-.inf', '+.inf', 'NaN', 'Infinity', '-Infinity', '1e999', '1e-999', '0x10', 'null', '~', 'true', '"abc"', '[]', '{}');
const covarianceSlot = fc.constantFrom('[[2, 1/2], [1/2, 1]]');

/** Malformed specs by category; every one is invalid whatever the random choices. */
export const malformedSpecs: Record<string, fc.Arbitrary<string | Uint8Array>> = {
  'YAML syntax error': fc.constantFrom(
    replaceIn(BASE_SPEC, '[[2, 1/2]', '[[2, 1/2'),
    replaceIn(BASE_SPEC, 'predictor: {kind: linear}', 'predictor: {kind: linear'),
    BASE_SPEC + 'data: {}\n', // duplicate key
    replaceIn(BASE_SPEC, '  noise: 1/4', '\tnoise: 1/4'),
    replaceIn(BASE_SPEC, '  noise: 1/4', ' noise: 1/4'),
    BASE_SPEC + '---\nname: second\n',
    BASE_SPEC + '"unterminated\n',
    '',
    '# only a comment\n',
    '[1, 2, 3]\n',
    'just a string\n',
  ),
  'non-finite or non-numeric number': fc
    .tuple(nonFinite, fc.constantFrom('[[2, 1/2]', 'noise: 1/4', 'emaRate: 1', 'weightDecay: 0', 'in: 2'))
    .map(([bad, where]) => {
      if (where === '[[2, 1/2]') return replaceIn(BASE_SPEC, '[[2, 1/2]', `[[${bad}, 1/2]`);
      return replaceIn(BASE_SPEC, where, `${where.split(':')[0]}: ${bad}`);
    }),
  'out of range': fc.constantFrom(
    replaceIn(BASE_SPEC, 'noise: 1/4', 'noise: -1/4'),
    replaceIn(BASE_SPEC, 'emaRate: 1', 'emaRate: 0'),
    replaceIn(BASE_SPEC, 'predictorRate: 1', 'predictorRate: -2'),
    replaceIn(BASE_SPEC, 'weightDecay: 0', 'weightDecay: -1/100'),
    replaceIn(BASE_SPEC, 'in: 2', 'in: 0'),
    replaceIn(BASE_SPEC, 'in: 2', 'in: 3/2'),
    replaceIn(BASE_SPEC, 'kind: linear}', 'kind: quadratic}'),
    BASE_SPEC + 'procedures: [gd, gd]\n',
    BASE_SPEC + 'procedures: []\n',
    BASE_SPEC + 'procedures: [adam]\n',
    BASE_SPEC + 'learningRate: 1\n',
  ),
  'not positive semidefinite': fc
    .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }))
    .chain(([a, b]) =>
      fc.constantFrom(
        replaceIn(BASE_SPEC, '[[2, 1/2], [1/2, 1]]', `[[-${a}, 0], [0, ${b}]]`),
        replaceIn(BASE_SPEC, '[[2, 1/2], [1/2, 1]]', `[[${a}, ${a + b}], [${a + b}, ${b}]]`), // det = ab − (a+b)² < 0
        replaceIn(BASE_SPEC, '[[2, 1/2], [1/2, 1]]', `[[${a}, 1], [0, ${b}]]`), // not symmetric
        // Σ1 = I and ‖Σ12‖ ≥ 2: the joint moment matrix is not PSD although Σ1 is.
        replaceIn(BASE_SPEC, '  covariance: [[2, 1/2], [1/2, 1]]\n  noise: 1/4', `  viewCovariance: [[1, 0], [0, 1]]\n  crossCovariance: [[${a + 1}, 0], [0, ${b}]]`),
      ),
    ),
  'wrong shape': covarianceSlot.chain((slot) =>
    fc.constantFrom(
      replaceIn(BASE_SPEC, slot, '[[2, 1/2, 0], [1/2, 1, 0], [0, 0, 1]]'),
      replaceIn(BASE_SPEC, slot, '[[2, 1/2], [1/2]]'),
      replaceIn(BASE_SPEC, slot, '[2, 1/2, 1/2, 1]'),
      replaceIn(BASE_SPEC, slot, '2'),
      replaceIn(BASE_SPEC, slot, '[]'),
      replaceIn(BASE_SPEC, slot, '{a: 1}'),
      replaceIn(BASE_SPEC, 'encoder: {kind: linear, in: 2, out: 2}', 'encoder: [linear, 2, 2]'),
      replaceIn(BASE_SPEC, 'encoder: {kind: linear, in: 2, out: 2}', 'encoder: {kind: scalar, in: 2, out: 3}'),
    ),
  ),
  'huge dimension': fc.oneof(
    fc.integer({ min: 65, max: 2 ** 53 }).map((n) => replaceIn(BASE_SPEC, 'in: 2, out: 2', `in: ${n}, out: 2`)),
    fc.integer({ min: 2, max: 400 }).map((k) => replaceIn(BASE_SPEC, 'in: 2, out: 2', `in: 1${'0'.repeat(k)}, out: 1${'0'.repeat(k)}`)),
    fc.integer({ min: 21, max: 64 }).map((n) => replaceIn(BASE_SPEC, 'in: 2, out: 2', `in: ${n}, out: ${n}`)), // state > 800
    fc.constant(replaceIn(BASE_SPEC, 'in: 2, out: 2', 'in: 1e300, out: 2')),
  ),
  'deep nesting': fc.integer({ min: 50, max: 20_000 }).chain((depth) =>
    fc.constantFrom(
      replaceIn(BASE_SPEC, '[[2, 1/2], [1/2, 1]]', '['.repeat(depth) + ']'.repeat(depth)),
      replaceIn(BASE_SPEC, '[[2, 1/2], [1/2, 1]]', '{a: '.repeat(depth) + '1' + '}'.repeat(depth)),
      'name: x\nencoder:\n' + Array.from({ length: Math.min(depth, 2000) }, (_, i) => ' '.repeat(i + 1) + `k${i}:`).join('\n') + ' 1\n',
    ),
  ),
  // Billion laughs: 9^levels leaves if the aliases were ever expanded.
  'YAML alias bomb': fc.integer({ min: 3, max: 12 }).map((levels) => {
    const lines = ['a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1]'];
    for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    return `${lines.join('\n')}\n${BASE_SPEC.replace('name: base\n', '')}name: *a${levels - 1}\n`;
  }),
  'alias as a value': fc.constant(replaceIn(BASE_SPEC, '  noise: 1/4', '  noise: &n 1/4\nweightDecay2: *n')),
  'invalid UTF-8': fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => Uint8Array.from([0xff, 0xfe, ...bytes])),
  'control characters': fc.uint8Array({ minLength: 1, maxLength: 50 }).map((bytes) => BASE_SPEC.replace('name: base', `name: "b\\0${[...bytes].map((b) => `\\x${(b % 32).toString(16).padStart(2, '0')}`).join('')}"`)),
  'JSON error': fc.constantFrom('{"encoder": {"kind": "linear", "in": 2, "out": 2},}', '{"encoder": ', '{"a": NaN}', '{"encoder": {"kind": "linear", "in": 2, "out": 2}, "encoder": {}}'),
};
