/**
 * A toy procedure for the registry test: the stop-gradient field again, under another name and
 * with words of its own. It is what a contributor writes to add a procedure — this one file and
 * its import (the registry line) — and nothing else in ncssl changes.
 */
import { onlineRates, onlineState } from '../../../src/procedures/common.js';
import { registerProcedure } from '../../../src/procedures/procedure.js';

registerProcedure({
  name: 'mirror-sg',
  recipe: 'differentiate-then-identify',
  words: {
    label: 'MSG',
    title: 'mirrored stop gradient (registry test)',
    rule: 'the stop-gradient rule, registered a second time',
    how: 'the mirrored gradients of $F(A, B, T)$, target held fixed, at $T = A$',
    field: 'The mirrored field takes the gradients of $F$ at $T = A$',
  },
  state: onlineState,
  rates: onlineRates,
  field: ({ onlineFieldAtTheta }) => onlineFieldAtTheta(),
});
