/** Loads every command so it registers itself. */
import './check.js';
import './derive.js';
