/**
 * Output formats are a registry: a toy format registered here (what a printer file does) is
 * accepted by `ncssl report --format`, printed from the same document and given its figure
 * files; the command's help (a light copy, so that --help loads no printer) names every format.
 */
import { describe, expect, it } from 'vitest';
import '../../src/cli/report-command.js';
import { getCommand } from '../../src/cli/command.js';
import { reportCommand } from '../../src/cli/report.js';
import { allSections } from '../../src/report/document.js';
import { registerFormat } from '../../src/render/formats.js';
import { allFormats, figureFiles } from '../../src/render/index.js';

registerFormat({
  name: 'outline',
  print: (doc) => allSections(doc).map((s) => `${s.number} ${s.title}`).join('\n') + '\n',
  figures: (doc) => [{ name: `${doc.fileBase}-outline-figures.txt`, content: 'none\n' }],
});

function captured() {
  let out = '';
  return { io: { out: (t: string) => void (out += t), progress: () => {} }, text: () => out };
}

describe('output formats', () => {
  it('lists the built-in formats first, tex the default', () => {
    expect(allFormats().map((f) => f.name)).toEqual(['tex', 'html', 'md', 'json', 'outline']);
  });

  it('runs a registered format through `report --format`', async () => {
    const { io, text } = captured();
    expect(await reportCommand.run({ format: 'outline', analyses: 'integrability' }, ['proofs/models/scalar.yaml'], io)).toBe(0);
    expect(text()).toMatch(/^\S.*\n/);
    expect(text()).toContain('Procedures');
  });

  it('refuses an unknown format, naming the registered ones', async () => {
    const { io } = captured();
    await expect(async () => reportCommand.run({ format: 'pdf' }, ['proofs/models/scalar.yaml'], io)).rejects.toThrow(/--format: expected tex, html, md, json, outline/);
  });

  it("hands out each format's figure files", async () => {
    const { buildReport } = await import('../../src/report/build.js');
    const { loadSpecFile } = await import('../../src/model/spec.js');
    const doc = buildReport(loadSpecFile('proofs/models/scalar.yaml'), 'proofs/models/scalar.yaml', { samples: 4, seed: 1, analyses: ['integrability'] });
    expect(figureFiles(doc, 'outline').map((f) => f.name)).toEqual(['scalar-outline-figures.txt']);
    expect(figureFiles(doc, 'html')).toEqual([]);
  });

  it("is named in report's help for every built-in format", () => {
    const help = getCommand('report')!.help;
    for (const f of allFormats().filter((f) => f.name !== 'outline')) expect(help).toContain(f.name);
  });
});
