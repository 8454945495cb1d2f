/** Loads every procedure so it registers itself; import this module, not the files one by one. */
import './gd.js';
import './sg.js';
import './ema.js';

export { getProcedure, type Procedure } from './procedure.js';
