import { supplierPriorityValues, triageStateValues } from '@contracts/risk/risk.contracts.ts';
import { type FormEvent, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button } from '../../components/button.tsx';
import { CheckboxGroup } from '../../components/checkbox-group.tsx';
import { Select } from '../../components/select.tsx';
import { TextField } from '../../components/text-field.tsx';
import type { WorklistFilters } from './risk.api.ts';
import { supplierPriorityLabels, triageStateLabels } from './risk-display.tsx';

export const worklistPageSize = 50;

const filterKeys = ['state', 'decision', 'supplier', 'productId', 'minEpss', 'q'] as const;
const flagKeys = ['kev', 'overdue'] as const;

const emptyFilters: WorklistFilters = {
  state: '',
  decision: '',
  supplier: '',
  kev: false,
  overdue: false,
  productId: '',
  minEpss: '',
  q: '',
};

/** The worklist's filters and page live in the address, so a view can be shared and survives a reload. */
export function useWorklistQuery() {
  const [params, setParams] = useSearchParams();
  const filters: WorklistFilters = {
    state: params.get('state') ?? '',
    decision: params.get('decision') ?? '',
    supplier: params.get('supplier') ?? '',
    kev: params.get('kev') === 'true',
    overdue: params.get('overdue') === 'true',
    productId: params.get('productId') ?? '',
    minEpss: params.get('minEpss') ?? '',
    q: params.get('q') ?? '',
  };
  const offset = Math.max(0, Number.parseInt(params.get('offset') ?? '0', 10) || 0);

  function update(next: WorklistFilters, nextOffset: number) {
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        for (const key of filterKeys) {
          const value = next[key].trim();
          if (value) updated.set(key, value);
          else updated.delete(key);
        }
        for (const key of flagKeys) {
          if (next[key]) updated.set(key, 'true');
          else updated.delete(key);
        }
        if (nextOffset > 0) updated.set('offset', String(nextOffset));
        else updated.delete('offset');
        return updated;
      },
      { preventScrollReset: true },
    );
  }

  return {
    filters,
    offset,
    /** New filters start again at the first page. */
    setFilters: (next: WorklistFilters) => update(next, 0),
    setOffset: (next: number) => update(filters, next),
  };
}

export function filtersKey(filters: WorklistFilters): string {
  return JSON.stringify(filters);
}

export function isFiltered(filters: WorklistFilters): boolean {
  return filtersKey(filters) !== filtersKey(emptyFilters);
}

interface WorklistFiltersFormProps {
  filters: WorklistFilters;
  products: readonly { id: string; name: string }[];
  onApply(filters: WorklistFilters): void;
  /** The server's word on a filter it refused. */
  error?: { field: keyof WorklistFilters | null; message: string } | null;
}

/** Applied on submit, so typing does not send a request per key. */
export function WorklistFiltersForm({ filters, products, onApply, error }: WorklistFiltersFormProps) {
  const [draft, setDraft] = useState(filters);
  const applied = filtersKey(filters);
  // Follow the address when it changes from outside (back button, a link).
  // biome-ignore lint/correctness/useExhaustiveDependencies: `applied` stands for `filters`
  useEffect(() => setDraft(filters), [applied]);
  const set = <K extends keyof WorklistFilters>(key: K, value: WorklistFilters[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const fieldError = (key: keyof WorklistFilters) => (error?.field === key ? error.message : undefined);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(draft);
  }

  return (
    <search aria-label="Filter the worklist">
      <form className="form" onSubmit={handleSubmit} noValidate>
        <div className="filters">
          <TextField
            label="Search"
            type="search"
            className="filters__q"
            hint="A vulnerability id, words of its summary, a product or a component."
            value={draft.q}
            error={fieldError('q')}
            onChange={(event) => set('q', event.currentTarget.value)}
          />
          <Select
            label="Decision"
            value={draft.decision}
            options={[
              { value: '', label: 'Any decision' },
              { value: 'uncontrolled', label: 'Uncontrolled' },
              { value: 'controlled', label: 'Controlled' },
              { value: 'unassessed', label: 'Not assessed' },
            ]}
            onChange={(event) => set('decision', event.currentTarget.value)}
          />
          <Select
            label="SSVC supplier priority"
            value={draft.supplier}
            options={[
              { value: '', label: 'Any priority' },
              ...supplierPriorityValues.map((value) => ({ value, label: supplierPriorityLabels[value] })),
            ]}
            onChange={(event) => set('supplier', event.currentTarget.value)}
          />
          <Select
            label="Product"
            value={draft.productId}
            options={[
              { value: '', label: 'All products' },
              ...products.map((product) => ({ value: product.id, label: product.name })),
            ]}
            error={fieldError('productId')}
            onChange={(event) => set('productId', event.currentTarget.value)}
          />
          <TextField
            label="Minimum EPSS"
            optional
            hint="A probability from 0 to 1, e.g. 0.1 for 10 %."
            inputMode="decimal"
            value={draft.minEpss}
            error={fieldError('minEpss')}
            onChange={(event) => set('minEpss', event.currentTarget.value)}
          />
        </div>
        <CheckboxGroup
          legend="Triage state"
          hint="None ticked: every open state (all but not affected, false positive and resolved)."
          options={triageStateValues.map((value) => ({ value, label: triageStateLabels[value] }))}
          value={draft.state ? draft.state.split(',') : []}
          error={fieldError('state')}
          onChange={(states) =>
            set('state', triageStateValues.filter((value) => states.includes(value)).join(','))
          }
        />
        <div className="checkbox-group">
          <label className="checkbox">
            <input
              type="checkbox"
              className="checkbox__input"
              checked={draft.kev}
              onChange={(event) => set('kev', event.currentTarget.checked)}
            />
            <span>Known exploited (KEV) only</span>
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              className="checkbox__input"
              checked={draft.overdue}
              onChange={(event) => set('overdue', event.currentTarget.checked)}
            />
            <span>Overdue only</span>
          </label>
        </div>
        <div className="form__actions">
          <Button type="submit">Apply filters</Button>
          {isFiltered(filters) ? (
            <Button
              variant="quiet"
              onClick={() => {
                setDraft(emptyFilters);
                onApply(emptyFilters);
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
