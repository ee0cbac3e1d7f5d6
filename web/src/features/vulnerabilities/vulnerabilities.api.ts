import {
  FindingSchema,
  NotificationSchema,
  PortfolioFindingSchema,
  type SetVexInput,
  VexImportResultSchema,
  VexStatementViewSchema,
  VulnerabilitySummarySchema,
  type vexExportFormats,
} from '@contracts/vulnerabilities/vulnerabilities.contracts.ts';
import { z } from 'zod';
import type { ApiClient } from '../../api/client.ts';

export interface VersionTarget {
  orgId: string;
  productId: string;
  versionId: string;
}

const versionPath = ({ orgId, productId, versionId }: VersionTarget) =>
  `/api/v1/orgs/${orgId}/products/${productId}/versions/${versionId}`;

export type FindingStatusFilter = 'open' | 'closed' | 'all';

const FindingListSchema = z.object({ items: z.array(FindingSchema) });

export async function listVersionFindings(
  api: ApiClient,
  target: VersionTarget,
  status: FindingStatusFilter,
  signal: AbortSignal,
) {
  return (await api.get(`${versionPath(target)}/findings`, FindingListSchema, { query: { status }, signal }))
    .items;
}

const WhereIsSchema = z.object({
  vulnerability: VulnerabilitySummarySchema,
  items: z.array(PortfolioFindingSchema),
});
export type WhereIsResult = z.infer<typeof WhereIsSchema>;
export type PortfolioFinding = z.infer<typeof PortfolioFindingSchema>;

/** "Where is CVE-X?" across the organisation's portfolio; a 404 problem when the id is unknown. */
export function findVulnerabilityInPortfolio(
  api: ApiClient,
  orgId: string,
  vulnerability: string,
  signal: AbortSignal,
) {
  return api.get(`/api/v1/orgs/${orgId}/findings`, WhereIsSchema, { query: { vulnerability }, signal });
}

const VexStatementSchema = VexStatementViewSchema.extend({ vulnerability: z.string() });
export type VexStatement = z.infer<typeof VexStatementSchema>;

export function setVexStatement(
  api: ApiClient,
  target: VersionTarget,
  vulnerability: string,
  input: SetVexInput,
) {
  return api.put(`${versionPath(target)}/vex/${encodeURIComponent(vulnerability)}`, VexStatementSchema, {
    body: input,
  });
}

export type VexExportFormat = (typeof vexExportFormats)[number];

/** A plain link: the browser downloads it with the session cookie. */
export function vexExportUrl(target: VersionTarget, format: VexExportFormat) {
  return `${versionPath(target)}/vex/export?format=${format}`;
}

/** Applies a VEX document (CycloneDX, CSAF or OpenVEX JSON, already parsed) to the version. */
export function importVexDocument(api: ApiClient, target: VersionTarget, document: Record<string, unknown>) {
  return api.post(`${versionPath(target)}/vex/import`, VexImportResultSchema, { body: document });
}

const NotificationListSchema = z.object({ items: z.array(NotificationSchema) });
export type Notification = z.infer<typeof NotificationSchema>;

export async function listNotifications(
  api: ApiClient,
  orgId: string,
  unreadOnly: boolean,
  signal: AbortSignal,
) {
  return (
    await api.get(`/api/v1/orgs/${orgId}/notifications`, NotificationListSchema, {
      query: { unread: String(unreadOnly) },
      signal,
    })
  ).items;
}

export function markNotificationRead(api: ApiClient, orgId: string, notificationId: string) {
  return api.postEmpty(`/api/v1/orgs/${orgId}/notifications/${notificationId}/read`);
}
