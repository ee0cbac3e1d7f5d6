/** The risk module's public surface: the pure domain API (see domain/index.ts) and its CLI commands. */
export * from './domain/index.ts';
export { cvssScoreJson, registerRiskCommands } from './risk.cli.ts';
export { riskRoutes } from './risk.routes.ts';
export { saveAssessment } from './service/assessments.ts';
export { riskDecisionFacts } from './service/risk-facts.ts';
export { setVersionProfile } from './service/version-profile.ts';
