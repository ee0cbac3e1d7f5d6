import { CveIdSchema, disclosureKinds, severities } from '@contracts/disclosures/disclosures.contracts.ts';
import { type FormEvent, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { severityLabels } from '../../components/badge.tsx';
import { Button } from '../../components/button.tsx';
import { Select, type SelectOption } from '../../components/select.tsx';
import { TextField } from '../../components/text-field.tsx';
import { kindLabels } from './disclosure-labels.tsx';
import { type PublicDisclosureFilters, publicFilterKeys } from './disclosures.api.ts';

export const emptyPublicFilters: PublicDisclosureFilters = {
  manufacturer: '',
  product: '',
  cve: '',
  severity: '',
  kind: '',
  from: '',
  to: '',
};

/** The list's filters live in the address, so a filtered view can be shared, bookmarked and reloaded. */
export function usePublicFilters() {
  const [params, setParams] = useSearchParams();
  const filters: PublicDisclosureFilters = { ...emptyPublicFilters };
  for (const key of publicFilterKeys) filters[key] = params.get(key) ?? '';

  function setFilters(next: PublicDisclosureFilters) {
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        for (const key of publicFilterKeys) {
          const value = next[key].trim();
          if (value) updated.set(key, value);
          else updated.delete(key);
        }
        return updated;
      },
      { preventScrollReset: true },
    );
  }
  return { filters, setFilters };
}

export const filtersKey = (filters: PublicDisclosureFilters) =>
  publicFilterKeys.map((key) => `${key}=${filters[key]}`).join('&');

export const isFiltered = (filters: PublicDisclosureFilters) =>
  publicFilterKeys.some((key) => filters[key] !== '');

interface FiltersFormProps {
  filters: PublicDisclosureFilters;
  manufacturers: readonly SelectOption[];
  products: readonly SelectOption[];
  onApply(filters: PublicDisclosureFilters): void;
  /** The server's word on a filter it refused. */
  error: { field: keyof PublicDisclosureFilters | null; message: string } | null;
}

/** Applied on submit, so typing a CVE does not send a request per key. */
export function PublicDisclosureFiltersForm({
  filters,
  manufacturers,
  products,
  onApply,
  error,
}: FiltersFormProps) {
  const [draft, setDraft] = useState(filters);
  const [cveError, setCveError] = useState<string | undefined>();
  const applied = filtersKey(filters);
  // Follow the address when it changes from outside (back button, a link).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `applied` stands for `filters`
  useEffect(() => setDraft(filters), [applied]);
  const set = (key: keyof PublicDisclosureFilters, value: string) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const fieldError = (key: keyof PublicDisclosureFilters) =>
    error?.field === key ? error.message : undefined;
  // A filter from the address that the options do not know still shows as chosen.
  const withCurrent = (options: readonly SelectOption[], value: string) =>
    value && !options.some((option) => option.value === value)
      ? [...options, { value, label: value }]
      : options;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const cve = draft.cve.trim().toUpperCase();
    if (cve && !CveIdSchema.safeParse(cve).success) {
      setCveError('Enter a CVE id such as CVE-2024-12345.');
      return;
    }
    setCveError(undefined);
    onApply({ ...draft, cve });
  }

  return (
    <search aria-label="Filter disclosures" className="public-filters no-print">
      <form className="form" onSubmit={handleSubmit} noValidate>
        <div className="public-filters__grid">
          <Select
            label="Manufacturer"
            value={draft.manufacturer}
            error={fieldError('manufacturer')}
            options={[
              { value: '', label: 'All manufacturers' },
              ...withCurrent(manufacturers, draft.manufacturer),
            ]}
            onChange={(event) => set('manufacturer', event.currentTarget.value)}
          />
          <Select
            label="Product"
            value={draft.product}
            error={fieldError('product')}
            options={[{ value: '', label: 'All products' }, ...withCurrent(products, draft.product)]}
            onChange={(event) => set('product', event.currentTarget.value)}
          />
          <TextField
            label="CVE"
            optional
            placeholder="CVE-2024-12345"
            value={draft.cve}
            error={cveError ?? fieldError('cve')}
            onChange={(event) => set('cve', event.currentTarget.value)}
          />
          <Select
            label="Severity"
            value={draft.severity}
            error={fieldError('severity')}
            options={[
              { value: '', label: 'Any severity' },
              ...[...severities].reverse().map((value) => ({ value, label: severityLabels[value] })),
            ]}
            onChange={(event) => set('severity', event.currentTarget.value)}
          />
          <Select
            label="Kind"
            value={draft.kind}
            error={fieldError('kind')}
            options={[
              { value: '', label: 'Any kind' },
              ...disclosureKinds.map((value) => ({ value, label: kindLabels[value] })),
            ]}
            onChange={(event) => set('kind', event.currentTarget.value)}
          />
          <TextField
            label="Published from"
            optional
            type="date"
            value={draft.from}
            error={fieldError('from')}
            onChange={(event) => set('from', event.currentTarget.value)}
          />
          <TextField
            label="Published to"
            optional
            type="date"
            value={draft.to}
            error={fieldError('to')}
            onChange={(event) => set('to', event.currentTarget.value)}
          />
        </div>
        <div className="form__actions">
          <Button type="submit">Apply filters</Button>
          {isFiltered(filters) ? (
            <Button
              variant="quiet"
              onClick={() => {
                setDraft(emptyPublicFilters);
                setCveError(undefined);
                onApply(emptyPublicFilters);
              }}
            >
              Clear filters
            </Button>
          ) : null}
        </div>
      </form>
    </search>
  );
}
