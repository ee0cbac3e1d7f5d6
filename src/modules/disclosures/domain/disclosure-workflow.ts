import { DomainError } from '../../../shared/errors.ts';

/**
 * A disclosure goes draft → approved → published. Four eyes: the approver must not be the author, and
 * any edit after approval sends it back to draft. Published disclosures are not edited in place
 * (revisions come with the public-disclosure issue).
 */
export type DisclosureStatus = 'draft' | 'approved' | 'published';

export interface DisclosureState {
  status: DisclosureStatus;
  authorUserId: string | null;
  approvedByUserId: string | null;
}

export function assertCanEdit(state: DisclosureState): void {
  if (state.status === 'published') {
    throw new DomainError('precondition_failed', 'A published disclosure cannot be edited.');
  }
}

export function assertCanApprove(state: DisclosureState, approverUserId: string | null): void {
  if (state.status !== 'draft') {
    throw new DomainError(
      'precondition_failed',
      `Only a draft can be approved; this one is ${state.status}.`,
    );
  }
  if (!approverUserId) throw new DomainError('forbidden', 'Approval needs a person, not the system.');
  if (state.authorUserId !== null && state.authorUserId === approverUserId) {
    throw new DomainError(
      'forbidden',
      'The author cannot approve their own disclosure: a second person must.',
    );
  }
}

export function assertCanPublish(state: DisclosureState): void {
  if (state.status !== 'approved') {
    throw new DomainError(
      'precondition_failed',
      state.status === 'published'
        ? 'This disclosure is published already.'
        : 'A disclosure must be approved before it is published.',
    );
  }
}
