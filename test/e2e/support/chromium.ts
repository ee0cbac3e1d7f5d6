import { type Browser, chromium } from 'playwright-core';

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
