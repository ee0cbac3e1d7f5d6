import { DomainError } from '../../../../shared/errors.ts';
import type { DisclosureContent } from '../../disclosures.contracts.ts';
import type { CsafBuildInput } from './csaf-input.ts';
import type {
  CsafAcknowledgment,
  CsafCategory,
  CsafDocumentSection,
  CsafNote,
  CsafReference,
  CsafTlpLabel,
  CsafTracking,
} from './csaf-types.ts';

/** What each TLP 1.0 label lets recipients do (FIRST TLP), in one sentence for `distribution.text`. */
const distributionText: Record<CsafTlpLabel, string> = {
  WHITE: 'Disclosure is not limited: this document may be shared freely, subject to copyright (TLP:CLEAR).',
  GREEN:
    'Recipients may share this document with peers and partner organisations within their community, but not through publicly accessible channels (TLP:GREEN).',
  AMBER:
    'Recipients may share this document only within their own organisation and with its clients who need to know it to protect themselves or prevent further harm (TLP:AMBER).',
};

const incidentNotes: ReadonlyArray<
  readonly [keyof NonNullable<DisclosureContent['incident']>, CsafNote['category'], string]
> = [
  ['whatHappened', 'description', 'What happened'],
  ['impactOnSafety', 'details', 'Impact on patient safety'],
  ['impactOnPrivacy', 'details', 'Impact on privacy'],
  ['impactOnPerformance', 'details', 'Impact on device performance'],
  ['userActions', 'details', 'What users should do'],
];

/**
 * The `document` property (CSAF 2.0 §3.2.1): publisher, title, TLP distribution, notes, references,
 * acknowledgments and tracking.
 */
export function buildDocumentSection(input: CsafBuildInput, category: CsafCategory): CsafDocumentSection {
  const acknowledgments = buildAcknowledgments(input.content);
  return {
    ...(acknowledgments.length > 0 ? { acknowledgments } : {}),
    aggregate_severity: { text: capitalised(input.severity) },
    category,
    csaf_version: '2.0',
    distribution: {
      text: distributionText[input.tlp],
      tlp: { label: input.tlp, url: 'https://www.first.org/tlp/' },
    },
    lang: 'en',
    notes: buildNotes(input),
    publisher: { category: 'vendor', name: input.publisher.name, namespace: input.publisher.namespace },
    references: buildReferences(input),
    title: input.withdrawn ? `WITHDRAWN: ${input.title}` : input.title,
    tracking: buildTracking(input),
  };
}

function buildNotes(input: CsafBuildInput): CsafNote[] {
  const { content } = input;
  const notes: CsafNote[] = [];
  if (input.withdrawn) {
    notes.push({
      category: 'general',
      text: `${input.publisher.name} has withdrawn this ${input.kind === 'incident_notice' ? 'notice' : 'advisory'}: ${input.withdrawn.reason}`,
      title: 'Withdrawn',
    });
  }
  notes.push({ category: 'summary', text: input.summary, title: 'Summary' });
  if (input.body.trim() !== '') notes.push({ category: 'details', text: input.body, title: 'Details' });
  if (content.patientHarm.trim() !== '') {
    notes.push({ category: 'summary', text: content.patientHarm, title: 'Patient safety' });
  }
  if (content.compensatingControls.length > 0) {
    notes.push({
      category: 'details',
      text: content.compensatingControls.map((control) => `- ${control}`).join('\n'),
      title: 'Compensating controls',
    });
  }
  if (input.kind === 'incident_notice' && content.incident) {
    for (const [field, category, title] of incidentNotes) {
      const text = content.incident[field].trim();
      if (text !== '') notes.push({ category, text, title });
    }
  }
  if (input.customerDetails && input.customerDetails.trim() !== '') {
    notes.push({ category: 'details', text: input.customerDetails, title: 'Customer information' });
  }
  notes.push({
    category: 'legal_disclaimer',
    text: `This document is provided "as is", without warranty of any kind. ${input.publisher.name} may revise it; the latest revision at its canonical URL prevails.`,
    title: 'Terms of use',
  });
  return notes;
}

/**
 * The canonical `self` URL (optional test 6.2.11: it ends in the §5.1 file name), the public page, and the
 * record's references. An incident response needs an external reference (6.1.27.2): when the record has
 * none, the publisher's page stands in.
 */
function buildReferences(input: CsafBuildInput): CsafReference[] {
  const references: CsafReference[] = [
    { category: 'self', summary: 'Canonical URL of this document', url: input.selfUrl },
  ];
  if (input.pageUrl) {
    references.push({
      category: 'external',
      summary: 'Human-readable page of this disclosure',
      url: input.pageUrl,
    });
  }
  for (const reference of input.content.references) {
    references.push({ category: 'external', summary: reference.summary, url: reference.url });
  }
  // Informational advisories need one as well (6.1.27.2).
  if (references.every((r) => r.category !== 'external')) {
    references.push({
      category: 'external',
      summary: `${input.publisher.name}: publisher page`,
      url: input.publisher.namespace,
    });
  }
  return references;
}

function buildAcknowledgments(content: DisclosureContent): CsafAcknowledgment[] {
  return content.acknowledgements.flatMap((ack): CsafAcknowledgment[] => {
    const names = ack.names.filter((name) => name.trim() !== '');
    const entry: CsafAcknowledgment = {
      ...(names.length > 0 ? { names } : {}),
      ...(ack.organization ? { organization: ack.organization } : {}),
      ...(ack.summary ? { summary: ack.summary } : {}),
    };
    // The schema needs at least one property per acknowledgment.
    return Object.keys(entry).length > 0 ? [entry] : [];
  });
}

/**
 * Tracking (§3.2.1.12) with integer versioning: the version is the latest revision's number (6.1.16) and
 * every released revision is listed. A never-published draft is version 0 with one revision "0" (6.1.17;
 * a final document could not carry it, 6.1.18), dated at the initial release date so that neither release
 * date is older than the history (6.2.5, 6.2.6).
 * @throws DomainError('invalid') for a final document without a released revision.
 */
function buildTracking(input: CsafBuildInput): CsafTracking {
  if (input.status === 'final' && input.revisions.length === 0) {
    throw new DomainError('invalid', 'A final CSAF document needs at least one released revision.', {
      trackingId: input.trackingId,
    });
  }
  const history =
    input.revisions.length > 0
      ? input.revisions.map((revision, index) => ({
          date: revision.date,
          number: String(revision.number),
          // The schema needs a non-empty summary; a revision saved without one still gets a line.
          summary:
            revision.summary.trim() || (index === 0 ? 'Initial release.' : `Revision ${revision.number}.`),
        }))
      : [{ date: input.initialReleaseDate, number: '0', summary: 'Draft' }];
  const latest = history.at(-1) as { number: string };
  return {
    current_release_date: input.currentReleaseDate,
    generator: {
      date: input.generator.date,
      engine: { name: input.generator.name, version: input.generator.version },
    },
    id: input.trackingId,
    initial_release_date: input.initialReleaseDate,
    revision_history: history,
    status: input.status,
    version: latest.number,
  };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
