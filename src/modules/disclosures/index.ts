export { csafProviderRoutes } from './csaf-provider.routes.ts';
export { customerGrantsRoutes } from './customer-grants.routes.ts';
export { disclosuresJobs } from './disclosures.jobs.ts';
export { disclosuresRoutes } from './disclosures.routes.ts';
export { externalAdvisoriesRoutes } from './external-advisories.routes.ts';
export { publicDisclosuresRoutes } from './public-disclosures.routes.ts';
export { getPublicCsafDocument } from './service/csaf-provider.ts';
export {
  listExternalAdvisories,
  recordExternalCsafAdvisory,
} from './service/external-advisories.ts';
export { previewDisclosure } from './service/preview.ts';
export { getPublicDisclosure, listPublicDisclosures } from './service/public-records.ts';
export { publishDisclosure, publishDueDisclosures, withdrawDisclosure } from './service/publication.ts';
export {
  approveDisclosure,
  draftDisclosure,
  draftDisclosureFromIncident,
  getDisclosure,
  updateDisclosure,
} from './service/records.ts';
