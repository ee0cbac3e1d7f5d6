import type { Product } from '@contracts/devices/devices.contracts.ts';
import type { Disclosure, UpdateDisclosureInput } from '@contracts/disclosures/disclosures.contracts.ts';
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { describeError } from '../../api/describe-error.ts';
import { Alert } from '../../components/alert.tsx';
import { Card } from '../../components/card.tsx';
import { TextArea } from '../../components/text-area.tsx';
import { useApi } from '../accounts/session.tsx';
import { DisclosureActions } from './disclosure-actions.tsx';
import { type Revision, updateDisclosure } from './disclosures.api.ts';
import type { SectionProps, VersionOption } from './editor-controls.tsx';
import {
  AffectedSection,
  CustomerSection,
  IncidentSection,
  PatientSection,
  RecordSection,
} from './editor-sections.tsx';
import {
  changedFields,
  checkValues,
  type EditorValues,
  errorsOfProblem,
  type FieldErrors,
  valuesOf,
} from './editor-state.ts';
import { PreviewTabs } from './preview-tabs.tsx';
import { CreditsEditor, RemediationsEditor } from './remediations-editor.tsx';
import { useDisclosurePreview } from './use-disclosure-preview.ts';
import { ValidationPanel } from './validation-panel.tsx';
import { VulnerabilitiesEditor } from './vulnerabilities-editor.tsx';

interface DisclosureEditorProps {
  orgId: string;
  saved: Disclosure;
  products: readonly Product[];
  versions: readonly VersionOption[];
  revisions: readonly Revision[];
  publisher: { name: string; slug: string };
  canWrite: boolean;
  isAdmin: boolean;
  currentUserId: string;
  memberName(userId: string | null): string;
  onChanged(disclosure: Disclosure): void;
}

interface SaveState {
  busy: boolean;
  /** The server's field errors, for the values they were about (a change hides them). */
  errors: FieldErrors | null;
  values: EditorValues | null;
  notice: { tone: 'success' | 'error' | 'info'; title: string; text?: string } | null;
}

/**
 * The disclosure record in a form, beside its live CSAF validation: every change is checked against the
 * contract here and sent, unsaved, to the server's preview, which builds and validates the CSAF
 * documents. Saving keeps the changed fields; approving and publishing follow the four-eyes rule.
 */
export function DisclosureEditor(props: DisclosureEditorProps) {
  const { orgId, saved, products, versions, revisions, canWrite, onChanged } = props;
  const api = useApi();
  const formId = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const baseline = useMemo(() => valuesOf(saved), [saved]);
  const [values, setValues] = useState(baseline);
  const [save, setSave] = useState<SaveState>({ busy: false, errors: null, values: null, notice: null });
  const [attempt, setAttempt] = useState(0);
  const checked = useMemo(() => checkValues(values), [values]);
  const lastValid = useRef<UpdateDisclosureInput | null>(null);
  if (checked.ok) lastValid.current = checked.input;
  const preview = useDisclosurePreview(
    api,
    { orgId, disclosureId: saved.id },
    checked.ok ? checked.input : null,
    `${saved.revision}:${saved.status}:${saved.updatedAt}`,
  );
  const changes = useMemo(() => changedFields(values, baseline), [values, baseline]);
  const dirty = Object.keys(changes).length > 0;
  const editable = canWrite && saved.status !== 'withdrawn';

  const errors: FieldErrors = new Map([
    // The preview's refusal of a field (a CVSS vector the server cannot score, say) shows on that field.
    ...errorsOfProblem(preview.error),
    ...(save.values === values && save.errors ? save.errors : []),
    ...(checked.ok ? [] : checked.errors),
  ]);
  const csafErrors = (preview.preview?.documents ?? []).reduce(
    (sum, document) => sum + document.validation.errors.length,
    0,
  );

  // After a refused save, take the reader to the first field that needs attention.
  useEffect(() => {
    if (attempt === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid?.matches('fieldset')
      ? invalid.querySelector<HTMLElement>('input, select, textarea')
      : invalid
    )?.focus();
  }, [attempt]);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!editable) return;
    if (!checked.ok) {
      setSave({
        busy: false,
        errors: null,
        values: null,
        notice: { tone: 'error', title: 'Not saved', text: 'Check the highlighted fields.' },
      });
      setAttempt((n) => n + 1);
      return;
    }
    if (!dirty) {
      setSave((current) => ({ ...current, notice: { tone: 'info', title: 'No changes to save.' } }));
      return;
    }
    const input = Object.fromEntries(
      Object.entries(checked.input).filter(([key]) => key in changes),
    ) as UpdateDisclosureInput;
    setSave({ busy: true, errors: null, values: null, notice: null });
    try {
      const updated = await updateDisclosure(api, orgId, saved.id, input);
      onChanged(updated);
      setValues(valuesOf(updated));
      setSave({
        busy: false,
        errors: null,
        values: null,
        notice: {
          tone: 'success',
          title:
            saved.status === 'published'
              ? `Saved as revision ${updated.revision}: it needs approval before it replaces revision ${updated.publishedRevision}.`
              : 'Saved.',
        },
      });
    } catch (error) {
      setSave({
        busy: false,
        errors: errorsOfProblem(error),
        values,
        notice: { tone: 'error', title: 'Not saved', text: describeError(error) },
      });
      setAttempt((n) => n + 1);
    }
  }

  const sectionProps: SectionProps = {
    values,
    setValues: (update) => setValues((current) => update(current)),
    errors,
    products,
    versions,
  };
  const showsRevisionSummary = saved.publishedRevision > 0 || saved.revision > 1;

  return (
    <>
      <div className="editor-layout">
        <form
          id={formId}
          ref={formRef}
          className="editor-layout__main"
          onSubmit={handleSubmit}
          noValidate
          aria-label="Disclosure record"
        >
          <fieldset className="editor-fieldset" disabled={!editable}>
            <legend className="visually-hidden">Disclosure record</legend>
            <div className="stack">
              <Card title="The record">
                <RecordSection {...sectionProps} />
              </Card>
              <Card
                title="Affected products"
                description="From the device registry: the CSAF product tree names them with their identifiers."
              >
                <AffectedSection {...sectionProps} />
              </Card>
              <Card title="Vulnerabilities">
                <VulnerabilitiesEditor {...sectionProps} />
              </Card>
              <Card title="Risk and remediation" description="The risk to patients, and what to do about it.">
                <div className="stack">
                  <PatientSection {...sectionProps} />
                  <h3 className="subsection-title">Remediations</h3>
                  <RemediationsEditor {...sectionProps} />
                </div>
              </Card>
              {values.kind === 'incident_notice' ? (
                <Card title="Incident account" description="For the public: plain words, no internal detail.">
                  <IncidentSection {...sectionProps} />
                </Card>
              ) : null}
              <Card title="Acknowledgements and references">
                <CreditsEditor {...sectionProps} />
              </Card>
              <Card title="Customer-only details">
                <CustomerSection {...sectionProps} />
              </Card>
              {showsRevisionSummary ? (
                <Card title="Revision">
                  <TextArea
                    label="Revision summary"
                    rows={2}
                    hint={`What changed since revision ${saved.publishedRevision}: shown in the revision history and the CSAF document. Required before approval.`}
                    value={values.revisionSummary}
                    error={errors.get('revisionSummary')}
                    onChange={(event) => {
                      const { value } = event.currentTarget;
                      setValues((current) => ({ ...current, revisionSummary: value }));
                    }}
                  />
                </Card>
              ) : null}
            </div>
          </fieldset>
        </form>
        <div className="editor-layout__aside">
          <div className="card">
            <DisclosureActions
              {...props}
              formId={formId}
              saving={save.busy}
              dirty={dirty}
              canWrite={canWrite}
              csafErrors={csafErrors}
              saveNotice={
                save.notice ? (
                  <Alert tone={save.notice.tone} title={save.notice.title}>
                    {save.notice.text}
                  </Alert>
                ) : null
              }
            />
          </div>
          <div className="card">
            <ValidationPanel
              documents={preview.preview?.documents ?? null}
              pending={preview.pending}
              localErrors={checked.ok ? null : checked.errors}
              error={preview.error}
            />
          </div>
        </div>
      </div>
      <div className="card preview-card">
        <PreviewTabs
          input={lastValid.current}
          saved={saved}
          publisher={props.publisher}
          products={products}
          versions={versions}
          revisions={revisions}
          documents={preview.preview?.documents ?? null}
        />
      </div>
    </>
  );
}
