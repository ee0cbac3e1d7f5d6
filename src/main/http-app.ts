import { accountsRoutes, createAccessControl } from '../modules/accounts/index.ts';
import { auditRoutes } from '../modules/audit/index.ts';
import { devicesRoutes } from '../modules/devices/index.ts';
import {
  csafProviderRoutes,
  customerGrantsRoutes,
  disclosuresRoutes,
  externalAdvisoriesRoutes,
  publicDisclosuresRoutes,
} from '../modules/disclosures/index.ts';
import { incidentsRoutes, obligationsRoutes, obligationTasksRoutes } from '../modules/incidents/index.ts';
import { riskRoutes } from '../modules/risk/index.ts';
import { translogRoutes } from '../modules/translog/index.ts';
import {
  feedSourcesRoutes,
  vulnerabilitiesRoutes,
  vulnerabilitySettingsRoutes,
} from '../modules/vulnerabilities/index.ts';
import type { Deps } from '../platform/deps.ts';
import { buildHttpApp, type HttpApp } from '../platform/http/build-http-app.ts';
import { checkReadiness } from './deps.ts';

/** The whole HTTP surface: platform plumbing plus every module's routes. */
export function createHttpApp(deps: Deps): Promise<HttpApp> {
  return buildHttpApp({
    config: deps.config,
    db: deps.db,
    logger: deps.logger,
    accessControl: createAccessControl(deps),
    checkReadiness: () => checkReadiness(deps),
    async registerRoutes(app) {
      await app.register(accountsRoutes, { deps });
      await app.register(auditRoutes, { deps });
      await app.register(devicesRoutes, { deps });
      await app.register(incidentsRoutes, { deps });
      await app.register(obligationTasksRoutes, { deps });
      await app.register(obligationsRoutes, { deps });
      await app.register(disclosuresRoutes, { deps });
      await app.register(publicDisclosuresRoutes, { deps });
      await app.register(csafProviderRoutes, { deps });
      await app.register(customerGrantsRoutes, { deps });
      await app.register(externalAdvisoriesRoutes, { deps });
      await app.register(vulnerabilitiesRoutes, { deps });
      await app.register(feedSourcesRoutes, { deps });
      await app.register(vulnerabilitySettingsRoutes, { deps });
      await app.register(riskRoutes, { deps });
      await app.register(translogRoutes, { deps });
    },
  });
}
