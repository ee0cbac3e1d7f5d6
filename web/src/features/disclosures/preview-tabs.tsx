import type {
  Disclosure,
  PublicDisclosure,
  UpdateDisclosureInput,
} from '@contracts/disclosures/disclosures.contracts.ts';
import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { Alert } from '../../components/alert.tsx';
import { Select } from '../../components/select.tsx';
import { scoresOf } from './csaf-scores.ts';
import { tlpDescriptions } from './disclosure-labels.tsx';
import { DisclosureView } from './disclosure-view.tsx';
import type { PreviewDocument, Revision } from './disclosures.api.ts';
import type { VersionOption } from './editor-controls.tsx';
import { documentLabel } from './validation-panel.tsx';

const tabs = [
  { id: 'page', label: 'Public page' },
  { id: 'csaf', label: 'CSAF JSON' },
] as const;
type TabId = (typeof tabs)[number]['id'];

interface PreviewTabsProps {
  /** The record as the form holds it now (the last version the contract accepted). */
  input: UpdateDisclosureInput | null;
  saved: Disclosure;
  publisher: { name: string; slug: string };
  products: readonly { id: string; name: string }[];
  versions: readonly VersionOption[];
  revisions: readonly Revision[];
  documents: readonly PreviewDocument[] | null;
}

/** The unsaved record as the public page will show it, and the CSAF documents it will publish. */
export function PreviewTabs(props: PreviewTabsProps) {
  const [selected, setSelected] = useState<TabId>('page');
  const baseId = useId();
  const tabRefs = useRef<Record<TabId, HTMLButtonElement | null>>({ page: null, csaf: null });

  // Arrow keys move between the tabs (WAI-ARIA tabs pattern, automatic activation).
  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const index = tabs.findIndex((tab) => tab.id === selected);
    const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    if (!next) return;
    setSelected(next.id);
    tabRefs.current[next.id]?.focus();
  }

  return (
    <section className="preview-tabs" aria-labelledby={`${baseId}-heading`}>
      <h2 className="card__title" id={`${baseId}-heading`}>
        Preview
      </h2>
      <div role="tablist" aria-label="Preview" className="tabs">
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${baseId}-${tab.id}-tab`}
            aria-selected={selected === tab.id}
            aria-controls={`${baseId}-${tab.id}-panel`}
            tabIndex={selected === tab.id ? 0 : -1}
            className="tabs__tab"
            ref={(element) => {
              tabRefs.current[tab.id] = element;
            }}
            onClick={() => setSelected(tab.id)}
            onKeyDown={onKeyDown}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div
          key={tab.id}
          role="tabpanel"
          id={`${baseId}-${tab.id}-panel`}
          aria-labelledby={`${baseId}-${tab.id}-tab`}
          hidden={selected !== tab.id}
          className="tabs__panel"
        >
          {selected === tab.id ? (
            tab.id === 'page' ? (
              <PagePreview {...props} />
            ) : (
              <CsafJson {...props} />
            )
          ) : null}
        </div>
      ))}
    </section>
  );
}

function PagePreview({
  input,
  saved,
  publisher,
  products,
  versions,
  revisions,
  documents,
}: PreviewTabsProps) {
  if (!input) return <Alert tone="info">Complete the highlighted fields to see the page.</Alert>;
  const content = input.content ?? saved.content;
  const productIds = input.productIds ?? saved.productIds;
  const versionIds = new Set([
    ...(input.productVersionIds ?? saved.productVersionIds),
    // Versions named by statuses and remediations appear on the page too.
    ...content.vulnerabilities.flatMap((v) => v.productStatus.map((s) => s.productVersionId)),
    ...content.remediations.flatMap((r) => [
      ...r.productVersionIds,
      ...(r.fixedVersionId ? [r.fixedVersionId] : []),
    ]),
  ]);
  const now = new Date().toISOString();
  const view: PublicDisclosure = {
    id: saved.id,
    kind: input.kind ?? saved.kind,
    trackingId: saved.trackingId,
    title: input.title ?? saved.title,
    summary: input.summary ?? saved.summary,
    body: input.body ?? saved.body,
    severity: input.severity ?? saved.severity,
    status: saved.status === 'withdrawn' ? 'withdrawn' : 'published',
    publisher,
    products: products.filter((product) => productIds.includes(product.id)),
    productVersions: versions
      .filter((version) => versionIds.has(version.id))
      .map((version) => ({
        id: version.id,
        productId: version.productId,
        productName: version.productName,
        version: version.label,
      })),
    content: { ...content },
    cves: content.vulnerabilities.flatMap((vulnerability) => (vulnerability.cve ? [vulnerability.cve] : [])),
    revision: saved.revision,
    publishedAt: saved.publishedAt ?? now,
    initialReleaseAt: revisions[0]?.publishedAt ?? now,
    revisions: [...revisions],
    csaf: null,
    url: '',
  };
  const tlp = input.tlp ?? saved.tlp;
  const publicDocument = documents?.find((document) => document.tlp === 'WHITE') ?? documents?.[0];
  return (
    <div className="page-preview">
      {tlp === 'CLEAR' ? null : (
        <Alert tone="info" title={tlpDescriptions[tlp].label}>
          This record will not appear on the public pages; customers receive it as shown here.
        </Alert>
      )}
      <p className="page-preview__title">{view.title}</p>
      <DisclosureView disclosure={view} scores={scoresOf(publicDocument?.document ?? null)} level={3} />
    </div>
  );
}

function CsafJson({ documents }: PreviewTabsProps) {
  const [fileName, setFileName] = useState<string | null>(null);
  if (!documents || documents.length === 0) {
    return <Alert tone="info">The CSAF document appears here once the record validates.</Alert>;
  }
  const shown = documents.find((document) => document.fileName === fileName) ?? documents[0];
  if (!shown) return null;
  return (
    <div className="stack stack--tight">
      {documents.length > 1 ? (
        <Select
          label="Document"
          value={shown.fileName}
          options={documents.map((document) => ({
            value: document.fileName,
            label: documentLabel(document),
          }))}
          onChange={(event) => setFileName(event.currentTarget.value)}
        />
      ) : null}
      <p className="small">
        <code>{shown.fileName}</code> ({documentLabel(shown)}): read-only, generated from the record.
      </p>
      <section aria-label={`CSAF JSON of ${shown.fileName}`}>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the scrollable JSON must be reachable by keyboard */}
        <pre className="csaf-json" tabIndex={0}>
          {JSON.stringify(shown.document, null, 2)}
        </pre>
      </section>
    </div>
  );
}
