/** The pure domain of the risk module: CVSS scoring and rescoring, the MITRE rubric, patient harm, SSVC. */

export * from './advisory-statement.ts';
export * from './assessment.ts';
export * from './cvss.ts';
export * from './cvss-metrics.ts';
export * from './exploitability.ts';
export * from './patient-harm.ts';
export * from './rubric.ts';
export * from './rubric-mapping.ts';
export * from './rubric-questions.ts';
export * from './ssvc.ts';
export * from './worklist-rank.ts';
