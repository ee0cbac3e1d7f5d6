import { existsSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoCredentials, demoSecondUser } from '../../src/main/demo-seed.ts';
import { chromiumPath, openPage as openPageAt } from './support/chromium.ts';
import { useDemoServer } from './support/demo-server.ts';

/**
 * The disclosure editor and the public pages in a real browser against a real server with demo data:
 * an editor drafts an advisory, adds a vulnerability and a remediation while the live CSAF validation
 * answers (a warning, then an error when the product status is removed, gone when it is back), saves;
 * a second person approves and publishes it; the public page shows it with its download links and
 * revision timeline, and the public list finds it by its CVE; an administrator withdraws it, and the
 * public page says so. Screenshots go to /tmp/candor-disclosure-*.png.
 */
const productName = 'CardioLink Telemetry Gateway';

describe.skipIf(!existsSync(chromiumPath))('disclosure editor and public pages in a browser', () => {
  const demo = useDemoServer();

  async function signIn(page: Page, credentials: { email: string; password: string }): Promise<void> {
    await page.getByLabel('Email').fill(credentials.email);
    await page.getByLabel('Password').fill(credentials.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/console\/[0-9a-f-]{36}$/);
  }

  /** The text of the findings list `name` (Errors, Warnings, Infos) of the validation panel; '' if none. */
  async function findings(validation: Locator, name: 'Errors' | 'Warnings' | 'Infos'): Promise<string> {
    const list = validation.getByRole('list', { name, exact: true });
    return (await list.count()) === 0 ? '' : ((await list.allTextContents()).join(' ') ?? '');
  }

  it('takes an advisory from a draft with live validation to a public, filterable page', async () => {
    const { context, page } = await openPageAt(demo.browser, demo.baseUrl, '/sign-in', { width: 1400 });
    try {
      await signIn(page, demoCredentials);
      const orgId = new URL(page.url()).pathname.split('/')[2] ?? '';
      const heading = page.getByRole('heading', { level: 1 });
      const title = `Gateway maintenance service advisory ${Date.now()}`;
      const cve = `CVE-2026-${String(Date.now()).slice(-6)}`;

      // The draft starts in the console, with a link into the editor.
      await page.getByText('Draft a disclosure', { exact: true }).click();
      const draft = page.getByRole('form', { name: 'Draft a disclosure' });
      await draft.getByLabel('Title').fill(title);
      await draft
        .getByLabel('Summary')
        .fill('Firmware 4.0.0 exposes an unauthenticated maintenance service.');
      await draft.getByRole('button', { name: 'Save draft' }).click();
      await draft.getByRole('link', { name: 'Open it in the editor' }).click();
      await page.waitForURL(new RegExp(`/console/${orgId}/disclosures/[0-9a-f-]{36}$`));
      const editorUrl = page.url();
      await expect.poll(() => heading.textContent()).toBe(title);

      const editor = page.getByRole('form', { name: 'Disclosure record' });
      const validation = page.getByRole('region', { name: 'CSAF validation' });
      // The draft is validated as soon as it opens.
      await expect.poll(() => validation.getByRole('status').textContent()).toBe('Up to date.');

      // The affected version, from the registry.
      await editor.getByRole('checkbox', { name: `${productName} 4.0.0` }).check();
      expect(await editor.getByRole('checkbox', { name: productName, exact: true }).isChecked()).toBe(true);

      // A vulnerability: CVE, weakness, CVSS 3.1, and the affected version's status.
      await editor.getByRole('button', { name: 'Add vulnerability' }).click();
      const vulnerability = editor.getByRole('group', { name: /^Vulnerability 1/ });
      await vulnerability.getByLabel('CVE (optional)').fill(cve);
      await vulnerability
        .getByLabel('Description', { exact: true })
        .fill('The maintenance service on TCP port 8443 accepts commands without authentication.');
      await vulnerability.getByLabel('CWE id (optional)').fill('CWE-306');
      await vulnerability
        .getByLabel('CWE name (optional)')
        .fill('Missing Authentication for Critical Function');
      await vulnerability
        .getByLabel('CVSS 3.1 vector (optional)')
        .fill('CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:H');
      await vulnerability.getByRole('button', { name: 'Add product status' }).click();
      const row = vulnerability.getByRole('group', { name: 'Product status 1 of vulnerability 1' });
      expect(await row.getByLabel('Product version').locator('option:checked').textContent()).toBe(
        `${productName} 4.0.0`,
      );
      // Valid now, with a warning: an affected version without a remediation (CSAF 2.0 §6.2.2).
      await expect.poll(() => findings(validation, 'Errors')).toBe('');
      await expect.poll(() => findings(validation, 'Warnings')).toContain('optionalTest_6_2_2');
      expect(await findings(validation, 'Warnings')).toContain(
        '/vulnerabilities/0/product_status/known_affected/0',
      );
      expect(await validation.textContent()).toContain('Valid');

      // Without its product status the vulnerability fails a mandatory test; with it back, it passes.
      await row.getByRole('button', { name: 'Remove product status 1 of vulnerability 1' }).click();
      await expect.poll(() => findings(validation, 'Errors')).toContain('mandatoryTest_6_1_27_6');
      expect(await findings(validation, 'Errors')).toContain('/vulnerabilities/0');
      expect(await validation.textContent()).toContain('Blocks publication');
      await page.screenshot({ path: '/tmp/candor-disclosure-error.png', fullPage: true });
      await vulnerability.getByRole('button', { name: 'Add product status' }).click();
      await expect.poll(() => findings(validation, 'Errors')).toBe('');

      // The remediation: a vendor fix in 4.2.1 for the affected version.
      await editor.getByRole('button', { name: 'Add remediation' }).click();
      const remediation = editor.getByRole('group', { name: 'Remediation 1' });
      await remediation
        .getByLabel('Remediation details')
        .fill('Install firmware 4.2.1, available from service partners.');
      expect(await remediation.getByRole('checkbox', { name: `${productName} 4.0.0` }).isChecked()).toBe(
        true,
      );
      await remediation
        .getByLabel('Fixed version (optional)')
        .selectOption({ label: `${productName} 4.2.1` });
      // The remediation answers the warning.
      await expect.poll(() => findings(validation, 'Warnings')).not.toContain('optionalTest_6_2_2');
      expect(await findings(validation, 'Errors')).toBe('');

      // The previews: the public page as it will read, and the CSAF document.
      const preview = page.getByRole('region', { name: 'Preview' });
      await expect
        .poll(async () => (await preview.getByRole('tabpanel').textContent()) ?? '')
        .toContain('Install firmware 4.2.1');
      expect(await preview.getByRole('tabpanel').textContent()).toContain(cve);
      await preview.getByRole('tab', { name: 'CSAF JSON' }).click();
      const json = (await preview.getByRole('tabpanel').locator('pre').textContent()) ?? '';
      expect(json).toContain('"category": "csaf_security_advisory"');
      expect(json).toContain(`"cve": "${cve}"`);
      // The JSON scrolls inside its box: the page itself does not grow wider than the window.
      expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
      await page.screenshot({ path: '/tmp/candor-disclosure-editor.png', fullPage: true });

      // Saved; the author may not approve it.
      const review = page.getByRole('region', { name: 'Review and publish' });
      await review.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => review.getByText('Saved.', { exact: true }).count()).toBe(1);
      const approve = review.getByRole('button', { name: 'Approve' });
      expect(await approve.isDisabled()).toBe(true);
      expect(await review.textContent()).toContain('another member must approve it (four eyes)');

      // A second person approves and publishes.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/');
      await page.goto('/sign-in');
      await signIn(page, demoSecondUser);
      await page.goto(editorUrl);
      await expect.poll(() => heading.textContent()).toBe(title);
      await expect.poll(() => findings(validation, 'Warnings')).toContain('optionalTest_6_2_11');
      await expect.poll(() => approve.isEnabled()).toBe(true);
      await approve.click();
      await expect
        .poll(() => review.getByText('Approved. It can be published now.', { exact: true }).count())
        .toBe(1);
      await review.getByRole('button', { name: 'Publish' }).click();
      await expect.poll(() => review.getByText('Published revision 1.', { exact: true }).count()).toBe(1);
      const revisions = page.getByRole('region', { name: 'Published revisions' });
      await expect.poll(async () => (await revisions.textContent()) ?? '').toContain('Revision 1: Published');

      // The public page: the advisory, its downloads and its revisions.
      await review.getByRole('link', { name: 'Open the public page' }).click();
      await page.waitForURL(/\/disclosures\/[0-9a-f-]{36}$/);
      await expect.poll(() => heading.textContent()).toBe(title);
      const content = (await page.locator('.disclosure__content').textContent()) ?? '';
      // Who is affected: the affected version, and the version that fixes it.
      const affected = (await page.getByRole('region', { name: 'Who is affected' }).textContent()) ?? '';
      expect(affected).toContain(`Affected${productName}: 4.0.0`);
      expect(affected).toContain(`Fixed${productName}: 4.2.1`);
      expect(content).toContain('CWE-306');
      expect(content).toContain('Install firmware 4.2.1');
      expect(await page.getByRole('link', { name: cve }).first().getAttribute('href')).toBe(
        `https://www.cve.org/CVERecord?id=${cve}`,
      );
      const timeline = page.getByRole('region', { name: 'Revision history' });
      expect(await timeline.textContent()).toContain('Revision 1: Published');
      const downloads = page.getByRole('list', { name: 'Downloads' });
      const hrefOf = async (name: string) =>
        new URL((await downloads.getByRole('link', { name }).getAttribute('href')) ?? '', demo.baseUrl)
          .pathname;
      const jsonPath = await hrefOf('CSAF document (JSON)');
      expect(jsonPath).toMatch(/^\/\.well-known\/csaf\/white\/\d{4}\/.+\.json$/);
      expect(await hrefOf('SHA-256 checksum')).toBe(`${jsonPath}.sha256`);
      expect(await hrefOf('SHA-512 checksum')).toBe(`${jsonPath}.sha512`);
      expect(await hrefOf('OpenPGP signature (.asc)')).toBe(`${jsonPath}.asc`);
      const csafFile = await page.request.get(jsonPath);
      expect(csafFile.status()).toBe(200);
      expect(((await csafFile.json()) as { document: { title: string } }).document.title).toContain(title);
      // The score is the CSAF document's own, beside the vector.
      await expect
        .poll(async () => (await page.locator('.cvss-score').allTextContents()).join(' '))
        .toMatch(/\d\.\d/);
      await page.screenshot({ path: '/tmp/candor-disclosure-public.png', fullPage: true });
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.site-header').isVisible()).toBe(false);
      await page.screenshot({ path: '/tmp/candor-disclosure-print.png', fullPage: true });
      await page.emulateMedia({ media: 'screen' });

      // The public list: other publishers' advisories are republished with a link to their original CSAF.
      await page.goto('/');
      const republished = page.getByRole('region', { name: 'Republished advisories' });
      const originals = republished.getByRole('link', { name: /^Original CSAF of/ });
      await expect.poll(() => originals.count()).toBeGreaterThan(0);
      const original = await page.request.get((await originals.first().getAttribute('href')) ?? '');
      expect(original.status()).toBe(200);
      expect(((await original.json()) as { document: { category: string } }).document.category).toMatch(
        /^csaf_/,
      );
      await republished.screenshot({ path: '/tmp/candor-disclosure-republished.png' });

      // It finds the new advisory by its CVE, with the filter in the address.
      await page.getByLabel('CVE (optional)').fill(cve);
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(new RegExp(`[?&]cve=${cve}`));
      const list = page.getByRole('list', { name: 'Published disclosures' });
      await expect.poll(() => list.getByRole('link', { name: title }).count()).toBe(1);
      expect(await list.getByRole('listitem').count()).toBe(1);
      expect(
        await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href'),
      ).toBe('/disclosures/feed.atom');
      await page.screenshot({ path: '/tmp/candor-disclosure-list.png', fullPage: true });

      // An administrator withdraws it: a revision too, and the public page says so.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/');
      await page.goto('/sign-in');
      await signIn(page, demoCredentials);
      await page.goto(editorUrl);
      await expect.poll(() => heading.textContent()).toBe(title);
      await review.getByRole('button', { name: 'Withdraw…' }).click();
      const withdraw = review.getByRole('form', { name: 'Withdraw the disclosure' });
      await withdraw.getByLabel('Reason for withdrawal').fill('Superseded by the recall notice.');
      await withdraw.getByRole('button', { name: 'Withdraw publicly' }).click();
      await expect
        .poll(() => review.getByText('Withdrawn: the public page and the CSAF document say so.').count())
        .toBe(1);
      await review.getByRole('link', { name: 'Open the public page' }).click();
      await page.waitForURL(/\/disclosures\/[0-9a-f-]{36}$/);
      const banner = page.getByRole('note', { name: 'Withdrawn' });
      await expect
        .poll(async () => (await banner.textContent()) ?? '')
        .toContain('Superseded by the recall notice.');
      expect(await page.getByRole('region', { name: 'Revision history' }).textContent()).toContain(
        'Revision 2: Withdrawn',
      );
      await page.screenshot({ path: '/tmp/candor-disclosure-withdrawn.png', fullPage: true });
    } catch (error) {
      await page.screenshot({ path: '/tmp/candor-disclosure-failure.png', fullPage: true }).catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  }, 240_000);
});
