export {
  evaluateObligations,
  obligationRules,
  parseObligationFacts,
  requiredContentOf,
} from './domain/obligations/index.ts';
export { registerIncidentsCommands } from './incidents.cli.ts';
export { incidentsJobs } from './incidents.jobs.ts';
export { incidentsRoutes } from './incidents.routes.ts';
export { obligationTasksRoutes } from './obligation-tasks.routes.ts';
export { registerObligationsCommands } from './obligations.cli.ts';
export { obligationsRoutes } from './obligations.routes.ts';
export { setIncidentFacts } from './service/facts.ts';
export { getIncident, listIncidents, recordIncident, updateIncident } from './service/incidents.ts';
export { incidentDisclosurePrefill } from './service/obligation-tasks.ts';
