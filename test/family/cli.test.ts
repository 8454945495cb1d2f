/**
 * Families on the command line (issue 10, items 3 and 5): `check` text and `--json` (every
 * expression parses back and is the family check's own), `derive` and `derive --json`, `report` in
 * every format (every formula KaTeX-strict, the .tex compiles with pdflatex with no undefined
 * reference), a family above the size limit refused with exit 2 before any work, and byte-identical
 * output across runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import katex from 'katex';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_FAMILY_STATE } from '../../src/family/budget.js';
import { checkFamily } from '../../src/family/check.js';
import type { Family } from '../../src/family/family.js';
import { pointCoordinates } from '../../src/family/points.js';
import { loadAnySpecFile } from '../../src/family/spec.js';
import { PolyParseError, parsePoly } from '../../src/poly/parse.js';
import { Ring } from '../../src/poly/ring.js';
import { allFormulas } from '../../src/report/document.js';
import { buildFamilyReport } from '../../src/report/family/build.js';
import { runCli } from '../helpers/cli.js';

const CI = Boolean(process.env.CI) && process.env.CI !== 'false' && process.env.CI !== '0';
const SCALAR = 'proofs/models/scalar-symbolic.yaml';
const dir = mkdtempSync(join(tmpdir(), 'ncssl-family-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loadFamily(path: string): Family {
  const spec = loadAnySpecFile(path);
  if (spec.kind !== 'family') throw new Error(`${path}: expected a family`);
  return spec.family;
}

const family = loadFamily(SCALAR);
const check = checkFamily(family, { seed: 1 });
/** State and symbol names, and the fresh variables of inequality substitutions (d_1, …). */
const ring = new Ring([...check.derivation.params.ring.names, ...family.inequalities.map((_, k) => `d_${k + 1}`)]);
const parse = (text: string) => parsePoly(ring, text);

/** A coordinate `N`, `N/D` or `(N)/(D)` parses as polynomials N and D (D not a number). */
function parseQuotient(text: string): void {
  try {
    parse(text);
    return;
  } catch (e) {
    if (!(e instanceof PolyParseError)) throw e;
  }
  for (let k = text.lastIndexOf('/'); k > 0; k = text.lastIndexOf('/', k - 1)) {
    try {
      parse(text.slice(0, k));
      if (!parse(text.slice(k + 1)).isConstant()) return;
    } catch {
      // not this slash
    }
  }
  throw new Error(`not a quotient of polynomials: ${text}`);
}

/** Every string under these keys in the JSON is an expression in the derive syntax. */
const EXPRESSION_KEYS = new Set(['lhs', 'rhs', 'objective', 'rates', 'field', 'potential', 'value', 'exceptional', 'conserved', 'minor', 'r', 'positive', 'polynomial', 'expanded', 'target', 'by']);

function expressions(x: unknown, key = '', out: Array<[string, string]> = []): Array<[string, string]> {
  if (Array.isArray(x)) x.forEach((y) => expressions(y, key, out));
  else if (x !== null && typeof x === 'object') for (const [k, v] of Object.entries(x)) expressions(v, k, out);
  else if (typeof x === 'string' && EXPRESSION_KEYS.has(key)) out.push([key, x]);
  return out;
}

describe('ncssl check on a family', () => {
  it('text: every fact of the worked example, exit 0', async () => {
    const r = await runCli(['check', SCALAR]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    for (const line of ['residual: (A_1_1, B_1_1) = (A_1_1, c/s), A_1_1 ≠ 0', 'conserved quadratic quantities for every admissible value (proved; coefficients: numbers, or numbers times one symbol): A_1_1^2 - B_1_1^2', 'C3 holds (proved)']) {
      expect(r.stdout).toContain(line);
    }
    for (const id of ['C1', 'C2', 'C3', 'C4']) expect(r.stdout).toMatch(new RegExp(`^    ${id} (holds|holds in part|fails|undecided) \\(`, 'm'));
  });

  it('--json parses back; every expression parses and is the check\'s own', async () => {
    const r = await runCli(['check', SCALAR, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    const all = expressions(json);
    expect(all.length).toBeGreaterThan(50);
    for (const [key, text] of all) expect(() => parse(text), `${key}: ${text}`).not.toThrow();
    expect(parse(json.objective).equals(parse(check.derivation.objective.toString()))).toBe(true);
    check.procedures.forEach((p, k) => {
      const jp = json.procedures[k];
      expect(jp.name).toBe(p.fp.procedure.name);
      expect(jp.field.map((f: string) => parse(f).toString())).toEqual(p.fp.field.map(String));
      expect(jp.conserved).toEqual(p.invariants.quantities.map(String));
      jp.equilibria.forEach((e: { coordinates: string[]; stability: { r: string[] } }, i: number) => {
        e.coordinates.forEach(parseQuotient);
        expect(e.coordinates).toEqual(pointCoordinates(p.points[i]!.point, p.fp.state));
        expect(e.stability.r).toEqual(p.points[i]!.stability.reduced.map(String));
      });
    });
    expect(json.claims.map((c: { id: string; outcome: string }) => [c.id, c.outcome])).toEqual(check.claims.map((c) => [c.id, c.outcome]));
  });

  it('is byte-identical across runs, text and JSON', async () => {
    for (const args of [['check', SCALAR], ['check', SCALAR, '--json'], ['check', 'proofs/models/linear-2x2-symbolic.yaml', '--json']]) {
      const [a, b] = [await runCli(args), await runCli(args)];
      expect(a.code).toBe(0);
      expect(b.stdout).toBe(a.stdout);
    }
  });
});

describe('ncssl derive on a family', () => {
  it('prints the fields in the symbols, and --json gives them parseable', async () => {
    const text = await runCli(['derive', SCALAR]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('dT_1_1/dt = A_1_1*tau - T_1_1*tau');
    const r = await runCli(['derive', SCALAR, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    for (const p of check.procedures) {
      const jp = json.procedures[p.fp.procedure.name];
      expect(jp.state).toEqual(p.fp.stateNames);
      expect(jp.field.map((f: string) => parse(f).toString())).toEqual(p.fp.field.map(String));
      expect(jp.jacobian.map((row: string[]) => row.map((e) => parse(e).toString()))).toEqual(p.fp.jacobian.map((row) => row.map(String)));
    }
    expect((await runCli(['derive', SCALAR, '--json'])).stdout).toBe(r.stdout);
  });
});

describe('ncssl report on a family', () => {
  const doc = buildFamilyReport(check, SCALAR);

  it('every formula typesets in KaTeX (strict, throwOnError)', () => {
    const formulas = allFormulas(doc);
    expect(formulas.length).toBeGreaterThan(20);
    for (const f of formulas) {
      expect(() => katex.renderToString(f.latex, { displayMode: f.display, throwOnError: true, strict: 'error' }), f.latex).not.toThrow();
    }
  });

  const out = join(dir, 'report');
  const again = join(dir, 'report-again');
  const formats = ['md', 'html', 'tex', 'json'];

  it('writes every format; the Markdown math and the HTML parse; two runs give the same bytes', async () => {
    for (const target of [out, again]) {
      const r = await runCli(['report', SCALAR, '--format', formats.join(','), '--out', target]);
      expect(r.code, r.stderr).toBe(0);
    }
    const files = readdirSync(out).sort();
    expect(files).toEqual(expect.arrayContaining(formats.map((f) => `scalar-symbolic.${f}`)));
    expect(readdirSync(again).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(again, f)).equals(readFileSync(join(out, f))), f).toBe(true);

    const md = readFileSync(join(out, 'scalar-symbolic.md'), 'utf8');
    const displays = [...md.matchAll(/^\$\$\n([\s\S]*?)\n\$\$$/gm)].map((m) => m[1]!);
    const inlines = [...md.replace(/^\$\$\n[\s\S]*?\n\$\$$/gm, '').matchAll(/(?<!\\)\$([^$\n]+?)(?<!\\)\$/g)].map((m) => m[1]!);
    expect(displays.length + inlines.length).toBeGreaterThan(10);
    for (const d of displays) expect(() => katex.renderToString(d, { displayMode: true, throwOnError: true, strict: 'error' }), d).not.toThrow();
    for (const m of inlines) expect(() => katex.renderToString(m, { displayMode: false, throwOnError: true, strict: 'error' }), m).not.toThrow();
    // The worked example's formulas, in symbols (b = c/s, the SG curl a c).
    expect(md).toMatch(/\\frac\{c\}\{s\}|c\/s/);

    expect(readFileSync(join(out, 'scalar-symbolic.html'), 'utf8')).not.toContain('katex-error');
    const json = JSON.parse(readFileSync(join(out, 'scalar-symbolic.json'), 'utf8'));
    expect(json.title).toBe(doc.title);
  });

  const pdflatex = spawnSync('sh', ['-c', 'command -v pdflatex']).status === 0;
  (pdflatex || CI ? it : it.skip)(
    'the .tex compiles with pdflatex, with no undefined reference',
    async () => {
      if (!pdflatex) throw new Error('pdflatex is required under CI');
      const texDir = join(dir, 'tex');
      const r = await runCli(['report', SCALAR, '--format', 'tex', '--out', texDir]);
      expect(r.code, r.stderr).toBe(0);
      // Two passes: the second resolves the references the first recorded.
      for (let pass = 0; pass < 2; pass++) {
        const run = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'scalar-symbolic.tex'], { cwd: texDir, encoding: 'utf8', timeout: 60_000 });
        const log = readFileSync(join(texDir, 'scalar-symbolic.log'), 'latin1');
        expect(run.status, log.split('\n').filter((l) => l.startsWith('!')).join('\n')).toBe(0);
        if (pass === 1) expect(log.match(/.*undefined.*/gi) ?? []).toEqual([]);
      }
      expect(readdirSync(texDir)).toContain('scalar-symbolic.pdf');
    },
    60_000,
  );
});

describe('the family size limit', () => {
  it(`refuses a family whose state exceeds ${MAX_FAMILY_STATE} with exit 2, one line, writing nothing`, async () => {
    const file = join(dir, 'big-family.yaml');
    // A 3×3 linear model: 2·9 + 9 = 27 state variables.
    writeFileSync(file, 'name: big\nencoder: {kind: linear, in: 3, out: 3}\npredictor: {kind: linear}\nparameters: {s: positive}\ndata:\n  covariance: [[2, 0, 0], [0, 1, 0], [0, 0, 1]]\n  noise: s\n');
    const target = join(dir, 'big-out');
    for (const args of [['check', file], ['check', file, '--json'], ['report', file, '--format', 'md', '--out', target]]) {
      const r = await runCli(args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`state dimension of ${MAX_FAMILY_STATE}`);
      expect(lines[0]).toContain('2·9 + 9 = 27');
      expect(lines[0]).not.toMatch(/\bat .*\.js:\d+/);
    }
    expect(readdirSync(dir)).not.toContain('big-out');
  });

  it(`accepts the largest bundled family (state ${MAX_FAMILY_STATE})`, () => {
    const big = loadFamily('proofs/models/linear-2x2-symbolic.yaml');
    expect(2 * big.encoder.in * big.encoder.out + big.encoder.out * big.encoder.out).toBe(MAX_FAMILY_STATE);
  });
});
