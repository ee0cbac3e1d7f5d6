import type { Product } from '@contracts/devices/devices.contracts.ts';
import type { Disclosure } from '@contracts/disclosures/disclosures.contracts.ts';
import type { Incident } from '@contracts/incidents/incidents.contracts.ts';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { describeError } from '../../api/describe-error.ts';
import type { PagedList } from '../../api/use-paged-list.ts';
import { Alert } from '../../components/alert.tsx';
import { SeverityBadge } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { DateText } from '../../components/format.tsx';
import { PagedListView } from '../../components/paged-list-view.tsx';
import { useApi } from '../accounts/session.tsx';
import { DisclosureStatusBadge, kindLabels } from './disclosure-labels.tsx';
import { approveDisclosure, publishDisclosure } from './disclosures.api.ts';
import { DraftDisclosureForm } from './draft-disclosure-form.tsx';

interface DisclosuresSectionProps {
  orgId: string;
  disclosures: PagedList<Disclosure>;
  products: readonly Product[];
  incidents: readonly Incident[];
  canWrite: boolean;
  currentUserId: string;
}

type Action = 'approve' | 'publish';
const actionText: Record<Action, { verb: string; done: string }> = {
  approve: { verb: 'approve', done: 'Approved' },
  publish: { verb: 'publish', done: 'Published' },
};

/** The organisation's disclosures, drafts included, and the two-person path to publication. */
export function DisclosuresSection({
  orgId,
  disclosures,
  products,
  incidents,
  canWrite,
  currentUserId,
}: DisclosuresSectionProps) {
  const api = useApi();
  const [pending, setPending] = useState<{ id: string; action: Action } | null>(null);
  const [outcome, setOutcome] = useState<{ tone: 'error' | 'success'; title: string; text?: string } | null>(
    null,
  );
  const productNames = new Map(products.map((product) => [product.id, product.name]));

  async function run(disclosure: Disclosure, action: Action) {
    setPending({ id: disclosure.id, action });
    setOutcome(null);
    try {
      const call = action === 'approve' ? approveDisclosure : publishDisclosure;
      const updated = await call(api, orgId, disclosure.id);
      if (updated) disclosures.upsert(updated);
      else disclosures.reload();
      setOutcome({ tone: 'success', title: `${actionText[action].done} “${disclosure.title}”.` });
    } catch (error) {
      setOutcome({
        tone: 'error',
        title: `Could not ${actionText[action].verb} “${disclosure.title}”`,
        text: describeError(error),
      });
    } finally {
      setPending(null);
    }
  }

  return (
    <Card
      title="Disclosures"
      id="disclosures"
      description="Drafts need approval by a second person before they can be published. Open one to edit it with live CSAF validation."
    >
      {outcome ? (
        <Alert tone={outcome.tone} title={outcome.title}>
          {outcome.text}
        </Alert>
      ) : null}
      <PagedListView
        list={disclosures}
        noun="disclosures"
        emptyTitle="No disclosures yet"
        emptyText={
          canWrite
            ? 'Draft a disclosure to tell hospitals and patients what is affected and what to do.'
            : 'This organisation has no disclosures.'
        }
      >
        <ul className="row-list" aria-label="Disclosures">
          {disclosures.items.map((disclosure) => (
            <li key={disclosure.id} className="row-list__item">
              <div className="row-list__main">
                <p className="row-list__title">
                  <Link to={`/console/${orgId}/disclosures/${disclosure.id}`}>{disclosure.title}</Link>
                </p>
                <div className="row-list__meta">
                  <DisclosureStatusBadge status={disclosure.status} />
                  <SeverityBadge severity={disclosure.severity} />
                  <span>{kindLabels[disclosure.kind]}</span>
                  <span>{disclosure.trackingId}</span>
                  <span>
                    {disclosure.publishedAt ? 'Published ' : 'Updated '}
                    <DateText iso={disclosure.publishedAt ?? disclosure.updatedAt} />
                  </span>
                  <span>Revision {disclosure.revision}</span>
                  {disclosure.authorUserId === currentUserId ? <span>Written by you</span> : null}
                  {disclosure.status === 'published' || disclosure.status === 'withdrawn' ? (
                    <Link
                      to={`/disclosures/${disclosure.id}`}
                      aria-label={`Public page of “${disclosure.title}”`}
                    >
                      Public page
                    </Link>
                  ) : null}
                </div>
                {disclosure.productIds.length > 0 ? (
                  <p className="row-list__detail">
                    Affects{' '}
                    {disclosure.productIds
                      .map((id) => productNames.get(id) ?? 'an unknown product')
                      .join(', ')}
                  </p>
                ) : null}
              </div>
              {canWrite && (disclosure.status === 'draft' || disclosure.status === 'approved') ? (
                <div className="row-list__actions">
                  {disclosure.status === 'draft' ? (
                    <Button
                      variant="secondary"
                      size="small"
                      busy={pending?.id === disclosure.id && pending.action === 'approve'}
                      disabled={pending !== null}
                      aria-label={`Approve “${disclosure.title}”`}
                      onClick={() => run(disclosure, 'approve')}
                    >
                      Approve
                    </Button>
                  ) : (
                    <Button
                      size="small"
                      busy={pending?.id === disclosure.id && pending.action === 'publish'}
                      disabled={pending !== null}
                      aria-label={`Publish “${disclosure.title}”`}
                      onClick={() => run(disclosure, 'publish')}
                    >
                      Publish
                    </Button>
                  )}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      </PagedListView>
      {canWrite ? (
        <DraftDisclosureForm
          orgId={orgId}
          products={products}
          incidents={incidents}
          onDrafted={disclosures.upsert}
        />
      ) : null}
    </Card>
  );
}
