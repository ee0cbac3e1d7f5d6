import { type Incident, incidentKinds, incidentStatuses } from '@contracts/incidents/incidents.contracts.ts';

/** How incidents' kinds and statuses read, and the badge tone of each status. */
export const incidentKindText: Record<Incident['kind'], string> = {
  unauthorized_access: 'Unauthorized access',
  data_breach: 'Data breach',
  ransomware: 'Ransomware',
  malware: 'Malware',
  denial_of_service: 'Denial of service',
  exploited_vulnerability: 'Exploited vulnerability',
  device_tampering: 'Device tampering',
  supply_chain: 'Supply chain',
};

export const incidentStatusText: Record<Incident['status'], string> = {
  triage: 'Triage',
  assessing: 'Assessing',
  reporting: 'Reporting',
  monitoring: 'Monitoring',
  closed: 'Closed',
};

export const incidentStatusTone = {
  triage: 'caution',
  assessing: 'caution',
  reporting: 'caution',
  monitoring: 'info',
  closed: 'neutral',
} as const;

export const incidentKindOptions = incidentKinds.map((kind) => ({
  value: kind,
  label: incidentKindText[kind],
}));
export const incidentStatusOptions = incidentStatuses.map((status) => ({
  value: status,
  label: incidentStatusText[status],
}));
