/**
 * Loads every procedure so it registers itself; import this module, not the files one by one.
 * To add a procedure: one new file beside these (see sg.ts) and its line here.
 */
import './gd.js';
import './sg.js';
import './ema.js';

export { type FieldRecipe, type Procedure, type ProcedureRole, FIELD_RECIPES, allProcedures, getProcedure, roleOf } from './procedure.js';
