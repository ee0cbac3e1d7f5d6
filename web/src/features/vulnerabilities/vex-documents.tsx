import type { VexImportResultSchema } from '@contracts/vulnerabilities/vulnerabilities.contracts.ts';
import { type FormEvent, useId, useRef, useState } from 'react';
import type { z } from 'zod';
import { describeError } from '../../api/describe-error.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/text-field.tsx';
import { useApi } from '../accounts/session.tsx';
import {
  importVexDocument,
  type VersionTarget,
  type VexExportFormat,
  vexExportUrl,
} from './vulnerabilities.api.ts';

const exportFormats: { format: VexExportFormat; label: string }[] = [
  { format: 'cyclonedx', label: 'CycloneDX' },
  { format: 'openvex', label: 'OpenVEX' },
  { format: 'csaf', label: 'CSAF' },
];

/** Download links for the version's VEX statements, one per format. */
export function VexExportLinks({ target }: { target: VersionTarget }) {
  return (
    <nav aria-label="Export VEX" className="export-links">
      <span className="export-links__label" aria-hidden="true">
        VEX
      </span>
      <ul className="export-links__list">
        {exportFormats.map(({ format, label }) => (
          <li key={format}>
            <a href={vexExportUrl(target, format)} download>
              <span className="visually-hidden">Export VEX as </span>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

type ImportResult = z.infer<typeof VexImportResultSchema>;

const formatNames: Record<string, string> = { cyclonedx: 'CycloneDX', openvex: 'OpenVEX', csaf: 'CSAF' };

/**
 * Applies a VEX document to this version: the file is read and parsed here (the server takes the JSON
 * itself as the body), and the result says how many statements applied and what was skipped.
 */
export function VexImportForm({ target, onImported }: { target: VersionTarget; onImported(): void }) {
  const api = useApi();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [isBusy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const titleId = useId();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setResult(null);
    if (!file) {
      setError('Choose a VEX document (JSON).');
      inputRef.current?.focus();
      return;
    }
    let document: unknown;
    try {
      document = JSON.parse(await file.text());
    } catch {
      setError(`${file.name} is not JSON. Choose a CycloneDX, OpenVEX or CSAF VEX document.`);
      inputRef.current?.focus();
      return;
    }
    if (typeof document !== 'object' || document === null || Array.isArray(document)) {
      setError(`${file.name} is not a VEX document: it should hold one JSON object.`);
      inputRef.current?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    try {
      setResult(await importVexDocument(api, target, document as Record<string, unknown>));
      setFile(null);
      if (inputRef.current) inputRef.current.value = '';
      onImported();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="panel">
      <summary className="panel__summary" id={titleId}>
        Import a VEX document
      </summary>
      <form className="form panel__body" onSubmit={handleSubmit} noValidate aria-labelledby={titleId}>
        <p className="small muted">
          CycloneDX, OpenVEX or CSAF VEX as JSON. Statements about vulnerabilities in this version replace the
          ones recorded here.
        </p>
        {result ? (
          <Alert tone="success" title={`Applied ${result.applied} of ${result.statements} statements`}>
            <p>
              Read as {formatNames[result.format] ?? result.format}.
              {result.warnings.length === 0 ? ' No warnings.' : null}
            </p>
            {result.warnings.length > 0 ? (
              <>
                <p>Warnings:</p>
                <ul className="vex-import__warnings">
                  {result.warnings.map((warning) => (
                    <li key={warning}>{warning}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </Alert>
        ) : null}
        <div className="upload__picker">
          <TextField
            label="VEX document"
            type="file"
            accept=".json,application/json"
            ref={inputRef}
            error={error ?? undefined}
            onChange={(event) => {
              setFile(event.currentTarget.files?.[0] ?? null);
              setError(null);
            }}
          />
          <Button type="submit" busy={isBusy}>
            Import VEX
          </Button>
        </div>
      </form>
    </details>
  );
}
