import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, isNonPublicAddress } from './webhook-target.ts';

describe('webhook targets', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '100.64.0.1',
  ])('%s is not public', (address) => expect(isNonPublicAddress(address)).toBe(true));
  it.each(['8.8.8.8', '172.32.0.1', '2001:4860:4860::8888'])('%s is public', (address) =>
    expect(isNonPublicAddress(address)).toBe(false),
  );

  it('requires https to a public host, without credentials', () => {
    expect(checkWebhookUrl('https://hooks.example.com/candor', false).hostname).toBe('hooks.example.com');
    expect(() => checkWebhookUrl('http://hooks.example.com/x', false)).toThrow(/https/);
    expect(() => checkWebhookUrl('https://127.0.0.1/x', false)).toThrow(/public host/);
    expect(() => checkWebhookUrl('https://[::1]/x', false)).toThrow(/public host/);
    expect(() => checkWebhookUrl('https://localhost/x', false)).toThrow(/public host/);
    expect(() => checkWebhookUrl('https://user:pw@hooks.example.com/x', false)).toThrow(/credentials/);
    expect(() => checkWebhookUrl('not a url', false)).toThrow(/not a URL/);
    expect(checkWebhookUrl('http://127.0.0.1:9999/x', true).port).toBe('9999');
  });
});
