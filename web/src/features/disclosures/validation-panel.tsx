import type { CsafValidation } from '@contracts/disclosures/disclosures.contracts.ts';
import { isApiError } from '../../api/client.ts';
import { describeError } from '../../api/describe-error.ts';
import { Alert } from '../../components/alert.tsx';
import { Badge } from '../../components/badge.tsx';
import type { PreviewDocument } from './disclosures.api.ts';
import type { FieldErrors } from './editor-state.ts';

type Finding = CsafValidation['errors'][number];

/** "mandatoryTest_6_1_27_6" → "6.1.27.6", the section of CSAF 2.0 that defines the test. */
export function testSection(test: string): string | null {
  const match = /^(?:mandatory|optional|informative)Test_(\d+(?:_\d+)*)$/.exec(test);
  return match?.[1] ? match[1].replaceAll('_', '.') : null;
}

export const documentLabel = (document: PreviewDocument) =>
  document.tlp === 'WHITE' ? 'Public document (TLP:CLEAR)' : `Customer document (TLP:${document.tlp})`;

interface ValidationPanelProps {
  documents: readonly PreviewDocument[] | null;
  pending: boolean;
  /** The form holds something the contract refuses: the validation waits for it. */
  localErrors: FieldErrors | null;
  /** The preview request itself failed. */
  error: unknown;
}

/**
 * The live result of @secvisogram/csaf-validator-lib on the documents this record would publish:
 * errors (schema and mandatory tests: publication is refused), warnings (optional tests) and infos
 * (informative tests), each with its test and the path in the document.
 */
export function ValidationPanel({ documents, pending, localErrors, error }: ValidationPanelProps) {
  const status = localErrors
    ? 'Waiting: complete the highlighted fields to validate again.'
    : pending
      ? 'Validating…'
      : documents
        ? 'Up to date.'
        : '';
  return (
    <section className="validation-panel" aria-labelledby="validation-heading">
      <h2 className="card__title" id="validation-heading">
        CSAF validation
      </h2>
      <p className="small muted" role="status">
        {status}
      </p>
      {localErrors && localErrors.size > 0 ? (
        <div className="validation-panel__local">
          <p className="small">
            {localErrors.size === 1 ? 'One field needs' : `${localErrors.size} fields need`} attention:
          </p>
          <ul className="small">
            {[...localErrors].map(([path, message]) => (
              <li key={path}>
                <code>{path || 'record'}</code>: {message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {error ? (
        <Alert tone="error" title="The record could not be validated">
          <p>{describeError(error)}</p>
          {isApiError(error) && error.problem.errors ? (
            <ul>
              {error.problem.errors.map((issue) => (
                <li key={`${issue.path}:${issue.message}`}>
                  <code>{issue.path}</code>: {issue.message}
                </li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      {documents?.map((document) => (
        <DocumentValidation key={document.fileName} document={document} labelled={documents.length > 1} />
      ))}
    </section>
  );
}

function DocumentValidation({ document, labelled }: { document: PreviewDocument; labelled: boolean }) {
  const { validation } = document;
  const name = documentLabel(document);
  const inner = (
    <>
      {labelled ? <h3 className="subsection-title">{name}</h3> : null}
      <p className="validation-document__verdict">
        {validation.valid && validation.errors.length === 0 ? (
          <Badge tone="success">Valid</Badge>
        ) : (
          <Badge tone="danger">Blocks publication</Badge>
        )}{' '}
        <span className="small">
          {count(validation.errors.length, 'error')}, {count(validation.warnings.length, 'warning')},{' '}
          {count(validation.infos.length, 'info')}
        </span>
      </p>
      <FindingList title="Errors" tone="error" findings={validation.errors} />
      <FindingList title="Warnings" tone="warning" findings={validation.warnings} />
      <FindingList title="Infos" tone="info" findings={validation.infos} />
    </>
  );
  return labelled ? (
    <section className="validation-document" aria-label={name}>
      {inner}
    </section>
  ) : (
    <div className="validation-document">{inner}</div>
  );
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function FindingList({
  title,
  tone,
  findings,
}: {
  title: string;
  tone: 'error' | 'warning' | 'info';
  findings: readonly Finding[];
}) {
  if (findings.length === 0) return null;
  return (
    <div className={`findings findings--${tone}`}>
      <p className="findings__title">
        {title}
        {tone === 'error' ? ' — publication is refused until they are fixed' : null}
      </p>
      <ul aria-label={title} className="findings__list">
        {findings.map((finding, index) => {
          const section = testSection(finding.test);
          return (
            // The validator may report one test at one path more than once, with different messages.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={index} className="finding">
              <span className="finding__test">
                <code>{finding.test}</code>
                {section ? <span className="small muted"> (CSAF 2.0 §{section})</span> : null}
              </span>
              {finding.path ? (
                <span className="finding__path">
                  {' at '}
                  <code>{finding.path}</code>
                </span>
              ) : null}
              <span className="finding__message">: {finding.message}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
