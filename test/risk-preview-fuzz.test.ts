import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rubricQuestions } from '../src/modules/risk/index.ts';
import { importFeed } from '../src/modules/vulnerabilities/index.ts';
import { createTestOrganization, type SessionHeaders, signInHeaders } from './factories/accounts.ts';
import { createTestApp } from './support/test-deps.ts';

/**
 * Bad input never makes the assessment preview fail with a 500: a few hundred seeded random forms,
 * valid and invalid, answered with 200 or a 4xx problem.
 */
const fixtures = (path: string) => fileURLToPath(new URL(`./fixtures/${path}`, import.meta.url));
let harness: Awaited<ReturnType<typeof createTestApp>>;
let editor: SessionHeaders;
let path: string;

beforeAll(async () => {
  harness = await createTestApp();
  const org = await createTestOrganization(harness.deps, 'manufacturer');
  editor = await signInHeaders(harness.app, org.users.editor.email);
  const base = `/api/v1/orgs/${org.organization.id}`;
  const post = (url: string, payload: object | Buffer, type = 'application/json') =>
    harness.app.inject({
      method: 'POST',
      url: `${base}${url}`,
      headers: { ...editor, 'content-type': type },
      payload,
    });
  const productId = (await post('/products', { name: 'Pump' })).json().id;
  const versionId = (await post(`/products/${productId}/versions`, { label: '1.0' })).json().id;
  await post(
    `/products/${productId}/versions/${versionId}/sboms`,
    readFileSync(fixtures('sbom/medical-device-narrow.cdx-1.4.json')),
  );
  await importFeed(harness.deps, 'nvd', fixtures('nvd'));
  path = `${base}/products/${productId}/versions/${versionId}/risk/CVE-2022-39173/preview`;
});
afterAll(async () => harness?.close());

function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('assessment preview under random input', () => {
  it('answers 200 or a 4xx problem, never a 500', { timeout: 120_000 }, async () => {
    const next = random(42);
    const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)] as T;
    const vectors = [
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      'AV:N/AC:L/Au:N/C:P/I:P/A:P',
      'CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:C/C:L/I:L/A:L',
      'CVSS:3.1/AV:N',
      'garbage',
      '',
    ];
    const metrics = [
      'MAV',
      'MAC',
      'MPR',
      'MUI',
      'MS',
      'MC',
      'MI',
      'MA',
      'CR',
      'IR',
      'AR',
      'MSI',
      'MSA',
      'MAT',
      'MVC',
      'E',
      'AV',
      'X',
    ];
    const values = ['N', 'A', 'L', 'P', 'H', 'X', 'S', 'U', 'C', 'R', '', 'Q'];
    const statuses: number[] = [];
    for (let i = 0; i < 300; i++) {
      const answers = Object.fromEntries(
        rubricQuestions.filter(() => next() < 0.5).map((q) => [q.id, pick(['yes', 'no', 'unknown'])]),
      );
      const environment = Object.fromEntries(
        Array.from({ length: Math.floor(next() * 4) }, () => [pick(metrics), pick(values)]),
      );
      const body = {
        baseVectorSource: pick(['published', 'rubric', 'manual']),
        manualVector: next() < 0.7 ? pick(vectors) : null,
        rubricAnswers: next() < 0.6 ? answers : null,
        environment: next() < 0.5 ? environment : null,
        harm: {
          severity: pick([null, 'negligible', 'minor', 'serious', 'critical', 'catastrophic']),
          affectedDataClasses: next() < 0.5 ? ['P'] : ['T', 'D'],
          knownSeriousAdverseEvent: next() < 0.2,
          compensatingControls: next() < 0.3 ? ['isolation'] : [],
          controlsReduceExploitability: next() < 0.5,
          exploitabilityOverride: pick([null, 'theoretical', 'low', 'medium', 'high']),
        },
        ssvc: {
          exploitation: pick([null, 'none', 'public-poc', 'active']),
          automatable: pick([null, 'no', 'yes']),
          valueDensity: pick([null, 'diffuse', 'concentrated']),
          missionPrevalence: pick([null, 'minimal', 'support', 'essential']),
          publicWellBeing: pick([null, 'minimal', 'material', 'irreversible']),
          technicalImpact: pick([null, 'partial', 'total']),
        },
      };
      const response = await harness.app.inject({
        method: 'POST',
        url: path,
        headers: { ...editor },
        payload: body,
      });
      if (response.statusCode >= 500) throw new Error(`500 for ${JSON.stringify(body)}: ${response.body}`);
      statuses.push(response.statusCode);
    }
    expect(statuses).toContain(200);
    expect(statuses).toContain(400);
  });
});
