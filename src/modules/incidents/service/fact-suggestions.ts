import type { Deps } from '../../../platform/deps.ts';
import { getProduct } from '../../devices/index.ts';
import { riskDecisionFacts } from '../../risk/index.ts';
import { getIncidentRow } from './incidents.ts';

/**
 * What Candor already knows towards an incident's facts: the markets of its products, and what the
 * risk assessments of its (version, vulnerability) pairs decided — `fda.riskControlled` (false once one
 * pair is uncontrolled, true only when all are assessed controlled, null otherwise) and whether a
 * serious adverse event is known. Suggestions only: the facts stay what people enter.
 */
export async function suggestIncidentFacts(
  deps: Pick<Deps, 'db'>,
  organizationId: string,
  incidentId: string,
) {
  const incident = await getIncidentRow(deps, organizationId, incidentId);
  const markets = new Set<string>();
  for (const productId of incident.productIds) {
    for (const market of (await getProduct(deps, organizationId, productId)).markets) markets.add(market);
  }
  const pairs = incident.productVersionIds.flatMap((productVersionId) =>
    incident.vulnerabilityIds.map((vulnerabilityId) => ({ productVersionId, vulnerabilityId })),
  );
  const risk = await riskDecisionFacts(deps, organizationId, pairs);
  const basis: string[] = [];
  if (pairs.length === 0)
    basis.push('No product version and vulnerability are linked: no risk decision to draw on.');
  else
    basis.push(
      `${risk.assessed} of ${pairs.length} linked (version, vulnerability) pairs have a risk decision` +
        (risk.riskControlled === false
          ? '; at least one is uncontrolled.'
          : risk.riskControlled === true
            ? '; all are controlled.'
            : '.'),
    );
  if (!risk.enforcementDiscretionAvailable) basis.push('A decision records a known serious adverse event.');
  return {
    product: { markets: [...markets].sort() },
    fda: {
      riskControlled: risk.riskControlled,
      seriousAdverseEventKnown: risk.enforcementDiscretionAvailable ? null : true,
    },
    risk,
    basis,
  };
}
