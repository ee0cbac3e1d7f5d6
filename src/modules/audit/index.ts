export { registerAuditCommands } from './audit.cli.ts';
export { auditJobs, verifyAuditChainJob } from './audit.jobs.ts';
export { auditRoutes } from './audit.routes.ts';
export {
  type AuditEntry,
  listAuditEventsForOrganization,
  recordAuditEvent,
  verifyAuditChain,
} from './audit.service.ts';
export type { ChainVerification } from './domain/hash-chain.ts';
