import type { Disclosure } from '@contracts/disclosures/disclosures.contracts.ts';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { type ApiError, isApiError } from '../../api/client.ts';
import { describeError } from '../../api/describe-error.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { DateText } from '../../components/format.tsx';
import { TextArea } from '../../components/text-area.tsx';
import { useApi } from '../accounts/session.tsx';
import { approveDisclosure, publishDisclosure, withdrawDisclosure } from './disclosures.api.ts';

interface DisclosureActionsProps {
  orgId: string;
  saved: Disclosure;
  /** The form's id: the Save button submits it from here. */
  formId: string;
  saving: boolean;
  dirty: boolean;
  canWrite: boolean;
  isAdmin: boolean;
  currentUserId: string;
  /** Errors of the newest validation (schema and mandatory tests). */
  csafErrors: number;
  memberName(userId: string | null): string;
  /** The save's outcome, shown with the other actions' outcomes. */
  saveNotice: ReactNode;
  onChanged(disclosure: Disclosure): void;
}

type Outcome = {
  tone: 'success' | 'error';
  title: string;
  text?: string;
  failures?: ApiError['problem']['errors'];
};

/** Where the record stands (status, revision, embargo, who wrote and approved it) and the next steps. */
export function DisclosureActions(props: DisclosureActionsProps) {
  const {
    orgId,
    saved,
    formId,
    saving,
    dirty,
    canWrite,
    isAdmin,
    csafErrors,
    memberName,
    saveNotice,
    onChanged,
  } = props;
  const api = useApi();
  const [busy, setBusy] = useState<'approve' | 'publish' | 'withdraw' | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  const approveHintId = useId();
  const isPublishedBefore = saved.publishedRevision > 0;

  async function run(action: 'approve' | 'publish' | 'withdraw', call: () => Promise<Disclosure | null>) {
    setBusy(action);
    setOutcome(null);
    try {
      const updated = await call();
      if (updated) onChanged(updated);
      setOutcome({ tone: 'success', title: successText(action, updated) });
      if (action === 'withdraw') setWithdrawing(false);
    } catch (error) {
      setOutcome({
        tone: 'error',
        title: `Not ${action === 'approve' ? 'approved' : action === 'publish' ? 'published' : 'withdrawn'}`,
        text: describeError(error),
        failures: isApiError(error) ? error.problem.errors : undefined,
      });
    } finally {
      setBusy(null);
    }
  }

  const approveBlocker = !canWrite
    ? null
    : saved.authorUserId === props.currentUserId
      ? 'You wrote this revision: another member must approve it (four eyes).'
      : dirty
        ? 'Save your changes first: approval applies to the saved record.'
        : saved.revision > 1 && !saved.revisionSummary.trim()
          ? 'Write and save a revision summary first: readers see what changed.'
          : csafErrors > 0
            ? `The CSAF document fails ${csafErrors === 1 ? 'a mandatory test' : `${csafErrors} mandatory tests`}: fix ${csafErrors === 1 ? 'it' : 'them'} first.`
            : null;

  return (
    <section className="disclosure-actions" aria-labelledby={`${approveHintId}-heading`}>
      <h2 className="card__title" id={`${approveHintId}-heading`}>
        Review and publish
      </h2>
      <dl className="facts facts--compact">
        <div>
          <dt>Revision</dt>
          <dd>
            {saved.revision}
            {isPublishedBefore && saved.revision > saved.publishedRevision
              ? ` (revision ${saved.publishedRevision} is public)`
              : saved.status === 'published'
                ? ' (public)'
                : ' (not yet published)'}
          </dd>
        </div>
        <div>
          <dt>Embargo</dt>
          <dd>
            <EmbargoState disclosure={saved} />
          </dd>
        </div>
        <div>
          <dt>Written by</dt>
          <dd>{memberName(saved.authorUserId)}</dd>
        </div>
        {saved.approvedAt ? (
          <div>
            <dt>Approved by</dt>
            <dd>
              {memberName(saved.approvedByUserId)}, <DateText iso={saved.approvedAt} withTime />
            </dd>
          </div>
        ) : null}
      </dl>
      {saveNotice}
      {outcome ? (
        <Alert tone={outcome.tone} title={outcome.title}>
          {outcome.text ? <p>{outcome.text}</p> : null}
          {outcome.failures && outcome.failures.length > 0 ? (
            <ul aria-label="Failing tests">
              {outcome.failures.map((failure) => (
                <li key={`${failure.path}:${failure.message}`}>
                  <code>{failure.path}</code>: {failure.message}
                </li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      {saved.status === 'published' || saved.status === 'withdrawn' ? (
        <p className="small">
          <Link to={`/disclosures/${saved.id}`}>Open the public page</Link>
        </p>
      ) : null}
      {canWrite && saved.status !== 'withdrawn' ? (
        <div className="disclosure-actions__buttons">
          <Button type="submit" form={formId} busy={saving}>
            {saved.status === 'published' ? 'Save as new revision' : 'Save'}
          </Button>
          {saved.status === 'draft' ? (
            <Button
              variant="secondary"
              busy={busy === 'approve'}
              disabled={approveBlocker !== null || busy !== null}
              aria-describedby={approveBlocker ? `${approveHintId}-reason` : undefined}
              onClick={() => run('approve', () => approveDisclosure(api, orgId, saved.id))}
            >
              Approve
            </Button>
          ) : null}
          {saved.status === 'approved' ? (
            <Button
              busy={busy === 'publish'}
              disabled={busy !== null || dirty}
              onClick={() => run('publish', () => publishDisclosure(api, orgId, saved.id))}
            >
              Publish
            </Button>
          ) : null}
          {saved.status === 'published' && isAdmin && !withdrawing ? (
            <Button variant="danger" disabled={busy !== null} onClick={() => setWithdrawing(true)}>
              Withdraw…
            </Button>
          ) : null}
        </div>
      ) : null}
      {saved.status === 'draft' && approveBlocker ? (
        <p className="small muted" id={`${approveHintId}-reason`}>
          {approveBlocker}
        </p>
      ) : null}
      {saved.status === 'approved' && dirty ? (
        <p className="small muted">
          Save your changes before publishing; a changed record needs approval again.
        </p>
      ) : null}
      {withdrawing ? (
        <WithdrawForm
          busy={busy === 'withdraw'}
          onCancel={() => setWithdrawing(false)}
          onWithdraw={(reason) => run('withdraw', () => withdrawDisclosure(api, orgId, saved.id, reason))}
        />
      ) : null}
      {saved.status === 'withdrawn' ? (
        <p className="small muted">
          A withdrawn record stays public as withdrawn and is not edited any more.
        </p>
      ) : null}
    </section>
  );
}

function successText(action: 'approve' | 'publish' | 'withdraw', updated: Disclosure | null): string {
  if (action === 'approve') return 'Approved. It can be published now.';
  if (action === 'withdraw') return 'Withdrawn: the public page and the CSAF document say so.';
  return updated ? `Published revision ${updated.publishedRevision}.` : 'Published.';
}

function EmbargoState({ disclosure }: { disclosure: Disclosure }) {
  const until = disclosure.embargoUntil;
  if (!until) return <>None: published when a member publishes it.</>;
  const future = new Date(until).getTime() > Date.now();
  if (!future) {
    return (
      <>
        Ended <DateText iso={until} withTime />
      </>
    );
  }
  if (disclosure.status === 'approved') {
    return (
      <>
        Scheduled: published automatically at <DateText iso={until} withTime />
      </>
    );
  }
  return (
    <>
      Until <DateText iso={until} withTime />; once approved, published automatically then
    </>
  );
}

function WithdrawForm({
  busy,
  onCancel,
  onWithdraw,
}: {
  busy: boolean;
  onCancel(): void;
  onWithdraw(reason: string): void;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!reason.trim()) {
      setError('Required: readers see why it was withdrawn.');
      return;
    }
    onWithdraw(reason.trim());
  }
  return (
    <form className="form withdraw-form" onSubmit={submit} noValidate aria-label="Withdraw the disclosure">
      <TextArea
        label="Reason for withdrawal"
        rows={3}
        hint="Published as the withdrawal revision’s summary, on the page and in the CSAF document."
        value={reason}
        error={error}
        onChange={(event) => setReason(event.currentTarget.value)}
      />
      <div className="form__actions">
        <Button type="submit" variant="danger" busy={busy}>
          Withdraw publicly
        </Button>
        <Button variant="quiet" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
