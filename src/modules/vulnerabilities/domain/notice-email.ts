/** What an e-mail about a notice says; built from the notice alone, so the same notice gives the same mail. */
export interface NoticeEmail {
  subject: string;
  text: string;
}

export interface NoticeForEmail {
  organizationId: string;
  kind?: string;
  title: string;
  payload: unknown;
}

/** A value of the notice's payload fit for one line of plain text (names are typed by users). */
function oneLine(value: unknown, max = 200): string | null {
  if (typeof value !== 'string') return null;
  const line = value.replace(/[\p{Cc}\p{Zl}\p{Zp}\s]+/gu, ' ').trim();
  if (!line) return null;
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The plain-text e-mail about a findings notice. It says what changed (counts), for which product
 * version, and links to the console page that lists the findings; vulnerability ids, components and
 * scores stay behind that sign-in, since e-mail is a weaker channel than the console.
 */
export function composeNoticeEmail(notice: NoticeForEmail, publicUrl: string): NoticeEmail {
  if (notice.kind?.startsWith('obligation.')) return composeObligationEmail(notice, publicUrl);
  const payload = (typeof notice.payload === 'object' && notice.payload ? notice.payload : {}) as Record<
    string,
    unknown
  >;
  const opened = count(payload.opened);
  const closed = count(payload.closed);
  const product = oneLine(payload.productName);
  const version = oneLine(payload.versionLabel);
  const base = publicUrl.replace(/\/+$/, '');
  const organization = encodeURIComponent(notice.organizationId);
  const productId = typeof payload.productId === 'string' ? payload.productId : null;
  const versionId = typeof payload.productVersionId === 'string' ? payload.productVersionId : null;
  const link =
    productId && versionId
      ? `${base}/console/${organization}/products/${encodeURIComponent(productId)}/versions/${encodeURIComponent(versionId)}#vulnerabilities`
      : `${base}/console/${organization}/notifications`;

  const changes = [
    opened > 0 ? `${plural(opened, 'new finding')} opened` : null,
    closed > 0 ? `${plural(closed, 'finding')} closed` : null,
  ].filter(Boolean);
  const lines = [
    'Vulnerability matching changed the findings of one of your product versions.',
    '',
    `What changed: ${changes.length > 0 ? changes.join(', ') : oneLine(notice.title)}`,
    `Product: ${product ?? '(unnamed)'}`,
    `Version: ${version ?? '(unnamed)'}`,
    '',
    'See the findings in Candor (you will be asked to sign in):',
    link,
    '',
    '--',
    'You receive this because your address is on your organisation’s notification list in Candor.',
    'An administrator of the organisation can change the list under Notification settings:',
    `${base}/console/${organization}/settings/notifications`,
  ];
  return { subject: `[Candor] ${oneLine(notice.title) ?? 'Notice'}`, text: `${lines.join('\n')}\n` };
}

/**
 * The e-mail about a mandatory report due soon or overdue: which report, to whom, by when, and a link
 * to the incident; the incident's facts stay behind the sign-in.
 */
function composeObligationEmail(notice: NoticeForEmail, publicUrl: string): NoticeEmail {
  const payload = (typeof notice.payload === 'object' && notice.payload ? notice.payload : {}) as Record<
    string,
    unknown
  >;
  const base = publicUrl.replace(/\/+$/, '');
  const organization = encodeURIComponent(notice.organizationId);
  const incidentId = typeof payload.incidentId === 'string' ? payload.incidentId : null;
  const link = incidentId
    ? `${base}/console/${organization}/incidents/${encodeURIComponent(incidentId)}`
    : `${base}/console/${organization}/deadlines`;
  const overdue = notice.kind === 'obligation.overdue';
  const lines = [
    overdue
      ? 'A mandatory report of one of your incidents is OVERDUE. This goes to the organisation’s administrators.'
      : 'A mandatory report of one of your incidents is due within 24 hours.',
    '',
    `Report: ${oneLine(payload.obligationTitle) ?? oneLine(notice.title) ?? '(unnamed)'}`,
    `To: ${oneLine(payload.recipient) ?? '(unknown)'}`,
    `Due: ${oneLine(payload.dueAt) ?? '(see Candor)'}`,
    `Incident: ${oneLine(payload.incidentTitle) ?? '(unnamed)'}`,
    '',
    'Open the incident in Candor (you will be asked to sign in):',
    link,
  ];
  return { subject: `[Candor] ${oneLine(notice.title) ?? 'Report due'}`, text: `${lines.join('\n')}\n` };
}
