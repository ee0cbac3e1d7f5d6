import {
  type customerTlpLabels,
  type Disclosure,
  type DisclosureContentInput,
  type productStatuses,
  type remediationCategories,
  type UpdateDisclosureInput,
  UpdateDisclosureInputSchema,
  type vexJustifications,
} from '@contracts/disclosures/disclosures.contracts.ts';
import type { z } from 'zod';
import { isApiError } from '../../api/client.ts';
import { fromLocalInput, toLocalInput } from '../incidents/date-input.ts';

/**
 * The editor's state: the record's fields as the form holds them (text for what may be empty, one
 * row per list item with a stable key), and the conversions to and from the API's contract.
 */

export type ProductStatus = (typeof productStatuses)[number];
export type VexJustification = (typeof vexJustifications)[number];
export type RemediationCategory = (typeof remediationCategories)[number];

export interface StatusRow {
  key: string;
  productVersionId: string;
  status: ProductStatus;
  justification: VexJustification | '';
  impact: string;
}

export interface VulnerabilityValues {
  key: string;
  cve: string;
  title: string;
  description: string;
  cweId: string;
  cweName: string;
  cvssV3: string;
  cvssV4: string;
  /** Other identifiers: kept as they are (the form does not edit them). */
  ids: { systemName: string; text: string }[];
  productStatus: StatusRow[];
}

export interface RemediationValues {
  key: string;
  category: RemediationCategory;
  details: string;
  productVersionIds: string[];
  cves: string[];
  fixedVersionId: string;
  url: string;
}

export interface AcknowledgementValues {
  key: string;
  /** Names separated by commas. */
  names: string;
  organization: string;
  summary: string;
}

export interface ReferenceValues {
  key: string;
  url: string;
  summary: string;
}

export interface IncidentValues {
  whatHappened: string;
  impactOnSafety: string;
  impactOnPrivacy: string;
  impactOnPerformance: string;
  userActions: string;
}

export interface EditorValues {
  kind: Disclosure['kind'];
  title: string;
  summary: string;
  body: string;
  severity: Disclosure['severity'];
  tlp: Disclosure['tlp'];
  productIds: string[];
  productVersionIds: string[];
  vulnerabilities: VulnerabilityValues[];
  remediations: RemediationValues[];
  patientHarm: string;
  /** One control per line. */
  compensatingControls: string;
  acknowledgements: AcknowledgementValues[];
  references: ReferenceValues[];
  incident: IncidentValues;
  hasCustomer: boolean;
  customerTlp: (typeof customerTlpLabels)[number];
  customerDetails: string;
  /** `datetime-local` text in the user's zone; '' for no embargo. */
  embargoUntil: string;
  revisionSummary: string;
}

let keyCounter = 0;
/** A key for a new row, unique for the page's life. */
export const newKey = () => `row-${++keyCounter}`;

export const emptyIncident: IncidentValues = {
  whatHappened: '',
  impactOnSafety: '',
  impactOnPrivacy: '',
  impactOnPerformance: '',
  userActions: '',
};

export function newVulnerability(): VulnerabilityValues {
  return {
    key: newKey(),
    cve: '',
    title: '',
    description: '',
    cweId: '',
    cweName: '',
    cvssV3: '',
    cvssV4: '',
    ids: [],
    productStatus: [],
  };
}

export function newStatusRow(productVersionId: string): StatusRow {
  return { key: newKey(), productVersionId, status: 'known_affected', justification: '', impact: '' };
}

export function newRemediation(productVersionIds: string[]): RemediationValues {
  return {
    key: newKey(),
    category: 'vendor_fix',
    details: '',
    productVersionIds,
    cves: [],
    fixedVersionId: '',
    url: '',
  };
}

export function valuesOf(disclosure: Disclosure): EditorValues {
  const { content } = disclosure;
  return {
    kind: disclosure.kind,
    title: disclosure.title,
    summary: disclosure.summary,
    body: disclosure.body,
    severity: disclosure.severity,
    tlp: disclosure.tlp,
    productIds: [...disclosure.productIds],
    productVersionIds: [...disclosure.productVersionIds],
    vulnerabilities: content.vulnerabilities.map((vulnerability) => ({
      key: newKey(),
      cve: vulnerability.cve ?? '',
      title: vulnerability.title,
      description: vulnerability.description,
      cweId: vulnerability.cwe?.id ?? '',
      cweName: vulnerability.cwe?.name ?? '',
      cvssV3: vulnerability.cvssV3 ?? '',
      cvssV4: vulnerability.cvssV4 ?? '',
      ids: vulnerability.ids,
      productStatus: vulnerability.productStatus.map((entry) => ({
        key: newKey(),
        productVersionId: entry.productVersionId,
        status: entry.status,
        justification: entry.justification ?? '',
        impact: entry.impact,
      })),
    })),
    remediations: content.remediations.map((remediation) => ({
      key: newKey(),
      category: remediation.category,
      details: remediation.details,
      productVersionIds: [...remediation.productVersionIds],
      cves: [...remediation.cves],
      fixedVersionId: remediation.fixedVersionId ?? '',
      url: remediation.url ?? '',
    })),
    patientHarm: content.patientHarm,
    compensatingControls: content.compensatingControls.join('\n'),
    acknowledgements: content.acknowledgements.map((acknowledgement) => ({
      key: newKey(),
      names: acknowledgement.names.join(', '),
      organization: acknowledgement.organization ?? '',
      summary: acknowledgement.summary ?? '',
    })),
    references: content.references.map((reference) => ({ key: newKey(), ...reference })),
    incident: content.incident ? { ...content.incident } : { ...emptyIncident },
    hasCustomer: content.customer !== null,
    customerTlp: content.customer?.tlp ?? 'AMBER',
    customerDetails: content.customer?.details ?? '',
    embargoUntil: toLocalInput(disclosure.embargoUntil),
    revisionSummary: disclosure.revisionSummary,
  };
}

const orNull = (text: string) => (text.trim() ? text.trim() : null);
const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** What the form holds, in the contract's shape (before the contract's own checks). */
export function inputOf(values: EditorValues): Record<string, unknown> {
  const content: DisclosureContentInput = {
    vulnerabilities: values.vulnerabilities.map((vulnerability) => ({
      cve: orNull(vulnerability.cve),
      ids: vulnerability.ids,
      title: vulnerability.title,
      description: vulnerability.description,
      cwe:
        vulnerability.cweId.trim() || vulnerability.cweName.trim()
          ? { id: vulnerability.cweId.trim(), name: vulnerability.cweName }
          : null,
      cvssV3: orNull(vulnerability.cvssV3),
      cvssV4: orNull(vulnerability.cvssV4),
      productStatus: vulnerability.productStatus.map((row) => ({
        productVersionId: row.productVersionId,
        status: row.status,
        justification: row.status === 'known_not_affected' && row.justification ? row.justification : null,
        impact: row.status === 'known_not_affected' ? row.impact : '',
      })),
    })),
    remediations: values.remediations.map((remediation) => ({
      category: remediation.category,
      details: remediation.details,
      productVersionIds: remediation.productVersionIds,
      cves: remediation.cves,
      fixedVersionId:
        remediation.category === 'vendor_fix' && remediation.fixedVersionId
          ? remediation.fixedVersionId
          : null,
      url: orNull(remediation.url),
    })),
    patientHarm: values.patientHarm,
    compensatingControls: lines(values.compensatingControls),
    acknowledgements: values.acknowledgements.map((acknowledgement) => ({
      names: acknowledgement.names
        .split(/[,\n]/)
        .map((name) => name.trim())
        .filter(Boolean),
      organization: orNull(acknowledgement.organization),
      summary: orNull(acknowledgement.summary),
    })),
    references: values.references.map(({ url, summary }) => ({ url: url.trim(), summary })),
    incident: values.kind === 'incident_notice' ? values.incident : null,
    customer: values.hasCustomer ? { tlp: values.customerTlp, details: values.customerDetails } : null,
  };
  return {
    kind: values.kind,
    title: values.title,
    summary: values.summary,
    body: values.body,
    severity: values.severity,
    tlp: values.tlp,
    productIds: values.productIds,
    productVersionIds: values.productVersionIds,
    content,
    embargoUntil: values.embargoUntil ? fromLocalInput(values.embargoUntil) : null,
    revisionSummary: values.revisionSummary,
  };
}

/** Messages by dotted field path (`content.vulnerabilities.0.cve`), as the controls look them up. */
export type FieldErrors = ReadonlyMap<string, string>;

export type Checked = { ok: true; input: UpdateDisclosureInput } | { ok: false; errors: FieldErrors };

/** The form against the contract the server applies. */
export function checkValues(values: EditorValues): Checked {
  const result = UpdateDisclosureInputSchema.safeParse(inputOf(values));
  if (result.success) return { ok: true, input: result.data };
  const errors = new Map<string, string>();
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    if (!errors.has(path)) errors.set(path, friendly(issue));
  }
  return { ok: false, errors };
}

function friendly(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small' && Number(issue.minimum) === 1) {
    return issue.origin === 'array' ? 'Choose at least one.' : 'Required.';
  }
  if (issue.code === 'too_big' && issue.origin === 'string')
    return `At most ${String(issue.maximum)} characters.`;
  return issue.message;
}

/** The server's field errors (`body.content.…`), keyed as `checkValues` keys them. */
export function errorsOfProblem(error: unknown): FieldErrors {
  const errors = new Map<string, string>();
  if (!isApiError(error)) return errors;
  for (const issue of error.problem.errors ?? []) {
    const path = issue.path.replace(/^body[./]/, '').replaceAll('/', '.');
    if (!errors.has(path)) errors.set(path, issue.message);
  }
  return errors;
}

/** JSON with sorted keys, so two equal values compare equal whatever order their keys came in. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

/** The top-level fields whose value differs from the saved record's (what a save sends). */
export function changedFields(values: EditorValues, saved: EditorValues): Record<string, unknown> {
  const now = inputOf(values);
  const before = inputOf(saved);
  return Object.fromEntries(
    Object.entries(now).filter(([key, value]) => stableJson(value) !== stableJson(before[key])),
  );
}
