import { type FormEvent, useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { toFormProblem } from '../../api/problem.ts';
import { useResource } from '../../api/use-resource.ts';
import { useSessionGuard } from '../../app/console-context.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { DateText } from '../../components/format.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useApi } from '../accounts/session.tsx';
import { deleteWebhook, getWebhook, setWebhook, type Webhook } from './notification-settings.api.ts';

const description =
  'Candor POSTs each notice as JSON to this https URL, signed in the x-candor-signature header: sha256=HMAC-SHA256(secret, body).';

/** The webhook: only admins may see it (the server says so too); they set, replace or remove it. */
export function WebhookSettings({ orgId, canEdit }: { orgId: string; canEdit: boolean }) {
  return (
    <Card title="Webhook" description={description}>
      {canEdit ? (
        <WebhookEditor orgId={orgId} />
      ) : (
        <p className="muted">Only administrators of this organisation can see and change the webhook.</p>
      )}
    </Card>
  );
}

function WebhookEditor({ orgId }: { orgId: string }) {
  const api = useApi();
  const { resource, reload } = useResource(`webhook:${orgId}`, (signal) => getWebhook(api, orgId, signal), {
    keepWhileReloading: true,
  });
  useSessionGuard(resource.status === 'error' ? resource.error : null);
  const [url, setUrl] = useState('');
  const [urlError, setUrlError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'set' | 'delete' | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  /** The signing secret of the webhook just set: in this component's memory only, shown this once. */
  const [secret, setSecret] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setNotice(null);
    setError(null);
    if (!url.trim()) {
      setUrlError('Required.');
      return;
    }
    setUrlError(null);
    setBusy('set');
    try {
      const created = await setWebhook(api, orgId, url.trim());
      setSecret(created.secret);
      setUrl('');
      reload();
    } catch (failure) {
      const problem = toFormProblem(failure, ['url'] as const);
      setUrlError(problem.fieldErrors.url ?? problem.message);
    } finally {
      setBusy(null);
    }
  }

  async function remove() {
    setBusy('delete');
    setError(null);
    try {
      await deleteWebhook(api, orgId);
      setSecret(null);
      setConfirmingDelete(false);
      setNotice('The webhook was removed: notices are no longer POSTed.');
      reload();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(null);
    }
  }

  if (resource.status === 'loading') return <LoadingState label="Loading the webhook…" />;
  if (resource.status === 'error')
    return (
      <Alert tone="error" title="The webhook could not be loaded">
        <p>{describeError(resource.error)}</p>
        <Button variant="secondary" size="small" onClick={reload}>
          Try again
        </Button>
      </Alert>
    );
  const hook = resource.data;

  return (
    <div className="stack">
      {secret ? (
        <Alert tone="success" title="Webhook set. Copy its signing secret now">
          <p>
            Candor shows this secret only this once. Your receiver needs it to check the signature of each
            delivery.
          </p>
          <p>
            Signing secret: <code>{secret}</code>
          </p>
          <Button variant="secondary" size="small" onClick={() => setSecret(null)}>
            I have copied it
          </Button>
        </Alert>
      ) : null}
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {error ? (
        <Alert tone="error" title="The webhook was not removed">
          {error}
        </Alert>
      ) : null}
      <WebhookStatus hook={hook} />
      <form className="form" onSubmit={handleSubmit} noValidate>
        <TextField
          label={hook.configured ? 'New webhook URL' : 'Webhook URL'}
          hint={
            hook.configured
              ? 'Replacing the webhook also replaces its secret.'
              : 'An https URL on a public host.'
          }
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          name="url"
          value={url}
          error={urlError ?? undefined}
          onChange={(event) => setUrl(event.currentTarget.value)}
        />
        <div className="form__actions">
          <Button type="submit" busy={busy === 'set'}>
            {hook.configured ? 'Replace webhook' : 'Set webhook'}
          </Button>
          {hook.configured && !confirmingDelete ? (
            <Button variant="secondary" onClick={() => setConfirmingDelete(true)}>
              Remove webhook
            </Button>
          ) : null}
        </div>
      </form>
      {confirmingDelete ? (
        <Alert tone="info" title="Remove the webhook?">
          <p>Notices will no longer be POSTed to {hook.url}.</p>
          <div className="form__actions">
            <Button variant="danger" size="small" busy={busy === 'delete'} onClick={() => void remove()}>
              Remove
            </Button>
            <Button variant="secondary" size="small" onClick={() => setConfirmingDelete(false)}>
              Keep it
            </Button>
          </div>
        </Alert>
      ) : null}
    </div>
  );
}

function WebhookStatus({ hook }: { hook: Webhook }) {
  if (!hook.configured) return <p className="muted">No webhook: notices are not POSTed anywhere.</p>;
  return (
    <div>
      <p>
        Sending to <code>{hook.url}</code>
      </p>
      <p className="muted small">
        Last delivery:{' '}
        {hook.lastDeliveryAt ? (
          <>
            <DateText iso={hook.lastDeliveryAt} withTime />
            {hook.lastDeliveryStatus ? ` (${describeDelivery(hook.lastDeliveryStatus)})` : null}
          </>
        ) : (
          'none yet'
        )}
      </p>
    </div>
  );
}

function describeDelivery(status: string): string {
  return /^2\d\d$/.test(status)
    ? `answered ${status}`
    : status.startsWith('error')
      ? status
      : `failed: ${status}`;
}
