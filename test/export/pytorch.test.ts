/**
 * The PyTorch export, run where PyTorch is installed (CI does not install it; the script's syntax
 * is checked everywhere by cli.test.ts): in float64 its autograd steps — the stop gradient as
 * .detach(), the in-place EMA — give ncssl's parameters over the first 50 steps to 1e-9. Three
 * cases keep it short (each run imports torch): constants inside a block (diagonal), a block with
 * no parameters (identity predictor), and GD with weight decay and a predictor rate on iris.
 */
import { describe, expect, it } from 'vitest';
import { pythonWith, skipWithout } from './python.js';
import { TRACE_CASES, worstTraceDifference } from './trace.js';

const python = pythonWith('torch');

describe.skipIf(skipWithout('torch', python, false))('PyTorch export against ncssl simulate', () => {
  const cases = TRACE_CASES.filter((c) => /diagonal-3x2|nilpotent-identity|linear-4to2/.test(c.spec));
  it('covers three cases', () => expect(cases).toHaveLength(3));
  it.each(cases)('$spec $data: the first 50 steps of seed 1 agree to 1e-9 for every procedure', async (c) => {
    expect(await worstTraceDifference(python!, 'pytorch', c)).toBeLessThan(1e-9);
  });
});
