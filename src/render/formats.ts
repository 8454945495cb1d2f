/**
 * The output formats of `ncssl report`, as a registry: each printer file registers its format
 * (the `--format` word, which is also the file extension, the printer, and the figure files it
 * needs beside the report), and src/render/index.ts loads each in one line. Adding a format is a
 * printer file with its registration and that line.
 *
 * Example: `getFormat('md').print(doc)` is the report as GitHub Markdown.
 */
import type { OutputFile } from '../io/safe-write.js';
import type { ReportDocument } from '../report/document.js';

export interface OutputFormat {
  /** The word after `--format`, and the report file's extension. */
  name: string;
  /** The report as one file. Printers only read the document. */
  print(doc: ReportDocument): string;
  /** The files the report refers to, written beside it (none when its figures are inline). */
  figures(doc: ReportDocument): OutputFile[];
  /** Lines to tell the user about the files written (e.g. a figure font that is not embedded). */
  notes?(): string[];
}

const registry = new Map<string, OutputFormat>();

export function registerFormat(format: OutputFormat): void {
  if (!/^[a-z][a-z0-9]{0,9}$/.test(format.name)) throw new Error(`format name ${JSON.stringify(format.name)}: expected lower-case letters and digits`);
  if (registry.has(format.name)) throw new Error(`format ${format.name} registered twice`);
  registry.set(format.name, format);
}

/** Every registered format, in registration order (the first is the default). */
export function allFormats(): OutputFormat[] {
  return [...registry.values()];
}

export function getFormat(name: string): OutputFormat | undefined {
  return registry.get(name);
}

/** The figure files of the report in one format. */
export function figureFiles(doc: ReportDocument, name: string): OutputFile[] {
  const format = registry.get(name);
  if (!format) throw new Error(`unknown format ${name}`);
  return format.figures(doc);
}
