import type { Deps } from '../../platform/deps.ts';
import type { HttpApp } from '../../platform/http/build-http-app.ts';
import { actorOf } from '../../platform/http/request-actor.ts';
import { problemResponses } from '../../platform/http/route-schemas.ts';
import { organizationAccess } from '../../shared/access.ts';
import { OrganizationParamsSchema } from '../../shared/contract-helpers.ts';
import { getVulnerabilitySettings, updateVulnerabilitySettings } from './service/settings.ts';
import {
  UpdateVulnerabilitySettingsInputSchema,
  VulnerabilitySettingsViewSchema,
} from './settings.contracts.ts';

/** The organisation's vulnerability settings: name matching and the addresses notices are e-mailed to. */
export async function vulnerabilitySettingsRoutes(app: HttpApp, options: { deps: Deps }): Promise<void> {
  const { deps } = options;
  const tags = ['vulnerabilities'];
  const emailDelivery = deps.config.smtpUrl !== null;

  app.get(
    '/api/v1/orgs/:orgId/vulnerability-settings',
    {
      config: { access: organizationAccess('viewer') },
      schema: {
        tags,
        summary: "The organisation's vulnerability settings (defaults until an admin changes them)",
        params: OrganizationParamsSchema,
        response: { 200: VulnerabilitySettingsViewSchema, ...problemResponses() },
      },
    },
    async (request) => ({ ...(await getVulnerabilitySettings(deps, request.params.orgId)), emailDelivery }),
  );

  app.put(
    '/api/v1/orgs/:orgId/vulnerability-settings',
    {
      config: { access: organizationAccess('admin') },
      schema: {
        tags,
        summary:
          'Change name matching and/or the notice e-mail addresses (at most 10); fields left out are kept',
        params: OrganizationParamsSchema,
        body: UpdateVulnerabilitySettingsInputSchema,
        response: { 200: VulnerabilitySettingsViewSchema, ...problemResponses() },
      },
    },
    async (request) => ({
      ...(await updateVulnerabilitySettings(deps, actorOf(request), request.params.orgId, request.body)),
      emailDelivery,
    }),
  );
}
