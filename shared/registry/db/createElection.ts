import type { Tx } from '../../common/db/pool.js';
import type { ElectionKind, ElectionOption, ElectionStatus } from '../../../schemas/api.js';

export type ElectionRow = {
  id: string;
  meetingId: string | null;
  title: string;
  kind: ElectionKind;
  options: ElectionOption[];
  maxChoices: number;
  status: ElectionStatus;
  createdAt: Date;
  opensAt: Date | null;
  closesAt: Date | null;
  /** Stored once sealed. */
  results: unknown;
};

export const electionColumns =
  'id, meeting_id, title, kind, options, max_choices, status, created_at, opens_at, closes_at, results';

export type NewElection = {
  meetingId?: string | undefined;
  title: string;
  kind: ElectionKind;
  options: ElectionOption[];
  maxChoices: number;
  opensAt?: string | undefined;
  closesAt?: string | undefined;
};

/** A draft election. A meeting id of another org fails the composite foreign key (SQLSTATE 23503). */
export async function createElection(tx: Tx, orgId: string, election: NewElection): Promise<ElectionRow> {
  const [row] = await tx<ElectionRow[]>`
    insert into registry.elections (org_id, meeting_id, title, kind, options, max_choices, opens_at, closes_at)
    values (${orgId}, ${election.meetingId ?? null}, ${election.title}, ${election.kind},
            ${tx.json(election.options)}, ${election.maxChoices}, ${election.opensAt ?? null}, ${election.closesAt ?? null})
    returning ${tx.unsafe(electionColumns)}`;
  return row!;
}
