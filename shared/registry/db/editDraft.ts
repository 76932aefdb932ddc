import type { Tx } from '../../common/db/pool.js';
import { electionColumns, type ElectionRow, type NewElection } from './createElection.js';

/**
 * A draft replaced by its edit, its revision raised, only while it is a
 * draft and no open has begun (the open's first step marks it, under the
 * same row lock): the edited row, 'not_draft', 'unknown_meeting', or
 * undefined for an unknown id.
 */
export async function editDraft(
  tx: Tx,
  election: Omit<NewElection, 'id'> & { id: string },
): Promise<ElectionRow | 'not_draft' | 'unknown_meeting' | undefined> {
  const [current] = await tx<{ status: string; changingSince: Date | null }[]>`
    select status, changing_since from registry.elections where id = ${election.id} for update`;
  if (!current) return undefined;
  if (current.status !== 'draft' || current.changingSince) return 'not_draft';
  const meetingId = election.meetingId ?? null;
  const [row] = await tx<ElectionRow[]>`
    update registry.elections set
      meeting_id = ${meetingId}, title = ${election.title}, kind = ${election.kind},
      options = ${tx.json(election.options)}, max_choices = ${election.maxChoices},
      opens_at = ${election.opensAt ?? null}, closes_at = ${election.closesAt ?? null},
      ballot_mode = ${election.ballotMode ?? null}, weighted = ${election.weights !== undefined},
      anonymity_k = ${election.weights?.anonymityK ?? 5}, rules = ${election.rules ? tx.json(election.rules) : null},
      ranked = ${election.ranked ? tx.json(election.ranked) : null}, revision = revision + 1
    where id = ${election.id}
      and (${meetingId}::uuid is null or exists (select 1 from registry.meetings m where m.id = ${meetingId}::uuid))
    returning ${tx.unsafe(electionColumns)}`;
  return row ?? 'unknown_meeting';
}

/**
 * A draft deleted with its wrapped key, only while it is a draft and no open has begun: the key version to
 * destroy after the commit, 'not_draft', or undefined for an unknown id.
 */
export async function deleteDraft(
  tx: Tx,
  electionId: string,
): Promise<{ keyVersion: string | undefined } | 'not_draft' | undefined> {
  const [current] = await tx<{ status: string; changingSince: Date | null }[]>`
    select status, changing_since from registry.elections where id = ${electionId} for update`;
  if (!current) return undefined;
  if (current.status !== 'draft' || current.changingSince) return 'not_draft';
  const [key] = await tx<{ keyVersion: string }[]>`
    delete from registry.election_keys where election_id = ${electionId} returning key_version`;
  await tx`delete from registry.elections where id = ${electionId}`;
  return { keyVersion: key?.keyVersion };
}
