/** Loads every matrix-level field derivation so it registers itself. */
import './gd.js';
import './sg.js';
import './ema.js';

export { type FieldBlock, type FieldDerivation, getMatrixProcedure } from './common.js';
