import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials } from '../../src/main/demo-seed.ts';
import { type RunningCandor, startCandor } from '../../src/main/start.ts';
import { importFeed } from '../../src/modules/vulnerabilities/index.ts';
import { testDatabaseEnv } from '../support/test-env.ts';
import { chromiumPath, launchChromium, openPage as openPageAt } from './support/chromium.ts';

/**
 * The vulnerability pages in a real browser against a real server with demo data and the NVD fixtures:
 * a finding on the CardioLink gateway's release 4.0.0 (wolfSSL 4.8.1, CVE-2022-39173) with why it
 * matched, a VEX statement that suppresses it, VEX documents out and in, "where is CVE-X?", and the
 * unread notices. Screenshots go to /tmp/candor-vulns-*.png.
 */
const webDist = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));
const nvdFixtures = fileURLToPath(new URL('../fixtures/nvd', import.meta.url));
const productName = 'CardioLink Telemetry Gateway';
const cve = 'CVE-2022-39173';

describe.skipIf(!existsSync(chromiumPath))('vulnerability pages in a browser', () => {
  let server: RunningCandor | undefined;
  let database: { env: Record<string, string | undefined>; cleanup(): Promise<void> } | undefined;
  let browser: Browser | undefined;
  let report: Awaited<ReturnType<typeof importFeed>> | undefined;
  let baseUrl = '';
  let tempDir = '';

  beforeAll(async () => {
    if (!existsSync(webDist)) {
      throw new Error('web/dist is missing: run `npm run build:web` before the end-to-end tests.');
    }
    tempDir = await mkdtemp(join(tmpdir(), 'candor-vulns-e2e-'));
    database = await testDatabaseEnv();
    server = await startCandor({ env: { ...database.env, LOG_LEVEL: 'warn' }, seedDemo: true, port: 0 });
    baseUrl = server.url.replace(/\/$/, '');
    // The NVD records, imported as `candor vulns import nvd` would: the import re-matches the portfolio.
    report = await importFeed(server.deps, 'nvd', nvdFixtures);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.cleanup();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }, 60_000);

  const openPage = (path: string) =>
    openPageAt(browser, baseUrl, path, { width: 1400, acceptDownloads: true });

  async function signIn(page: Page): Promise<string> {
    await page.getByLabel('Email').fill(demoCredentials.email);
    await page.getByLabel('Password').fill(demoCredentials.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/console\/[0-9a-f-]{36}$/);
    const orgId = new URL(page.url()).pathname.split('/')[2];
    if (!orgId) throw new Error('no organisation in the console address');
    return orgId;
  }

  it('imports the NVD fixtures and matches the demo portfolio', () => {
    expect(report?.records).toBeGreaterThanOrEqual(6);
    // The demo seed already holds CVE-2022-39173 (so its finding may already be open): the NVD record
    // updates it, and the re-match keeps the wolfSSL finding open.
    expect((report?.inserted ?? 0) + (report?.updated ?? 0)).toBeGreaterThanOrEqual(6);
    expect(report?.rematch?.open).toBeGreaterThanOrEqual(1);
  });

  it('shows a finding with its reasons, suppresses it by VEX, finds it across the portfolio, and notifies', async () => {
    const { context, page } = await openPage('/sign-in');
    try {
      const orgId = await signIn(page);
      const nav = page.getByRole('navigation', { name: 'Console' });
      const heading = page.getByRole('heading', { level: 1 });

      // The import opened findings: the navigation counts the unread notice.
      const notices = nav.getByRole('link', { name: /^Notifications \d+ unread$/ });
      await expect.poll(() => notices.count()).toBe(1);
      const unreadBefore = Number((await notices.textContent())?.match(/\d+/)?.[0]);
      expect(unreadBefore).toBeGreaterThanOrEqual(1);

      // The product's version table says which releases are exposed.
      await nav.getByRole('link', { name: 'Products' }).click();
      await page.getByRole('link', { name: productName }).first().click();
      await expect.poll(() => heading.textContent()).toBe(productName);
      const versions = page.getByRole('region', { name: 'Versions' });
      const row400 = versions
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: '4.0.0' }) });
      await expect
        .poll(() => row400.getByRole('link', { name: /open vulnerability finding/ }).count())
        .toBe(1);
      await page.screenshot({ path: '/tmp/candor-vulns-product.png', fullPage: true });

      // Release 4.0.0: wolfSSL 4.8.1 and CVE-2022-39173, fixed in 5.5.1.
      await versions.getByRole('rowheader').getByRole('link', { name: '4.0.0', exact: true }).click();
      await expect.poll(() => heading.textContent()).toBe('Version 4.0.0');
      const section = page.getByRole('region', { name: 'Vulnerabilities' });
      const findings = section.getByRole('table', { name: 'Vulnerability findings' });
      const findingRow = findings
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: new RegExp(cve) }) });
      await expect.poll(() => findingRow.count()).toBe(1);
      const rowText = (await findingRow.textContent()) ?? '';
      expect(rowText).toMatch(/wolfssl/i);
      expect(rowText).toContain('4.8.1');
      expect(rowText).toContain('5.5.1');
      expect(rowText).toMatch(/Critical|High|Medium|Low/);
      expect(rowText).toContain('CPE');
      expect(rowText).toContain('Open');

      // Why it matched: the advisory and the reasons, behind the id's toggle.
      const toggle = findingRow.getByRole('button', { name: cve, exact: true });
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      await toggle.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      const detail = page.locator(`#${await toggle.getAttribute('aria-controls')}`);
      await expect.poll(() => detail.getByText('Why it matched').count()).toBe(1);
      const detailText = (await detail.textContent()) ?? '';
      expect(detailText).toContain(`nvd:${cve}`);
      expect(detailText).toContain('fixed in 5.5.1');
      expect(await detail.locator('.finding-reason__reasons li').count()).toBeGreaterThanOrEqual(1);
      await section.scrollIntoViewIfNeeded();
      await page.screenshot({ path: '/tmp/candor-vulns-finding.png', fullPage: true });

      // The server holds the same rule and names the field, which the form maps onto it.
      const session = (await (await page.request.get('/api/v1/auth/session')).json()) as {
        csrfToken: string;
      };
      const versionPath = new URL(page.url()).pathname.replace(/^\/console/, '/api/v1/orgs');
      const refused = await page.request.put(`${versionPath}/vex/${cve}`, {
        headers: { 'x-csrf-token': session.csrfToken },
        data: { status: 'not_affected', justification: null, impactStatement: null, actionStatement: null },
      });
      expect(refused.status()).toBe(400);
      const problem = (await refused.json()) as { errors?: { path: string; message: string }[] };
      expect(problem.errors?.some((e) => /^body[./]justification$/.test(e.path))).toBe(true);

      // VEX: not_affected needs a justification or an impact statement; then the finding is suppressed.
      await findingRow.getByRole('button', { name: `VEX statement for ${cve}` }).click();
      const vexForm = section.getByRole('form', { name: `VEX statement for ${cve}` });
      await vexForm.getByLabel('Status').selectOption('not_affected');
      expect(await vexForm.getByLabel('Action statement').count()).toBe(0);
      await vexForm.getByRole('button', { name: 'Save VEX statement' }).click();
      const justification = vexForm.getByLabel('Justification');
      await expect.poll(() => justification.getAttribute('aria-invalid')).toBe('true');
      await page.screenshot({ path: '/tmp/candor-vulns-vex-error.png', fullPage: true });
      // "affected" asks for an action statement instead.
      await vexForm.getByLabel('Status').selectOption('affected');
      expect(await vexForm.getByLabel('Justification').count()).toBe(0);
      await vexForm.getByRole('button', { name: 'Save VEX statement' }).click();
      await expect
        .poll(() => vexForm.getByLabel('Action statement').getAttribute('aria-invalid'))
        .toBe('true');
      await vexForm.getByLabel('Status').selectOption('not_affected');
      await vexForm.getByLabel('Justification').selectOption('vulnerable_code_not_in_execute_path');
      await vexForm
        .getByLabel('Impact statement (optional)')
        .fill('The gateway never enables TLS 1.3 session resumption, so the vulnerable code is not reached.');
      await vexForm.getByRole('button', { name: 'Save VEX statement' }).click();
      await expect.poll(() => vexForm.count()).toBe(0);
      await expect.poll(() => findingRow.textContent()).toContain('Not affected');
      expect(await findingRow.textContent()).toContain('Suppressed by VEX');
      expect(await findingRow.getAttribute('class')).toContain('table__row--muted');
      expect(
        await section
          .getByRole('status')
          .filter({ hasText: /suppressed by VEX/ })
          .count(),
      ).toBe(1);
      await section.scrollIntoViewIfNeeded();
      await page.screenshot({ path: '/tmp/candor-vulns-suppressed.png', fullPage: true });

      // The statement goes out in each VEX format.
      const exportLinks = section.getByRole('navigation', { name: 'Export VEX' });
      const openVex = exportLinks.getByRole('link', { name: 'Export VEX as OpenVEX' });
      expect(await openVex.getAttribute('href')).toContain('/vex/export?format=openvex');
      const [download] = await Promise.all([page.waitForEvent('download'), openVex.click()]);
      const exported = join(tempDir, 'exported.openvex.json');
      await download.saveAs(exported);
      const openVexDocument = JSON.parse(await readFile(exported, 'utf8')) as {
        statements?: { vulnerability?: { name?: string }; status?: string }[];
      };
      expect(
        openVexDocument.statements?.some((s) => s.vulnerability?.name === cve && s.status === 'not_affected'),
      ).toBe(true);

      // ...and comes back in: an OpenVEX document that says "under investigation".
      const incoming = {
        ...openVexDocument,
        '@id': 'https://example.com/vex/candor-e2e-2',
        statements: (openVexDocument.statements ?? []).map((statement) => {
          const { justification: _j, impact_statement: _i, ...rest } = statement as Record<string, unknown>;
          return { ...rest, status: 'under_investigation' };
        }),
      };
      const importFile = join(tempDir, 'incoming.openvex.json');
      await writeFile(importFile, JSON.stringify(incoming, null, 2));
      await section.getByText('Import a VEX document', { exact: true }).click();
      const importForm = section.getByRole('form', { name: 'Import a VEX document' });
      await importForm.getByLabel('VEX document').setInputFiles(importFile);
      await importForm.getByRole('button', { name: 'Import VEX' }).click();
      const applied = importForm.getByRole('status').filter({ hasText: /Applied \d+ of \d+ statements/ });
      await expect.poll(() => applied.count()).toBe(1);
      expect(await applied.textContent()).toContain('OpenVEX');
      await expect.poll(() => findingRow.textContent()).toContain('Under investigation');
      expect(await findingRow.textContent()).not.toContain('Suppressed by VEX');
      await importForm.scrollIntoViewIfNeeded();
      await page.screenshot({ path: '/tmp/candor-vulns-vex-import.png', fullPage: true });
      // A file that is not JSON is refused here, on the field.
      const junk = join(tempDir, 'junk.json');
      await writeFile(junk, 'not json');
      await importForm.getByLabel('VEX document').setInputFiles(junk);
      await importForm.getByRole('button', { name: 'Import VEX' }).click();
      await expect
        .poll(() => importForm.getByLabel('VEX document').getAttribute('aria-invalid'))
        .toBe('true');

      // Back to not affected, for the portfolio view.
      await findingRow.getByRole('button', { name: `VEX statement for ${cve}` }).click();
      await vexForm.getByLabel('Status').selectOption('not_affected');
      await vexForm.getByLabel('Justification').selectOption('vulnerable_code_not_in_execute_path');
      await vexForm.getByRole('button', { name: 'Save VEX statement' }).click();
      await expect.poll(() => findingRow.textContent()).toContain('Suppressed by VEX');

      // Where is CVE-2022-39173? Release 4.0.0 of the gateway, suppressed by its VEX statement.
      await nav.getByRole('link', { name: 'Vulnerability search' }).click();
      await expect.poll(() => heading.textContent()).toBe('Vulnerability search');
      const search = page.getByRole('search', { name: 'Search vulnerabilities' });
      await search.getByLabel('Vulnerability id').fill(cve.toLowerCase());
      await search.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/[?&]id=cve-2022-39173/);
      const summary = page.getByRole('region', { name: cve });
      await expect.poll(() => summary.count()).toBe(1);
      expect(await summary.textContent()).toMatch(/CVSS/);
      const affected = page.getByRole('table', { name: 'Affected product versions' });
      const hit = affected.getByRole('row').filter({ hasText: '4.0.0' });
      await expect.poll(() => hit.count()).toBe(1);
      const hitText = (await hit.textContent()) ?? '';
      expect(hitText).toContain(productName);
      expect(hitText).toContain('4.8.1');
      expect(hitText).toContain('Not affected');
      expect(await affected.getByRole('row').filter({ hasText: '4.2.1' }).count()).toBe(0);
      await page.screenshot({ path: '/tmp/candor-vulns-search.png', fullPage: true });
      // The version link leads back to the release.
      expect(await hit.getByRole('link', { name: `${productName} 4.0.0` }).getAttribute('href')).toMatch(
        new RegExp(`^/console/${orgId}/products/[0-9a-f-]{36}/versions/[0-9a-f-]{36}$`),
      );

      // An id the store does not know.
      await search.getByLabel('Vulnerability id').fill('CVE-1999-0001');
      await search.getByRole('button', { name: 'Search' }).click();
      await expect
        .poll(() => page.getByText('CVE-1999-0001 is not in the vulnerability store').count())
        .toBe(1);
      // One that is not an id at all is refused on the field.
      await search.getByLabel('Vulnerability id').fill('no spaces please');
      await search.getByRole('button', { name: 'Search' }).click();
      await expect
        .poll(() => search.getByLabel('Vulnerability id').getAttribute('aria-invalid'))
        .toBe('true');

      // The notices: mark one read and the count goes down.
      await notices.click();
      await expect.poll(() => heading.textContent()).toBe('Notifications');
      const list = page.getByRole('list', { name: 'Notifications' });
      await expect.poll(() => list.getByRole('listitem').count()).toBeGreaterThanOrEqual(1);
      expect(await list.textContent()).toMatch(/new vulnerability finding/);
      await page.screenshot({ path: '/tmp/candor-vulns-notifications.png', fullPage: true });
      await list
        .getByRole('button', { name: /^Mark read/ })
        .first()
        .click();
      if (unreadBefore === 1) {
        await expect.poll(() => nav.getByRole('link', { name: 'Notifications' }).count()).toBe(1);
      } else {
        await expect
          .poll(() => nav.getByRole('link', { name: `Notifications ${unreadBefore - 1} unread` }).count())
          .toBe(1);
      }
      await expect.poll(() => list.getByText(/^Read /).count()).toBeGreaterThanOrEqual(1);

      // A new SBOM for 4.0.0 with wolfSSL 5.5.1 closes the finding; the closed toggle shows why.
      await page.goto(`${versionPath.replace('/api/v1/orgs', '/console')}`);
      await expect.poll(() => heading.textContent()).toBe('Version 4.0.0');
      const original = page.getByRole('region', { name: 'SBOM' }).getByRole('link', { name: /^Download/ });
      const sbomText = await (await page.request.get((await original.getAttribute('href')) ?? '')).text();
      const bom = JSON.parse(sbomText) as {
        serialNumber?: string;
        components: { name: string; version?: string; purl?: string; cpe?: string }[];
      };
      const wolfssl = bom.components.find((c) => c.name.toLowerCase() === 'wolfssl');
      if (!wolfssl) throw new Error('the demo SBOM has no wolfSSL component');
      wolfssl.version = '5.5.1';
      wolfssl.purl = wolfssl.purl?.replace('@4.8.1', '@5.5.1');
      wolfssl.cpe = wolfssl.cpe?.replace(':4.8.1:', ':5.5.1:');
      bom.serialNumber = 'urn:uuid:3c1d7a52-9a0e-4c61-b1f4-2f0e6b9d7a11';
      const patched = join(tempDir, 'cardiolink-4.0.0-patched.cdx.json');
      await writeFile(patched, JSON.stringify(bom, null, 2));
      const upload = page.getByRole('form', { name: 'Upload an SBOM' });
      await upload.getByLabel('SBOM file').setInputFiles(patched);
      await upload.getByRole('button', { name: 'Upload SBOM' }).click();
      await expect
        .poll(() =>
          page
            .getByRole('status')
            .filter({ hasText: /Imported \d+ components/ })
            .count(),
        )
        .toBe(1);
      // Matching runs with the upload; reload once and wait for the section to finish loading (reloading
      // inside the poll would count while the page is still fetching).
      await page.reload();
      await expect.poll(() => section.getByText('No open findings').count(), { timeout: 20_000 }).toBe(1);
      await section.getByLabel('Show closed findings').check();
      await expect.poll(() => findingRow.count()).toBe(1);
      const closedText = (await findingRow.textContent()) ?? '';
      expect(closedText).toContain('Closed');
      expect(closedText).toMatch(/no longer matches/);
      expect(closedText).toContain('4.8.1');
      expect(await findingRow.getByRole('button', { name: /^VEX/ }).count()).toBe(0);
      await section.scrollIntoViewIfNeeded();
      await page.screenshot({ path: '/tmp/candor-vulns-closed.png', fullPage: true });
    } catch (error) {
      await page.screenshot({ path: '/tmp/candor-vulns-failure.png', fullPage: true }).catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  }, 180_000);
});
