import { DomainError } from '../../../shared/errors.ts';

/**
 * Whether an IP address is loopback, private, link-local or otherwise not a public internet host:
 * webhooks to such addresses would let an organisation make Candor call its own infrastructure (SSRF).
 */
export function isNonPublicAddress(address: string): boolean {
  const version = /^\d{1,3}(\.\d{1,3}){3}$/.test(address) ? 4 : address.includes(':') ? 6 : 0;
  if (version === 4) {
    const [a = 0, b = 0] = address.split('.').map(Number);
    return (
      a === 10 ||
      a === 127 ||
      a === 0 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127) ||
      a >= 224
    );
  }
  if (version === 6) {
    const lower = address.toLowerCase();
    if (lower.startsWith('::ffff:')) return isNonPublicAddress(lower.slice(7));
    return (
      lower === '::1' ||
      lower === '::' ||
      lower.startsWith('fc') ||
      lower.startsWith('fd') ||
      lower.startsWith('fe80')
    );
  }
  return false;
}

/** Checks a webhook URL as entered: http(s) only, https unless private targets are allowed, no credentials. */
export function checkWebhookUrl(raw: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DomainError('invalid', 'The webhook URL is not a URL.');
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) {
    throw new DomainError('invalid', 'Webhook URLs must use https.');
  }
  if (url.username || url.password)
    throw new DomainError(
      'invalid',
      'Put no credentials in the webhook URL; the signature authenticates Candor.',
    );
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && (host === 'localhost' || host.endsWith('.localhost') || isNonPublicAddress(host))) {
    throw new DomainError('invalid', 'Webhook URLs must point to a public host.');
  }
  return url;
}
