export { incidentsRoutes } from './incidents.routes.ts';
export { getIncident, listIncidents, recordIncident } from './incidents.service.ts';
