/**
 * The report document as JSON: the whole document (sections, blocks, LaTeX strings) plus each
 * section's exact data (canonical polynomial strings), for programs to read.
 *
 * Example: `JSON.parse(reportJson(doc)).sections[0].title === 'Model'`.
 */
import type { ReportDocument } from '../report/document.js';
import { registerFormat } from './formats.js';

export const REPORT_JSON_VERSION = 1;

export function reportJson(doc: ReportDocument): string {
  return `${JSON.stringify({ format: 'ncssl-report', version: REPORT_JSON_VERSION, ...doc }, null, 2)}\n`;
}

registerFormat({ name: 'json', print: reportJson, figures: () => [] }); // figures as data
