import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type RunningCandor, startCandor } from '../../../src/main/start.ts';
import { testDatabaseEnv } from '../../support/test-env.ts';
import { launchChromium } from './chromium.ts';

const webDist = fileURLToPath(new URL('../../../web/dist/index.html', import.meta.url));

/** What a browser test reaches once its `beforeAll` ran: the server's address, its deps, Chromium. */
export interface DemoServer {
  readonly baseUrl: string;
  readonly browser: Browser;
  readonly server: RunningCandor;
}

/**
 * Registers, in the calling `describe`, a real Candor server with the demo data on a fresh database
 * (plus whatever `prepare` adds, e.g. a feed) and a Chromium to drive it; both are closed afterwards.
 */
export function useDemoServer(prepare?: (server: RunningCandor) => Promise<unknown>): DemoServer {
  let server: RunningCandor | undefined;
  let database: { env: Record<string, string | undefined>; cleanup(): Promise<void> } | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!existsSync(webDist)) {
      throw new Error('web/dist is missing: run `npm run build:web` before the end-to-end tests.');
    }
    database = await testDatabaseEnv();
    server = await startCandor({ env: { ...database.env, LOG_LEVEL: 'warn' }, seedDemo: true, port: 0 });
    if (prepare) await prepare(server);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.cleanup();
  }, 60_000);
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started (beforeAll failed?)`);
    return value;
  };
  return {
    get baseUrl() {
      return started(server, 'the server').url.replace(/\/$/, '');
    },
    get browser() {
      return started(browser, 'Chromium');
    },
    get server() {
      return started(server, 'the server');
    },
  };
}
