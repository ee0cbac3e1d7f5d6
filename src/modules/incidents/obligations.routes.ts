import type { Deps } from '../../platform/deps.ts';
import type { HttpApp } from '../../platform/http/build-http-app.ts';
import { problemResponses } from '../../platform/http/route-schemas.ts';
import { signedInAccess } from '../../shared/access.ts';
import { evaluateObligations } from './domain/obligations/index.ts';
import { ObligationFactsSchema, ObligationsEvaluationSchema } from './obligations.contracts.ts';

/**
 * The obligations engine over HTTP: evaluate facts, store nothing. Anyone signed in may call it: it is
 * also a planning tool ("what would we owe, and when, if…"), and the facts in the body are the caller's.
 */
export async function obligationsRoutes(app: HttpApp, options: { deps: Deps }): Promise<void> {
  const { deps } = options;
  app.post(
    '/api/v1/obligations/evaluate',
    {
      config: { access: signedInAccess },
      schema: {
        tags: ['incidents'],
        summary: 'Which reports incident facts make mandatory, to whom and by when (nothing is stored)',
        body: ObligationFactsSchema,
        response: { 200: ObligationsEvaluationSchema, ...problemResponses() },
      },
    },
    async (request) =>
      evaluateObligations(request.body, { now: deps.clock.now(), holidays: deps.config.holidayOverrides }),
  );
}
