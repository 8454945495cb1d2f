/**
 * `ncssl derive` and `ncssl report` on variants. derive: the text of a tiny cosine variant against
 * its hand derivation (a scalar encoder a, predictor b, target ξ, one pair (1, 2): p = ab, z = 2ξ,
 * F = 2 − 2·pz/(|p||z|) = 2 − 2·sign(abξ), whose gradient vanishes wherever it exists, so each
 * field is its weight decay alone); --json with the Jacobian. report: every format of the
 * registry on the bundled cosine-linear, tanh and DirectPred specs, the .tex through pdflatex (skipped
 * locally without it, required under CI), byte-identical twice, the claims table equal to
 * `variantDynamics(...).claims`. Both refuse a variant above check's state limit, in one line,
 * exit 2, before any work.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { variantDeriveJson, variantDeriveText } from '../../src/cli/derive-variant.js';
import { MAX_VARIANT_OBJECTIVE_SIZE, variantObjectiveSize, variantStateSizes } from '../../src/cli/variant-limit.js';
import { seededRandom } from '../../src/numeric/random.js';
import { allFormats } from '../../src/render/index.js';
import { reportLatex } from '../../src/render/latex.js';
import { buildVariantReport } from '../../src/report/variant/build.js';
import { allSections } from '../../src/report/document.js';
import { MAX_VARIANT_CHECK_STATE, checkVariant } from '../../src/variants/check.js';
import { variantDynamics } from '../../src/variants/claims.js';
import { deriveVariant } from '../../src/variants/fields.js';
import { loadSpecOfAnyKind } from '../../src/variants/load.js';
import { parseVariant } from '../../src/variants/spec.js';
import type { Variant } from '../../src/variants/variant.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ncssl-variant-report-'));
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const TINY = write('tiny.yaml', 'loss: cosine\nencoder: {kind: linear, in: 1, out: 1}\npredictor: {kind: linear}\nweightDecay: 1/10\npredictorRate: 2\nprocedures: [gd, sg, ema]\ndata: {pairs: [[[1], [2]]]}\n');
// One input, q codes and a trained q x q predictor: state q + q^2, just above check's limit.
const Q = Math.ceil(Math.sqrt(MAX_VARIANT_CHECK_STATE));
const OVERSIZE = write('oversize.yaml', `loss: cosine\nencoder: {kind: linear, in: 1, out: ${Q}}\npredictor: {kind: linear}\ndata: {pairs: [[[1], [2]]]}\n`);
const BUNDLED = ['cosine-linear', 'tanh-2-3-2', 'directpred'];
const FAST = ['--samples', '6', '--flows', '2'];

function variantOf(path: string): Variant {
  const s = loadSpecOfAnyKind(path);
  if (s.kind !== 'variant') throw new Error(`${path}: not a variant`);
  return s.variant;
}

/** The value of a printed block at a point: named subexpressions (lines `u_k = …`) first, then `lhs = …`. */
function evaluateBlock(lines: readonly string[], scope: Record<string, number>): Map<string, number> {
  const values = new Map<string, number>();
  const s: Record<string, unknown> = { ...scope };
  for (const line of lines) {
    const [lhs, rhs] = line.trim().split(' = ');
    const v = compile(rhs!).evaluate(s) as number;
    if (/^u_\d+$/.test(lhs!)) s[lhs!] = v;
    else values.set(lhs!, v);
  }
  return values;
}

describe('ncssl derive on a variant', () => {
  it('the tiny cosine variant: F as derived by hand, and each field its weight decay alone', async () => {
    const r = await runCli(['derive', TINY]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // p = a·b·1, z = ξ·2: F = 2 − 2·pz/(√(p²)·√(z²)), p and z named since each appears twice.
    expect(r.stdout).toContain(['    u_1 = A_1_1*B_1_1', '    u_2 = 2*T_1_1', '    F = 2 - 2*(u_1*u_2/(sqrt(u_1^2)*sqrt(u_2^2)))'].join('\n'));
    const blocks = r.stdout.split(/\n {2}(?=\w[\w-]*: )/).slice(1);
    expect(blocks.map((b) => b.split(':')[0])).toEqual(['gd', 'sg', 'ema']);
    const rng = seededRandom(3);
    for (let k = 0; k < 5; k++) {
      const [a, b, xi] = [rng.normal(), rng.normal(), rng.normal()];
      const F = evaluateBlock(r.stdout.split('\n').filter((l) => /^ {4}(u_\d+|F) = /.test(l)).slice(0, 3), { A_1_1: a, B_1_1: b, T_1_1: xi }).get('F')!;
      expect(F).toBeCloseTo(2 - 2 * Math.sign(a * b * xi), 12);
      const hand: Record<string, Record<string, number>> = {
        gd: { 'dA_1_1/dt': -a / 10, 'dB_1_1/dt': -b / 5 },
        sg: { 'dA_1_1/dt': -a / 10, 'dB_1_1/dt': -b / 5 },
        ema: { 'dA_1_1/dt': -a / 10, 'dB_1_1/dt': -b / 5, 'dT_1_1/dt': a - xi },
      };
      for (const block of blocks) {
        const name = block.split(':')[0]!;
        const values = evaluateBlock(block.split('\n').slice(1).filter((l) => l.trim() !== ''), { A_1_1: a, B_1_1: b, T_1_1: xi });
        expect([...values.keys()]).toEqual(Object.keys(hand[name]!));
        for (const [lhs, v] of values) expect(Math.abs(v - hand[name]![lhs]!), `${name} ${lhs}`).toBeLessThan(1e-12);
      }
    }
  });

  it('--json: the linear family shape with named subexpressions; the Jacobian of SG is diag(-1/10, -1/5)', async () => {
    const r = await runCli(['derive', TINY, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ model: 'tiny', kind: 'variant', objective: '2 - 2*(u_1*u_2/(sqrt(u_1^2)*sqrt(u_2^2)))' });
    const sg = j.procedures.sg;
    expect(sg.state).toEqual(['A_1_1', 'B_1_1']);
    expect(sg.rates).toEqual(['1', '2']);
    const scope: Record<string, unknown> = { A_1_1: 0.7, B_1_1: -1.3, T_1_1: 0.4 };
    for (const u of sg.subexpressions) scope[u.name] = compile(u.expression).evaluate(scope);
    const jac = (sg.jacobian as string[][]).map((row) => row.map((e) => compile(e).evaluate(scope) as number));
    [[-0.1, 0], [0, -0.2]].forEach((row, i) => row.forEach((v, k) => expect(jac[i]![k]!).toBeCloseTo(v, 12)));
  });

  it('the state sizes read from the spec alone are those of the derivation', () => {
    for (const name of readdirSync('proofs/variants').filter((f) => f.endsWith('.yaml'))) {
      const v = variantOf(join('proofs/variants', name));
      expect(variantStateSizes(v).map((s) => s.size), name).toEqual(deriveVariant(v).fields.map((f) => f.stateNames.length));
    }
  });

  it('derive and report refuse a variant above the state limit: one line, exit 2', async () => {
    expect(variantStateSizes(variantOf(OVERSIZE))[0]!.size).toBeGreaterThan(MAX_VARIANT_CHECK_STATE);
    for (const args of [['derive', OVERSIZE], ['report', OVERSIZE, '--format', 'md']]) {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`encoder: expected a state of at most ${MAX_VARIANT_CHECK_STATE} coordinates for ${args[0]} on a variant`);
    }
  });

  it('check, derive and report refuse an objective too large for memory before building it: one line, exit 2', async () => {
    const many = write('many-pairs.yaml', 'loss: cosine\nencoder: {kind: linear, in: 4, out: 4}\npredictor: {kind: linear}\ndata: {sample: 30000, seed: 1}\n');
    expect(variantObjectiveSize(variantOf(many))).toBeGreaterThan(MAX_VARIANT_OBJECTIVE_SIZE);
    for (const args of [['check', many], ['derive', many], ['report', many, '--format', 'md']]) {
      const r = await runCli(args);
      expect(r.code, args[0]).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(`data: expected an objective of at most ${MAX_VARIANT_OBJECTIVE_SIZE} estimated nodes`);
    }
  });

  it('over the size budget a block prints its size: derive (text and JSON) and the report body', () => {
    const pairs = Array.from({ length: 30 }, (_, k) => `[[${k % 3}, ${(k % 5) - 2}], [${(k % 4) - 1}, ${k % 7}/3]]`).join(', ');
    const v = parseVariant(`encoder: {kind: mlp, layers: [2, 6, 2], activation: tanh}\npredictor: {kind: linear}\nstopGradient: target\ndata: {pairs: [${pairs}]}`, 'wide');
    const d = deriveVariant(v);
    const nodes = d.layout.dag.reachable([d.layout.objective]).length;
    expect(variantDeriveText(d, 500)).toContain(`    F: not printed: ${nodes} nodes with `);
    expect(variantDeriveJson(d, 500)).toMatchObject({ objective: null, objectiveSize: { nodes, budget: 500 } });
    const check = checkVariant(v, { samples: 2, seed: 1 });
    const doc = buildVariantReport(check, variantDynamics(check, { flows: 1, seed: 1 }), 'wide.yaml', { samples: 2, seed: 1, flows: 1 });
    const objective = allSections(doc).find((s) => s.id === 'objective')!;
    expect(objective.data).toMatchObject({ size: { nodes: check.derivation.layout.dag.reachable([check.derivation.layout.objective]).length } });
    expect(JSON.stringify(objective.blocks)).toContain('Too large to print here');
  });

  it('report refuses the linear family options on a variant', async () => {
    const r = await runCli(['report', TINY, '--simulate']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/^.*--simulate: not available for a variant/);
  });
});

describe('ncssl report on variants', () => {
  for (const name of BUNDLED) {
    const spec = `proofs/variants/${name}.yaml`;
    // Twice for the first spec only (byte-identical output); once for the others, which are slower.
    const runs = name === BUNDLED[0] ? 2 : 1;
    it(`${name}: every format${runs === 2 ? ', byte-identical twice' : ''}`, async () => {
      const formats = allFormats().map((f) => f.name);
      expect(formats).toEqual(expect.arrayContaining(['tex', 'md', 'html', 'json']));
      const outs = Array.from({ length: runs }, (_, k) => mkdtempSync(join(dir, `${name}-${k}-`)));
      for (const out of outs) {
        const r = await runCli(['report', spec, '--format', formats.join(','), '--out', out, ...FAST]);
        expect(r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('wrote '))).toEqual([]);
        expect(r.code).toBe(0);
      }
      const files = readdirSync(outs[0]!).sort();
      // The figure of the flows beside the report: PDF for the .tex, SVG for the .md (inline in the HTML).
      expect(files).toEqual([...formats.map((f) => `${name}.${f}`), `${name}-flows.pdf`, `${name}-flows.svg`].sort());
      for (const out of outs.slice(1)) for (const f of files) expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(outs[0]!, f), 'utf8'));
      const json = JSON.parse(readFileSync(join(outs[0]!, `${name}.json`), 'utf8'));
      expect(json.sections.map((s: { id: string }) => s.id)).toEqual(['model', 'reading', 'claims', 'objective', 'fields', 'integrability', 'limits']);
    });
  }

  const docs = BUNDLED.map((name) => {
    const spec = `proofs/variants/${name}.yaml`;
    const check = checkVariant(variantOf(spec), { samples: 6, seed: 1 });
    const dynamics = variantDynamics(check, { flows: 2, seed: 1 });
    return { name, dynamics, doc: buildVariantReport(check, dynamics, spec, { samples: 6, seed: 1, flows: 2 }) };
  });

  it('the claims table is variantDynamics(...).claims, and C1 is certified with its certificate printed', () => {
    for (const { name, dynamics, doc } of docs) {
      const claims = allSections(doc).find((s) => s.id === 'claims')!;
      const table = claims.blocks.find((b) => b.kind === 'table');
      if (table?.kind !== 'table') throw new Error('no claims table');
      const cell = (c: (typeof table.rows)[number][number]) => c.map((x) => (x.kind === 'text' ? x.text : '')).join('');
      const outcome = (o: string) => (o === 'fails' ? 'fails on this variant' : o);
      expect(table.rows.map((r) => r.map(cell)), name).toEqual(dynamics.claims.map((c) => [c.id, outcome(c.outcome), c.outcome === 'not analysed' ? '-' : c.outcome === 'fails' ? `refuted (${c.refutedAt})` : c.level]));
      expect(dynamics.claims[0]!.level, name).toBe('certified');
      const integrability = allSections(doc).find((s) => s.id === 'integrability-sg')!;
      expect(integrability.blocks.some((b) => b.kind === 'equation' && b.rows[0]!.right.startsWith('\\in ['))).toBe(true);
    }
  });

  const CI = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
  const present = spawnSync('sh', ['-c', 'command -v pdflatex']).status === 0;
  (present || CI ? it : it.skip)('the .tex compiles with pdflatex, without overfull lines', () => {
    if (!present) throw new Error('pdflatex is required under CI (texlive-latex-base, texlive-latex-recommended)');
    for (const { name, doc } of docs) {
      writeFileSync(join(dir, `${name}.tex`), reportLatex(doc));
      const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', `${name}.tex`], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      const log = readFileSync(join(dir, `${name}.log`), 'latin1');
      expect(r.status, `${name}: ${log.split('\n').filter((l) => l.startsWith('!')).join('\n')}`).toBe(0);
      expect(log.match(/Overfull \\hbox.*/g) ?? [], name).toEqual([]);
    }
  }, 60_000);
});
