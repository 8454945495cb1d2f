/**
 * docs/gallery holds the scalar model's Markdown report and its figures as the README shows
 * them: they must be exactly what `ncssl report proofs/models/scalar.yaml --format md` writes today
 * (regenerate with `npm run gallery`), so the gallery never shows an older tool.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpecFile } from '../../src/model/spec.js';
import { buildReport } from '../../src/report/build.js';
import { figureFiles } from '../../src/render/index.js';
import { reportMarkdown } from '../../src/render/markdown.js';
import { checkFamily } from '../../src/family/check.js';
import { parseAnySpec } from '../../src/family/spec.js';
import { buildFamilyReport } from '../../src/report/family/build.js';

describe('docs/gallery', () => {
  it('is the current output of ncssl report proofs/models/scalar.yaml --format md (else run npm run gallery)', () => {
    // The CLI's defaults: 64 curl samples, seed 1.
    const doc = buildReport(loadSpecFile('proofs/models/scalar.yaml'), 'proofs/models/scalar.yaml', { samples: 64, seed: 1, points: 3 });
    const stale = (name: string) => `docs/gallery/${name} is stale: run npm run gallery`;
    expect(readFileSync(join('docs', 'gallery', 'scalar.md'), 'utf8'), stale('scalar.md')).toBe(reportMarkdown(doc));
    const figures = figureFiles(doc, 'md');
    expect(figures.map((f) => f.name)).toEqual(['scalar-trajectories.svg', 'scalar-phase-plane.svg']);
    for (const f of figures) expect(readFileSync(join('docs', 'gallery', f.name), 'utf8'), stale(f.name)).toBe(f.content);
  });
});

describe('docs/gallery, the family', () => {
  it('is the current output of ncssl report proofs/models/scalar-symbolic.yaml --format md (else run npm run gallery)', () => {
    const spec = parseAnySpec(readFileSync('proofs/models/scalar-symbolic.yaml', 'utf8'), 'scalar-symbolic');
    if (spec.kind !== 'family') throw new Error('expected a family');
    const doc = buildFamilyReport(checkFamily(spec.family, { seed: 1 }), 'proofs/models/scalar-symbolic.yaml');
    expect(readFileSync(join('docs', 'gallery', 'scalar-symbolic.md'), 'utf8'), 'docs/gallery/scalar-symbolic.md is stale: run npm run gallery').toBe(reportMarkdown(doc));
  });
});
