import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials, demoSecondUser } from '../../src/main/demo-seed.ts';
import { startCandor } from '../../src/main/start.ts';
import { testDatabaseEnv } from '../support/test-env.ts';
import { chromiumPath, launchChromium, openPage as openPageAt } from './support/chromium.ts';

/**
 * The web app in a real browser against a real server with demo data: what a visitor and a
 * manufacturer's staff see and can do, by mouse and by keyboard. Screenshots go to /tmp/candor-*.png.
 */
const webDist = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));

interface PublicItem {
  id: string;
  title: string;
}
interface SessionBody {
  csrfToken: string;
  memberships: { organization: { id: string; name: string; kind: string }; role: string }[];
}

describe.skipIf(!existsSync(chromiumPath))('web app in a browser', () => {
  let server: { url: string; close(): Promise<void> } | undefined;
  let database: { env: Record<string, string | undefined>; cleanup(): Promise<void> } | undefined;
  let browser: Browser | undefined;
  let baseUrl = '';

  beforeAll(async () => {
    if (!existsSync(webDist)) {
      throw new Error('web/dist is missing: run `npm run build:web` before the end-to-end tests.');
    }
    database = await testDatabaseEnv();
    server = await startCandor({ env: { ...database.env, LOG_LEVEL: 'warn' }, seedDemo: true, port: 0 });
    baseUrl = server.url.replace(/\/$/, '');
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.cleanup();
  }, 60_000);

  /** A fresh context per test: no cookies carried over from another test. */
  const openPage = (path: string) => openPageAt(browser, baseUrl, path);

  async function signInThroughForm(
    page: Page,
    credentials: { email: string; password: string },
  ): Promise<void> {
    await page.getByLabel('Email').fill(credentials.email);
    await page.getByLabel('Password').fill(credentials.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/console\/[0-9a-f-]{36}$/);
  }

  async function publicItems(page: Page): Promise<PublicItem[]> {
    const response = await page.request.get('/api/v1/public/disclosures?limit=100');
    expect(response.status()).toBe(200);
    return ((await response.json()) as { items: PublicItem[] }).items;
  }

  it('lists the published disclosure and opens it', async () => {
    const { context, page } = await openPage('/');
    try {
      const [published] = await publicItems(page);
      if (!published) throw new Error('the demo seed published no disclosure');
      const link = page.getByRole('link', { name: published.title });
      await expect.poll(() => link.isVisible()).toBe(true);
      await page.screenshot({ path: '/tmp/candor-public-list.png', fullPage: true });

      await link.click();
      await page.waitForURL(`**/disclosures/${published.id}`);
      const heading = page.getByRole('heading', { level: 1 });
      await expect.poll(() => heading.textContent()).toBe(published.title);
      expect(await page.title()).toContain(published.title);
      // Paragraphs of the body stay paragraphs.
      expect(await page.locator('.plain-text p').count()).toBeGreaterThan(1);
      // Its place in the transparency log, with what a verifier needs.
      const about = page.getByRole('complementary', { name: 'About this disclosure' });
      await expect
        .poll(async () => (await about.textContent()) ?? '')
        .toMatch(/Transparency logEntry 0 of \d+/);
      expect(await about.getByRole('link', { name: 'Verifier key' }).getAttribute('href')).toBe('/log/key');
      await page.screenshot({ path: '/tmp/candor-public-disclosure.png', fullPage: true });
    } finally {
      await context.close();
    }
  }, 60_000);

  it('shows a friendly page for a disclosure that does not exist', async () => {
    const { context, page } = await openPage('/disclosures/00000000-0000-4000-8000-000000000000');
    try {
      const heading = page.getByRole('heading', { level: 1 });
      await expect.poll(() => heading.textContent()).toBe('Disclosure not found');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('keeps a draft off the public pages', async () => {
    const { context, page } = await openPage('/');
    try {
      const signIn = await page.request.post('/api/v1/auth/sign-in', { data: demoCredentials });
      expect(signIn.status()).toBe(200);
      const session = (await signIn.json()) as SessionBody;
      const manufacturer = session.memberships.find((m) => m.organization.kind === 'manufacturer');
      if (!manufacturer) throw new Error('the demo user is in no manufacturer organisation');
      const title = `Embargoed draft ${Date.now()}`;
      const draft = await page.request.post(`/api/v1/orgs/${manufacturer.organization.id}/disclosures`, {
        headers: { 'x-csrf-token': session.csrfToken },
        data: {
          incidentId: null,
          title,
          summary: 'Not public yet.',
          body: '',
          severity: 'low',
          productIds: [],
        },
      });
      expect(draft.status()).toBe(201);
      const { id } = (await draft.json()) as { id: string };

      await page.reload();
      await page.locator('.disclosure-item').first().waitFor();
      expect(await page.getByText(title).count()).toBe(0);
      expect((await publicItems(page)).map((item) => item.id)).not.toContain(id);

      await page.goto(`/disclosures/${id}`);
      const heading = page.getByRole('heading', { level: 1 });
      await expect.poll(() => heading.textContent()).toBe('Disclosure not found');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('signs in through the form and shows the console with the organisation switcher', async () => {
    const { context, page } = await openPage('/sign-in');
    try {
      await signInThroughForm(page, demoCredentials);

      const session = (await (await page.request.get('/api/v1/auth/session')).json()) as SessionBody;
      const [first] = session.memberships;
      if (!first) throw new Error('the demo user has no membership');
      // The console redirects to the first organisation after sign-in: wait for it.
      await expect.poll(() => page.url()).toContain(`/console/${first.organization.id}`);

      const switcher = page.getByRole('combobox', { name: 'Organisation' });
      await expect.poll(() => switcher.inputValue()).toBe(first.organization.id);
      expect(await switcher.locator('option:checked').textContent()).toBe(first.organization.name);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(first.organization.name);

      const productsResponse = await page.request.get(`/api/v1/orgs/${first.organization.id}/products`);
      const products = ((await productsResponse.json()) as { items: { name: string }[] }).items;
      expect(products.length).toBeGreaterThan(0);
      const productsSection = page.getByRole('region', { name: 'Products' });
      for (const product of products) {
        await expect
          .poll(() => productsSection.getByRole('rowheader', { name: product.name }).count())
          .toBe(1);
      }
      await page.screenshot({ path: '/tmp/candor-console.png', fullPage: true });

      // Switching the organisation opens its console; where the user may not author, no forms.
      const other = session.memberships.find((m) => m.organization.id !== first.organization.id);
      if (other) {
        await switcher.selectOption(other.organization.id);
        await page.waitForURL(`**/console/${other.organization.id}`);
        const heading = page.getByRole('heading', { level: 1 });
        await expect.poll(() => heading.textContent()).toBe(other.organization.name);
        if (other.role === 'viewer' || other.organization.kind !== 'manufacturer') {
          for (const summary of ['Draft a disclosure', 'Record an incident', 'Add a product']) {
            expect(await page.getByText(summary, { exact: true }).count()).toBe(0);
          }
        }
        await page.screenshot({ path: '/tmp/candor-console-other.png', fullPage: true });
      }

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/');
      await expect.poll(() => page.getByRole('link', { name: 'Sign in' }).count()).toBe(1);
      expect(await page.getByRole('combobox', { name: 'Organisation' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('drafts a disclosure in the console and shows the server refusing self-approval', async () => {
    const { context, page } = await openPage('/sign-in');
    try {
      await signInThroughForm(page, demoCredentials);

      const title = `Console draft ${Date.now()}`;
      await page.getByText('Draft a disclosure', { exact: true }).click();
      const form = page.getByRole('form', { name: 'Draft a disclosure' });
      // An empty submit is caught before it leaves the browser, on the fields concerned.
      await form.getByRole('button', { name: 'Save draft' }).click();
      const titleField = form.getByLabel('Title');
      await expect.poll(() => titleField.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await titleField.getAttribute('aria-describedby')) ?? '';
      expect(describedBy).not.toBe('');
      await page.screenshot({ path: '/tmp/candor-console-form-errors.png', fullPage: true });

      await titleField.fill(title);
      await form.getByLabel('Summary').fill('Summary of the console draft.');
      await form.getByLabel('Details (optional)').fill('First paragraph.\n\nSecond paragraph.');
      await form.getByLabel('Severity').selectOption('critical');
      await form.getByRole('button', { name: 'Save draft' }).click();
      const disclosures = page.getByRole('list', { name: 'Disclosures' });
      await expect.poll(() => disclosures.getByText(title).count()).toBe(1);

      await page.getByRole('button', { name: `Approve “${title}”` }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'Could not approve' });
      await expect.poll(() => alert.count()).toBe(1);
      // The server's reason, not a generic failure: the author may not approve their own draft.
      expect(await alert.textContent()).toContain('second person');
      await page.screenshot({ path: '/tmp/candor-console-approve-refused.png', fullPage: true });
    } finally {
      await context.close();
    }
  }, 60_000);

  it('lets a second person approve and publish a draft, which then appears publicly', async () => {
    const { context, page } = await openPage('/sign-in');
    try {
      // The author drafts through the API...
      const author = await page.request.post('/api/v1/auth/sign-in', { data: demoCredentials });
      const authorSession = (await author.json()) as SessionBody;
      const manufacturer = authorSession.memberships.find((m) => m.organization.kind === 'manufacturer');
      if (!manufacturer) throw new Error('the demo user is in no manufacturer organisation');
      const title = `Four-eyes disclosure ${Date.now()}`;
      const draft = await page.request.post(`/api/v1/orgs/${manufacturer.organization.id}/disclosures`, {
        headers: { 'x-csrf-token': authorSession.csrfToken },
        data: { title, summary: 'Reviewed by a second person.', severity: 'medium' },
      });
      expect(draft.status()).toBe(201);
      await page.request.post('/api/v1/auth/sign-out', {
        headers: { 'x-csrf-token': authorSession.csrfToken },
      });
      await context.clearCookies();

      // ...and the second person approves and publishes it in the console.
      await page.reload();
      await signInThroughForm(page, demoSecondUser);
      await page.goto(`/console/${manufacturer.organization.id}`);
      await page.getByRole('button', { name: `Approve “${title}”` }).click();
      const publish = page.getByRole('button', { name: `Publish “${title}”` });
      await publish.click();
      const published = page.getByRole('status').filter({ hasText: `Published “${title}”` });
      await expect.poll(() => published.count()).toBe(1);

      await page.getByRole('link', { name: 'Disclosures', exact: true }).first().click();
      await expect.poll(() => page.getByRole('link', { name: title }).count()).toBe(1);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('says so when the password is wrong', async () => {
    const { context, page } = await openPage('/sign-in');
    try {
      await page.getByLabel('Email').fill(demoCredentials.email);
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const alert = page.getByRole('alert');
      await expect.poll(() => alert.count()).toBe(1);
      expect(await alert.textContent()).toContain('Could not sign you in');
      expect(page.url()).toContain('/sign-in');
      await page.screenshot({ path: '/tmp/candor-sign-in-error.png', fullPage: true });
    } finally {
      await context.close();
    }
  }, 60_000);

  it('makes the skip link the first tab stop, and it moves focus to the content', async () => {
    const { context, page } = await openPage('/');
    try {
      await page.locator('.disclosure-item').first().waitFor();
      await page.keyboard.press('Tab');
      const focused = page.locator(':focus');
      expect(await focused.textContent()).toBe('Skip to content');
      expect(await focused.getAttribute('href')).toBe('#main');
      await page.screenshot({ path: '/tmp/candor-skip-link.png' });

      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('main:focus').count()).toBe(1);
      // The next tab stop is inside main, past the header.
      await page.keyboard.press('Tab');
      expect(await page.locator('main :focus').count()).toBe(1);
    } finally {
      await context.close();
    }
  }, 60_000);
});
