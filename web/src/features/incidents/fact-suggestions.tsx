import { FactSuggestionsSchema } from '@contracts/incidents/incidents.contracts.ts';
import type { z } from 'zod';
import type { ApiClient } from '../../api/client.ts';
import { useResource } from '../../api/use-resource.ts';
import { Alert } from '../../components/alert.tsx';
import { Button } from '../../components/button.tsx';
import { useApi } from '../accounts/session.tsx';
import type { FactsBinding } from './facts-fields.tsx';
import { getAt } from './facts-form-state.ts';
import { incidentPath } from './incident-record.api.ts';

type Suggestions = z.infer<typeof FactSuggestionsSchema>;

function getSuggestions(api: ApiClient, orgId: string, incidentId: string, signal: AbortSignal) {
  return api.get(`${incidentPath(orgId, incidentId)}/facts/suggestions`, FactSuggestionsSchema, { signal });
}

/**
 * What Candor already knows towards the facts (the risk decisions of the linked version × vulnerability
 * pairs, the products' markets), with one button that copies it into the form. Nothing is saved until
 * the facts are.
 */
export function FactSuggestions({
  orgId,
  incidentId,
  binding,
  canWrite,
}: {
  orgId: string;
  incidentId: string;
  binding: FactsBinding;
  canWrite: boolean;
}) {
  const api = useApi();
  const { resource } = useResource(`incident-fact-suggestions:${orgId}:${incidentId}`, (signal) =>
    getSuggestions(api, orgId, incidentId, signal),
  );
  if (resource.status !== 'ready') return null;
  const s: Suggestions = resource.data;
  const controlled = s.fda.riskControlled;
  function apply() {
    if (controlled !== null) binding.set('event.fda.riskControlled', controlled);
    if (s.fda.seriousAdverseEventKnown) binding.set('event.fda.seriousAdverseEventKnown', true);
    const markets = getAt(binding.facts, 'product.markets');
    const known = Array.isArray(markets) ? markets.map(String) : [];
    binding.set('product.markets', [...new Set([...known, ...s.product.markets])]);
  }
  return (
    <Alert tone="info" title="From the risk assessments">
      <p>
        FDA risk:{' '}
        {controlled === null
          ? 'not decided for every linked pair'
          : controlled
            ? 'controlled'
            : 'uncontrolled'}
        {s.fda.seriousAdverseEventKnown ? '; a serious adverse event is known' : ''}. {s.basis.join(' ')}
        {s.product.markets.length > 0 ? ` Markets of the products: ${s.product.markets.join(', ')}.` : ''}
      </p>
      {canWrite ? (
        <Button type="button" variant="secondary" onClick={apply}>
          Use these in the facts
        </Button>
      ) : null}
    </Alert>
  );
}
