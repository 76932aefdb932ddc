/** The OpenAPI documents the functions serve, by the file name they are committed under in docs/openapi/. */
import { withBuiltins, type ApiDocument } from '../../shared/common/http/builtins.js';
import { openApiDocument } from '../../shared/common/http/openapi.js';
import { eventsApi } from '../../functions/events/app.js';
import { electionsApi, s2sApi } from '../../functions/elections/app.js';

/** Each function's documents as it serves them: the first with the health route and each with its own document routes. */
export const served: Record<'events' | 'elections', ApiDocument[]> = {
  events: withBuiltins([eventsApi]),
  elections: withBuiltins([electionsApi, s2sApi]),
};

export function apiDocuments(): Record<string, Record<string, unknown>> {
  const [events] = served.events;
  const [elections, s2s] = served.elections;
  return {
    'events.json': openApiDocument(events!.info, events!.routes),
    'elections.json': openApiDocument(elections!.info, elections!.routes),
    's2s.json': openApiDocument(s2s!.info, s2s!.routes),
  };
}
