import type { Incident, ObligationTask } from '@contracts/incidents/incidents.contracts.ts';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { describeError } from '../../api/describe-error.ts';
import { usePagedList } from '../../api/use-paged-list.ts';
import { useResource } from '../../api/use-resource.ts';
import { useConsoleContext, useSessionGuard } from '../../app/console-context.ts';
import { useDocumentTitle } from '../../app/document-title.ts';
import { NotFoundPage } from '../../app/not-found-page.tsx';
import { Alert } from '../../components/alert.tsx';
import { Badge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { DateText } from '../../components/format.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useApi } from '../accounts/session.tsx';
import { listProducts } from '../devices/devices.api.ts';
import { isMissing } from '../devices/product-page.tsx';
import { FactsEditor } from './facts-editor.tsx';
import { FactsHistory } from './facts-history.tsx';
import { IncidentDetails } from './incident-details.tsx';
import { incidentKindText, incidentStatusText, incidentStatusTone } from './incident-labels.ts';
import { getFacts, getIncident, listMembers } from './incident-record.api.ts';
import { listObligations } from './obligations.api.ts';
import { ObligationsSection } from './obligations-section.tsx';
import { StartDisclosure } from './start-disclosure.tsx';
import { TimelineSection } from './timeline-section.tsx';
import './incidents.css';

/**
 * `/console/:orgId/incidents/:incidentId`: one incident: where it stands, every mandatory report with
 * its live countdown, the facts those reports follow from (and how they stood at any moment), and the
 * timeline.
 */
export function IncidentPage() {
  const { orgId, canWrite } = useConsoleContext();
  const { incidentId = '' } = useParams();
  const api = useApi();
  // Bumped whenever the record changed, so the timeline, the revisions and open drafts are read again.
  const [epoch, setEpoch] = useState(0);
  const bump = () => setEpoch((n) => n + 1);

  const { resource: incidentResource, reload: reloadIncident } = useResource(
    `incident:${orgId}:${incidentId}`,
    (signal) => getIncident(api, orgId, incidentId, signal),
  );
  const [changed, setChanged] = useState<Incident | null>(null);
  const { resource: factsResource } = useResource(`incident-facts:${orgId}:${incidentId}`, (signal) =>
    getFacts(api, orgId, incidentId, signal),
  );
  const { resource: membersResource } = useResource(`members:${orgId}`, (signal) =>
    listMembers(api, orgId, signal),
  );
  const products = usePagedList(`products:${orgId}`, (cursor, signal) =>
    listProducts(api, orgId, cursor, signal),
  );
  const tasks = useObligationTasks(orgId, incidentId);
  useSessionGuard(
    incidentResource.status === 'error' ? incidentResource.error : null,
    tasks.error,
    products.error,
  );
  const incident =
    changed?.id === incidentId ? changed : incidentResource.status === 'ready' ? incidentResource.data : null;
  useDocumentTitle(incident ? `${incident.title} · Incident` : null);

  if (incidentResource.status === 'loading') return <LoadingState label="Loading the incident…" />;
  if (incidentResource.status === 'error' || !incident) {
    const error = incidentResource.status === 'error' ? incidentResource.error : null;
    if (isMissing(error)) {
      return (
        <NotFoundPage
          title="Incident not found"
          text="This organisation has no such incident, or the address is mistyped."
        />
      );
    }
    return (
      <Alert tone="error" title="This incident could not be loaded">
        <p>{describeError(error)}</p>
        <Button variant="secondary" size="small" onClick={reloadIncident}>
          Try again
        </Button>
      </Alert>
    );
  }

  const onUpdated = (next: Incident) => {
    setChanged(next);
    bump();
  };
  const onTaskChanged = (task: ObligationTask, options?: { reloadAll?: boolean }) => {
    tasks.replace(task);
    bump();
    if (options?.reloadAll) tasks.reload();
  };
  const members = membersResource.status === 'ready' ? membersResource.data : [];
  const editorReady = factsResource.status !== 'loading' && products.status !== 'loading';

  return (
    <>
      <p className="back-link">
        <Link to={`/console/${orgId}`}>
          <span aria-hidden="true">← </span>
          Console overview
        </Link>
        {' · '}
        <Link to={`/console/${orgId}/deadlines`}>Deadline calendar</Link>
      </p>
      <PageHeader
        eyebrow="Incident"
        title={incident.title}
        meta={
          <>
            <Badge tone={incidentStatusTone[incident.status]} label="Status">
              {incidentStatusText[incident.status]}
            </Badge>
            <Badge tone="neutral" label="Kind">
              {incidentKindText[incident.kind]}
            </Badge>
            <span>
              Detected <DateText iso={incident.detectedAt} withTime />
            </span>
            {incident.owner ? <span>Owner: {incident.owner.name}</span> : null}
          </>
        }
        actions={canWrite ? <StartDisclosure orgId={orgId} incidentId={incident.id} /> : null}
      />
      <nav aria-label="Sections on this page" className="section-nav">
        <a href="#obligations">Obligations</a>
        <a href="#facts">Facts</a>
        <a href="#timeline">Timeline</a>
        <a href="#details">Details</a>
      </nav>
      <div className="stack">
        {tasks.status === 'error' ? (
          <Alert tone="error" title="The obligations could not be loaded">
            <p>{describeError(tasks.error)}</p>
            <Button variant="secondary" size="small" onClick={tasks.reload}>
              Try again
            </Button>
          </Alert>
        ) : tasks.items === null ? (
          <LoadingState label="Loading the obligations…" />
        ) : (
          <ObligationsSection
            orgId={orgId}
            incidentId={incident.id}
            tasks={tasks.items}
            hasFacts={incident.factsRevision > 0}
            canWrite={canWrite}
            epoch={epoch}
            onChanged={onTaskChanged}
          />
        )}
        <Card
          title="Facts"
          id="facts"
          description="What the obligations are computed from. Every save is a revision; earlier facts stay readable."
        >
          {factsResource.status === 'error' ? (
            <Alert tone="error" title="The facts could not be loaded">
              {describeError(factsResource.error)}
            </Alert>
          ) : null}
          {editorReady && factsResource.status === 'ready' && !canWrite && !factsResource.data ? (
            <EmptyState title="No facts recorded yet">
              <p>An editor of this organisation records them; the mandatory reports follow from them.</p>
            </EmptyState>
          ) : editorReady && factsResource.status === 'ready' ? (
            <FactsEditor
              orgId={orgId}
              incident={incident}
              products={products.items}
              current={factsResource.data}
              tasks={tasks.items ?? []}
              canWrite={canWrite}
              onSaved={(result) => {
                tasks.set(result.obligations);
                setChanged({ ...incident, factsRevision: result.revision });
                bump();
              }}
            />
          ) : factsResource.status === 'loading' ? (
            <LoadingState label="Loading the facts…" />
          ) : null}
          <FactsHistory orgId={orgId} incidentId={incident.id} epoch={epoch} />
        </Card>
        <TimelineSection orgId={orgId} incidentId={incident.id} canWrite={canWrite} epoch={epoch} />
        <IncidentDetails
          orgId={orgId}
          incident={incident}
          products={products.items}
          members={members}
          canWrite={canWrite}
          onUpdated={onUpdated}
        />
      </div>
    </>
  );
}

/**
 * The incident's obligations as loaded, with the tasks the page changed since laid over them until the
 * next load (a fresh load wins).
 */
function useObligationTasks(orgId: string, incidentId: string) {
  const api = useApi();
  const { resource, reload } = useResource(
    `incident-obligations:${orgId}:${incidentId}`,
    (signal) => listObligations(api, orgId, incidentId, signal),
    { keepWhileReloading: true },
  );
  const [override, setOverride] = useState<{ base: unknown; items: ObligationTask[] } | null>(null);
  const base = resource.status === 'ready' ? resource.data : null;
  const items = override && override.base === base ? override.items : base;
  return {
    status: resource.status,
    error: resource.status === 'error' ? resource.error : null,
    items,
    reload,
    set: (next: ObligationTask[]) => setOverride({ base, items: next }),
    replace: (task: ObligationTask) =>
      setOverride({ base, items: (items ?? []).map((item) => (item.id === task.id ? task : item)) }),
  };
}
