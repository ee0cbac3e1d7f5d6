import type { SbomImportResult } from '@contracts/devices/devices.contracts.ts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { isAbortError, isApiError } from '../../api/client.ts';
import { describeError } from '../../api/describe-error.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { DateText } from '../../components/format.tsx';
import { ProgressBar } from '../../components/progress-bar.tsx';
import { TextField } from '../../components/text-field.tsx';
import { type SbomUpload, type UploadProgress, uploadSbom } from './devices.api.ts';
import { formatBytes, formatLabel } from './devices-display.tsx';

type UploadState =
  | { phase: 'idle' }
  | { phase: 'sending'; fileName: string; progress: UploadProgress }
  | { phase: 'processing'; fileName: string; size: number }
  | { phase: 'done'; fileName: string; size: number; result: SbomImportResult }
  | { phase: 'failed'; fileName: string; error: unknown };

interface SbomUploadFormProps {
  target: { orgId: string; productId: string; versionId: string };
  csrfToken: string;
  onImported(result: SbomImportResult): void;
}

const accepted = '.json,.xml,.spdx,.txt';

/**
 * Uploads an SBOM document with a progress bar, then says what the import understood: how many
 * components, what it skipped and what it warned about.
 */
export function SbomUploadForm({ target, csrfToken, onImported }: SbomUploadFormProps) {
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const uploadRef = useRef<SbomUpload | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  // Leaving the page cancels an upload under way.
  useEffect(() => () => uploadRef.current?.abort(), []);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) {
      setFileError('Choose an SBOM file to upload.');
      inputRef.current?.focus();
      return;
    }
    setFileError(undefined);
    const fileName = file.name;
    setState({ phase: 'sending', fileName, progress: { loaded: 0, total: file.size } });
    const upload = uploadSbom(
      target,
      file,
      csrfToken,
      (progress) => setState((current) => (current.phase === 'sending' ? { ...current, progress } : current)),
      () => setState({ phase: 'processing', fileName, size: file.size }),
    );
    uploadRef.current = upload;
    try {
      const { body } = await upload.result;
      setState({ phase: 'done', fileName, size: file.size, result: body });
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
      onImported(body);
    } catch (error) {
      if (isAbortError(error)) {
        setState({ phase: 'idle' });
        return;
      }
      setState({ phase: 'failed', fileName, error });
    } finally {
      uploadRef.current = null;
    }
  }

  const isBusy = state.phase === 'sending' || state.phase === 'processing';
  return (
    <form className="form upload" aria-label="Upload an SBOM" onSubmit={handleSubmit} noValidate>
      <div className="upload__picker">
        <TextField
          ref={inputRef}
          label="SBOM file"
          hint="CycloneDX 1.2–1.6 (JSON or XML) or SPDX 2.2/2.3 (JSON or tag-value). Uploading the same file again changes nothing."
          type="file"
          name="file"
          accept={accepted}
          error={fileError}
          disabled={isBusy}
          onChange={(event) => {
            setFile(event.currentTarget.files?.[0] ?? null);
            setFileError(undefined);
          }}
        />
        <div className="form__actions">
          <Button type="submit" busy={isBusy}>
            Upload SBOM
          </Button>
          {state.phase === 'sending' ? (
            <Button variant="secondary" onClick={() => uploadRef.current?.abort()}>
              Cancel upload
            </Button>
          ) : null}
        </div>
      </div>
      <UploadStatus state={state} />
    </form>
  );
}

function UploadStatus({ state }: { state: UploadState }) {
  switch (state.phase) {
    case 'idle':
      return null;
    case 'sending': {
      const { loaded, total } = state.progress;
      const percent = total ? Math.min(100, Math.round((loaded / total) * 100)) : null;
      return (
        <ProgressBar
          label={`Uploading ${state.fileName}`}
          value={percent}
          valueText={
            total
              ? `${percent}% · ${formatBytes(loaded)} of ${formatBytes(total)}`
              : `${formatBytes(loaded)} sent`
          }
        />
      );
    }
    case 'processing':
      return (
        <>
          <ProgressBar
            label={`Uploaded ${state.fileName}`}
            value={100}
            valueText={`100% · ${formatBytes(state.size)}`}
          />
          <p className="upload__phase" role="status">
            <span className="spinner" aria-hidden="true" /> Reading the SBOM and matching its components…
          </p>
        </>
      );
    case 'done':
      return (
        <>
          <ProgressBar
            label={`Uploaded ${state.fileName}`}
            value={100}
            valueText={`Done · ${formatBytes(state.size)}`}
          />
          <ImportResult result={state.result} />
        </>
      );
    case 'failed':
      return <UploadProblem fileName={state.fileName} error={state.error} />;
  }
}

function ImportResult({ result }: { result: SbomImportResult }) {
  const { sbom } = result;
  const components = `${result.components.toLocaleString()} component${result.components === 1 ? '' : 's'}`;
  const description = `${formatLabel(sbom.format)} ${sbom.specVersion}`;
  return (
    <div className="stack stack--tight">
      {result.alreadyImported ? (
        <Alert tone="info" title={`Already imported: ${components}`}>
          <p>
            This exact document ({description}) was uploaded on <DateText iso={sbom.createdAt} withTime />.
            Nothing changed.
          </p>
        </Alert>
      ) : (
        <Alert tone="success" title={`Imported ${components}`}>
          <p>
            {description}
            {sbom.author ? `, by ${sbom.author}` : ''}.{' '}
            {result.skipped === 0 && result.warnings.length === 0
              ? 'Everything in it was understood.'
              : `${result.skipped} skipped, ${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'}.`}
          </p>
        </Alert>
      )}
      <IssueList title="Skipped" issues={sbom.skipped} />
      <IssueList title="Warnings" issues={result.warnings} />
    </div>
  );
}

/** Where in the document (a JSON pointer or XML path) and what the import made of it. */
export function IssueList({
  title,
  issues,
}: {
  title: string;
  issues: readonly { path: string; message: string }[];
}) {
  if (issues.length === 0) return null;
  return (
    <details className="issues" open={issues.length <= 5}>
      <summary className="issues__summary">
        {title} ({issues.length})
      </summary>
      <ul className="issues__list">
        {issues.map((issue, index) => (
          // Issues have no id, and the same path may carry several messages.
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed once shown
          <li key={index} className="issues__item">
            <code className="issues__path">{issue.path || '/'}</code>
            <span>{issue.message}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

function UploadProblem({ fileName, error }: { fileName: string; error: unknown }) {
  const details = isApiError(error) ? (error.problem.errors ?? []) : [];
  return (
    <Alert tone="error" title={`${fileName} was not imported`}>
      <p>{describeError(error)}</p>
      {details.length > 0 ? (
        <ul className="issues__list">
          {details.map((issue, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed once shown
            <li key={index} className="issues__item">
              <code className="issues__path">{issue.path || '/'}</code>
              <span>{issue.message}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}
