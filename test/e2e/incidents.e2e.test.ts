import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoSecondUser } from '../../src/main/demo-seed.ts';
import { chromiumPath, openPage as openPageAt } from './support/chromium.ts';
import { useDemoServer } from './support/demo-server.ts';

/**
 * The incident pages in a real browser against a real server with demo data: an editor records an
 * incident, opens it, enters its facts (US and German markets, occurred in Germany, a malfunction that
 * could harm, aware two days ago) with the live preview, saves, and sees the obligations with ticking
 * countdowns (EU MDR for DE, FDA 803); views and downloads a draft, records a submission, moves the
 * other tasks, changes a fact and reads the earlier revision, finds the remaining deadlines in the
 * calendar, and starts the public disclosure. Screenshots go to /tmp/candor-incident-*.png.
 */
const _webDist = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));
const productName = 'CardioLink Telemetry Gateway';
const mdr = 'Serious incident report (MIR) — DE';
const fda803 = 'Medical device report (30-day) — US';

describe.skipIf(!existsSync(chromiumPath))('incident pages in a browser', () => {
  const demo = useDemoServer();

  async function signIn(page: Page): Promise<string> {
    await page.getByLabel('Email').fill(demoSecondUser.email);
    await page.getByLabel('Password').fill(demoSecondUser.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/console\/[0-9a-f-]{36}$/);
    const orgId = new URL(page.url()).pathname.split('/')[2];
    if (!orgId) throw new Error('no organisation in the console address');
    return orgId;
  }

  /** A `datetime-local` value `daysAgo` days before now, in the browser's own zone. */
  function localInputDaysAgo(page: Page, daysAgo: number): Promise<string> {
    return page.evaluate((days) => {
      const date = new Date(Date.now() - days * 86_400_000);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
    }, daysAgo);
  }

  const obligation = (page: Page, name: string): Locator =>
    page.getByRole('list', { name: 'Mandatory reports' }).getByRole('article', { name, exact: true });

  it('takes an editor from recording an incident to its reports, deadlines and public disclosure', async () => {
    const { context, page } = await openPageAt(demo.browser, demo.baseUrl, '/sign-in', {
      width: 1400,
      acceptDownloads: true,
    });
    try {
      const orgId = await signIn(page);
      const heading = page.getByRole('heading', { level: 1 });
      const title = `Spoofed telemetry on CardioLink gateways ${Date.now()}`;

      // Record the incident, with its kind, and open it from the success message.
      await page.getByText('Record an incident', { exact: true }).click();
      const record = page.getByRole('form', { name: 'Record an incident' });
      await record.getByLabel('Title').fill(title);
      await record.getByLabel('Kind').selectOption('exploited_vulnerability');
      await record.getByRole('checkbox', { name: productName }).check();
      await record.getByRole('button', { name: 'Record incident' }).click();
      await record.getByRole('link', { name: title }).click();
      await page.waitForURL(new RegExp(`/console/${orgId}/incidents/[0-9a-f-]{36}$`));
      await expect.poll(() => heading.textContent()).toBe(title);
      const obligations = page.getByRole('region', { name: 'Obligations' });
      await expect.poll(() => obligations.getByText('No facts recorded yet').count()).toBe(1);
      expect(await page.getByRole('region', { name: 'Details' }).textContent()).toContain(
        'Exploited vulnerability',
      );

      // The facts: US and German markets, occurred in Germany, a malfunction that could harm.
      const facts = page.getByRole('form', { name: 'Incident facts' });
      // What the risk assessments say is offered beside the form (nothing is linked yet).
      await expect
        .poll(async () => (await facts.textContent()) ?? '')
        .toContain('No product version and vulnerability are linked');
      await facts.getByLabel('Aware at', { exact: true }).fill(await localInputDaysAgo(page, 2));
      await facts.getByLabel('Time zone').fill('America/New_York');
      await facts.getByLabel('Markets').fill('US, DE');
      await facts.getByLabel('Occurred in').fill('DE');
      await facts.getByLabel('Patient harm', { exact: true }).selectOption('malfunction_could_harm');
      // The preview answers before anything is stored.
      const preview = page.getByRole('region', { name: 'What these facts make due' });
      await expect.poll(async () => (await preview.textContent()) ?? '').toContain(mdr);
      expect(await preview.textContent()).toContain(fda803);
      await facts.getByLabel('Change note').fill('First assessment: a malfunction that could harm.');
      await page.screenshot({ path: '/tmp/candor-incident-facts.png', fullPage: true });
      await facts.getByRole('button', { name: 'Save facts' }).click();
      await expect
        .poll(async () => (await facts.getByRole('status').allTextContents()).join(' '))
        .toMatch(
          /Saved as revision 1: [1-9]\d* obligations? added, 0 deadlines moved, 0 obligations withdrawn\./,
        );

      // The obligations, each with a ticking countdown, its reason, its source and both time zones.
      const mdrCard = obligation(page, mdr);
      const fdaCard = obligation(page, fda803);
      await expect.poll(() => mdrCard.count()).toBe(1);
      expect(await fdaCard.count()).toBe(1);
      const mdrTimer = mdrCard.getByRole('timer');
      const before = (await mdrTimer.textContent()) ?? '';
      expect(before).toMatch(/^in \d+ d \d{2}:\d{2}:\d{2}$/);
      await expect.poll(() => mdrTimer.textContent(), { timeout: 5_000 }).not.toBe(before);
      expect(await fdaCard.getByRole('timer').textContent()).toMatch(/^in \d+ d \d{2}:\d{2}:\d{2}$/);
      const mdrText = (await mdrCard.textContent()) ?? '';
      expect(mdrText).toContain('Europe/Berlin');
      expect(mdrText).toContain('Regulation (EU) 2017/745');
      expect(mdrText).toMatch(/occurred in DE/);
      expect(await fdaCard.textContent()).toContain('21 CFR 803');
      // Soonest first: the MDR clock (15 days) before the FDA one (30 days).
      const names = await page
        .getByRole('list', { name: 'Mandatory reports' })
        .getByRole('heading', { level: 3 })
        .allTextContents();
      expect(names.indexOf(mdr)).toBeLessThan(names.indexOf(fda803));
      await mdrCard.scrollIntoViewIfNeeded();
      await page.screenshot({ path: '/tmp/candor-incident-obligations.png', fullPage: true });
      await obligations.screenshot({ path: '/tmp/candor-incident-obligations-card.png' });

      // The MDR draft: every field, downloadable as Markdown.
      await mdrCard.getByRole('button', { name: 'View draft' }).click();
      const draft = mdrCard.getByTestId('obligation-draft');
      await expect.poll(async () => (await draft.textContent()) ?? '').toContain('Serious incident');
      const download = page.waitForEvent('download');
      await mdrCard.getByRole('button', { name: 'Download Markdown (.md)' }).click();
      expect((await download).suggestedFilename()).toMatch(/^eu-mdr-serious-incident.*\.md$/);

      // Record its submission: marked submitted, the countdown stops, the version is listed.
      await mdrCard.getByText('Record submission', { exact: true }).click();
      const submit = mdrCard.getByRole('form', { name: /^Record submission/ });
      await submit.getByRole('button', { name: 'Record the submission' }).click();
      await expect.poll(() => submit.getByLabel('Reference').getAttribute('aria-invalid')).toBe('true');
      await submit.getByLabel('Reference').fill('BfArM-2026-0042');
      await submit.getByRole('button', { name: 'Record the submission' }).click();
      await expect.poll(() => mdrCard.getByText('Status: Submitted', { exact: true }).count()).toBe(1);
      await expect.poll(() => mdrCard.getByRole('timer').count()).toBe(0);
      const versions = mdrCard.getByRole('table', { name: 'Submitted versions' });
      await expect.poll(async () => (await versions.textContent()) ?? '').toContain('BfArM-2026-0042');
      expect(await mdrCard.getByText('Urgency: Nothing left to do', { exact: true }).count()).toBe(1);
      await mdrCard.screenshot({ path: '/tmp/candor-incident-submitted.png' });

      // The FDA report is being drafted; another report is set aside with a reason.
      await fdaCard.getByRole('button', { name: 'Mark as drafted' }).click();
      await expect.poll(() => fdaCard.getByText('Status: Drafted', { exact: true }).count()).toBe(1);
      const others = page
        .getByRole('list', { name: 'Mandatory reports' })
        .getByRole('article')
        .filter({ hasNot: page.getByRole('heading', { name: mdr }) })
        .filter({ hasNot: page.getByRole('heading', { name: fda803 }) });
      if ((await others.count()) > 0) {
        const other = others.first();
        await other.getByRole('button', { name: 'Mark not applicable…' }).click();
        await other
          .getByLabel('Reason')
          .fill('Risk controlled: the gateway is segmented from therapy devices.');
        await other.getByRole('button', { name: 'Mark not applicable', exact: true }).click();
        await expect.poll(() => other.getByText('Status: Not applicable', { exact: true }).count()).toBe(1);
      }

      // A later fact (serious injury) moves the MDR clock; its history keeps the first deadline.
      await facts.getByLabel('Patient harm', { exact: true }).selectOption('serious_injury');
      await facts.getByLabel('Change note').fill('A patient was seriously injured.');
      await facts.getByRole('button', { name: 'Save facts' }).click();
      await expect
        .poll(async () => (await facts.getByRole('status').allTextContents()).join(' '))
        .toMatch(/Saved as revision 2: .*[1-9]\d* deadlines? moved/);
      await expect.poll(() => mdrCard.getByText(/^Deadline history \(2 deadlines/).count()).toBe(1);
      // Revision 1, read-only, as it stood.
      await page.getByRole('button', { name: 'Show revision 1' }).click();
      const past = page.getByRole('region', { name: 'Facts revision 1' });
      expect(await past.getByLabel('Patient harm', { exact: true }).inputValue()).toBe(
        'malfunction_could_harm',
      );
      expect(await past.getByLabel('Patient harm', { exact: true }).isDisabled()).toBe(true);
      expect(await past.textContent()).toContain('First assessment');
      await page
        .getByRole('region', { name: 'Facts', exact: true })
        .screenshot({ path: '/tmp/candor-incident-facts-card.png' });

      // The status moves; the timeline tells the story, and takes a note.
      await page.getByLabel('Move to').selectOption('reporting');
      await expect.poll(() => page.getByText('Status set to reporting.').count()).toBe(1);
      const timeline = page.getByRole('region', { name: 'Timeline' });
      await expect
        .poll(async () => (await timeline.textContent()) ?? '')
        .toContain('Status: triage → reporting');
      const story = (await timeline.textContent()) ?? '';
      expect(story).toContain('Facts revision 1');
      expect(story).toContain('reference BfArM-2026-0042');
      await timeline.getByText('Add a note', { exact: true }).click();
      await timeline
        .getByLabel('Note', { exact: true })
        .fill('Called the BfArM vigilance desk to confirm receipt.');
      await timeline.getByRole('button', { name: 'Add the note' }).click();
      await expect
        .poll(() => timeline.getByText('Called the BfArM vigilance desk to confirm receipt.').count())
        .toBe(1);
      await page.screenshot({ path: '/tmp/candor-incident-page.png', fullPage: true });

      // The deadline calendar: the remaining deadlines, each linking to its incident.
      await page
        .getByRole('navigation', { name: 'Console' })
        .getByRole('link', { name: 'Deadline calendar' })
        .click();
      await expect.poll(() => heading.textContent()).toBe('Deadline calendar');
      const fdaLink = page.getByRole('link', { name: fda803 });
      await expect.poll(() => fdaLink.count()).toBeGreaterThanOrEqual(1);
      expect(await page.getByRole('link', { name: mdr }).count()).toBeGreaterThanOrEqual(1);
      await page.getByLabel('Only reports still to make').check();
      const today = await page.evaluate(() => new Date().toISOString().slice(0, 10));
      const later = await page.evaluate(() =>
        new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
      );
      await page.getByLabel('From (optional)', { exact: true }).fill(today);
      await page.getByLabel('To (optional)', { exact: true }).fill(later);
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(/[?&]from=\d{4}-\d{2}-\d{2}.*&open=1/);
      const ours = page.getByRole('listitem').filter({ hasText: title });
      // The submitted MDR report is done: only reports still to make are left, the FDA one among them.
      await expect.poll(() => ours.filter({ has: page.getByRole('link', { name: mdr }) }).count()).toBe(0);
      await expect.poll(() => ours.filter({ has: page.getByRole('link', { name: fda803 }) }).count()).toBe(1);
      expect(await ours.getByRole('timer').count()).toBeGreaterThanOrEqual(1);
      await page.screenshot({ path: '/tmp/candor-incident-calendar.png', fullPage: true });
      await ours.getByRole('link', { name: fda803 }).click();
      await expect.poll(() => heading.textContent()).toBe(title);

      // The public disclosure starts as a draft, pre-filled, on the disclosures list.
      await page.getByRole('button', { name: 'Start public disclosure' }).click();
      const started = page.getByRole('status').filter({ hasText: /^.*Drafted “/ });
      await expect.poll(() => started.count()).toBe(1);
      const drafted = /Drafted “(.+)”/.exec((await started.textContent()) ?? '')?.[1] ?? '';
      expect(drafted).not.toBe('');
      await started.getByRole('link', { name: 'Open the disclosures' }).click();
      const disclosures = page.getByRole('region', { name: 'Disclosures' });
      await expect.poll(async () => (await disclosures.textContent()) ?? '').toContain(drafted);
    } catch (error) {
      await page.screenshot({ path: '/tmp/candor-incident-failure.png', fullPage: true }).catch(() => {});
      throw error;
    } finally {
      await context.close();
    }
  }, 240_000);
});
