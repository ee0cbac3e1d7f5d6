/** The provider's plain-text files and directory listings (CSAF 2.0 §7.1.12–14, §7.1.18). */

export interface ListedDocument {
  path: string;
  currentReleaseAt: Date;
}

/** Newest first by current release; ties by path, so the order is stable. */
export function newestFirst<T extends ListedDocument>(documents: readonly T[]): T[] {
  return [...documents].sort(
    (a, b) =>
      b.currentReleaseAt.getTime() - a.currentReleaseAt.getTime() ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
}

/** §7.1.12: every document's path relative to the TLP folder, one a line. */
export function formatIndexTxt(documents: readonly ListedDocument[]): string {
  return newestFirst(documents)
    .map((d) => `${d.path}\n`)
    .join('');
}

function csvField(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** §7.1.13: `"<path>","<current_release_date>"`, quoted, no header, newest first. */
export function formatChangesCsv(documents: readonly ListedDocument[]): string {
  return newestFirst(documents)
    .map((d) => `${csvField(d.path)},${csvField(d.currentReleaseAt.toISOString())}\n`)
    .join('');
}

/** §7.1.18: the hex hash, two spaces, the file name (as sha256sum/sha512sum write and check it). */
export function formatHashFile(hexDigest: string, fileName: string): string {
  return `${hexDigest}  ${fileName}\n`;
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/**
 * §7.1.14: a directory listing, a minimal HTML page linking each name (folders end with `/`). Links are
 * absolute paths: the folder is served with and without its trailing slash, and no redirect adds it.
 */
export function formatDirectoryListing(folderPath: string, names: readonly string[]): string {
  const items = names
    .map((n) => `<li><a href="${escapeHtml(folderPath + n)}">${escapeHtml(n)}</a></li>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Index of ${escapeHtml(folderPath)}</title></head>
<body>
<h1>Index of ${escapeHtml(folderPath)}</h1>
<ul>
${items}
</ul>
</body>
</html>
`;
}
