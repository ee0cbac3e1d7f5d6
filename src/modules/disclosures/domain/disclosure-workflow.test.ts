import { describe, expect, it } from 'vitest';
import {
  assertCanApprove,
  assertCanEdit,
  assertCanPublish,
  type DisclosureState,
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

  it('publishes only approved disclosures, once', () => {
    expect(() => assertCanPublish(draft)).toThrow(/must be approved/);
    expect(() => assertCanPublish({ ...draft, status: 'approved' })).not.toThrow();
    expect(() => assertCanPublish({ ...draft, status: 'published' })).toThrow(/published already/);
  });

  it('freezes published disclosures', () => {
    expect(() => assertCanEdit({ ...draft, status: 'approved' })).not.toThrow();
    expect(() => assertCanEdit({ ...draft, status: 'published' })).toThrow(/cannot be edited/);
  });
});
