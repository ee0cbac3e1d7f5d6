import {
  type CreateIncidentInput,
  type Incident,
  IncidentSchema,
} from '@contracts/incidents/incidents.contracts.ts';
import { orgCollection } from '../../api/org-collection.ts';

const incidents = orgCollection<Incident, CreateIncidentInput>('incidents', IncidentSchema, 50);

export const listIncidents = incidents.list;
export const recordIncident = incidents.create;
