/**
 * Adding a procedure is one file and its registry line: a copy of SG under another name
 * (toy/mirror-sg.ts) appears in check's text and JSON, in the claims, in the report and in the
 * certificates with its own words, and its verdicts are SG's, since its field is SG's.
 */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../../src/analyses/check-model.js';
import { knownProcedures } from '../../src/certificates/format.js';
import { certificatesOf } from '../../src/certificates/index.js';
import { verifyCertificate } from '../../src/kernel/check.js';
import { parseSpec } from '../../src/model/spec.js';
import { allProcedures } from '../../src/procedures/index.js';
import { buildReport } from '../../src/report/build.js';
import { checkJson } from '../../src/render/check-json.js';
import { checkText } from '../../src/render/check-text.js';
import { reportMarkdown } from '../../src/render/markdown.js';
import './toy/mirror-sg.js'; // the registry line

const spec = `
name: mirrored
encoder: { kind: linear, in: 1, out: 1 }
predictor: { kind: linear }
data: { covariance: [[2]], noise: 1/2 }
procedures: [gd, sg, mirror-sg]
`;

describe('a procedure added by one file and its registry line', () => {
  const model = parseSpec(spec, 'mirrored.yaml');
  const check = checkModel(model, { samples: 8, seed: 1 });
  const json = checkJson(check, 'mirrored.yaml') as { procedures: Record<string, any>; claims: Array<{ id: string; statement: string; evidence: string[] }> };

  it('is known to the spec reader, after the built-in ones', () => {
    expect(allProcedures().map((p) => p.name)).toEqual(['gd', 'sg', 'ema', 'mirror-sg']);
    expect(model.procedures).toEqual(['gd', 'sg', 'mirror-sg']);
  });

  it('appears in check --json with its title, and its verdicts are those of SG', () => {
    const { sg, 'mirror-sg': mirror } = json.procedures;
    expect(mirror.title).toBe('mirrored stop gradient (registry test)');
    const { title: _a, ...sgRest } = sg;
    const { title: _b, ...mirrorRest } = mirror;
    expect(mirrorRest).toEqual(sgRest);
  });

  it("appears in check's text and in the claims under its own label", () => {
    expect(checkText(check, 'mirrored.yaml')).toContain('mirror-sg: mirrored stop gradient (registry test)');
    const c1 = json.claims.find((c) => c.id === 'C1')!;
    expect(c1.statement).toContain('SG and MSG');
    expect(c1.evidence.some((e) => e.startsWith('MSG: '))).toBe(true);
    expect(json.claims.find((c) => c.id === 'C4')!.evidence.some((e) => e.startsWith('MSG: '))).toBe(true);
  });

  it('gets its own section in the report, in its own words', () => {
    const md = reportMarkdown(buildReport(model, 'mirrored.yaml', { samples: 8, seed: 1 }));
    expect(md).toContain('MSG: mirrored stop gradient (registry test)');
    expect(md).toContain('The mirrored field takes the gradients of');
  });

  it('gets certificates that verify accepts under its name, and rejects under a name with another recipe', () => {
    const mine = certificatesOf(check, 'mirrored.yaml').filter((c) => c.name.startsWith('mirror-sg.'));
    expect(mine.map((c) => c.name)).toContain('mirror-sg.curl');
    for (const { certificate } of mine) {
      expect(verifyCertificate(JSON.stringify(certificate), { procedures: knownProcedures() })).toMatchObject({ status: 'accepted' });
      expect(verifyCertificate(JSON.stringify({ ...certificate, procedure: 'gd' }), { procedures: knownProcedures() })).toMatchObject({ status: 'rejected' });
    }
  });
});
