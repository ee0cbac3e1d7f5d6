import { useState } from 'react';
import { Select, type SelectOption } from '../../components/select.tsx';
import { TextField } from '../../components/text-field.tsx';
import { fromLocalInput, toLocalInput } from './date-input.ts';
import {
  type FactsIssues,
  flagAt,
  formatResidents,
  getAt,
  issueAt,
  listAt,
  parseCountries,
  parseResidents,
  textAt,
} from './facts-form-state.ts';
import type { Facts } from './incident-record.api.ts';

/** What every facts field needs: the facts, their problems, and a way to change one path. */
export interface FactsBinding {
  facts: Facts;
  issues: FactsIssues;
  set(path: string, value: unknown): void;
}

interface FieldBase {
  b: FactsBinding;
  path: string;
  label: string;
  hint?: string;
}

export function FactText({ b, path, label, hint }: FieldBase) {
  return (
    <TextField
      label={label}
      hint={hint}
      value={textAt(b.facts, path)}
      error={issueAt(b.issues, path)}
      onChange={(event) => b.set(path, event.currentTarget.value)}
    />
  );
}

/** A choice; with `nullable`, the first option ('') stands for null. */
export function FactSelect({
  b,
  path,
  label,
  hint,
  options,
  nullable = false,
}: FieldBase & { options: readonly SelectOption[]; nullable?: boolean }) {
  return (
    <Select
      label={label}
      hint={hint}
      options={options}
      value={textAt(b.facts, path)}
      error={issueAt(b.issues, path)}
      onChange={(event) => {
        const { value } = event.currentTarget;
        b.set(path, nullable && value === '' ? null : value);
      }}
    />
  );
}

export function FactFlag({ b, path, label, hint }: FieldBase) {
  const error = issueAt(b.issues, path);
  return (
    <div className="facts-form__flag">
      <label className="checkbox">
        <input
          type="checkbox"
          className="checkbox__input"
          checked={flagAt(b.facts, path)}
          aria-invalid={error ? true : undefined}
          onChange={(event) => b.set(path, event.currentTarget.checked)}
        />
        <span>{label}</span>
      </label>
      {hint ? <p className="field__hint">{hint}</p> : null}
      {error ? <p className="field__error">⚠ {error}</p> : null}
    </div>
  );
}

/**
 * An instant, entered as the user's local wall-clock time and stored with their offset. An untouched
 * field keeps the instant as it was written (with its own offset). Optional ones are null when empty.
 */
export function FactInstant({ b, path, label, hint, optional = false }: FieldBase & { optional?: boolean }) {
  return (
    <TextField
      label={label}
      hint={hint ?? 'Your local time.'}
      optional={optional}
      type="datetime-local"
      value={toLocalInput(textAt(b.facts, path))}
      error={issueAt(b.issues, path)}
      onChange={(event) => {
        const { value } = event.currentTarget;
        b.set(path, optional && value === '' ? null : fromLocalInput(value));
      }}
    />
  );
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value, index) => value === b[index]);

/** Country codes as typed ("US, DE"): the text is kept while it says the same list as the facts. */
export function FactCountries({ b, path, label, hint }: FieldBase) {
  const list = listAt(b.facts, path);
  const [text, setText] = useState(list.join(', '));
  const shown = sameList(parseCountries(text), list) ? text : list.join(', ');
  return (
    <TextField
      label={label}
      hint={hint ?? 'ISO country codes, separated by commas: US, DE, FR.'}
      value={shown}
      error={issueAt(b.issues, path)}
      onChange={(event) => {
        const { value } = event.currentTarget;
        setText(value);
        b.set(path, parseCountries(value));
      }}
    />
  );
}

/** Affected residents per US state ("CA=700, NY=20"); text that does not read is left for the check. */
export function FactResidents({ b, path, label, hint }: FieldBase) {
  const value = getAt(b.facts, path);
  const [text, setText] = useState(formatResidents(value));
  const shown =
    typeof value === 'string' || formatResidents(parseResidents(text)) === formatResidents(value)
      ? text
      : formatResidents(value);
  return (
    <TextField
      label={label}
      hint={hint}
      optional
      value={shown}
      error={typeof value === 'string' ? 'Write it as CA=700, NY=20.' : issueAt(b.issues, path)}
      onChange={(event) => {
        const { value: typed } = event.currentTarget;
        setText(typed);
        b.set(path, parseResidents(typed) ?? typed);
      }}
    />
  );
}

/** A whole number; anything else is left as typed for the check to name. */
export function FactCount({ b, path, label, hint }: FieldBase) {
  const value = getAt(b.facts, path);
  return (
    <TextField
      label={label}
      hint={hint}
      inputMode="numeric"
      value={value === undefined || value === null ? '' : String(value)}
      error={issueAt(b.issues, path)}
      onChange={(event) => {
        const typed = event.currentTarget.value.trim();
        b.set(path, /^\d+$/.test(typed) ? Number(typed) : typed);
      }}
    />
  );
}
