export type { Advisory } from './domain/advisory-model.ts';
export { importAdvisoryBatch } from './service/import-advisories.ts';
export { importFeed, rematchAfterAdvisoryChanges } from './service/import-feed.ts';
export { matchProductVersions } from './service/match-product-versions.ts';
export { registerVulnerabilitiesCommands } from './vulnerabilities.cli.ts';
export { vulnerabilitiesJobs } from './vulnerabilities.jobs.ts';
export { vulnerabilitiesRoutes } from './vulnerabilities.routes.ts';
