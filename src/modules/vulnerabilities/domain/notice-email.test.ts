import { describe, expect, it } from 'vitest';
import { composeNoticeEmail } from './notice-email.ts';

const organizationId = '0b7c3f4e-1d2a-4c5b-8e9f-0a1b2c3d4e5f';
const notice = {
  organizationId,
  title: '2 new vulnerability findings, 1 closed',
  payload: {
    productVersionId: 'v-1',
    productId: 'p-1',
    productName: 'Infusion pump',
    versionLabel: '4.2',
    opened: 2,
    closed: 1,
  },
};

describe('composeNoticeEmail', () => {
  it('says what changed, for which version, and links to its findings', () => {
    const mail = composeNoticeEmail(notice, 'https://candor.example/');
    expect(mail.subject).toBe('[Candor] 2 new vulnerability findings, 1 closed');
    expect(mail.text).toContain('What changed: 2 new findings opened, 1 finding closed');
    expect(mail.text).toContain('Product: Infusion pump');
    expect(mail.text).toContain('Version: 4.2');
    expect(mail.text).toContain(
      `https://candor.example/console/${organizationId}/products/p-1/versions/v-1#vulnerabilities`,
    );
  });

  it('keeps user-typed names on one line and links to the inbox when the version is unknown', () => {
    const mail = composeNoticeEmail(
      { ...notice, payload: { opened: 1, productName: 'Pump\r\nBcc: x@example.com' } },
      'https://candor.example',
    );
    expect(mail.text).toContain('Product: Pump Bcc: x@example.com\n');
    expect(mail.text).toContain('Version: (unnamed)');
    expect(mail.text).toContain(`https://candor.example/console/${organizationId}/notifications\n`);
  });
});
