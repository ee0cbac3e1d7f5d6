import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoCredentials, demoSecondUser } from '../../src/main/demo-seed.ts';
import { importFeed } from '../../src/modules/vulnerabilities/index.ts';
import { chromiumPath, openPage as openPageAt } from './support/chromium.ts';
import { useDemoServer } from './support/demo-server.ts';

/**
 * The risk pages in a real browser against a real server with demo data and the NVD fixtures (a finding
 * of CVE-2022-39173 in the CardioLink gateway's release 4.0.0): an editor finds it on the worklist,
 * answers the medical-device rubric until the vector appears, judges patient harm, watches the live
 * decision, saves, sees the revision in the history and sets triage; the worklist then shows both. An
 * admin accepts the risk and withdraws it. Screenshots go to /tmp/candor-risk-*.png.
 */
const _webDist = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));
const nvdFixtures = fileURLToPath(new URL('../fixtures/nvd', import.meta.url));
const productName = 'CardioLink Telemetry Gateway';
const cve = 'CVE-2022-39173';

/** Answers other than "no": a network-reachable device whose therapy and availability are at stake. */
const rubricAnswers: Record<string, 'Yes' | 'No' | 'Unknown'> = {
  XAVN: 'Yes',
  XAVT: 'Yes',
  XACL: 'Yes',
  XIT: 'Yes',
  XAT: 'Yes',
};

describe.skipIf(!existsSync(chromiumPath))('risk pages in a browser', () => {
  const demo = useDemoServer((s) => importFeed(s.deps, 'nvd', nvdFixtures));

  const openPage = (path: string) => openPageAt(demo.browser, demo.baseUrl, path, { width: 1400 });

  async function signIn(page: Page, credentials: { email: string; password: string }): Promise<string> {
    await page.getByLabel('Email').fill(credentials.email);
    await page.getByLabel('Password').fill(credentials.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/console\/[0-9a-f-]{36}$/);
    const orgId = new URL(page.url()).pathname.split('/')[2];
    if (!orgId) throw new Error('no organisation in the console address');
    return orgId;
  }

  function worklistRow(page: Page): Locator {
    return page
      .getByRole('table', { name: 'Worklist' })
      .getByRole('row')
      .filter({
        has: page.getByRole('rowheader', { name: new RegExp(`${cve} in ${productName} 4\\.0\\.0`) }),
      });
  }

  /** Answers the open questions one at a time (the server adds follow-ups) until the vector appears. */
  async function answerRubric(page: Page, rubric: Locator): Promise<string> {
    const vector = rubric.getByTestId('rubric-vector');
    for (let step = 0; step < 80 && (await vector.count()) === 0; step++) {
      const open = rubric
        .locator('.risk-question:not(.risk-question--ignored)')
        .filter({ hasNot: page.locator('input:checked') });
      if ((await open.count()) === 0) {
        await page.waitForTimeout(150);
        continue;
      }
      const question = open.first();
      const id = ((await question.locator('legend code').textContent()) ?? '').trim();
      await question.getByRole('radio', { name: rubricAnswers[id] ?? 'No', exact: true }).check();
    }
    await expect.poll(() => vector.count()).toBe(1);
    return (await vector.textContent()) ?? '';
  }

  it('lets an editor assess a finding from the worklist, save it and set its triage', async () => {
    const { context, page } = await openPage('/sign-in');
    try {
      await signIn(page, demoSecondUser);
      const nav = page.getByRole('navigation', { name: 'Console' });
      const heading = page.getByRole('heading', { level: 1 });

      // The worklist: the finding, not assessed yet, new.
      await nav.getByRole('link', { name: 'Worklist' }).click();
      await expect.poll(() => heading.textContent()).toBe('Worklist');
      const row = worklistRow(page);
      await expect.poll(() => row.count()).toBe(1);
      const before = (await row.textContent()) ?? '';
      expect(before).toContain('Not assessed');
      expect(before).toContain('New');
      expect(before).toMatch(/wolfssl/i);
      expect(await row.getByRole('link', { name: `${productName} 4.0.0`, exact: true }).count()).toBe(1);
      await page.screenshot({ path: '/tmp/candor-risk-worklist-before.png', fullPage: true });

      // A filter that leaves nothing says so.
      await page.getByLabel('Search', { exact: true }).fill('no-such-vulnerability-anywhere');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(/[?&]q=no-such-vulnerability-anywhere/);
      await expect.poll(() => page.getByText('No findings match').count()).toBe(1);
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await expect.poll(() => row.count()).toBe(1);

      // The assessment page: the vulnerability and the component it was found in.
      await row.getByRole('link', { name: new RegExp(`^${cve}`) }).click();
      await expect.poll(() => heading.textContent()).toBe(cve);
      const facts = page.getByRole('region', { name: 'Vulnerability' });
      expect(await facts.textContent()).toMatch(/wolfssl/i);
      const live = page.getByRole('region', { name: 'Live result' });
      await expect.poll(() => live.getByText('Up to date.').count()).toBe(1);

      // A manual vector that does not parse is refused on its field, live.
      await page.getByRole('radio', { name: /^Manual vector/ }).check();
      const manual = page.getByLabel('Manual vector', { exact: true });
      await manual.fill('CVSS:3.1/AV:X');
      await expect.poll(() => manual.getAttribute('aria-invalid')).toBe('true');

      // The rubric gives the base vector; its default mapping is labelled as unconfirmed.
      await page.getByRole('radio', { name: /^Medical-device rubric/ }).check();
      const rubric = page.getByRole('region', { name: 'Medical-device rubric' });
      await expect.poll(() => rubric.getByText('Unconfirmed default', { exact: true }).count()).toBe(1);
      const vector = await answerRubric(page, rubric);
      expect(vector).toMatch(/^CVSS:3\.[01]\/AV:/);
      expect(await rubric.textContent()).toContain('XAVN:Y/XAVT:Y');
      // Changing an answer takes its follow-up off the path: kept, struck through, not used.
      await rubric
        .getByRole('group', { name: /XAVN$/ })
        .getByRole('radio', { name: 'No', exact: true })
        .check();
      await expect.poll(() => rubric.locator('.risk-question--ignored').count()).toBeGreaterThanOrEqual(1);
      expect(await rubric.getByText(/Not used: an earlier answer/).count()).toBeGreaterThanOrEqual(1);
      await rubric
        .getByRole('group', { name: /XAVN$/ })
        .getByRole('radio', { name: 'Yes', exact: true })
        .check();
      await expect.poll(() => rubric.locator('.risk-question--ignored').count()).toBe(0);
      await expect.poll(() => rubric.getByTestId('rubric-vector').count()).toBe(1);
      await page.screenshot({ path: '/tmp/candor-risk-rubric.png', fullPage: true });

      // The device's environment rescoring: a value the metric does not take is refused on the field.
      const environment = page.getByRole('textbox', { name: /^Environmental metrics/ });
      await environment.fill('MAV:Q');
      await expect.poll(() => environment.getAttribute('aria-invalid')).toBe('true');
      await environment.fill('MAV:A/CR:L');
      await expect.poll(() => environment.getAttribute('aria-invalid')).toBe(null);
      await expect.poll(() => live.getByText('Environmental (this device)').count()).toBe(1);

      // No decision without the severity of harm; then the live decision, from the placeholder matrix.
      const decision = live.getByRole('region', { name: 'Decision' });
      expect(await decision.textContent()).toContain('Choose the severity of patient harm');
      await page.getByRole('radio', { name: /^Critical/ }).check();
      await expect.poll(async () => (await decision.textContent()) ?? '').toMatch(/Uncontrolled|Controlled/);
      expect(await decision.textContent()).toMatch(/enforcement discretion/i);
      // SSVC inputs give the supplier's patch priority.
      await page.getByRole('combobox', { name: /^Automatable/ }).selectOption('yes');
      await page.getByRole('combobox', { name: /^Value density/ }).selectOption('concentrated');
      const ssvc = live.getByRole('region', { name: 'SSVC' });
      await expect
        .poll(async () => (await ssvc.textContent()) ?? '')
        .toMatch(/Defer|Scheduled|Out-of-cycle|Immediate/);
      await page
        .getByRole('textbox', { name: /^Rationale/ })
        .fill('Therapy delivery reachable over the hospital network.');
      await expect.poll(() => live.getByText('Up to date.').count()).toBe(1);
      const liveDecision = (await decision.textContent())?.match(/Uncontrolled|Controlled/)?.[0] ?? '';
      await live.scrollIntoViewIfNeeded();
      await page.screenshot({ path: '/tmp/candor-risk-live.png', fullPage: true });

      // Save: a revision in the history, by this editor.
      await page.getByRole('button', { name: 'Save assessment' }).click();
      await expect.poll(() => page.getByText('Saved as revision 1.').count()).toBe(1);
      const history = page.getByRole('table', { name: 'Assessment history' });
      await expect.poll(() => history.getByRole('row').count()).toBe(2);
      const revision = (await history.getByRole('row').nth(1).textContent()) ?? '';
      expect(revision).toContain(liveDecision);
      expect(revision).toMatch(/Bob/i);

      // Triage: not affected needs a justification; in analysis does not.
      const triage = page.getByRole('form', { name: 'Change the triage state' });
      await triage.getByLabel('Triage state').selectOption('not_affected');
      await triage.getByRole('button', { name: 'Save triage' }).click();
      await expect.poll(() => triage.getByLabel('Justification').getAttribute('aria-invalid')).toBe('true');
      await triage.getByLabel('Triage state').selectOption('in_analysis');
      await triage.getByRole('button', { name: 'Save triage' }).click();
      await expect.poll(() => triage.getByText('Triage state set to in analysis.').count()).toBe(1);
      // Editors see the acceptance, not the form that changes it.
      expect(await page.getByRole('form', { name: 'Accept the risk' }).count()).toBe(0);
      await page.screenshot({ path: '/tmp/candor-risk-assessed.png', fullPage: true });

      // Back on the worklist: the decision, the supplier priority and the triage state.
      await nav.getByRole('link', { name: 'Worklist' }).click();
      await expect.poll(() => heading.textContent()).toBe('Worklist');
      await expect.poll(() => row.count()).toBe(1);
      const after = (await row.textContent()) ?? '';
      expect(after).toContain(liveDecision);
      expect(after).not.toContain('Not assessed');
      expect(after).toContain('In analysis');
      expect(after).toMatch(/Defer|Scheduled|Out-of-cycle|Immediate/);
      // The decision filter, in the address.
      await page.getByLabel('Decision', { exact: true }).selectOption('unassessed');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(/[?&]decision=unassessed/);
      await expect.poll(() => row.count()).toBe(0);
      await page.screenshot({ path: '/tmp/candor-risk-worklist-after.png', fullPage: true });
    } catch (error) {
      await page.screenshot({ path: '/tmp/candor-risk-failure.png', fullPage: true }).catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  }, 180_000);

  it('lets an admin open the assessment from the version page, accept the risk and withdraw it', async () => {
    const { context, page } = await openPage('/sign-in');
    try {
      await signIn(page, demoCredentials);
      const nav = page.getByRole('navigation', { name: 'Console' });
      const heading = page.getByRole('heading', { level: 1 });
      await nav.getByRole('link', { name: 'Products' }).click();
      await page.getByRole('link', { name: productName }).first().click();
      await expect.poll(() => heading.textContent()).toBe(productName);
      await page
        .getByRole('region', { name: 'Versions' })
        .getByRole('rowheader')
        .getByRole('link', { name: '4.0.0', exact: true })
        .click();
      await expect.poll(() => heading.textContent()).toBe('Version 4.0.0');
      await page.getByRole('link', { name: `Assess the risk of ${cve}` }).click();
      await expect.poll(() => heading.textContent()).toBe(cve);
      // The editor's revision is there, and the form holds its answers.
      await expect
        .poll(() => page.getByRole('table', { name: 'Assessment history' }).getByRole('row').count())
        .toBe(2);
      await expect.poll(() => page.getByTestId('rubric-vector').count()).toBe(1);

      const accept = page.getByRole('form', { name: 'Accept the risk' });
      const until = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
      await accept.getByRole('button', { name: 'Accept the risk' }).click();
      await expect.poll(() => accept.getByLabel('Reason').getAttribute('aria-invalid')).toBe('true');
      await accept.getByLabel('Accepted until').fill(until);
      await accept.getByLabel('Reason').fill('Patch ships with the next scheduled release.');
      await accept
        .getByLabel('Compensating controls relied on')
        .fill('Network segmentation\nTLS 1.3 disabled');
      await accept.getByRole('button', { name: 'Accept the risk' }).click();
      const acceptance = page.getByRole('region', { name: 'Risk acceptance' });
      await expect.poll(() => acceptance.getByText('The risk is accepted.').count()).toBe(1);
      expect(await acceptance.textContent()).toContain('Active');
      expect(await acceptance.textContent()).toContain('Network segmentation');
      await acceptance.scrollIntoViewIfNeeded();
      await page.screenshot({ path: '/tmp/candor-risk-accepted.png', fullPage: true });

      await nav.getByRole('link', { name: 'Worklist' }).click();
      await expect.poll(() => worklistRow(page).count()).toBe(1);
      expect(await worklistRow(page).textContent()).toContain('Risk accepted');
      await page.goBack();
      await expect.poll(() => heading.textContent()).toBe(cve);
      await acceptance.getByRole('button', { name: 'Remove the acceptance' }).click();
      await expect.poll(() => acceptance.getByText('The risk acceptance was removed.').count()).toBe(1);
      expect(await acceptance.getByText('No risk is accepted for this finding.').count()).toBe(1);
    } catch (error) {
      await page.screenshot({ path: '/tmp/candor-risk-admin-failure.png', fullPage: true }).catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  }, 180_000);

  it('lets an admin confirm their own control matrix in the risk settings', async () => {
    const { context, page } = await openPage('/sign-in');
    try {
      const orgId = await signIn(page, demoCredentials);
      await page.goto(`/console/${orgId}/worklist`);
      await page.getByRole('link', { name: 'Risk settings' }).click();
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Risk settings');
      const card = page.getByRole('region', { name: 'Control matrix' });
      await expect.poll(() => card.getByText('Unconfirmed', { exact: true }).count()).toBe(1);
      expect(await card.getByText('Shipped default', { exact: true }).count()).toBe(1);
      const cells = card.getByRole('table').getByRole('combobox');
      expect(await cells.count()).toBe(20);
      const serious = card.getByLabel('Serious harm, high exploitability');
      expect(await serious.inputValue()).toBe('controlled');
      await serious.selectOption('uncontrolled');
      await card.getByRole('textbox', { name: 'Label' }).fill('Acme matrix, SOP-114 rev. 3');
      await card.getByLabel('Confirmed by the manufacturer').check();
      await card.getByRole('button', { name: 'Save the control matrix' }).click();
      await expect.poll(() => card.getByText('Saved.', { exact: true }).count()).toBe(1);
      expect(await card.getByText('Confirmed', { exact: true }).count()).toBe(1);
      expect(await card.getByText('Organisation’s own', { exact: true }).count()).toBe(1);
      await page.screenshot({ path: '/tmp/candor-risk-settings.png', fullPage: true });
      // Read back from the server.
      await page.reload();
      await expect.poll(() => serious.inputValue()).toBe('uncontrolled');
    } catch (error) {
      await page
        .screenshot({ path: '/tmp/candor-risk-settings-failure.png', fullPage: true })
        .catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);
});
