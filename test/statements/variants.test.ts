/**
 * Statements on variants (src/variants/): the kinds that read a variant's certified curl and flow
 * limits give certified or numerical verdicts; the kinds that need exact analyses say undecided;
 * `avoids-collapse` reads numeric models' flows too and refuses families and bad parameters.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SpecError } from '../../src/model/spec-error.js';
import { parseStatement } from '../../src/statements/parse.js';
import { proveStatements } from '../../src/statements/run.js';

const root = mkdtempSync(join(tmpdir(), 'ncssl-prove-variants-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder with sg-online (collapses) and the scalar model, and one statement over both. */
function prove(evidence: string, expectations: string) {
  const dir = join(root, `s${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'sg-online.yaml'), readFileSync('proofs/variants/sg-online.yaml', 'utf8'));
  writeFileSync(join(dir, 'scalar.yaml'), readFileSync('proofs/models/scalar.yaml', 'utf8'));
  const text = `name: t\nwords: A statement for a test.\nlatex: 'x = 1'\nevidence: ${evidence}\nmodels:\n${expectations}`;
  const path = join(dir, 't.yaml');
  return proveStatements([{ path, openPath: path, statement: parseStatement(text, 't') }], { samples: 8, seed: 1 });
}

describe('statements on a variant', () => {
  it('a variant above check’s state limit stops the run before any check, in one line naming the statement, the model and the field', () => {
    const dir = join(root, 'large');
    mkdirSync(dir);
    writeFileSync(join(dir, 'large.yaml'), 'loss: cosine\nencoder: {kind: mlp, layers: [6, 6, 6], activation: tanh, bias: false}\npredictor: {kind: linear}\ndata: {pairs: [[[1, 0, 0, 0, 0, 0], [1, 1, 0, 0, 0, 0]]]}\n');
    const path = join(dir, 't.yaml');
    const statement = parseStatement(`name: t\nwords: w\nlatex: 'x'\nevidence: {kind: claim, claim: C1}\nmodels:\n  - {model: large.yaml, expect: holds}\n`, 't');
    const run = () => proveStatements([{ path, openPath: path, statement }], { samples: 4, seed: 1 });
    expect(run).toThrow(SpecError);
    expect(run).toThrow(/t\.yaml: models\[0\]\.model: .*large\.yaml: encoder.*at most 64 coordinates for prove on a variant/);
  });

  it('claim C1 and not-gradient are certified on the wrong-side SG; collapses needs exact analyses and says so', () => {
    const c1 = prove('{kind: claim, claim: C1}', '  - {model: sg-online.yaml, expect: holds, level: certified}\n');
    expect(c1.rows[0]!).toMatchObject({ agrees: true, verdict: { outcome: 'holds', level: 'certified' } });
    expect(c1.models[0]).toMatchObject({ kind: 'variant', procedures: ['sg-online'], flows: 12 });
    const ng = prove('{kind: not-gradient, procedure: sg-online}', '  - {model: sg-online.yaml, expect: holds, level: certified}\n');
    expect(ng.rows[0]!.verdict.evidence[0]).toMatch(/^sg-online: V is not the gradient of any C² function \(certified: a curl entry excludes 0 by interval arithmetic at \d+ of 8 points\)$/);
    const g = prove('{kind: gradient, procedure: sg-online}', '  - {model: sg-online.yaml, expect: fails, level: refuted}\n');
    expect(g.rows[0]!.agrees).toBe(true);
    const exact = prove('{kind: collapses, procedure: sg-online}', '  - {model: sg-online.yaml, expect: undecided}\n');
    expect(exact.rows[0]!.verdict).toMatchObject({ outcome: 'undecided', level: 'inconclusive' });
    expect(exact.rows[0]!.verdict.evidence[0]).toMatch(/reads exact analyses of the linear family, which a variant does not have/);
  });

  it('avoids-collapse: fails (refuted) on the wrong-side SG, every flow collapsed; on the scalar model GD fails and SG alone holds (its seeded flows end non-collapsed)', () => {
    const r = prove('{kind: avoids-collapse}', '  - {model: sg-online.yaml, expect: fails}\n  - {model: scalar.yaml, expect: fails}\n');
    expect(r.rows.map((x) => [x.verdict.outcome, x.verdict.level, x.agrees])).toEqual([['fails', 'refuted', true], ['fails', 'refuted', true]]);
    expect(r.rows[0]!.verdict.evidence[0]).toMatch(/^sg-online: every flow at rest collapsed; 12 of 12 flows at rest collapsed/);
    expect(r.rows[1]!.verdict.evidence.find((e) => e.startsWith('GD'))).toMatch(/^GD: every flow at rest collapsed/);
    const sg = prove('{kind: avoids-collapse, procedure: sg}', '  - {model: scalar.yaml, expect: holds}\n  - {model: sg-online.yaml, expect: undecided}\n');
    expect(sg.rows[0]!.verdict).toMatchObject({ outcome: 'holds', level: 'numerical' });
    expect(sg.rows[0]!.verdict.evidence[0]).toMatch(/^SG: 0 of \d+ flows at rest collapsed, \d+ did not/);
    expect(sg.rows[0]!.verdict.evidence).toHaveLength(1);
    expect(sg.rows[1]!.verdict.evidence[0]).toBe('the model has no procedure sg (its procedures: sg-online)');
  });

  it('avoids-collapse refuses unknown parameters and bad procedure names in one line', () => {
    const bad = (evidence: string) => () => parseStatement(`name: t\nwords: w\nlatex: 'x'\nevidence: ${evidence}\nmodels:\n  - {model: m.yaml, expect: holds}\n`, 't');
    expect(bad('{kind: avoids-collapse, points: all}')).toThrow(SpecError);
    expect(bad('{kind: avoids-collapse, points: all}')).toThrow(/evidence\.points.*unknown field; expected procedure \(optional\)/);
    expect(bad('{kind: avoids-collapse, procedure: 3}')).toThrow(/expected a procedure name such as sg, ema or sg-online, got 3/);
  });
});
