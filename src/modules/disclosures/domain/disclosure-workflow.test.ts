import { describe, expect, it } from 'vitest';
import {
  assertCanApprove,
  assertCanEdit,
  assertCanPublish,
  assertCanWithdraw,
  type DisclosureState,
  publicationAction,
  revisionAfterEdit,
} from './disclosure-workflow.ts';

const draft: DisclosureState = { status: 'draft', authorUserId: 'alice', approvedByUserId: null };

describe('disclosure workflow', () => {
  it('lets a second person approve a draft', () => {
    expect(() => assertCanApprove(draft, 'bob')).not.toThrow();
  });

  it('refuses approval by the author (four eyes)', () => {
    expect(() => assertCanApprove(draft, 'alice')).toThrow(/author cannot approve/);
  });

  it('refuses approval of anything but a draft', () => {
    expect(() => assertCanApprove({ ...draft, status: 'approved' }, 'bob')).toThrow(/Only a draft/);
    expect(() => assertCanApprove({ ...draft, status: 'published' }, 'bob')).toThrow(/Only a draft/);
  });

  it('needs a summary before approving a revision of a published record', () => {
    const revising = { ...draft, publishedRevision: 1, revision: 2, revisionSummary: ' ' };
    expect(() => assertCanApprove(revising, 'bob')).toThrow(/needs a summary/);
    expect(() =>
      assertCanApprove({ ...revising, revisionSummary: 'Fixed version added' }, 'bob'),
    ).not.toThrow();
  });

  it('publishes only approved disclosures, once, and not before the embargo ends', () => {
    expect(() => assertCanPublish(draft)).toThrow(/must be approved/);
    expect(() => assertCanPublish({ ...draft, status: 'approved' })).not.toThrow();
    expect(() => assertCanPublish({ ...draft, status: 'published' })).toThrow(/published already/);
    const embargoed = {
      ...draft,
      status: 'approved' as const,
      embargoUntil: new Date('2026-12-01T00:00:00Z'),
    };
    expect(() => assertCanPublish(embargoed, new Date('2026-11-30T23:59:59Z'))).toThrow(/embargo/);
    expect(() => assertCanPublish(embargoed, new Date('2026-12-01T00:00:00Z'))).not.toThrow();
  });

  it('lets published records be edited into a new revision, but never withdrawn ones', () => {
    expect(() => assertCanEdit({ ...draft, status: 'published' })).not.toThrow();
    expect(revisionAfterEdit({ publishedRevision: 2 })).toBe(3);
    expect(() => assertCanEdit({ ...draft, status: 'withdrawn' })).toThrow(/withdrawn/);
  });

  it('withdraws only published records, once', () => {
    expect(() => assertCanWithdraw({ ...draft, publishedRevision: 0 })).toThrow(/Only a published/);
    expect(() => assertCanWithdraw({ ...draft, status: 'published', publishedRevision: 1 })).not.toThrow();
    expect(() => assertCanWithdraw({ ...draft, status: 'withdrawn', publishedRevision: 2 })).toThrow(
      /withdrawn already/,
    );
    expect(publicationAction(1, false)).toBe('published');
    expect(publicationAction(2, false)).toBe('revised');
    expect(publicationAction(3, true)).toBe('withdrawn');
  });
});
