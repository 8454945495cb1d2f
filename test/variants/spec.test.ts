import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SpecError } from '../../src/model/spec-error.js';
import { parseAnySpec } from '../../src/family/spec.js';
import { parseSpecOfAnyKind } from '../../src/variants/load.js';
import { parseVariant } from '../../src/variants/spec.js';

const PROOFS = fileURLToPath(new URL('../../proofs/models/', import.meta.url));

const BASE: Record<string, string> = {
  loss: 'cosine',
  encoder: '{kind: linear, in: 2, out: 2}',
  predictor: '{kind: linear}',
  data: '{pairs: [[[1, 0], [1, 1/2]], [[0, 1], [1/4, 1]]]}',
};
function spec(over: Record<string, string | undefined> = {}): string {
  return Object.entries({ ...BASE, ...over })
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
}
function specError(text: string): SpecError {
  try {
    parseSpecOfAnyKind(text, 'test');
  } catch (e) {
    if (e instanceof SpecError) return e;
    throw e;
  }
  throw new Error('expected a SpecError');
}

describe('variant specs', () => {
  it('reads the loss, the pairs exactly and the default procedures', () => {
    const v = parseVariant(spec(), 'v');
    expect(v.loss).toBe('cosine');
    expect(v.data.pairs.map((p) => [...p.x1, ...p.x2].map(String))).toEqual([['1', '0', '1', '1/2'], ['0', '1', '1/4', '1']]);
    expect(v.procedures).toEqual([
      { name: 'gd', recipe: 'identify-then-differentiate' },
      { name: 'sg', recipe: 'differentiate-then-identify' },
      { name: 'ema', recipe: 'moving-average' },
    ]);
    expect(v.smooth).toBe(true);
  });

  it('names SimSiam, BYOL, no-SG-no-EMA and the wrong side as four specs of one model', () => {
    const cases: Array<[string, string, string]> = [
      ['target', 'off', 'sg:differentiate-then-identify'],
      ['target', 'on', 'ema:moving-average'],
      ['none', 'off', 'gd:identify-then-differentiate'],
      ['online', 'off', 'sg-online:target-branch'],
    ];
    for (const [side, ema, expected] of cases) {
      const v = parseVariant(spec({ stopGradient: side, ema }), 'v');
      expect(v.procedures.map((p) => `${p.name}:${p.recipe}`)).toEqual([expected]);
    }
    expect(parseVariant(spec({ ema: 'true' }), 'v').procedures[0]!.name).toBe('ema');
  });

  it('reads an MLP encoder and the set predictors', () => {
    const v = parseVariant(spec({ encoder: '{kind: mlp, layers: [2, 3, 1], activation: softplus, bias: true}', predictor: '{kind: directpred, power: 1/2, eps: 0.1}', data: '{pairs: [[[1, 2], [3, 4]]]}' }), 'v');
    expect(v.encoder).toEqual({ kind: 'mlp', in: 2, out: 1, layers: [2, 3, 1], activation: 'softplus', bias: true });
    expect(v.predictor.kind === 'directpred' && [v.predictor.power.toString(), v.predictor.eps.toString()]).toEqual(['1/2', '1/10']);
    const copy = parseVariant(spec({ predictor: '{kind: directcopy, eps: 0}' }), 'v');
    expect(copy.predictor.kind).toBe('directcopy');
    expect(parseVariant(spec({ predictor: '{kind: symmetric}' }), 'v').predictor.kind).toBe('symmetric');
  });

  it('marks ReLU encoders as not smooth', () => {
    expect(parseVariant(spec({ encoder: '{kind: mlp, layers: [2, 2, 2], activation: relu}' }), 'v').smooth).toBe(false);
  });

  it('dispatches: variant keys to variants, everything else exactly as parseAnySpec', () => {
    expect(parseSpecOfAnyKind(spec(), 'v').kind).toBe('variant');
    expect(parseSpecOfAnyKind(spec({ loss: undefined, stopGradient: 'target' }), 'v').kind).toBe('variant');
    expect(parseSpecOfAnyKind(spec({ loss: undefined }), 'v').kind).toBe('variant'); // data pairs alone
    expect(parseSpecOfAnyKind(spec({ loss: undefined, predictor: '{kind: symmetric}' }), 'v').kind).toBe('variant');
    for (const file of readdirSync(PROOFS).filter((f) => /\.(ya?ml|json)$/.test(f))) {
      const text = readFileSync(join(PROOFS, file), 'utf8');
      const show = (x: unknown) => JSON.stringify(x, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
      expect(show(parseSpecOfAnyKind(text, file))).toBe(show(parseAnySpec(text, file)));
    }
  });

  it.each([
    [{ loss: 'l2' }, 'loss', 'expected one of squared, cosine, got "l2"'],
    [{ stopGradient: 'both' }, 'stopGradient', 'expected one of target, online, none'],
    [{ ema: 'maybe' }, 'ema', 'expected one of on, off'],
    [{ ema: 'on', stopGradient: 'none' }, 'stopGradient', 'none is the same as target'],
    [{ ema: 'on', stopGradient: 'online' }, 'stopGradient', 'no gradient at all'],
    [{ ema: 'on', procedures: '[sg]' }, 'procedures', 'not both'],
    [{ encoder: '{kind: mlp, layers: [2]}' }, 'encoder.layers', 'at least two widths'],
    [{ encoder: '{kind: mlp, layers: [2, 0, 2], activation: tanh}' }, 'encoder.layers[1]', 'positive integer'],
    [{ encoder: '{kind: mlp, layers: [2, 3, 2]}' }, 'encoder.activation', 'missing'],
    [{ encoder: '{kind: mlp, layers: [2, 2], activation: tanh}' }, 'encoder.activation', 'without hidden layers'],
    [{ encoder: '{kind: mlp, layers: [2, 3, 2], activation: sigmoid}' }, 'encoder.activation', 'expected one of tanh, softplus, relu'],
    [{ encoder: '{kind: mlp, layers: [2, 3, 2], activation: tanh, bias: 1}' }, 'encoder.bias', 'true or false'],
    [{ encoder: '{kind: mlp, layers: [2, 2], depth: 3}' }, 'encoder.depth', 'unknown key'],
    [{ encoder: '{kind: conv, in: 2, out: 2}' }, 'encoder.kind', 'expected one of linear, diagonal, scalar, mlp'],
    [{ predictor: '{kind: directpred, eps: 0}' }, 'predictor.power', 'missing'],
    [{ predictor: '{kind: directpred, power: -1, eps: 0}' }, 'predictor.power', 'number > 0'],
    [{ predictor: '{kind: directcopy}' }, 'predictor.eps', 'missing'],
    [{ predictor: '{kind: directcopy, eps: -1}' }, 'predictor.eps', 'number ≥ 0'],
    [{ predictor: '{kind: directcopy, eps: 1}', predictorRate: '2' }, 'predictorRate', 'not trained'],
    [{ predictor: '{kind: symmetric, eps: 1}' }, 'predictor.eps', 'unknown key'],
    [{ data: '{pairs: []}' }, 'data.pairs', 'non-empty list'],
    [{ data: '{pairs: [[[1, 0]]]}' }, 'data.pairs[0]', 'a pair [x1, x2]'],
    [{ data: '{pairs: [[[1, 0], [1]]]}' }, 'data.pairs[0][1]', 'a list of 2 numbers'],
    [{ data: '{pairs: [[[1, x], [1, 1]]]}' }, 'data.pairs[0][0][1]', 'expected a number'],
    [{ data: '{covariance: [[1, 0], [0, 1]], noise: 1}' }, 'data.covariance', 'view pairs or a sample'],
    [{ parameters: '{s: positive}' }, 'parameters', 'no symbols in a variant spec'],
  ] as Array<[Record<string, string>, string, string]>)('%j → one line naming %s', (over, field, words) => {
    const e = specError(spec(over));
    expect(e.field).toBe(field);
    expect(e.expected).toContain(words);
    expect(e.message).not.toMatch(/\n/);
  });
});

describe('docs/variants.md', () => {
  it('its example is a variant: SimSiam (sg) with the cosine loss and a tanh MLP', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../docs/variants.md', import.meta.url)), 'utf8');
    const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks).toHaveLength(1);
    const v = parseVariant(blocks[0]!, 'doc');
    expect([v.loss, v.encoder.kind, v.procedures.map((p) => p.name).join(), v.data.pairs.length]).toEqual(['cosine', 'mlp', 'sg', 3]);
  });
});
