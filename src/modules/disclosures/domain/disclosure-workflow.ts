import { DomainError } from '../../../shared/errors.ts';

/**
 * A disclosure goes draft → approved → published. Four eyes: the approver must not be the author of the
 * pending revision, and any edit after approval sends it back to draft. A published record is never
 * changed in place: an edit starts the next revision (a draft again, while the public keeps seeing the
 * last published one), which needs its own summary, approval and publication. Withdrawal is a revision
 * too, and final.
 */
export type DisclosureStatus = 'draft' | 'approved' | 'published' | 'withdrawn';

export interface DisclosureState {
  status: DisclosureStatus;
  authorUserId: string | null;
  approvedByUserId: string | null;
  /** Latest published revision (0: never published). */
  publishedRevision?: number;
  revision?: number;
  revisionSummary?: string;
  embargoUntil?: Date | null;
}

export function assertCanEdit(state: DisclosureState): void {
  if (state.status === 'withdrawn') {
    throw new DomainError('precondition_failed', 'A withdrawn disclosure cannot be edited.');
  }
}

/** The revision number an edit works on: the next one once the current one is public. */
export function revisionAfterEdit(state: Required<Pick<DisclosureState, 'publishedRevision'>>): number {
  return state.publishedRevision + 1;
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
  if ((state.publishedRevision ?? 0) > 0 && !state.revisionSummary?.trim()) {
    throw new DomainError(
      'precondition_failed',
      'A revision of a published disclosure needs a summary of what changed before approval.',
    );
  }
}

/**
 * Publication needs an approved revision whose embargo has ended; `now` is the caller's clock. An
 * approved record under embargo is published by the scheduler when the embargo ends.
 */
export function assertCanPublish(state: DisclosureState, now?: Date): void {
  if (state.status !== 'approved') {
    throw new DomainError(
      'precondition_failed',
      state.status === 'published'
        ? 'This disclosure is published already: edit it to start a revision.'
        : state.status === 'withdrawn'
          ? 'This disclosure is withdrawn.'
          : 'A disclosure must be approved before it is published.',
    );
  }
  if (now && state.embargoUntil && state.embargoUntil.getTime() > now.getTime()) {
    throw new DomainError(
      'precondition_failed',
      `Under embargo until ${state.embargoUntil.toISOString()}: it will be published automatically then.`,
    );
  }
}

export function assertCanWithdraw(state: DisclosureState): void {
  if (state.status === 'withdrawn') {
    throw new DomainError('precondition_failed', 'This disclosure is withdrawn already.');
  }
  if ((state.publishedRevision ?? 0) === 0) {
    throw new DomainError(
      'precondition_failed',
      'Only a published disclosure can be withdrawn; an unpublished draft is simply never published.',
    );
  }
}

/** The publication action a revision number stands for. */
export function publicationAction(
  revision: number,
  withdrawn: boolean,
): 'published' | 'revised' | 'withdrawn' {
  if (withdrawn) return 'withdrawn';
  return revision === 1 ? 'published' : 'revised';
}
