import type { Component, ProductVersion, VersionDiff } from '@contracts/devices/devices.contracts.ts';
import { type FormEvent, type RefObject, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { describeError } from '../../api/describe-error.ts';
import { useResource } from '../../api/use-resource.ts';
import { useSessionGuard } from '../../app/console-context.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { LoadingState } from '../../components/loading-state.tsx';
import { Select } from '../../components/select.tsx';
import { useApi } from '../accounts/session.tsx';
import { diffProductVersions } from './devices.api.ts';
import { ComponentIdentity, DirectionBadge, VersionText } from './devices-display.tsx';

interface VersionDiffSectionProps {
  orgId: string;
  productId: string;
  /** Newest first, as the server lists them. */
  versions: readonly ProductVersion[];
}

/**
 * Components added, removed and changed between two versions. The pair lives in the address
 * (`?from=&to=#diff`), so a comparison can be shared and survives a reload.
 */
export function VersionDiffSection({ orgId, productId, versions }: VersionDiffSectionProps) {
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const [draft, setDraft] = useState({
    from: from || versions[1]?.id || '',
    to: to || versions[0]?.id || '',
  });
  // When versions are added, offer the newest two again unless the user chose others that still exist.
  const versionIds = versions.map((version) => version.id).join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `versionIds` stands for `versions`
  useEffect(() => {
    setDraft((current) => {
      const known = (id: string) => versions.some((version) => version.id === id);
      if (known(current.from) && known(current.to) && current.from !== current.to) return current;
      return { from: versions[1]?.id || '', to: versions[0]?.id || '' };
    });
  }, [versionIds]);
  const [sameError, setSameError] = useState<string | undefined>();
  const resultRef = useRef<HTMLHeadingElement>(null);
  // The pair the user just asked to compare: once its result is shown, focus moves to it.
  const [pendingFocus, setPendingFocus] = useState<string | null>(null);

  const isRequested = Boolean(from && to && from !== to);
  const { resource } = useResource(`diff:${orgId}:${productId}:${from}:${to}`, (signal) =>
    isRequested ? diffProductVersions(api, orgId, productId, { from, to }, signal) : Promise.resolve(null),
  );
  useSessionGuard(resource.status === 'error' ? resource.error : null);

  useEffect(() => {
    if (!pendingFocus) return;
    if (resource.status === 'error') setPendingFocus(null);
    if (resource.status !== 'ready' || !resource.data) return;
    if (`${resource.data.from.id}:${resource.data.to.id}` !== pendingFocus) return;
    resultRef.current?.focus();
    setPendingFocus(null);
  }, [pendingFocus, resource]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (draft.from === draft.to) {
      setSameError('Choose two different versions.');
      return;
    }
    setSameError(undefined);
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('from', draft.from);
        next.set('to', draft.to);
        return next;
      },
      { preventScrollReset: true },
    );
    setPendingFocus(`${draft.from}:${draft.to}`);
  }

  const options = versions.map((version) => ({ value: version.id, label: version.label }));
  return (
    <Card
      title="Compare versions"
      id="diff"
      description="What changed in the software between two releases: components added, removed, upgraded or downgraded."
    >
      {versions.length < 2 ? (
        <EmptyState title="Nothing to compare yet">
          <p>Comparing needs two versions of this product, each with an SBOM.</p>
        </EmptyState>
      ) : (
        <form className="filters" aria-label="Compare versions" onSubmit={handleSubmit} noValidate>
          <Select
            label="From version"
            name="from"
            value={draft.from}
            options={options}
            onChange={(event) => {
              const { value } = event.currentTarget;
              setDraft((current) => ({ ...current, from: value }));
            }}
          />
          <Select
            label="To version"
            name="to"
            value={draft.to}
            options={options}
            error={sameError}
            onChange={(event) => {
              const { value } = event.currentTarget;
              setDraft((current) => ({ ...current, to: value }));
            }}
          />
          <div className="filters__actions">
            <Button type="submit">Compare</Button>
          </div>
        </form>
      )}
      {isRequested && resource.status === 'loading' ? <LoadingState label="Comparing versions…" /> : null}
      {resource.status === 'error' ? (
        <Alert tone="error" title="The versions could not be compared">
          <p>{describeError(resource.error)}</p>
        </Alert>
      ) : null}
      {resource.status === 'ready' && resource.data ? (
        <DiffResult diff={resource.data} headingRef={resultRef} />
      ) : null}
    </Card>
  );
}

function DiffResult({
  diff,
  headingRef,
}: {
  diff: VersionDiff;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const total = diff.added.length + diff.removed.length + diff.changed.length;
  return (
    <div className="diff">
      <h3 className="diff__title" ref={headingRef} tabIndex={-1}>
        {diff.from.label} → {diff.to.label}
      </h3>
      <ul className="diff__summary" aria-label="Summary">
        <li>
          <strong>{diff.added.length}</strong> added
        </li>
        <li>
          <strong>{diff.removed.length}</strong> removed
        </li>
        <li>
          <strong>{diff.changed.length}</strong> changed
        </li>
        <li>
          <strong>{diff.unchanged}</strong> unchanged
        </li>
      </ul>
      {total === 0 ? (
        <p className="muted">
          The two versions have the same components{diff.unchanged === 0 ? ' (neither has any yet)' : ''}.
        </p>
      ) : null}
      {diff.changed.length > 0 ? (
        <section className="diff__group" aria-labelledby="diff-changed">
          <h4 id="diff-changed" className="diff__group-title">
            Changed ({diff.changed.length})
          </h4>
          <DataTable
            caption={`Components changed from ${diff.from.label} to ${diff.to.label}`}
            hideCaption
            rows={diff.changed}
            rowKey={(change) => `${change.from.id}:${change.to.id}`}
            columns={[
              { header: 'Component', isRowHeader: true, cell: (change) => change.to.name },
              {
                header: `From ${diff.from.label}`,
                cell: (change) => <VersionText version={change.from.version} />,
              },
              {
                header: `To ${diff.to.label}`,
                cell: (change) => <VersionText version={change.to.version} />,
              },
              { header: 'Change', cell: (change) => <DirectionBadge direction={change.direction} /> },
              {
                header: 'Identifier',
                className: 'table__wide',
                cell: (change) => <ComponentIdentity component={change.to} />,
              },
            ]}
          />
        </section>
      ) : null}
      <ComponentGroup id="diff-added" title="Added" components={diff.added} in={diff.to.label} />
      <ComponentGroup id="diff-removed" title="Removed" components={diff.removed} in={diff.from.label} />
    </div>
  );
}

function ComponentGroup({
  id,
  title,
  components,
  in: versionLabel,
}: {
  id: string;
  title: string;
  components: readonly Component[];
  in: string;
}) {
  if (components.length === 0) return null;
  return (
    <section className="diff__group" aria-labelledby={id}>
      <h4 id={id} className="diff__group-title">
        {title} ({components.length})
      </h4>
      <DataTable
        caption={`${title} components (as in ${versionLabel})`}
        hideCaption
        rows={components}
        rowKey={(component) => component.id}
        columns={[
          { header: 'Component', isRowHeader: true, cell: (component) => component.name },
          { header: 'Version', cell: (component) => <VersionText version={component.version} /> },
          {
            header: 'Identifier',
            className: 'table__wide',
            cell: (component) => <ComponentIdentity component={component} />,
          },
        ]}
      />
    </section>
  );
}
