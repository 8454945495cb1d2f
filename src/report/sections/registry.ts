/**
 * The registry of report sections. Each section lives in its own file in this directory and
 * registers itself, so adding a section never touches the document builder or the printers.
 *
 * HOW TO ADD A SECTION (e.g. equilibria and stability for each procedure):
 *
 * 1. Create `src/report/sections/equilibria.ts`:
 *
 *        import { paragraph, text, math } from '../document.js';
 *        import { registerProcedureSection } from './registry.js';
 *
 *        registerProcedureSection({
 *          id: 'equilibria',
 *          order: 40,
 *          build(ctx) {
 *            const found = analyseEquilibria(ctx.core);      // your analysis: plain data
 *            if (!found) return null;                         // null leaves the section out
 *            return {
 *              id: `${ctx.name}-equilibria`,                  // unique in the document
 *              title: 'Equilibria',
 *              blocks: [paragraph(text('The equilibria form '), math('\\{A = 0\\}'), text('.'))],
 *              appendix: [],                                  // optional: long material
 *              data: { equilibria: found.asJson },            // optional: shown in the JSON only
 *            };
 *          },
 *        });
 *
 *    `registerSection` (same shape, `build(ctx: ReportContext)`) adds a top-level section
 *    instead of one per procedure.
 * 2. Import it in `src/report/sections/index.ts`.
 * 3. Math goes in as LaTeX that pdflatex (amsmath, amssymb) and KaTeX both accept — build it
 *    with src/notation/latex-poly.ts and latex-matrix.ts and src/report/equations.ts, which break
 *    long formulas into rows; plain text must be ASCII (the .tex printer rejects anything else).
 *    Verdicts come from analyses (their level: proved, certified, numerical, refuted,
 *    inconclusive); a section only words them.
 *
 * Orders in use. Top level: model 10, claims 15, objective 20, procedures 30, trajectories 80, training loops 85 (only with --simulate), checks 90.
 * Per procedure: field 10, jacobian 20, curl and integrability 30, equilibria and stability 40,
 * collapse 50, conserved quantities 60, constant metrics 70.
 */
import type { BuiltSection, ProcedureContext, ReportContext } from '../context.js';

export interface SectionBuilder {
  id: string;
  order: number;
  build(ctx: ReportContext): BuiltSection | null;
}

export interface ProcedureSectionBuilder {
  id: string;
  order: number;
  build(ctx: ProcedureContext): BuiltSection | null;
}

const sections: SectionBuilder[] = [];
const procedureSections: ProcedureSectionBuilder[] = [];

function insert<T extends { id: string; order: number }>(list: T[], item: T): void {
  if (list.some((s) => s.id === item.id)) throw new Error(`report section ${item.id} registered twice`);
  list.push(item);
  list.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));
}

export function registerSection(builder: SectionBuilder): void {
  insert(sections, builder);
}

export function registerProcedureSection(builder: ProcedureSectionBuilder): void {
  insert(procedureSections, builder);
}

export function sectionBuilders(): readonly SectionBuilder[] {
  return sections;
}

export function procedureSectionBuilders(): readonly ProcedureSectionBuilder[] {
  return procedureSections;
}
