import { appendAudit } from '../../shared/registry/db/index.js';
import type { Worker } from '../../shared/registry/consume.js';

/** The audit worker: every event becomes the next entry of its org's hash chain. */
export const auditWorker: Worker = {
  name: 'audit',
  handle: async (envelope, { tx }) => {
    await appendAudit(tx, envelope.org, {
      eventId: envelope.id,
      type: envelope.type,
      occurredAt: envelope.occurredAt,
      payload: envelope.payload,
    });
  },
};
