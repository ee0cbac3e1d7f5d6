import {
  type UpdateVulnerabilitySettingsInput,
  VulnerabilitySettingsViewSchema,
} from '@contracts/vulnerabilities/settings.contracts.ts';
import { z } from 'zod';
import type { ApiClient } from '../../api/client.ts';

export type VulnerabilitySettings = z.infer<typeof VulnerabilitySettingsViewSchema>;

const settingsPath = (orgId: string) => `/api/v1/orgs/${orgId}/vulnerability-settings`;
const webhookPath = (orgId: string) => `/api/v1/orgs/${orgId}/webhook`;

export function getVulnerabilitySettings(api: ApiClient, orgId: string, signal: AbortSignal) {
  return api.get(settingsPath(orgId), VulnerabilitySettingsViewSchema, { signal });
}

/** Changes the fields given and keeps the others (admins only). */
export function updateVulnerabilitySettings(
  api: ApiClient,
  orgId: string,
  patch: UpdateVulnerabilitySettingsInput,
) {
  return api.put(settingsPath(orgId), VulnerabilitySettingsViewSchema, { body: patch });
}

const WebhookSchema = z.object({
  configured: z.boolean(),
  url: z.string().nullable(),
  lastDeliveryAt: z.string().nullable(),
  lastDeliveryStatus: z.string().nullable(),
});
export type Webhook = z.infer<typeof WebhookSchema>;

/** The organisation's webhook, never its secret (admins only). */
export function getWebhook(api: ApiClient, orgId: string, signal: AbortSignal) {
  return api.get(webhookPath(orgId), WebhookSchema, { signal });
}

/** Sets or replaces the webhook; the answer holds the signing secret, which is never shown again. */
export function setWebhook(api: ApiClient, orgId: string, url: string) {
  return api.put(webhookPath(orgId), z.object({ url: z.string(), secret: z.string() }), { body: { url } });
}

/** Stops the webhook. */
export function deleteWebhook(api: ApiClient, orgId: string): Promise<void> {
  return api.deleteEmpty(webhookPath(orgId));
}
