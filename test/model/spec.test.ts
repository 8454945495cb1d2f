import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { psdCheck } from '../../src/exact/psd.js';
import { Rational, q } from '../../src/exact/rational.js';
import { LIMITS, type Model } from '../../src/model/model.js';
import { SpecError } from '../../src/model/spec-error.js';
import { encoderParameterCount, loadSpecFile, parseSpec, predictorParameterCount } from '../../src/model/spec.js';
import { parseAnySpec } from '../../src/family/spec.js';

const PROOFS = fileURLToPath(new URL('../../proofs/models/', import.meta.url));
const show = (a: Rational[][]): string[] => a.map((row) => row.join(' '));

/** A valid spec with some top-level entries replaced (undefined removes one). */
const BASE: Record<string, string> = {
  encoder: '{kind: linear, in: 2, out: 2}',
  predictor: '{kind: linear}',
  data: '{covariance: [[2, 1/2], [1/2, 1]], noise: 1/4}',
};
function spec(over: Record<string, string | undefined> = {}): string {
  return Object.entries({ ...BASE, ...over })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}
const explicit = (body: string): string => spec({ data: `{${body}}` });

function specError(text: string): SpecError {
  try {
    parseSpec(text, 'test');
  } catch (e) {
    if (e instanceof SpecError) return e;
    throw e;
  }
  throw new Error('expected a SpecError');
}

describe('bundled proofs', () => {
  // Specs with symbols (families) are read by src/family/spec.ts and tested in test/family/.
  const files = readdirSync(PROOFS).filter((f) => /\.(ya?ml|json)$/.test(f) && !/^\s*parameters:/m.test(readFileSync(join(PROOFS, f), 'utf8')));

  it('includes the six expected specs', () => {
    for (const f of ['scalar.yaml', 'linear-2x2.yaml', 'linear-4to2.yaml', 'explicit-moments.json', 'linear-3x3.yaml', 'diagonal-3x2.yaml']) {
      expect(files).toContain(f);
    }
  });

  it.each(files)('%s parses and is named after its file', (file) => {
    const model = loadSpecFile(join(PROOFS, file));
    expect(model.name).toBe(file.replace(/\.(ya?ml|json)$/, ''));
    expect(model.moments.sigma1).toHaveLength(model.encoder.in);
  });

  it('linear-4to2 keeps its rates exactly', () => {
    const m = loadSpecFile(join(PROOFS, 'linear-4to2.yaml'));
    expect([m.encoder.in, m.encoder.out, m.weightDecay.toString(), m.predictorRate.toString(), m.emaRate.toString()]).toEqual([4, 2, '1/100', '2', '1/4']);
  });

  it('diagonal-3x2 has an asymmetric Σ12 with Σ2 − Σ12ᵀ Σ1⁻¹ Σ12 = I/2 (checked by hand here)', () => {
    const m = loadSpecFile(join(PROOFS, 'diagonal-3x2.yaml'));
    const { sigma1, sigma2, sigma12 } = m.moments;
    expect(sigma12[1]![0]!.equals(sigma12[0]![1]!)).toBe(false);
    // Σ1 is diagonal, so the Schur complement is easy to form entrywise.
    const schur = sigma2.map((row, i) =>
      row.map((x, j) => x.sub(sigma1.reduce((acc, r, k) => acc.add(sigma12[k]![i]!.mul(sigma12[k]![j]!).div(r[k]!)), Rational.ZERO))),
    );
    expect(show(schur)).toEqual(['1/2 0 0', '0 1/2 0', '0 0 1/2']);
    expect([m.encoder.kind, m.predictor.kind, m.procedures.join(',')]).toEqual(['diagonal', 'diagonal', 'sg,ema']);
  });

  it('explicit-moments.json defaults Σ2 to Σ1 and keeps Σ12 as written', () => {
    const m = loadSpecFile(join(PROOFS, 'explicit-moments.json'));
    expect(m.data).toEqual({ kind: 'explicit' });
    expect(show(m.moments.sigma2)).toEqual(show(m.moments.sigma1));
    expect(show(m.moments.sigma12)).toEqual(['2 1/2', '1/2 1']);
    expect(m.procedures).toEqual(['gd', 'sg']);
  });
});

describe('docs/spec.md', () => {
  const doc = readFileSync(fileURLToPath(new URL('../../docs/spec.md', import.meta.url)), 'utf8');
  const blocks = [...doc.matchAll(/```(yaml|json)\n([\s\S]*?)```/g)].map((match) => match[2]!);

  it('has YAML and JSON examples that parse to the same model', () => {
    expect(blocks).toHaveLength(3);
    const [yaml, json] = blocks.slice(0, 2).map((text) => parseSpec(text, 'doc'));
    expect(json).toEqual(yaml);
  });

  it('has a family example that is the bundled scalar family', () => {
    const doc = parseAnySpec(blocks[2]!, 'doc');
    const bundled = parseAnySpec(readFileSync(join(PROOFS, 'scalar-symbolic.yaml'), 'utf8'), 'doc');
    if (doc.kind !== 'family' || bundled.kind !== 'family') throw new Error('expected families');
    expect(String(doc.family.moments.sigma12[0]![0])).toBe(String(bundled.family.moments.sigma12[0]![0]));
    expect(doc.family.symbols).toEqual(bundled.family.symbols);
    expect(doc.family.inequalities.map((q) => q.text)).toEqual(bundled.family.inequalities.map((q) => q.text));
  });
});

describe('exact numbers', () => {
  const rate = (text: string): string => parseSpec(spec({ weightDecay: text }), 't').weightDecay.toString();

  it.each([
    ['0.1', '1/10'],
    ['0.10', '1/10'],
    ['"0.1"', '1/10'],
    ['1/3', '1/3'],
    ['"1/3"', '1/3'],
    ["'2/6'", '1/3'],
    ['1e-2', '1/100'],
    ['2.5E1', '25'],
    ['3', '3'],
    ['0', '0'],
    ['12345678901234567890123', '12345678901234567890123'],
  ])('weightDecay: %s is %s', (text, value) => {
    expect(rate(text)).toBe(value);
  });

  it('reads JSON numbers from their text, not from the double they round to', () => {
    const json = '{"encoder": {"kind": "scalar", "in": 1, "out": 1}, "predictor": {"kind": "identity"},' +
      ' "data": {"covariance": [[0.30000000000000004]], "noise": 1e-2}}';
    const m = parseSpec(json, 'j');
    // 30000000000000004 / 10^17 in lowest terms; the double 0.30000000000000004 is a different dyadic.
    expect(m.data.kind === 'noise' && m.data.covariance[0]![0]!.toString()).toBe('7500000000000001/25000000000000000');
    expect(m.data.kind === 'noise' && m.data.noise.toString()).toBe('1/100');
  });

  it('parses tab-indented JSON', () => {
    const json = '{\n\t"encoder": {"kind": "linear", "in": 1, "out": 1},\n\t"predictor": {"kind": "linear"},\n\t"data": {"covariance": [[1]], "noise": "1/2"}\n}\n';
    expect(parseSpec(json, 'tabs').moments.sigma1[0]![0]!.toString()).toBe('3/2');
  });
});

describe('defaults and moments', () => {
  it('fills every default', () => {
    const m: Model = parseSpec(spec(), 'from-file');
    expect(m.name).toBe('from-file');
    expect([m.weightDecay, m.predictorRate, m.emaRate].map(String)).toEqual(['0', '1', '1']);
    expect(m.procedures).toEqual(['gd', 'sg', 'ema']);
  });

  it('builds Σ1 = Σ2 = X + σ²I and Σ12 = X for the additive-noise form', () => {
    const m = parseSpec(spec({ name: 'noisy' }), 'ignored');
    expect(m.name).toBe('noisy');
    expect(show(m.moments.sigma1)).toEqual(['9/4 1/2', '1/2 5/4']);
    expect(show(m.moments.sigma2)).toEqual(['9/4 1/2', '1/2 5/4']);
    expect(show(m.moments.sigma12)).toEqual(['2 1/2', '1/2 1']);
    expect(m.data.kind).toBe('noise');
    if (m.data.kind === 'noise') {
      expect(show(m.data.covariance)).toEqual(['2 1/2', '1/2 1']);
      expect(m.data.noise.toString()).toBe('1/4');
    }
    // The arrays are distinct, so a consumer cannot alias Σ1 and Σ2 by accident.
    expect(m.moments.sigma1).not.toBe(m.moments.sigma2);
  });

  it('relies on noise-form joint moments being PSD without checking them: confirm on every noise proof', () => {
    for (const file of ['scalar.yaml', 'linear-2x2.yaml', 'linear-4to2.yaml', 'linear-3x3.yaml']) {
      const { sigma1, sigma2, sigma12 } = loadSpecFile(join(PROOFS, file)).moments;
      const joint = [...sigma1.map((row, i) => [...row, ...sigma12[i]!]), ...sigma12.map((row, i) => [...row, ...sigma2[i]!])];
      expect(psdCheck(joint).psd).toBe(true); // Σ12 = X is symmetric, so its transpose is itself
    }
  });

  it('accepts an asymmetric Σ12 whose joint matrix is PSD', () => {
    const m = parseSpec(explicit('viewCovariance: [[1, 0], [0, 1]], crossCovariance: [[0, 1/2], [0, 0]]'), 'a');
    expect(show(m.moments.sigma12)).toEqual(['0 1/2', '0 0']);
    expect(psdCheck(m.moments.sigma1).psd).toBe(true);
  });

  it('accepts singular but valid moments (σ² = 0, identical views)', () => {
    const m = parseSpec(spec({ data: '{covariance: [[1, 1], [1, 1]], noise: 0}' }), 'sing');
    expect(show(m.moments.sigma1)).toEqual(['1 1', '1 1']);
  });

  it('counts parameters per kind', () => {
    expect([encoderParameterCount('linear', 4, 2), encoderParameterCount('diagonal', 4, 2), encoderParameterCount('scalar', 3, 3)]).toEqual([8, 2, 1]);
    expect([predictorParameterCount('linear', 3), predictorParameterCount('diagonal', 3), predictorParameterCount('identity', 3)]).toEqual([9, 3, 0]);
  });

  it('accepts the largest EMA state and refuses one more', () => {
    // linear 20×20 encoder (400) with identity predictor: 2·400 = 800 = the limit.
    const ok = spec({ encoder: '{kind: linear, in: 1, out: 20}', predictor: '{kind: identity}', data: '{covariance: [[1]], noise: 0}' });
    expect(parseSpec(ok, 'ok').encoder.out).toBe(20);
    const e = specError(spec({ encoder: '{kind: linear, in: 20, out: 20}', predictor: '{kind: diagonal}' }));
    expect([e.field, e.expected]).toEqual(['encoder', expect.stringContaining('2·400 + 20 = 820')]);
  });
});

// [title, spec text, field, fragment of the message]
const MALFORMED: [string, string, string, string][] = [
  ['unknown top-level key', spec({ learningRate: '1' }), 'learningRate', 'unknown key; expected one of name, encoder'],
  ['unknown key with a near miss', spec({ weight_decay: '0' }), 'weight_decay', 'did you mean weightDecay?'],
  ['unknown encoder key', spec({ encoder: '{kind: linear, in: 2, out: 2, bias: true}' }), 'encoder.bias', 'unknown key'],
  ['unknown predictor key', spec({ predictor: '{kind: linear, rank: 1}' }), 'predictor.rank', 'unknown key'],
  ['unknown data key', spec({ data: '{covariance: [[1, 0], [0, 1]], noise: 0, mean: 0}' }), 'data.mean', 'unknown key'],
  ['YAML merge key', spec({ '<<': '{emaRate: 1}' }), '<<', 'unknown key'],
  ['missing encoder', spec({ encoder: undefined }), 'encoder', 'missing; expected a mapping {kind, in, out}'],
  ['missing predictor', spec({ predictor: undefined }), 'predictor', 'missing'],
  ['missing data', spec({ data: undefined }), 'data', 'missing'],
  ['missing encoder.in', spec({ encoder: '{kind: linear, out: 2}' }), 'encoder.in', 'missing'],
  ['missing predictor.kind', spec({ predictor: '{}' }), 'predictor.kind', 'missing; expected one of linear, diagonal, identity'],
  ['missing noise', spec({ data: '{covariance: [[1, 0], [0, 1]]}' }), 'data.noise', 'missing'],
  ['missing covariance', spec({ data: '{noise: 1}' }), 'data.covariance', 'missing'],
  ['missing crossCovariance', explicit('viewCovariance: [[1, 0], [0, 1]]'), 'data.crossCovariance', 'missing'],
  ['missing viewCovariance', explicit('crossCovariance: [[1, 0], [0, 1]]'), 'data.viewCovariance', 'missing'],
  ['empty data', spec({ data: '{}' }), 'data', 'got an empty mapping'],
  ['mixed data forms', explicit('covariance: [[1, 0], [0, 1]], noise: 0, crossCovariance: [[1, 0], [0, 1]]'), 'data', 'not a mix, got covariance with crossCovariance'],
  ['unknown encoder kind', spec({ encoder: '{kind: full, in: 2, out: 2}' }), 'encoder.kind', 'expected one of linear, diagonal, scalar, got "full"'],
  ['unknown predictor kind', spec({ predictor: '{kind: scalar}' }), 'predictor.kind', 'expected one of linear, diagonal, identity, got "scalar"'],
  ['encoder not a mapping', spec({ encoder: 'linear' }), 'encoder', 'expected a mapping with keys kind, in, out, got "linear"'],
  ['data is a list', spec({ data: '[1, 2]' }), 'data', 'expected a mapping'],
  ['dimension as a word', spec({ encoder: '{kind: linear, in: two, out: 2}' }), 'encoder.in', 'positive integer at most 64'],
  ['zero dimension', spec({ encoder: '{kind: linear, in: 0, out: 2}' }), 'encoder.in', 'got 0'],
  ['fractional dimension', spec({ encoder: '{kind: linear, in: 2, out: 2.5}' }), 'encoder.out', 'got 2.5'],
  ['dimension above the limit', spec({ encoder: '{kind: diagonal, in: 65, out: 2}' }), 'encoder.in', 'at most 64 (LIMITS.maxDimension), got 65'],
  ['scalar encoder with p ≠ q', spec({ encoder: '{kind: scalar, in: 2, out: 3}' }), 'encoder.out', 'expected out = in = 2 for a scalar encoder'],
  ['EMA state dimension above the limit', spec({ encoder: '{kind: linear, in: 20, out: 20}' }), 'encoder', 'got 2·400 + 400 = 1200'],
  ['matrix of the wrong size', spec({ data: '{covariance: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], noise: 0}' }), 'data.covariance', 'square 2×2 matrix (p = encoder.in = 2) written as a list of rows, got a 3×3 matrix'],
  ['non-square matrix', spec({ data: '{covariance: [[1, 0, 0], [0, 1, 0]], noise: 0}' }), 'data.covariance', 'got a 2×3 matrix'],
  ['empty matrix', spec({ data: '{covariance: [], noise: 0}' }), 'data.covariance', 'got an empty list'],
  ['ragged rows', spec({ data: '{covariance: [[1, 0], [0]], noise: 0}' }), 'data.covariance[1]', 'same length), got 1 entries'],
  ['row that is not a list', spec({ data: '{covariance: [[1, 0], 5], noise: 0}' }), 'data.covariance[1]', 'expected a row, a list of 2 numbers, got 5'],
  ['matrix that is a number', spec({ data: '{covariance: 5, noise: 0}' }), 'data.covariance', 'got 5'],
  ['entry that is a word', spec({ data: '{covariance: [[1, abc], [0, 1]], noise: 0}' }), 'data.covariance[0][1]', 'expected a number (integer, decimal or fraction p/q), got "abc"'],
  ['boolean entry', spec({ data: '{covariance: [[true, 0], [0, 1]], noise: 0}' }), 'data.covariance[0][0]', 'got true'],
  ['null entry', spec({ data: '{covariance: [[~, 0], [0, 1]], noise: 0}' }), 'data.covariance[0][0]', 'got null'],
  ['NaN', spec({ data: '{covariance: [[.nan, 0], [0, 1]], noise: 0}' }), 'data.covariance[0][0]', 'got .nan'],
  ['YAML infinity', spec({ emaRate: '.inf' }), 'emaRate', 'got .inf'],
  ['Infinity as a word', spec({ predictorRate: 'Infinity' }), 'predictorRate', 'got "Infinity"'],
  ['huge exponent', spec({ weightDecay: '1e999' }), 'weightDecay', 'exponent between -400 and 400, got 1e999'],
  ['zero denominator', spec({ weightDecay: '1/0' }), 'weightDecay', 'got "1/0"'],
  ['hexadecimal integer', spec({ weightDecay: '0x10' }), 'weightDecay', 'got 0x10'],
  ['asymmetric covariance X', spec({ data: '{covariance: [[2, 1/2], [1/3, 1]], noise: 0}' }), 'data.covariance[1][0]', 'expected a symmetric matrix, got [1][0] = 1/3 but [0][1] = 1/2'],
  ['covariance X not PSD', spec({ data: '{covariance: [[1, 2], [2, 1]], noise: 1}' }), 'data.covariance', 'expected a positive semidefinite matrix, but the leading 2×2 block'],
  ['negative noise', spec({ data: '{covariance: [[1, 0], [0, 1]], noise: -1/4}' }), 'data.noise', 'expected a number ≥ 0, got -1/4'],
  ['asymmetric Σ1', explicit('viewCovariance: [[1, 0], [1, 1]], crossCovariance: [[0, 0], [0, 0]]'), 'data.viewCovariance[1][0]', 'symmetric'],
  ['asymmetric Σ2', explicit('viewCovariance: [[1, 0], [0, 1]], viewCovariance2: [[1, 2], [0, 1]], crossCovariance: [[0, 0], [0, 0]]'), 'data.viewCovariance2[1][0]', 'symmetric'],
  ['Σ1 not PSD', explicit('viewCovariance: [[-1, 0], [0, 1]], crossCovariance: [[0, 0], [0, 0]]'), 'data.viewCovariance', 'the leading 1×1 block is not positive semidefinite'],
  ['Σ2 not PSD', explicit('viewCovariance: [[1, 0], [0, 1]], viewCovariance2: [[0, 1], [1, 0]], crossCovariance: [[0, 0], [0, 0]]'), 'data.viewCovariance2', 'positive semidefinite'],
  ['joint moments not PSD', explicit('viewCovariance: [[1, 0], [0, 1]], crossCovariance: [[2, 0], [0, 0]]'), 'data', 'joint moment matrix [[Σ1, Σ12], [Σ12ᵀ, Σ2]] to be positive semidefinite'],
  ['negative weightDecay', spec({ weightDecay: '-0.1' }), 'weightDecay', 'expected a number ≥ 0, got -0.1'],
  ['zero predictorRate', spec({ predictorRate: '0' }), 'predictorRate', 'expected a number > 0, got 0'],
  ['negative emaRate', spec({ emaRate: '-1/2' }), 'emaRate', 'expected a number > 0'],
  ['rate given as a list', spec({ emaRate: '[1]' }), 'emaRate', 'got a list of 1'],
  ['duplicate procedures', spec({ procedures: '[gd, sg, gd]' }), 'procedures[2]', 'expected distinct procedures, got "gd" again (also procedures[0])'],
  ['unknown procedure', spec({ procedures: '[gd, adam]' }), 'procedures[1]', 'expected one of gd, sg, ema, got "adam"'],
  ['empty procedures', spec({ procedures: '[]' }), 'procedures', 'non-empty list'],
  ['procedures not a list', spec({ procedures: 'gd' }), 'procedures', 'got "gd"'],
  ['name not a string', spec({ name: '123' }), 'name', 'expected a string, got 123'],
  ['empty name', spec({ name: '""' }), 'name', 'non-empty single-line name'],
  ['YAML syntax error', `${spec()}\nemaRate: [1, 2\n`, 'yaml', 'at line 5'],
  ['duplicate keys', `${spec()}\nemaRate: 1\nemaRate: 2\n`, 'yaml', 'expected unique keys, but a key is repeated at line 5, column 1'],
  ['duplicate keys in a flow mapping', spec({ encoder: '{kind: linear, kind: linear, in: 2, out: 2}' }), 'yaml', 'unique keys'],
  ['alias bomb', `${spec()}\nx: &a [1, 1]\ny: [*a, *a]\n`, 'yaml', 'expected no anchors (refused: alias bombs), got &a at line 4'],
  ['alias to a missing anchor', `${spec()}\nemaRate: *r\n`, 'yaml', 'expected no aliases (refused: alias bombs), got *r at line 4'],
  ['explicit tag', spec({ emaRate: '!!float 1' }), 'yaml', 'expected no explicit tags'],
  ['document is a list', '- 1\n- 2\n', 'document', 'expected a mapping at the top level, got a list of 2'],
  ['document is a scalar', 'hello', 'document', 'got "hello"'],
  ['empty document', '# nothing here\n', 'document', 'got an empty document'],
  ['multiple documents', `${spec()}\n---\nname: other\n`, 'yaml', 'expected a single document, got 2 (the second starts at line 4'],
  ['JSON syntax error', '{"encoder": {"kind": "linear",, "in": 2}}', 'yaml', 'expected valid YAML'],
];

describe('malformed specs', () => {
  it.each(MALFORMED)('%s', (_title, text, field, fragment) => {
    const e = specError(text);
    expect(e.field).toBe(field);
    expect(e.expected).toContain(fragment);
    expect(e.message).toBe(`${field}: ${e.expected}`);
    expect(e.message).not.toMatch(/[\r\n]/);
  });

  it('keeps long and multi-line got-values on one short line', () => {
    const e = specError(spec({ encoder: `{kind: "${'x'.repeat(500)}\\nsecond line", in: 2, out: 2}` }));
    expect(e.field).toBe('encoder.kind');
    expect(e.message).not.toMatch(/[\r\n]/);
    expect(e.message.length).toBeLessThan(200);
  });

  it('refuses oversized text before parsing it', () => {
    const e = specError(`# ${'x'.repeat(LIMITS.maxSpecBytes)}\n${spec()}`);
    expect([e.field, e.expected]).toEqual(['file', expect.stringContaining(`at most ${LIMITS.maxSpecBytes} bytes`)]);
  });
});

describe('loadSpecFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ncssl-spec-'));
  const load = (name: string, content: string | Buffer): Model => {
    writeFileSync(join(dir, name), content);
    return loadSpecFile(join(dir, name));
  };
  const loadError = (path: string): SpecError => {
    try {
      loadSpecFile(path);
    } catch (e) {
      if (e instanceof SpecError) return e;
      throw e;
    }
    throw new Error('expected a SpecError');
  };

  it('names the model after the file when the spec has no name', () => {
    expect(load('my-model.yaml', spec()).name).toBe('my-model');
    expect(load('with-bom.yml', `\ufeff${spec()}`).name).toBe('with-bom');
  });

  it('refuses a missing file, a directory, invalid UTF-8 and an oversized file', () => {
    expect(loadError(join(dir, 'absent.yaml')).expected).toContain('ENOENT');
    expect(loadError(dir).expected).toContain('got a directory');
    writeFileSync(join(dir, 'bad.yaml'), Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xff, 0xfe]));
    expect(loadError(join(dir, 'bad.yaml')).expected).toContain('expected UTF-8 text');
    writeFileSync(join(dir, 'big.yaml'), Buffer.alloc(LIMITS.maxSpecBytes + 1, 0x20));
    const e = loadError(join(dir, 'big.yaml'));
    expect([e.field, e.expected]).toEqual(['file', `expected a spec of at most ${LIMITS.maxSpecBytes} bytes (LIMITS.maxSpecBytes), got ${LIMITS.maxSpecBytes + 1} bytes`]);
    for (const path of ['absent.yaml', 'bad.yaml']) expect(loadError(join(dir, path)).field).toBe('file');
  });
});
