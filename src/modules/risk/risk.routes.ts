import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import type { HttpApp } from '../../platform/http/build-http-app.ts';
import { actorOf } from '../../platform/http/request-actor.ts';
import { problemResponses } from '../../platform/http/route-schemas.ts';
import { organizationAccess } from '../../shared/access.ts';
import { OrganizationParamsSchema } from '../../shared/contract-helpers.ts';
import { rubricDataClasses, rubricQuestions } from './domain/index.ts';
import {
  AssessmentInputSchema,
  AssessmentResultsSchema,
  AssessmentRevisionSchema,
  AssessmentSchema,
  RiskAcceptanceInputSchema,
  RiskPairParamsSchema,
  RiskPairSchema,
  RiskProfileInputSchema,
  RiskProfileSchema,
  RiskSettingsInputSchema,
  RiskSettingsSchema,
  RubricSchema,
  TriageInputSchema,
  TriageSchema,
  VersionParamsSchema,
  WorklistQuerySchema,
  WorklistSchema,
} from './risk.contracts.ts';
import {
  getRiskPair,
  listAssessmentHistory,
  previewAssessment,
  saveAssessment,
} from './service/assessments.ts';
import type { PairTarget } from './service/risk-pair.ts';
import { getRiskSettings, loadRiskMethod, updateRiskSettings } from './service/risk-settings.ts';
import { removeRiskAcceptance, setRiskAcceptance, setTriage } from './service/triage.ts';
import { getVersionProfile, setVersionProfile } from './service/version-profile.ts';
import { buildWorklist } from './service/worklist.ts';

const member = organizationAccess('viewer');
const manufacturerEditor = organizationAccess('editor', ['manufacturer']);
const manufacturerAdmin = organizationAccess('admin', ['manufacturer']);
const pairPath = '/api/v1/orgs/:orgId/products/:productId/versions/:versionId/risk/:vulnerability';

const targetOf = (params: z.infer<typeof RiskPairParamsSchema>): PairTarget => ({
  organizationId: params.orgId,
  productId: params.productId,
  versionId: params.versionId,
  vulnerabilityRef: params.vulnerability,
});

export async function riskRoutes(app: HttpApp, options: { deps: Deps }): Promise<void> {
  const { deps } = options;
  const tags = ['risk'];

  app.get(
    '/api/v1/orgs/:orgId/worklist',
    {
      config: { access: member },
      schema: {
        tags,
        summary:
          'Open findings as (version, vulnerability) pairs ranked by patient-harm decision, SSVC, KEV, EPSS and fleet exposure',
        params: OrganizationParamsSchema,
        querystring: WorklistQuerySchema,
        response: { 200: WorklistSchema, ...problemResponses(400) },
      },
    },
    async (request) => buildWorklist(deps, request.params.orgId, request.query),
  );

  app.get(
    '/api/v1/orgs/:orgId/risk/rubric',
    {
      config: { access: member },
      schema: {
        tags,
        summary: "The medical-device rubric's questions and the organisation's answer→value mapping label",
        params: OrganizationParamsSchema,
        response: { 200: RubricSchema, ...problemResponses(400) },
      },
    },
    async (request) => {
      const method = await loadRiskMethod(deps.db, request.params.orgId);
      return {
        questions: rubricQuestions.map((q) => ({ ...q })),
        dataClasses: { ...rubricDataClasses },
        mapping: { label: method.rubricMapping.label, confirmed: method.rubricMapping.confirmed },
      };
    },
  );

  app.get(
    '/api/v1/orgs/:orgId/risk/settings',
    {
      config: { access: member },
      schema: {
        tags,
        summary: 'The risk method: rubric mapping, control matrix and remediation SLA (defaults labelled)',
        params: OrganizationParamsSchema,
        response: { 200: RiskSettingsSchema, ...problemResponses(400) },
      },
    },
    async (request) => getRiskSettings(deps, request.params.orgId),
  );

  app.put(
    '/api/v1/orgs/:orgId/risk/settings',
    {
      config: { access: manufacturerAdmin },
      schema: {
        tags,
        summary: 'Replace parts of the risk method (null: back to the default)',
        params: OrganizationParamsSchema,
        body: RiskSettingsInputSchema,
        response: { 200: RiskSettingsSchema, ...problemResponses(400) },
      },
    },
    async (request) => updateRiskSettings(deps, actorOf(request), request.params.orgId, request.body),
  );

  const versionTarget = (params: z.infer<typeof VersionParamsSchema>) => ({
    organizationId: params.orgId,
    productId: params.productId,
    versionId: params.versionId,
  });

  app.get(
    '/api/v1/orgs/:orgId/products/:productId/versions/:versionId/risk-profile',
    {
      config: { access: member },
      schema: {
        tags,
        summary:
          "The version's exposure as deployed (CVSS environmental metrics every assessment starts from)",
        params: VersionParamsSchema,
        response: { 200: RiskProfileSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => getVersionProfile(deps, versionTarget(request.params)),
  );

  app.put(
    '/api/v1/orgs/:orgId/products/:productId/versions/:versionId/risk-profile',
    {
      config: { access: manufacturerEditor },
      schema: {
        tags,
        summary: "Set the version's exposure profile (audited)",
        params: VersionParamsSchema,
        body: RiskProfileInputSchema,
        response: { 200: RiskProfileSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => setVersionProfile(deps, actorOf(request), versionTarget(request.params), request.body),
  );

  app.get(
    pairPath,
    {
      config: { access: member },
      schema: {
        tags,
        summary: 'One vulnerability in one product version: intelligence, components, assessment, triage',
        params: RiskPairParamsSchema,
        response: { 200: RiskPairSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => getRiskPair(deps, targetOf(request.params)),
  );

  app.post(
    `${pairPath}/preview`,
    {
      config: { access: member },
      schema: {
        tags,
        summary: 'Compute an assessment without saving it (the live score of the form)',
        params: RiskPairParamsSchema,
        body: AssessmentInputSchema,
        response: { 200: AssessmentResultsSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => previewAssessment(deps, targetOf(request.params), request.body),
  );

  app.put(
    `${pairPath}/assessment`,
    {
      config: { access: manufacturerEditor },
      schema: {
        tags,
        summary: 'Record an assessment: a new revision, computed by the server, audited',
        params: RiskPairParamsSchema,
        body: AssessmentInputSchema,
        response: { 200: AssessmentSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => saveAssessment(deps, actorOf(request), targetOf(request.params), request.body),
  );

  app.get(
    `${pairPath}/history`,
    {
      config: { access: member },
      schema: {
        tags,
        summary: "Every revision of the pair's assessment, newest first",
        params: RiskPairParamsSchema,
        response: {
          200: z.object({ items: z.array(AssessmentRevisionSchema) }),
          ...problemResponses(400, 404),
        },
      },
    },
    async (request) => ({ items: await listAssessmentHistory(deps, targetOf(request.params)) }),
  );

  app.put(
    `${pairPath}/triage`,
    {
      config: { access: manufacturerEditor },
      schema: {
        tags,
        summary:
          'Set the triage state (not_affected needs a VEX justification and records the VEX statement)',
        params: RiskPairParamsSchema,
        body: TriageInputSchema,
        response: { 200: TriageSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => setTriage(deps, actorOf(request), targetOf(request.params), request.body),
  );

  app.put(
    `${pairPath}/acceptance`,
    {
      config: { access: manufacturerAdmin },
      schema: {
        tags,
        summary: 'Accept the risk until a date, with a reason and the compensating controls relied on',
        params: RiskPairParamsSchema,
        body: RiskAcceptanceInputSchema,
        response: { 200: TriageSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => setRiskAcceptance(deps, actorOf(request), targetOf(request.params), request.body),
  );

  app.delete(
    `${pairPath}/acceptance`,
    {
      config: { access: manufacturerAdmin },
      schema: {
        tags,
        summary: 'Withdraw a risk acceptance',
        params: RiskPairParamsSchema,
        response: { 200: TriageSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => removeRiskAcceptance(deps, actorOf(request), targetOf(request.params)),
  );
}
