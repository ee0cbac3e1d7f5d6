export type { Advisory } from './domain/advisory-model.ts';
export { registerFeedSourcesCommands } from './feed-sources.cli.ts';
export { feedSourcesRoutes } from './feed-sources.routes.ts';
export { loadVulnerabilities } from './service/findings.ts';
export { importAdvisoryBatch } from './service/import-advisories.ts';
export type { CsafProviderOptions } from './service/import-csaf-provider.ts';
export {
  type CsafDocumentHook,
  type FeedImportReport,
  type FeedRejection,
  type ImportFeedOptions,
  importFeed,
  rematchAfterAdvisoryChanges,
} from './service/import-feed.ts';
export { matchProductVersions } from './service/match-product-versions.ts';
export { type OrganizationNotice, postOrganizationNotices } from './service/notifications.ts';
export { listOpenFindingPairs, type OpenFindingPair } from './service/open-findings.ts';
export { resolveVulnerability, setVexStatement } from './service/vex.ts';
export { vulnerabilitySettingsRoutes } from './settings.routes.ts';
export {
  registerVulnerabilitiesCommands,
  type VulnerabilitiesCommandHooks,
} from './vulnerabilities.cli.ts';
export { vulnerabilitiesJobs } from './vulnerabilities.jobs.ts';
export { vulnerabilitiesRoutes } from './vulnerabilities.routes.ts';
