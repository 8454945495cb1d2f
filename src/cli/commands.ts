/** Loads every command so it registers itself. */
import './check.js';
import './derive.js';
import './verify.js';
import './report.js';
