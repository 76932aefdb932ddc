import type { Tx } from '../../common/db/pool.js';
import type { ElectionKind, ElectionOption, ElectionStatus } from '../../../schemas/api.js';
import type { BallotMode } from '../../../schemas/common.js';
import type { Rules } from '../../../schemas/rules.js';
import type { RankedSettings } from '../../../schemas/ranked/settings.js';

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
  /** When an open or a close began that the ballot box may have made and the registry has not recorded as done. */
  changingSince: Date | null;
  /** The election's own ballot mode; null: the deployment's. */
  ballotMode: BallotMode | null;
  /** Raised by each edit of the draft; the open sends the definition to the ballot box with it. */
  revision: number;
  /** Weighted: each member votes their roster weight, as ballots in denominations (denominations.ts). */
  weighted: boolean;
  /** The fewest members a denomination class above 1 may have. */
  anonymityK: number;
  /** How the result is decided (schemas/rules.ts, defaults filled in); null: counts only. */
  rules: Rules | null;
  /** Who was present at the open (an election in a meeting), frozen then; null before it or outside a meeting. */
  presentMembers: number | null;
  presentUnits: number | null;
  /** A ranked election's count: method, seats, most ranks (= maxChoices); null for the other kinds. */
  ranked: RankedSettings | null;
};

export const electionColumns =
  'id, meeting_id, title, kind, options, max_choices, status, created_at, opens_at, closes_at, results, changing_since, ballot_mode, revision, weighted, anonymity_k, rules, present_members, present_units, ranked';

export type NewElection = {
  /** Made by the caller: the election's key is bound to it before the row exists. */
  id: string;
  meetingId?: string | undefined;
  title: string;
  kind: ElectionKind;
  options: ElectionOption[];
  maxChoices: number;
  opensAt?: string | undefined;
  closesAt?: string | undefined;
  ballotMode?: BallotMode | undefined;
  weights?: { anonymityK?: number | undefined } | undefined;
  /** Resolved and checked by the caller (shared/registry/elections/rules.ts). */
  rules: Rules | null;
  /** A run-off: the election it follows (one each). */
  runoffOf?: string | undefined;
  /** A ranked election's settings, defaults filled in (shared/registry/elections/ballotLayout.ts). */
  ranked?: RankedSettings | undefined;
};

/**
 * A draft election, or `unknown_meeting` when it names a meeting the org does
 * not have (the insert is conditional on it, so nothing fails mid-transaction;
 * the composite foreign key still guards the rule).
 */
export async function createElection(
  tx: Tx,
  orgId: string,
  election: NewElection,
): Promise<ElectionRow | 'unknown_meeting'> {
  const meetingId = election.meetingId ?? null;
  const [row] = await tx<ElectionRow[]>`
    insert into registry.elections (org_id, id, meeting_id, title, kind, options, max_choices, opens_at, closes_at, ballot_mode,
      weighted, anonymity_k, rules, runoff_of, ranked)
    select ${orgId}, ${election.id}, ${meetingId}, ${election.title}, ${election.kind},
           ${tx.json(election.options)}, ${election.maxChoices}, ${election.opensAt ?? null}, ${election.closesAt ?? null},
           ${election.ballotMode ?? null}, ${election.weights !== undefined}, ${election.weights?.anonymityK ?? 5},
           ${election.rules ? tx.json(election.rules) : null}, ${election.runoffOf ?? null},
           ${election.ranked ? tx.json(election.ranked) : null}
    where ${meetingId}::uuid is null or exists (select 1 from registry.meetings m where m.id = ${meetingId}::uuid)
    returning ${tx.unsafe(electionColumns)}`;
  return row ?? 'unknown_meeting';
}

/** The run-off made from this election, if any. */
export async function runoffOf(tx: Tx, electionId: string): Promise<ElectionRow | undefined> {
  const [row] = await tx<ElectionRow[]>`
    select ${tx.unsafe(electionColumns)} from registry.elections where runoff_of = ${electionId}`;
  return row;
}
