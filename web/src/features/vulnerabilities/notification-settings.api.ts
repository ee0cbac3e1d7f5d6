import {
  type UpdateVulnerabilitySettingsInput,
  VulnerabilitySettingsViewSchema,
} from '@contracts/vulnerabilities/settings.contracts.ts';
import { ProblemSchema } from '@shared/contract-helpers.ts';
import { z } from 'zod';
import { type ApiClient, ApiError } from '../../api/client.ts';

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

/**
 * Stops the webhook. The fetch client has no DELETE, so this sends it itself, with the same CSRF
 * header and the same ApiError on failure.
 */
export async function deleteWebhook(orgId: string, csrfToken: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(webhookPath(orgId), {
      method: 'DELETE',
      headers: { accept: 'application/json', 'x-csrf-token': csrfToken },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      code: 'network',
      detail: 'Candor could not be reached. Check your connection and try again.',
    });
  }
  if (response.ok) return;
  const problem = ProblemSchema.safeParse(await response.json().catch(() => undefined));
  throw new ApiError(
    problem.success
      ? problem.data
      : {
          type: 'about:blank',
          title: response.statusText || 'Request failed',
          status: response.status,
          code: response.status >= 500 ? 'internal' : 'unknown',
          detail: `The server answered ${response.status}.`,
        },
  );
}
