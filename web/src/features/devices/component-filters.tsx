import { type FormEvent, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button } from '../../components/button.tsx';
import { Select } from '../../components/select.tsx';
import { TextField } from '../../components/text-field.tsx';
import type { ComponentQuery } from './devices.api.ts';
import { purlTypes } from './devices-display.tsx';

/** The component filters live in the address (`?q=&version=&purlType=`), so a search can be shared. */
export function useComponentQuery(): [ComponentQuery, (query: ComponentQuery) => void] {
  const [params, setParams] = useSearchParams();
  const query: ComponentQuery = {
    q: params.get('q') ?? '',
    version: params.get('version') ?? '',
    purlType: params.get('purlType') ?? '',
  };
  function setQuery(next: ComponentQuery) {
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        for (const key of ['q', 'version', 'purlType'] as const) {
          const value = next[key].trim();
          if (value) updated.set(key, value);
          else updated.delete(key);
        }
        return updated;
      },
      { preventScrollReset: true },
    );
  }
  return [query, setQuery];
}

export function queryKey(query: ComponentQuery): string {
  return `${query.q.trim()}|${query.version.trim()}|${query.purlType}`;
}

export function isFiltered(query: ComponentQuery): boolean {
  return Boolean(query.q.trim() || query.version.trim() || query.purlType);
}

interface ComponentFiltersProps {
  /** The form's accessible name. */
  label: string;
  query: ComponentQuery;
  onSearch(query: ComponentQuery): void;
  /** The server's word on a filter it refused (a malformed version constraint, say). */
  error?: string | undefined;
}

/** Text, version constraint and purl type: applied on submit, so typing does not send a request per key. */
export function ComponentFilters({ label, query, onSearch, error }: ComponentFiltersProps) {
  const [draft, setDraft] = useState(query);
  const applied = queryKey(query);
  // Follow the address when it changes from outside (back button, a link).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `applied` stands for `query`
  useEffect(() => setDraft(query), [applied]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSearch(draft);
  }

  function clear() {
    const empty = { q: '', version: '', purlType: '' };
    setDraft(empty);
    onSearch(empty);
  }

  return (
    <search aria-label={label}>
      <form className="filters" onSubmit={handleSubmit}>
        <TextField
          label="Name, purl or CPE"
          type="search"
          name="q"
          className="filters__q"
          value={draft.q}
          onChange={(event) => {
            const { value } = event.currentTarget;
            setDraft((current) => ({ ...current, q: value }));
          }}
        />
        <TextField
          label="Version"
          hint="A constraint such as <3.0.14 or >=1.2 <2"
          name="version"
          className="filters__version"
          value={draft.version}
          error={error}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => {
            const { value } = event.currentTarget;
            setDraft((current) => ({ ...current, version: value }));
          }}
        />
        <Select
          label="Package type"
          name="purlType"
          className="filters__type"
          value={draft.purlType}
          options={[
            { value: '', label: 'Any type' },
            ...purlTypes.map((type) => ({ value: type, label: type })),
          ]}
          onChange={(event) => {
            const { value } = event.currentTarget;
            setDraft((current) => ({ ...current, purlType: value }));
          }}
        />
        <div className="filters__actions">
          <Button type="submit">Search</Button>
          {isFiltered(query) ? (
            <Button variant="quiet" onClick={clear}>
              Clear filters
            </Button>
          ) : null}
        </div>
      </form>
    </search>
  );
}
