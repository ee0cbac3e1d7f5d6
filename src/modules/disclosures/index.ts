export { disclosuresRoutes } from './disclosures.routes.ts';
export {
  approveDisclosure,
  draftDisclosure,
  getPublicDisclosure,
  listPublicDisclosures,
  publishDisclosure,
} from './disclosures.service.ts';
