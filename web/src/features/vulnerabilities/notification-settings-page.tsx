import {
  maxNotificationEmails,
  NotificationEmailSchema,
} from '@contracts/vulnerabilities/settings.contracts.ts';
import { type FormEvent, useId, useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { toFormProblem } from '../../api/problem.ts';
import { useResource } from '../../api/use-resource.ts';
import { useConsoleContext, useSessionGuard } from '../../app/console-context.ts';
import { useDocumentTitle } from '../../app/document-title.ts';
import { Alert } from '../../components/alert.tsx';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { TextArea } from '../../components/text-area.tsx';
import { useApi } from '../accounts/session.tsx';
import {
  getVulnerabilitySettings,
  updateVulnerabilitySettings,
  type VulnerabilitySettings,
} from './notification-settings.api.ts';
import { WebhookSettings } from './webhook-settings.tsx';

const nameMatchingText =
  'Components with neither a purl nor a CPE are matched to advisories by their bare name. Such matches have low confidence and are flagged for review.';

/**
 * `/console/:orgId/settings/notifications`: how the organisation's components are matched and where
 * notices about new and closed findings go (e-mail, webhook). Admins change them; members read them.
 */
export function NotificationSettingsPage() {
  const { orgId, membership } = useConsoleContext();
  const api = useApi();
  const isAdmin = membership.role === 'admin';
  useDocumentTitle(`Notification settings · ${membership.organization.name}`);
  const { resource, reload } = useResource(
    `vulnerability-settings:${orgId}`,
    (signal) => getVulnerabilitySettings(api, orgId, signal),
    { keepWhileReloading: true },
  );
  const [saved, setSaved] = useState<VulnerabilitySettings | null>(null);
  useSessionGuard(resource.status === 'error' ? resource.error : null);
  const settings = saved ?? (resource.status === 'ready' ? resource.data : null);

  return (
    <>
      <PageHeader
        eyebrow={membership.organization.name}
        title="Notification settings"
        description={
          isAdmin
            ? 'How Candor matches your components, and where it sends notices about new and closed findings.'
            : 'How Candor matches your components, and where it sends notices. Only administrators of this organisation can change these settings.'
        }
      />
      {resource.status === 'loading' ? <LoadingState label="Loading the settings…" /> : null}
      {resource.status === 'error' ? (
        <Alert tone="error" title="The settings could not be loaded">
          <p>{describeError(resource.error)}</p>
          <Button variant="secondary" size="small" onClick={reload}>
            Try again
          </Button>
        </Alert>
      ) : null}
      {settings ? (
        <div className="stack">
          <NameMatchingCard orgId={orgId} settings={settings} canEdit={isAdmin} onSaved={setSaved} />
          <EmailCard orgId={orgId} settings={settings} canEdit={isAdmin} onSaved={setSaved} />
          <WebhookSettings orgId={orgId} canEdit={isAdmin} />
        </div>
      ) : null}
    </>
  );
}

interface SettingCardProps {
  orgId: string;
  settings: VulnerabilitySettings;
  canEdit: boolean;
  onSaved(settings: VulnerabilitySettings): void;
}

/** The name-matching switch: saved as soon as it is flipped. */
function NameMatchingCard({ orgId, settings, canEdit, onSaved }: SettingCardProps) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const hintId = useId();
  // Flips at once; goes back if the server refuses.
  const [checked, setChecked] = useState(settings.allowNameMatching);

  async function toggle(allowNameMatching: boolean) {
    setChecked(allowNameMatching);
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const saved = await updateVulnerabilitySettings(api, orgId, { allowNameMatching });
      onSaved(saved);
      setChecked(saved.allowNameMatching);
      setStatus(saved.allowNameMatching ? 'Name matching is on.' : 'Name matching is off.');
    } catch (failure) {
      setChecked(!allowNameMatching);
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title="Matching">
      {canEdit ? (
        <div className="field">
          <label className="checkbox">
            <input
              type="checkbox"
              role="switch"
              aria-checked={checked}
              className="checkbox__input"
              checked={checked}
              disabled={busy}
              aria-describedby={hintId}
              onChange={(event) => void toggle(event.currentTarget.checked)}
            />
            <span className="field__label">Match components by name</span>
          </label>
          <p className="field__hint" id={hintId}>
            {nameMatchingText}
          </p>
        </div>
      ) : (
        <>
          <p>
            <strong>Match components by name:</strong>{' '}
            <Badge tone={settings.allowNameMatching ? 'info' : 'neutral'}>
              {settings.allowNameMatching ? 'On' : 'Off'}
            </Badge>
          </p>
          <p className="muted small">{nameMatchingText}</p>
        </>
      )}
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {error ? (
        <Alert tone="error" title="Name matching was not changed">
          {error}
        </Alert>
      ) : null}
    </Card>
  );
}

/** The addresses as typed: one a line (commas and semicolons also separate). */
function parseAddresses(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The first address that is not one, said so a person finds it; null when all are fine. */
function checkAddresses(addresses: string[]): string | null {
  const normalised = new Set<string>();
  for (const address of addresses) {
    const parsed = NotificationEmailSchema.safeParse(address);
    if (!parsed.success) return `“${address}” is not an e-mail address.`;
    normalised.add(parsed.data);
  }
  const excess = normalised.size - maxNotificationEmails;
  return excess > 0 ? `At most ${maxNotificationEmails} addresses: remove ${excess}.` : null;
}

function EmailCard({ orgId, settings, canEdit, onSaved }: SettingCardProps) {
  const api = useApi();
  const [text, setText] = useState(() => settings.notificationEmails.join('\n'));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const addresses = settings.notificationEmails;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSuccess(null);
    const typed = parseAddresses(text);
    const problem = checkAddresses(typed);
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      const next = await updateVulnerabilitySettings(api, orgId, { notificationEmails: typed });
      onSaved(next);
      setText(next.notificationEmails.join('\n'));
      setSuccess(
        next.notificationEmails.length === 0
          ? 'Saved. Notices are no longer e-mailed.'
          : `Saved. Notices go to ${next.notificationEmails.length} address${next.notificationEmails.length === 1 ? '' : 'es'}.`,
      );
    } catch (failure) {
      const formProblem = toFormProblem(failure, ['notificationEmails'] as const);
      setError(formProblem.fieldErrors.notificationEmails ?? formProblem.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card
      title="E-mail"
      description="Each notice is e-mailed to these addresses (a PSIRT mailbox, say): what changed, in which product version, and a link to the findings. The details stay behind the sign-in."
    >
      {settings.emailDelivery ? null : (
        <Alert tone="info" title="This installation does not send e-mail yet">
          Its operator has not configured an SMTP server (CANDOR_SMTP_URL). The addresses are kept and used
          once it does.
        </Alert>
      )}
      {canEdit ? (
        <form className="form" onSubmit={handleSubmit} noValidate>
          {success ? <Alert tone="success">{success}</Alert> : null}
          <TextArea
            label="Addresses"
            optional
            rows={4}
            hint={`One address a line, at most ${maxNotificationEmails}. Leave empty to send no e-mail.`}
            name="notificationEmails"
            autoComplete="off"
            spellCheck={false}
            value={text}
            error={error ?? undefined}
            onChange={(event) => setText(event.currentTarget.value)}
          />
          <div className="form__actions">
            <Button type="submit" busy={busy}>
              Save addresses
            </Button>
          </div>
        </form>
      ) : addresses.length === 0 ? (
        <p className="muted">No addresses: notices are not e-mailed.</p>
      ) : (
        <ul className="plain-list" aria-label="E-mail addresses">
          {addresses.map((address) => (
            <li key={address}>{address}</li>
          ))}
        </ul>
      )}
    </Card>
  );
}
