export { type PublicationInput, type PublicRecord, publicRecordDigest } from './domain/statement.ts';
export { type AppendedEntry, appendPublication } from './service/append.ts';
export type { PublishedRecords } from './service/check-log.ts';
export { registerTranslogCommands } from './translog.cli.ts';
export { translogJobs } from './translog.jobs.ts';
export { translogRoutes } from './translog.routes.ts';
