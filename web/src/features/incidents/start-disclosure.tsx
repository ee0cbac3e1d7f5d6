import type { Disclosure } from '@contracts/disclosures/disclosures.contracts.ts';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { describeError } from '../../api/describe-error.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { useApi } from '../accounts/session.tsx';
import { startDisclosure } from './incident-record.api.ts';

/**
 * "Start public disclosure": one action creates the public disclosure draft, pre-filled from the
 * incident's record and facts. Publication then goes through the four-eyes approval on the console's
 * disclosures list, where the link leads.
 */
export function StartDisclosure({ orgId, incidentId }: { orgId: string; incidentId: string }) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Disclosure | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function start() {
    setBusy(true);
    setProblem(null);
    try {
      setCreated(await startDisclosure(api, orgId, incidentId));
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="start-disclosure">
      <Button variant="secondary" busy={busy} onClick={start}>
        Start public disclosure
      </Button>
      {problem ? (
        <Alert tone="error" title="The disclosure was not started">
          {problem}
        </Alert>
      ) : null}
      {created ? (
        <Alert tone="success" title={`Drafted “${created.title}”`}>
          <p>
            Another member must approve it before it is published.{' '}
            <Link to={`/console/${orgId}#disclosures`}>Open the disclosures</Link>
          </p>
        </Alert>
      ) : null}
    </div>
  );
}
