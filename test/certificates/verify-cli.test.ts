/**
 * `ncssl verify` through the CLI (in-process, test/helpers/cli.ts): one line per certificate, exit 0 when all are accepted, 1
 * when one is rejected, 2 (one line on stderr, nothing on stdout) when a file is not a certificate.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOneLineError, runCli } from '../fuzz/cli.js';

const dir = resolve('test-artifacts', `verify-cli-${process.pid}`);
let certs: string[] = [];
beforeAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  expect((await runCli(['check', 'proofs/models', '--certificates', join(dir, 'certs')])).status).toBe(0);
  certs = readdirSync(join(dir, 'certs')).sort().map((f) => join(dir, 'certs', f));
}, 120_000); // every analysis on every bundled proof (the end-to-end run): every proved verdict must re-verify
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ncssl verify', () => {
  it('accepts every certificate of the bundled proofs, of every kind (exit 0, one line each)', async () => {
    const kinds = new Set(certs.map((c) => JSON.parse(readFileSync(c, 'utf8')).kind));
    const familyKinds = ['family-curl', 'family-gd-collapse', 'family-invariant', 'family-potential', 'family-stability']; // proofs/models/scalar-symbolic.yaml
    expect([...kinds].sort()).toEqual(['curl', 'equilibrium', 'equilibrium-set', ...familyKinds, 'gd-collapse', 'invariant', 'metric', 'potential', 'stability']);
    const r = await runCli(['verify', ...certs]);
    expect(r.status, r.stdout.split('\n').filter((l) => !l.includes(': accepted: ')).join('\n')).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(certs.length);
    lines.forEach((line, k) => expect(line.startsWith(`${certs[k]}: accepted: `)).toBe(true));
  }, 60_000);

  it('exits 1 when one is rejected, still reporting every file', async () => {
    const curl = certs.find((c) => c.endsWith('linear-2x2.sg.curl.json'))!;
    const tampered = join(dir, 'tampered.json');
    const c = JSON.parse(readFileSync(curl, 'utf8'));
    c.evidence.dVi_dxj = String(Number(c.evidence.dVi_dxj) + 1);
    writeFileSync(tampered, JSON.stringify(c));
    const r = await runCli(['verify', certs[0]!, tampered]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/: accepted: /);
    expect(r.stdout).toMatch(new RegExp(`${tampered.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: rejected: ∂V\\[`));
  });

  it("rejects a certificate relabelled with another procedure's name, and calls an unknown procedure malformed", async () => {
    const potential = certs.find((c) => c.endsWith('scalar.gd.potential.json'))!;
    const relabelled = join(dir, 'relabelled.json');
    writeFileSync(relabelled, JSON.stringify({ ...JSON.parse(readFileSync(potential, 'utf8')), procedure: 'sg' })); // SG has a curl: the claim would be false
    const r = await runCli(['verify', relabelled]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('rejected: procedure sg is made by the recipe differentiate-then-identify, not identify-then-differentiate');
    writeFileSync(relabelled, JSON.stringify({ ...JSON.parse(readFileSync(potential, 'utf8')), procedure: 'foo' }));
    const unknown = await runCli(['verify', relabelled]);
    expect(isOneLineError(unknown), unknown.stderr).toBe(true);
    expect(unknown.stderr).toMatch(/procedure: expected one of gd, sg, ema/);
  });

  it('exits 2 with one line and no verdicts when a file is not a certificate', async () => {
    mkdirSync(join(dir, 'bad'), { recursive: true });
    const bad = join(dir, 'bad', 'truncated.json');
    writeFileSync(bad, readFileSync(certs[0]!, 'utf8').slice(0, 50));
    const r = await runCli(['verify', certs[0]!, bad]);
    expect(isOneLineError(r), r.stderr).toBe(true);
    expect(r.stderr).toContain('truncated.json: not a certificate');
  });
});
