import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('configuration', () => {
  it('reads feed URLs, SMTP and holiday overrides', () => {
    const config = loadConfig({
      CANDOR_FEED_URLS: 'kev=https://example.org/kev.json, osv=https://example.org/all.zip',
      CANDOR_SMTP_URL: 'smtp://mail.example.org:587',
      CANDOR_HOLIDAY_OVERRIDES: '{"US": {"add": ["2026-12-24"]}, "IE": {"remove": ["2026-04-03"]}}',
    });
    expect(config.feedUrls).toEqual([
      { kind: 'kev', url: 'https://example.org/kev.json' },
      { kind: 'osv', url: 'https://example.org/all.zip' },
    ]);
    expect(config.smtpUrl).toBe('smtp://mail.example.org:587');
    expect(config.holidayOverrides).toEqual({ US: { add: ['2026-12-24'] }, IE: { remove: ['2026-04-03'] } });
    expect(loadConfig({}).holidayOverrides).toEqual({});
  });

  it('names the CSAF provider and its security contact, by default after PUBLIC_URL', () => {
    const defaults = loadConfig({ PUBLIC_URL: 'https://candor.example/' });
    expect(defaults.providerName).toBe('Candor');
    expect(defaults.securityContact).toBe('mailto:security@candor.example');
    const set = loadConfig({
      CANDOR_PROVIDER_NAME: 'Medical CSAF hub',
      CANDOR_SECURITY_CONTACT: 'https://candor.example/security',
    });
    expect(set.providerName).toBe('Medical CSAF hub');
    expect(set.securityContact).toBe('https://candor.example/security');
    expect(() => loadConfig({ CANDOR_SECURITY_CONTACT: 'http://candor.example/security' })).toThrow(
      /CANDOR_SECURITY_CONTACT/,
    );
  });

  it('refuses settings it cannot read, naming them', () => {
    expect(() => loadConfig({ CANDOR_FEED_URLS: 'kev' })).toThrow(/CANDOR_FEED_URLS/);
    expect(() => loadConfig({ CANDOR_SMTP_URL: 'mail.example.org' })).toThrow(/CANDOR_SMTP_URL/);
    expect(() => loadConfig({ CANDOR_HOLIDAY_OVERRIDES: '{nope' })).toThrow(
      /CANDOR_HOLIDAY_OVERRIDES is not JSON/,
    );
    expect(() => loadConfig({ CANDOR_HOLIDAY_OVERRIDES: '{"US": {"add": ["24 Dec"]}}' })).toThrow(
      /CANDOR_HOLIDAY_OVERRIDES: US\.add\.0/,
    );
  });
});
