import { upsertPlan } from '../../shared/registry/db/index.js';
import type { Worker } from '../../shared/registry/consume.js';

/** The lifecycle worker's events: a scheduled (or changed) meeting becomes a plan the ticks act on. */
export const lifecycleWorker: Worker = {
  name: 'lifecycle',
  handle: async (envelope, { tx }) => {
    if (envelope.type !== 'meeting.scheduled') return;
    const p = envelope.payload as {
      meetingId: string;
      startsAt: string;
      endsAt: string | null;
      expectedAttendees: number;
    };
    await upsertPlan(tx, envelope.org, {
      meetingId: p.meetingId,
      startsAt: p.startsAt,
      endsAt: p.endsAt,
      expectedAttendees: p.expectedAttendees,
    });
  },
};
