/**
 * Pure rules for feeds read from URLs (CANDOR_FEED_URLS): what a downloaded body is called on disk so that
 * the file importer reads it right, how a URL is shown without its credentials, and how credentials in a
 * URL become a request header (fetch refuses URLs with userinfo).
 */

export type FeedBodyFormat = 'json' | 'csv';

const pathSuffix = /\.(csv\.gz|json\.gz|json|csv|gz|zip)$/i;

/** The extension a URL path or media type announces (`json`, `csv.gz`, `zip`, …), or null. */
export function announcedExtension(urlPath: string, contentType: string): string | null {
  const fromPath = pathSuffix.exec(urlPath)?.[1];
  if (fromPath) return fromPath.toLowerCase();
  const type = contentType.toLowerCase().split(';')[0]?.trim() ?? '';
  if (/^application\/(x-)?zip(-compressed)?$/.test(type)) return 'zip';
  if (/^application\/(x-)?gzip$/.test(type)) return 'gz';
  if (type === 'text/csv') return 'csv';
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  return null;
}

const isGzipBytes = (head: Uint8Array) => head[0] === 0x1f && head[1] === 0x8b;
// A local file header, or the end-of-central-directory record of an empty archive.
const isZipBytes = (head: Uint8Array) =>
  head[0] === 0x50 &&
  head[1] === 0x4b &&
  ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));

/**
 * The temporary file name of a downloaded feed body. The URL path, else the media type, says what the
 * body holds (EPSS defaults to CSV, every other feed to JSON); the first bytes then decide whether it is
 * a ZIP archive, gzip-compressed or plain. That correction matters because fetch undoes a
 * `Content-Encoding: gzip`, so a `.json.gz` URL served that way arrives as plain JSON.
 */
export function downloadedFeedFileName(
  kind: string,
  urlPath: string,
  contentType: string,
  head: Uint8Array,
): string {
  const announced = announcedExtension(urlPath, contentType);
  const format: FeedBodyFormat = announced?.startsWith('csv')
    ? 'csv'
    : announced?.startsWith('json')
      ? 'json'
      : kind === 'epss'
        ? 'csv'
        : 'json';
  if (isZipBytes(head)) return 'feed.zip';
  if (isGzipBytes(head)) return `feed.${format}.gz`;
  return `feed.${format}`;
}

const secretName = /key|token|secret|passw|pwd|auth|sig|credential|session/i;
/** A long run of letters and digits mixed, as API keys and signatures are. */
const secretValue = (value: string) =>
  value.length >= 20 && /^[A-Za-z0-9_\-.~+/=]+$/.test(value) && /\d/.test(value) && /[A-Za-z]/.test(value);

/**
 * The URL as it may be shown (API, CLI, logs, audit): a password in the userinfo (or a user name alone,
 * which is how tokens are often passed) and the values of query parameters that look like keys are
 * replaced by `redacted`. Something that is not a URL is not shown at all.
 */
export function redactFeedUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return '(not a valid URL)';
  }
  if (url.password) url.password = 'redacted';
  else if (url.username) url.username = 'redacted';
  const parameters = [...url.searchParams];
  if (parameters.some(([name, value]) => secretName.test(name) || secretValue(value))) {
    url.search = new URLSearchParams(
      parameters.map(([name, value]): [string, string] => [
        name,
        secretName.test(name) || secretValue(value) ? 'redacted' : value,
      ]),
    ).toString();
  }
  return url.toString();
}

/**
 * The URL fetch may be given (no userinfo) and the `Authorization: Basic` header that carries the
 * credentials it had, if any.
 */
export function requestTarget(raw: string): { url: string; authorization: string | null } {
  const url = new URL(raw);
  if (!url.username && !url.password) return { url: url.toString(), authorization: null };
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  url.username = '';
  url.password = '';
  const utf8 = String.fromCharCode(...new TextEncoder().encode(credentials));
  return { url: url.toString(), authorization: `Basic ${btoa(utf8)}` };
}
