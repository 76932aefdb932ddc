/** The events function's rows as its answers give them: one mapping per shape, used by every route that answers it. */
import type { ElectionRow, MeetingRow } from '../../shared/registry/db/index.js';
import type { Election, ElectionSummary, Meeting } from '../../schemas/api.js';

/** An election as the list answers it (and, with its mode and turnout, the election itself). */
export function toSummary(row: ElectionRow): ElectionSummary {
  return {
    id: row.id,
    meetingId: row.meetingId,
    title: row.title,
    kind: row.kind,
    options: row.options,
    maxChoices: row.maxChoices,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    opensAt: row.opensAt?.toISOString() ?? null,
    closesAt: row.closesAt?.toISOString() ?? null,
    ...(row.weighted ? { weights: { anonymityK: row.anonymityK } } : {}),
    rules: row.rules,
    ...(row.ranked ? { ranked: row.ranked } : {}),
  };
}

export function toElection(row: ElectionRow, turnout: Election['turnout']): Election {
  return { ...toSummary(row), ballotMode: row.ballotMode, turnout };
}

export function toMeeting(row: MeetingRow): Meeting {
  return {
    id: row.id,
    title: row.title,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt?.toISOString() ?? null,
    expectedAttendees: row.expectedAttendees,
    createdAt: row.createdAt.toISOString(),
    rules: row.rules,
  };
}
