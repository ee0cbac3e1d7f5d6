import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../shared/canonical-json.ts';
import { checkCsafDocument, checkPublicRecord, csafDocumentPath, type LoggedRecord } from './log-replay.ts';
import { type PublicRecord, publicRecordDigest, STATEMENT_TYPE, STATEMENT_TYPE_V1 } from './statement.ts';

const csafBytes = Buffer.from('{"document":{"title":"Advisory"}}', 'utf8');

const record = (over: Partial<PublicRecord> = {}): PublicRecord => ({
  id: '00000000-0000-4000-8000-000000000001',
  title: 'Advisory',
  summary: 'Summary',
  body: 'Body',
  severity: 'high',
  publisher: { slug: 'acme' },
  products: [{ id: '00000000-0000-4000-8000-000000000002' }],
  revision: 2,
  publishedAt: '2026-11-01T00:00:00.000Z',
  status: 'published',
  csaf: { json: 'https://candor.example/.well-known/csaf/white/2026/acme-2026-0001.json' },
  ...over,
});

const logged = (action: 'published' | 'revised' | 'withdrawn', of: PublicRecord): LoggedRecord => ({
  index: 7,
  statement: {
    type: STATEMENT_TYPE,
    action,
    recordType: 'disclosure',
    recordId: of.id,
    organizationId: '00000000-0000-4000-8000-000000000003',
    publisher: 'acme',
    revision: of.revision,
    publishedAt: of.publishedAt,
    contentSha256: publicRecordDigest(of),
    csafSha256: sha256Hex(csafBytes),
  },
});

describe('checking a public record against its latest entry', () => {
  it('accepts a revision as logged, and a withdrawn record that is shown withdrawn or not at all', () => {
    expect(checkPublicRecord(logged('revised', record()), record())).toBeNull();
    const withdrawn = record({ status: 'withdrawn', revision: 3 });
    expect(checkPublicRecord(logged('withdrawn', withdrawn), withdrawn)).toBeNull();
    expect(checkPublicRecord(logged('withdrawn', withdrawn), null)).toBeNull();
  });

  it('refuses a withdrawal the page does not show, and one the log does not have', () => {
    const withdrawn = record({ status: 'withdrawn', revision: 3 });
    expect(checkPublicRecord(logged('withdrawn', withdrawn), { ...withdrawn, status: 'published' })).toMatch(
      /withdrawn in the log but is public as published/,
    );
    expect(checkPublicRecord(logged('published', record()), { ...record(), status: 'withdrawn' })).toMatch(
      /shown as withdrawn, but the log has no withdrawal/,
    );
  });

  it('covers the structured content in v2 entries, and only the text fields in v1 entries', () => {
    const withContent = record({ content: { patientHarm: 'Controlled.' }, cves: ['CVE-2024-0001'] });
    const edited = { ...withContent, content: { patientHarm: 'No risk.' } };
    expect(checkPublicRecord(logged('published', withContent), withContent)).toBeNull();
    expect(checkPublicRecord(logged('published', withContent), edited)).toMatch(/content no longer matches/);
    const v1 = logged('published', withContent);
    v1.statement = {
      ...v1.statement,
      type: STATEMENT_TYPE_V1,
      contentSha256: publicRecordDigest(withContent, STATEMENT_TYPE_V1),
    };
    expect(checkPublicRecord(v1, edited)).toBeNull();
    expect(checkPublicRecord(v1, { ...edited, body: 'Edited' })).toMatch(/content no longer matches/);
  });

  it('refuses another revision, changed content, and a record no longer public', () => {
    const entry = logged('published', record());
    expect(checkPublicRecord(entry, record({ revision: 3 }))).toMatch(/revision 3, the log has revision 2/);
    expect(checkPublicRecord(entry, record({ body: 'Edited' }))).toMatch(/content no longer matches/);
    expect(checkPublicRecord(entry, null)).toMatch(/no longer public/);
  });
});

describe('checking the CSAF document an entry vouches for', () => {
  it('reads the document path from /.well-known/csaf/ on, whatever the public address', () => {
    expect(csafDocumentPath(record())).toBe('/.well-known/csaf/white/2026/acme-2026-0001.json');
    expect(csafDocumentPath(record({ csaf: null }))).toBeNull();
  });

  it('accepts the same bytes, and an entry that vouches for no document', () => {
    const entry = logged('published', record());
    expect(checkCsafDocument(entry, record(), csafBytes)).toBeNull();
    const none = { ...entry, statement: { ...entry.statement, csafSha256: null } };
    expect(checkCsafDocument(none, record({ csaf: null }), null)).toBeNull();
  });

  it('refuses changed bytes, a document no longer served, and a record that stopped linking it', () => {
    const entry = logged('published', record());
    expect(checkCsafDocument(entry, record(), Buffer.from('{"document":{}}'))).toMatch(
      /served at \/\.well-known\/csaf\/white\/2026\/acme-2026-0001\.json no longer matches the SHA-256/,
    );
    expect(checkCsafDocument(entry, record(), null)).toMatch(/no longer served at \/\.well-known/);
    expect(checkCsafDocument(entry, record({ csaf: null }), null)).toMatch(/is no longer served$/);
  });
});
