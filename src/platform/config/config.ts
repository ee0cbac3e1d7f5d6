import { createPrivateKey } from 'node:crypto';
import { resolve } from 'node:path';
import { z } from 'zod';

/** The only place that reads process.env. Every setting is documented in README.md#configuration. */
const EnvSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  CANDOR_DATA_DIR: z.string().min(1).default('./data'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CANDOR_SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  CANDOR_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  CANDOR_AUTH_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  CANDOR_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  CANDOR_WEB_DIST: z.string().optional(),
  CANDOR_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  CANDOR_SBOM_LIMIT_BYTES: z.coerce.number().int().positive().default(52_428_800),
  CANDOR_FEEDS_DIR: z.string().min(1).optional(),
  CANDOR_WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  CANDOR_OPERATOR_ORGS: z.string().default(''),
  CANDOR_FEED_UPLOAD_LIMIT_BYTES: z.coerce.number().int().positive().default(209_715_200),
  CANDOR_FEED_URLS: z.string().default(''),
  CANDOR_FEED_DOWNLOAD_LIMIT_BYTES: z.coerce.number().int().positive().default(2_147_483_648),
  CANDOR_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  CANDOR_MAIL_FROM: z.string().min(3).default('Candor <candor@localhost>'),
  CANDOR_HOLIDAY_OVERRIDES: z.string().default('{}'),
  CANDOR_LOG_SIGNING_KEY: z.string().min(1).optional(),
  CANDOR_LOG_ORIGIN: z
    .string()
    .regex(/^[^\s+]+$/, 'one word without spaces or "+" (a signed-note key name)')
    .optional(),
  CANDOR_PROVIDER_NAME: z.string().trim().min(1).max(200).default('Candor'),
  // RFC 9116 §2.5.3: a URI; a web URI must be https.
  CANDOR_SECURITY_CONTACT: z
    .string()
    .regex(/^(mailto:\S+@\S+|tel:\S+|https:\/\/\S+)$/, 'must be a mailto:, tel: or https:// URI')
    .optional(),
});

const HolidayOverridesSchema = z.record(
  z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'a country code such as US or DE'),
  z.strictObject({ add: z.array(z.iso.date()).optional(), remove: z.array(z.iso.date()).optional() }),
);

export interface Config {
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  host: string;
  port: number;
  publicUrl: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  sessionTtlMs: number;
  secureCookies: boolean;
  authRateLimitPerMinute: number;
  bodyLimitBytes: number;
  webDistDir: string;
  /** Behind a load balancer: take the client address from X-Forwarded-For (rate limits, logs). */
  trustProxy: boolean;
  /** Largest SBOM upload (JSON/XML body or multipart file). */
  sbomLimitBytes: number;
  /** Where the scheduled feed import looks for osv/, nvd/, cve5/, kev/ and epss/ folders (optional). */
  feedsDir: string | null;
  /** Allow webhooks to loopback/private addresses (tests, on-premises receivers); off by default (SSRF). */
  webhookAllowPrivate: boolean;
  /** Slugs of the organisations whose admins operate this installation (feed uploads through the API). */
  operatorOrganizations: string[];
  /** Largest feed file an operator may upload through the API (200 MiB). */
  feedUploadLimitBytes: number;
  /**
   * Feeds polled from URLs by the scheduled import: `kind=url` pairs separated by spaces, commas or
   * new lines (`kev=https://… osv=https://…/all.zip`). The kinds are checked by the vulnerabilities module.
   */
  feedUrls: { kind: string; url: string }[];
  /** Largest body a feed URL may return (2 GiB: osv.dev's all-ecosystem zip is below it). */
  feedDownloadLimitBytes: number;
  /** Where e-mail notices are sent through (smtp:// or smtps://, credentials in the URL); unset: no e-mail. */
  smtpUrl: string | null;
  /** The From: of e-mail notices. */
  mailFrom: string;
  /**
   * This deployment's corrections to the public-holiday data deadlines are computed with, per
   * jurisdiction: `{"US": {"add": ["2026-12-24"]}, "IE": {"add": ["2026-04-03"]}}`.
   */
  holidayOverrides: Record<string, { add?: string[]; remove?: string[] }>;
  /**
   * The transparency log's Ed25519 signing key (PKCS#8, base64 DER or PEM). Unset: the log generates one
   * on first use and keeps it in its database table. Never logged, never served.
   */
  logSigningKey: string | null;
  /**
   * The transparency log's origin line and key name (C2SP tlog-checkpoint). Unset: the log takes
   * `<PUBLIC_URL host and path>/log` when it starts and keeps it (a log never changes its origin).
   */
  logOrigin: string | null;
  /** The CSAF provider's name: the publisher of provider-metadata.json (this installation). */
  providerName: string;
  /** The security.txt Contact (RFC 9116): a mailto:, tel: or https:// URI. */
  securityContact: string;
}

/** Checks that CANDOR_LOG_SIGNING_KEY is an Ed25519 PKCS#8 private key, so a bad one stops the start. */
function parseLogSigningKey(value: string | undefined): string | null {
  if (value === undefined) return null;
  try {
    const key = value.includes('-----BEGIN')
      ? createPrivateKey(value)
      : createPrivateKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'pkcs8' });
    if (key.asymmetricKeyType === 'ed25519') return value;
  } catch {
    // Reported below without the key material.
  }
  throw new Error('Invalid configuration: CANDOR_LOG_SIGNING_KEY is not an Ed25519 PKCS#8 private key');
}

function parseHolidayOverrides(value: string): Config['holidayOverrides'] {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new Error('Invalid configuration: CANDOR_HOLIDAY_OVERRIDES is not JSON');
  }
  const parsed = HolidayOverridesSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `Invalid configuration: CANDOR_HOLIDAY_OVERRIDES: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

/** `kind=url` pairs of CANDOR_FEED_URLS; a pair that is not one is a configuration error. */
function parseFeedUrls(value: string): { kind: string; url: string }[] {
  return value
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((pair) => {
      const match = /^([a-z0-9]+)=(https?:\/\/\S+)$/i.exec(pair);
      if (!match)
        throw new Error(`Invalid configuration: CANDOR_FEED_URLS: '${pair}' is not kind=http(s)://url`);
      return { kind: (match[1] as string).toLowerCase(), url: match[2] as string };
    });
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const publicUrl = (
    e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? 'localhost' : e.HOST}:${e.PORT}`
  ).replace(/\/$/, '');
  return {
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: resolve(e.CANDOR_DATA_DIR) },
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    logLevel: e.LOG_LEVEL,
    sessionTtlMs: e.CANDOR_SESSION_TTL_HOURS * 3_600_000,
    secureCookies:
      e.CANDOR_SECURE_COOKIES === 'auto'
        ? publicUrl.startsWith('https:')
        : e.CANDOR_SECURE_COOKIES === 'true',
    authRateLimitPerMinute: e.CANDOR_AUTH_RATE_LIMIT,
    bodyLimitBytes: e.CANDOR_BODY_LIMIT_BYTES,
    webDistDir: resolve(e.CANDOR_WEB_DIST ?? 'web/dist'),
    trustProxy: e.CANDOR_TRUST_PROXY === 'true',
    sbomLimitBytes: e.CANDOR_SBOM_LIMIT_BYTES,
    feedsDir: e.CANDOR_FEEDS_DIR ? resolve(e.CANDOR_FEEDS_DIR) : null,
    webhookAllowPrivate: e.CANDOR_WEBHOOK_ALLOW_PRIVATE === 'true',
    operatorOrganizations: e.CANDOR_OPERATOR_ORGS.split(',')
      .map((slug) => slug.trim())
      .filter(Boolean),
    feedUploadLimitBytes: e.CANDOR_FEED_UPLOAD_LIMIT_BYTES,
    feedUrls: parseFeedUrls(e.CANDOR_FEED_URLS),
    feedDownloadLimitBytes: e.CANDOR_FEED_DOWNLOAD_LIMIT_BYTES,
    smtpUrl: e.CANDOR_SMTP_URL ?? null,
    mailFrom: e.CANDOR_MAIL_FROM,
    holidayOverrides: parseHolidayOverrides(e.CANDOR_HOLIDAY_OVERRIDES),
    logSigningKey: parseLogSigningKey(e.CANDOR_LOG_SIGNING_KEY),
    logOrigin: e.CANDOR_LOG_ORIGIN ?? null,
    providerName: e.CANDOR_PROVIDER_NAME,
    securityContact: e.CANDOR_SECURITY_CONTACT ?? `mailto:security@${new URL(publicUrl).hostname}`,
  };
}
