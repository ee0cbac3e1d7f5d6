import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoCredentials, demoSecondUser } from '../../src/main/demo-seed.ts';
import { chromiumPath, openPage as openPageAt } from './support/chromium.ts';
import { useDemoServer } from './support/demo-server.ts';

/**
 * The organisation's notification settings in a real browser: an admin switches name matching on,
 * sets the e-mail addresses (a bad one is refused on its field), sets a webhook and sees its secret
 * once, then removes it; an editor sees the same settings read-only. Screenshots go to
 * /tmp/candor-settings-*.png.
 */
const _webDist = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));

describe.skipIf(!existsSync(chromiumPath))('notification settings in a browser', () => {
  const demo = useDemoServer();

  async function signIn(page: Page, credentials: { email: string; password: string }): Promise<string> {
    await page.getByLabel('Email').fill(credentials.email);
    await page.getByLabel('Password').fill(credentials.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/console\/[0-9a-f-]{36}$/);
    const orgId = new URL(page.url()).pathname.split('/')[2];
    if (!orgId) throw new Error('no organisation in the console address');
    return orgId;
  }

  async function openSettings(page: Page) {
    await page
      .getByRole('navigation', { name: 'Console' })
      .getByRole('link', { name: 'Notification settings' })
      .click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Notification settings');
  }

  it('lets an admin change name matching, the addresses and the webhook', async () => {
    const { context, page } = await openPageAt(demo.browser, demo.baseUrl, '/sign-in');
    try {
      const orgId = await signIn(page, demoCredentials);
      await openSettings(page);

      const nameMatching = page.getByRole('switch', { name: 'Match components by name' });
      expect(await nameMatching.isChecked()).toBe(false);
      await nameMatching.check();
      await expect.poll(() => page.getByRole('status').allTextContents()).toContain('Name matching is on.');

      const addresses = page.getByLabel('Addresses');
      await addresses.fill('psirt@acme-medical.example\nnot an address');
      await page.getByRole('button', { name: 'Save addresses' }).click();
      await expect.poll(() => page.getByText('“not an address” is not an e-mail address.').count()).toBe(1);
      expect(await addresses.getAttribute('aria-invalid')).toBe('true');
      await addresses.fill('psirt@acme-medical.example\nSecurity@ACME-Medical.example');
      await page.getByRole('button', { name: 'Save addresses' }).click();
      await expect.poll(() => page.getByText('Saved. Notices go to 2 addresses.').count()).toBe(1);
      expect(await addresses.inputValue()).toBe('psirt@acme-medical.example\nSecurity@acme-medical.example');

      await page.getByLabel('Webhook URL').fill('https://hooks.acme-medical.example/candor');
      await page.getByRole('button', { name: 'Set webhook' }).click();
      const secret = page.locator('code', { hasText: /^whsec_/ });
      await expect.poll(() => secret.count()).toBe(1);
      await expect.poll(() => page.getByText('Sending to').textContent()).toContain('hooks.acme-medical');
      await page.screenshot({ path: '/tmp/candor-settings-admin.png', fullPage: true });
      await page.getByRole('button', { name: 'I have copied it' }).click();
      expect(await secret.count()).toBe(0);

      // After a reload the settings are the stored ones, and the secret is gone for good.
      await page.reload();
      await expect
        .poll(() => page.getByRole('switch', { name: 'Match components by name' }).isChecked())
        .toBe(true);
      expect(await page.getByLabel('Addresses').inputValue()).toContain('psirt@acme-medical.example');
      expect(await page.locator('code', { hasText: /^whsec_/ }).count()).toBe(0);

      await page.getByRole('button', { name: 'Remove webhook' }).click();
      await page.getByRole('button', { name: 'Remove', exact: true }).click();
      await expect.poll(() => page.getByText('No webhook: notices are not POSTed anywhere.').count()).toBe(1);

      const stored = await page.evaluate(async (id) => {
        const response = await fetch(`/api/v1/orgs/${id}/vulnerability-settings`);
        return response.json();
      }, orgId);
      expect(stored).toMatchObject({
        allowNameMatching: true,
        notificationEmails: ['psirt@acme-medical.example', 'Security@acme-medical.example'],
      });
    } finally {
      await context.close();
    }
  });

  it('shows them read-only to a member who is not an admin', async () => {
    const { context, page } = await openPageAt(demo.browser, demo.baseUrl, '/sign-in');
    try {
      await signIn(page, demoSecondUser);
      await openSettings(page);
      await expect
        .poll(() =>
          page.getByText('Only administrators of this organisation can see and change the webhook.').count(),
        )
        .toBe(1);
      expect(await page.getByRole('switch').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Save addresses' }).count()).toBe(0);
      expect(
        await page.getByRole('list', { name: 'E-mail addresses' }).getByRole('listitem').allTextContents(),
      ).toEqual(['psirt@acme-medical.example', 'Security@acme-medical.example']);
      await page.screenshot({ path: '/tmp/candor-settings-read-only.png', fullPage: true });
    } finally {
      await context.close();
    }
  });
});
