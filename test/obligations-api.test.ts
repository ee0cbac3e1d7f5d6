import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/shared/clock.ts';
import { createTestOrganization, signInHeaders } from './factories/accounts.ts';
import { createTestApp } from './support/test-deps.ts';

/** POST /api/v1/obligations/evaluate: the engine over HTTP for anyone signed in; nothing is stored. */
const facts = {
  awareAt: '2026-03-06T16:30:00-05:00',
  manufacturer: {
    timezone: 'America/New_York',
    secRegistrant: false,
    nis2: 'important',
    isaoMember: true,
    hipaaRole: 'none',
    gdprRole: 'none',
    euMainEstablishment: 'DE',
  },
  product: { regulatedAsMedicalDevice: true, markets: ['US', 'DE'] },
  event: {
    patientHarm: 'death',
    seriousPublicHealthThreat: false,
    occurredIn: ['DE'],
    activelyExploitedVulnerability: false,
    severeIncidentAffectingProductSecurity: false,
    nis2SignificantIncident: true,
    remedialActionToPreventSubstantialHarm: false,
    personalDataBreach: null,
    materialityDeterminedAt: null,
    fda: { riskControlled: true, correctionInitiatedAt: null, seriousAdverseEventKnown: false },
  },
};

let harness: Awaited<ReturnType<typeof createTestApp>>;
let headers: Record<string, string>;

beforeAll(async () => {
  harness = await createTestApp({ clock: fixedClock(new Date('2026-03-08T09:00:00Z')) });
  // A hospital's viewer: no manufacturer role needed, the route is a planning tool for anyone signed in.
  const hospital = await createTestOrganization(harness.deps, 'hdo');
  headers = { ...(await signInHeaders(harness.app, hospital.users.viewer.email)) };
});
afterAll(async () => harness?.close());

function evaluate(body: unknown, extra: Record<string, string> = headers) {
  return harness.app.inject({
    method: 'POST',
    url: '/api/v1/obligations/evaluate',
    headers: extra,
    payload: body as object,
  });
}

describe('POST /api/v1/obligations/evaluate', () => {
  it('returns the evaluation of the facts (200)', async () => {
    const response = await evaluate(facts);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    const byKey = Object.fromEntries(body.obligations.map((o: { key: string }) => [o.key, o]));
    // Death in DE: 10 days after Fri 6 Mar (22:30 CET) → Mon 16 Mar.
    expect(byKey['eu-mdr-serious-incident:DE']).toMatchObject({
      id: 'eu-mdr-serious-incident',
      jurisdiction: 'DE',
      dueAt: '2026-03-16T23:59:59+01:00',
      dueDate: '2026-03-16',
      confirmed: true,
      public: false,
    });
    // Day 0 Fri 6 Mar + 30 → Sun 5 Apr (EDT).
    expect(byKey['fda-803-30d'].dueAt).toBe('2026-04-05T23:59:59-04:00');
    // The final report anchors on the server clock (8 Mar 10:00 CET) while the notification is not filed.
    expect(byKey['nis2-final-1m']).toMatchObject({ dueAt: '2026-04-08T23:59:59+02:00', provisional: true });
    expect(body.notApplicable).toContainEqual({
      id: 'sec-8k-item-1-05',
      reason: 'The manufacturer is not an SEC registrant filing Form 8-K.',
    });
  });

  it('keeps extra fields of the facts', async () => {
    const response = await evaluate({ ...facts, incidentRef: 'INC-7', event: { ...facts.event, note: 'x' } });
    expect(response.statusCode, response.body).toBe(200);
  });

  it('answers 400 problem+json with the field paths of bad facts', async () => {
    const response = await evaluate({
      ...facts,
      awareAt: '2026-03-06 16:30',
      event: { ...facts.event, patientHarm: 'bruise', occurredIn: 'DE' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem).toMatchObject({ status: 400, code: 'invalid' });
    const paths = problem.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['body.awareAt', 'body.event.patientHarm', 'body.event.occurredIn']),
    );
  });

  it('answers 400 for a cross-field error', async () => {
    const response = await evaluate({
      ...facts,
      event: { ...facts.event, materialityDeterminedAt: '2026-03-01T10:00:00Z' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toContainEqual({
      path: 'body.event.materialityDeterminedAt',
      message: 'must not be before awareAt',
    });
  });

  it('refuses anonymous callers (401)', async () => {
    const response = await evaluate(facts, {});
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});
