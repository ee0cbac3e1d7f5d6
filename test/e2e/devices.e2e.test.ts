import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials } from '../../src/main/demo-seed.ts';
import { startCandor } from '../../src/main/start.ts';
import { testDatabaseEnv } from '../support/test-env.ts';
import { chromiumPath, launchChromium, openPage as openPageAt } from './support/chromium.ts';

/**
 * The console's devices pages in a real browser against a real server with demo data: a manufacturer
 * adds versions of a product, uploads their SBOMs with a progress bar, searches the components, and
 * compares the two versions. Screenshots go to /tmp/candor-devices-*.png.
 */
const webDist = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));
const fixture = fileURLToPath(
  new URL('../fixtures/sbom/medical-device-narrow.cdx-1.4.json', import.meta.url),
);

interface CycloneDxComponent {
  name: string;
  version?: string;
  [key: string]: unknown;
}

describe.skipIf(!existsSync(chromiumPath))('devices console in a browser', () => {
  let server: { url: string; close(): Promise<void> } | undefined;
  let database: { env: Record<string, string | undefined>; cleanup(): Promise<void> } | undefined;
  let browser: Browser | undefined;
  let baseUrl = '';
  let tempDir = '';

  beforeAll(async () => {
    if (!existsSync(webDist)) {
      throw new Error('web/dist is missing: run `npm run build:web` before the end-to-end tests.');
    }
    tempDir = await mkdtemp(join(tmpdir(), 'candor-devices-e2e-'));
    database = await testDatabaseEnv();
    server = await startCandor({ env: { ...database.env, LOG_LEVEL: 'warn' }, seedDemo: true, port: 0 });
    baseUrl = server.url.replace(/\/$/, '');
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.cleanup();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  }, 60_000);

  const openPage = (path: string) => openPageAt(browser, baseUrl, path);

  async function signIn(page: Page): Promise<string> {
    await page.getByLabel('Email').fill(demoCredentials.email);
    await page.getByLabel('Password').fill(demoCredentials.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/console\/[0-9a-f-]{36}$/);
    const orgId = new URL(page.url()).pathname.split('/')[2];
    if (!orgId) throw new Error('no organisation in the console address');
    return orgId;
  }

  /** The fixture's next release: WolfSSL upgraded to 5.5.0 and fatFS gone. */
  async function writeModifiedSbom(): Promise<string> {
    const bom = JSON.parse(await readFile(fixture, 'utf8')) as {
      serialNumber?: string;
      components: CycloneDxComponent[];
    };
    const wolfssl = bom.components.find((c) => c.name === 'WolfSSL');
    if (!wolfssl) throw new Error('the fixture has no WolfSSL component');
    wolfssl.version = '5.5.0';
    bom.components = bom.components.filter((c) => c.name !== 'fatFS');
    bom.serialNumber = 'urn:uuid:6d2f1e58-0b7c-4b8e-9d3a-1f6f2d7c9e01';
    const path = join(tempDir, 'medical-device-narrow-2.0.cdx.json');
    await writeFile(path, JSON.stringify(bom, null, 2));
    return path;
  }

  async function addVersion(page: Page, label: string, releasedOn: string): Promise<void> {
    const summary = page.getByText('Add a version', { exact: true });
    const form = page.getByRole('form', { name: 'Add a version' });
    if (!(await form.isVisible())) await summary.click();
    await form.getByLabel('Version label').fill(label);
    await form.getByLabel('Released on (optional)').fill(releasedOn);
    await form.getByLabel('Support phase').selectOption('supported');
    await form.getByRole('button', { name: 'Add version' }).click();
    const versions = page.getByRole('region', { name: 'Versions' });
    await expect.poll(() => versions.getByRole('rowheader', { name: label, exact: true }).count()).toBe(1);
  }

  async function uploadSbom(page: Page, file: string): Promise<void> {
    const upload = page.getByRole('form', { name: 'Upload an SBOM' });
    await upload.getByLabel('SBOM file').setInputFiles(file);
    await upload.getByRole('button', { name: 'Upload SBOM' }).click();
  }

  it('adds versions, uploads their SBOMs, searches components and compares the versions', async () => {
    const { context, page } = await openPage('/sign-in');
    try {
      const orgId = await signIn(page);
      const productName = 'CardioLink Telemetry Gateway';

      // From the console's Products section to the product page.
      const products = page.getByRole('region', { name: 'Products' });
      await products.getByRole('link', { name: productName }).click();
      await page.waitForURL(/\/products\/[0-9a-f-]{36}$/);
      const heading = page.getByRole('heading', { level: 1 });
      await expect.poll(() => heading.textContent()).toBe(productName);
      // Focus moved to the new page's heading, as after any navigation.
      await expect.poll(() => page.locator('h1:focus').count()).toBe(1);

      // A version without a label is refused on the field, before anything is sent.
      await page.getByText('Add a version', { exact: true }).click();
      const versionForm = page.getByRole('form', { name: 'Add a version' });
      await versionForm.getByRole('button', { name: 'Add version' }).click();
      const labelField = versionForm.getByLabel('Version label');
      await expect.poll(() => labelField.getAttribute('aria-invalid')).toBe('true');

      await addVersion(page, '1.0', '2023-03-01');
      await page.screenshot({ path: '/tmp/candor-devices-product.png', fullPage: true });

      // The version page: upload the SBOM through the file input, with a progress bar.
      await page
        .getByRole('region', { name: 'Versions' })
        .getByRole('rowheader')
        .getByRole('link', { name: '1.0', exact: true })
        .click();
      await page.waitForURL(/\/versions\/[0-9a-f-]{36}$/);
      await expect.poll(() => heading.textContent()).toBe('Version 1.0');
      await uploadSbom(page, fixture);
      const imported = page.getByRole('status').filter({ hasText: 'Imported 55 components' });
      await expect.poll(() => imported.count()).toBe(1);
      await page.getByRole('form', { name: 'Upload an SBOM' }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: '/tmp/candor-devices-upload.png' });
      const progress = page.getByRole('progressbar', { name: /medical-device-narrow/ });
      expect(await progress.getAttribute('aria-valuetext')).toContain('Done');

      // The document and its components.
      const sbom = page.getByRole('region', { name: 'SBOM' });
      await expect.poll(() => sbom.getByRole('cell', { name: /CycloneDX JSON 1\.4/ }).count()).toBe(1);
      const download = sbom.getByRole('link', { name: /^Download/ });
      expect(await download.getAttribute('href')).toMatch(
        /^\/api\/v1\/orgs\/[0-9a-f-]{36}\/sboms\/[0-9a-f-]{36}\/original$/,
      );
      const components = page.getByRole('region', { name: 'Components' });
      // Name order, 50 at a time: the first page is the header row and 50 components.
      await expect.poll(() => components.getByRole('row').count()).toBe(51);
      expect(await components.getByRole('rowheader').first().textContent()).toBe('Aspose.Words');
      await expect
        .poll(() => components.getByRole('button', { name: 'Load more components' }).count())
        .toBe(1);
      const exportLink = components.getByRole('link', { name: 'Export as SPDX JSON' });
      expect(await exportLink.getAttribute('href')).toContain('/export?format=spdx-json');
      await page.screenshot({ path: '/tmp/candor-devices-version.png', fullPage: true });

      // "Load more" fetches the next page through the cursor.
      await components.getByRole('button', { name: 'Load more components' }).click();
      await expect.poll(() => components.getByRole('row').count()).toBe(56);
      expect(await components.getByRole('rowheader', { name: 'WolfSSL', exact: true }).count()).toBe(1);
      expect(await components.getByRole('button', { name: 'Load more components' }).count()).toBe(0);

      // Search by name.
      const filters = page.getByRole('search', { name: 'Filter components' });
      await filters.getByLabel('Name, purl or CPE').fill('wolfssl');
      await filters.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/[?&]q=wolfssl/);
      await expect.poll(() => components.getByRole('row').count()).toBe(2);
      expect(await components.getByRole('rowheader').first().textContent()).toBe('WolfSSL');

      // A version constraint the server cannot read is reported on the field.
      await filters.getByLabel('Name, purl or CPE').fill('');
      await filters.getByLabel(/^Version/).fill('~~nope');
      await filters.getByRole('button', { name: 'Search' }).click();
      const versionFilter = filters.getByLabel(/^Version/);
      await expect.poll(() => versionFilter.getAttribute('aria-invalid')).toBe('true');
      await filters.scrollIntoViewIfNeeded();
      await page.screenshot({ path: '/tmp/candor-devices-filter-error.png' });
      await filters.getByRole('button', { name: 'Clear filters' }).click();
      await expect.poll(() => versionFilter.inputValue()).toBe('');

      // The same bytes again change nothing, and the page says so.
      await uploadSbom(page, fixture);
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'Already imported' }).count())
        .toBe(1);

      // Back to the product: the second version, with a changed SBOM.
      await page.getByRole('link', { name: productName }).first().click();
      await expect.poll(() => heading.textContent()).toBe(productName);
      await addVersion(page, '2.0', '2024-06-15');
      const versions = page.getByRole('region', { name: 'Versions' });
      expect(await versions.getByRole('row').filter({ hasText: '1.0' }).textContent()).toContain('55');
      await versions.getByRole('rowheader').getByRole('link', { name: '2.0', exact: true }).click();
      await expect.poll(() => heading.textContent()).toBe('Version 2.0');
      await uploadSbom(page, await writeModifiedSbom());
      await expect
        .poll(() => page.getByRole('status').filter({ hasText: 'Imported 54 components' }).count())
        .toBe(1);

      // The comparison: WolfSSL upgraded, fatFS removed.
      await page.getByRole('link', { name: productName }).first().click();
      const diff = page.getByRole('region', { name: 'Compare versions' });
      await diff.getByLabel('From version').selectOption({ label: '1.0' });
      await diff.getByLabel('To version').selectOption({ label: '2.0' });
      await diff.getByRole('button', { name: 'Compare' }).click();
      await page.waitForURL(/[?&]from=.*&to=/);
      const changedRow = diff
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: 'WolfSSL' }) });
      await expect.poll(() => changedRow.count()).toBe(1);
      const changedText = (await changedRow.textContent()) ?? '';
      expect(changedText).toContain('4.8.1');
      expect(changedText).toContain('5.5.0');
      expect(changedText).toContain('Upgrade');
      const removed = diff.getByRole('region', { name: /^Removed/ });
      expect(await removed.getByRole('rowheader', { name: 'fatFS' }).count()).toBe(1);
      expect(await diff.getByRole('list', { name: 'Summary' }).textContent()).toContain('53 unchanged');
      // Focus went to the result.
      await expect.poll(() => page.locator('h3:focus').textContent()).toBe('1.0 → 2.0');
      await page.screenshot({ path: '/tmp/candor-devices-diff.png', fullPage: true });

      // Across the portfolio: which products contain WolfSSL older than 5?
      await page
        .getByRole('navigation', { name: 'Console' })
        .getByRole('link', { name: 'Component search' })
        .click();
      await expect.poll(() => heading.textContent()).toBe('Component search');
      const search = page.getByRole('search', { name: 'Search components' });
      await search.getByLabel('Name, purl or CPE').fill('wolfssl');
      await search.getByLabel(/^Version/).fill('<5');
      await search.getByRole('button', { name: 'Search' }).click();
      const results = page.getByRole('table', { name: 'Matching components by product and version' });
      // The demo data's release 4.0.0 has wolfSSL 4.8.1 too; version 2.0 (5.5.0) must not appear.
      await expect.poll(() => results.getByRole('row').count()).toBe(3);
      const hits = (await results.getByRole('row').allTextContents()).slice(1);
      expect(hits.every((hit) => hit.includes(productName) && hit.includes('4.8.1'))).toBe(true);
      expect(hits.some((hit) => hit.includes('1.0'))).toBe(true);
      expect(hits.some((hit) => hit.includes('4.0.0'))).toBe(true);
      expect(hits.some((hit) => hit.includes('5.5.0'))).toBe(false);
      await page.screenshot({ path: '/tmp/candor-devices-components.png', fullPage: true });

      // The products page, with the longer create form.
      await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Products' }).click();
      await expect.poll(() => heading.textContent()).toBe('Products');
      await page.getByText('Add a product', { exact: true }).click();
      const productForm = page.getByRole('form', { name: 'Add a product' });
      await productForm.getByLabel('Name').fill('VitalWatch Bedside Monitor');
      await productForm.getByLabel('Markets (optional)').fill('eu, USA');
      await productForm.getByRole('button', { name: 'Add product' }).click();
      const markets = productForm.getByLabel('Markets (optional)');
      await expect.poll(() => markets.getAttribute('aria-invalid')).toBe('true');
      await markets.fill('eu, us');
      await productForm.getByLabel('Device class (optional)').fill('IIb');
      await productForm.getByLabel('UDI-DI (optional)').fill('04012345678901');
      await productForm.getByRole('button', { name: 'Add product' }).click();
      const table = page.getByRole('table', { name: 'Products' });
      const newRow = table.getByRole('row').filter({ hasText: 'VitalWatch Bedside Monitor' });
      await expect.poll(() => newRow.count()).toBe(1);
      expect(await newRow.textContent()).toContain('EU, US');
      await page.screenshot({ path: '/tmp/candor-devices-products.png', fullPage: true });
      expect(orgId).toMatch(/^[0-9a-f-]{36}$/);
    } catch (error) {
      await page.screenshot({ path: '/tmp/candor-devices-failure.png', fullPage: true }).catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);
});
