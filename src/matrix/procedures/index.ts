/**
 * The matrix-level field derivations, one per way of making a field from F (the `recipe` of
 * src/procedures/procedure.ts); a procedure names the one it uses in its registration.
 */
export { identifyThenDifferentiateMatrix } from './identify-then-differentiate.js';
export { differentiateThenIdentifyMatrix } from './differentiate-then-identify.js';
export { movingAverageMatrix } from './moving-average.js';
export type { FieldBlock, FieldDerivation } from './common.js';
