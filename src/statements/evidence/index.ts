/**
 * The evidence kinds a statement can name (registry.ts): one line each. The order is the order
 * the user's guide lists them in.
 */
import './gradient.js';
import './collapses.js';
import './stable-equilibria.js';
import './conserves.js';
import './avoids-collapse.js';
import './claim.js';

export { type EvidenceKind, allEvidence, getEvidence } from './registry.js';
