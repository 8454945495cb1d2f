/**
 * Adding a section is one registration: a per-procedure section appears under every procedure,
 * in its order, with its appendix numbered and referable, and every printer shows it unchanged.
 */
import { describe, expect, it } from 'vitest';
import { q } from '../../src/exact/rational.js';
import { buildReport } from '../../src/report/build.js';
import { allSections, math, paragraph, ref, referenceText, text } from '../../src/report/document.js';
import { registerProcedureSection, registerSection } from '../../src/report/sections/index.js';
import { reportHtml } from '../../src/render/html.js';
import { reportLatex } from '../../src/render/latex.js';
import { reportMarkdown } from '../../src/render/markdown.js';
import { scalarModel } from '../helpers/models.js';

registerProcedureSection({
  id: 'extra',
  order: 35,
  build: (ctx) => ({
    id: `${ctx.name}-extra`,
    title: 'Extra findings',
    blocks: [paragraph(text('See '), ref(`${ctx.name}-extra-list`), text(' for '), math(`n = ${ctx.core.state.length}`), text('.'))],
    appendix: [{ id: `${ctx.name}-extra-list`, title: `${ctx.name.toUpperCase()} extra list`, blocks: [paragraph(text('listed'))] }],
    data: { stateDimension: ctx.core.state.length },
  }),
});

describe('section registry', () => {
  const doc = buildReport(scalarModel(q(5, 2), q(2)), 'scalar', { samples: 4, seed: 1 });

  it('adds the section under every procedure, after the curl (order 35) and before the dynamical sections', () => {
    const procedures = doc.sections.find((s) => s.id === 'procedures')!;
    for (const p of procedures.subsections) {
      const ids = p.subsections.map((s) => s.id.replace(/^[a-z]+-/, ''));
      // Only GD has a collapse section (its proof); the others' collapse verdicts are in the comparison.
      expect(ids).toEqual(['field', 'jacobian', 'curl', 'extra', 'equilibria', ...(p.id === 'procedure-gd' ? ['collapse'] : [])]);
    }
  });

  it('numbers its appendix sections and resolves references to them in every format', () => {
    const extra = doc.appendix.filter((a) => a.id.endsWith('-extra-list'));
    expect(extra.map((a) => a.id)).toEqual(['gd-extra-list', 'sg-extra-list', 'ema-extra-list']);
    expect(referenceText(doc, 'sg-extra-list')).toMatch(/^Appendix [A-Z]$/);
    const label = referenceText(doc, 'sg-extra-list');
    // LaTeX links the reference to the section's label and prints the document's number there.
    const number = label.split(' ')[1]!;
    expect(reportLatex(doc)).toContain('Appendix~\\ref{sec:sg-extra-list}');
    expect(reportLatex(doc)).toContain(`\\renewcommand{\\thesection}{${number}}\n\n\\section{`);
    expect(reportHtml(doc)).toContain(`href="#sg-extra-list">${label}</a>`);
    expect(reportMarkdown(doc)).toContain(`[${label}](#sg-extra-list)`);
    expect(allSections(doc).find((s) => s.id === 'ema-extra')!.data).toEqual({ stateDimension: 3 });
  });

  it('refuses a second section with the same id', () => {
    expect(() => registerSection({ id: 'model', order: 1, build: () => null })).toThrow(/twice/);
  });
});
