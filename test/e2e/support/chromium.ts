import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium; the browser tests skip when it is absent. */
export const chromiumPath = '/usr/bin/chromium';

/**
 * Headless Chromium as this machine needs it: no sandbox (root), no GPU, and none of the background
 * networking that a closed network refuses.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/** A fresh browser context on the running server, opened at `path` (15 s default timeout). */
export async function openPage(
  browser: Browser | undefined,
  baseUrl: string,
  path: string,
  options: { width?: number; acceptDownloads?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  if (!browser) throw new Error('the browser did not start');
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: options.width ?? 1280, height: 900 },
    acceptDownloads: options.acceptDownloads ?? false,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(path);
  return { context, page };
}
