/**
 * Loads every report printer so it registers its format (formats.ts); the first is the default.
 * To add a format: a printer file that calls `registerFormat`, and its line here.
 */
import './latex.js';
import './html.js';
import './markdown.js';
import './json.js';

export { type OutputFormat, allFormats, figureFiles, getFormat } from './formats.js';
