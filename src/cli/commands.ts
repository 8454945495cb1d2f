/**
 * Registers every command: name, help and options only (the `*-command.ts` files import nothing
 * heavy); each implementation is imported when its command runs.
 */
import './check-command.js';
import './derive-command.js';
import './verify-command.js';
import './report-command.js';
import './prove-command.js';
import './simulate-command.js';
import './export-command.js';
