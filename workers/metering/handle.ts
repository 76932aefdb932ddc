import { addUsage, type UsageDelta } from '../../shared/registry/db/index.js';
import type { Worker } from '../../shared/registry/consume.js';
import type { EventEnvelope } from '../../schemas/domainEvents.js';

/** What each metered event adds to its org's usage of the day it happened. */
function deltaOf(envelope: EventEnvelope): UsageDelta | undefined {
  switch (envelope.type) {
    case 'election.sealed':
      // Tokens and ballots are counted once, at seal: issuing a token and casting a ballot publish nothing.
      return {
        tokensIssued: Number(envelope.payload.tokensIssued),
        ballotsCast: Number(envelope.payload.ballotsCast),
        electionsRun: 1,
      };
    case 'usage.reported':
      return { apiRequests: Number(envelope.payload.apiRequests) };
    default:
      return undefined;
  }
}

/** The metering worker: per-org daily usage for cost attribution. */
export const meteringWorker: Worker = {
  name: 'metering',
  handle: async (envelope, { tx }) => {
    const delta = deltaOf(envelope);
    if (delta) await addUsage(tx, envelope.org, envelope.occurredAt.slice(0, 10), delta);
  },
};
