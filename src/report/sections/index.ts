/** Loads every report section so it registers itself (see registry.ts for how to add one). */
import './model.js';
import './reading.js';
import './claims.js';
import './objective.js';
import './closed-forms.js';
import './procedures.js';
import './field.js';
import './jacobian.js';
import './curl.js';
import './equilibria.js';
import './collapse.js';
import './comparison.js';
import './trajectories.js';
import './simulation.js';
import './checks.js';

export { procedureSectionBuilders, registerProcedureSection, registerSection, sectionBuilders } from './registry.js';
