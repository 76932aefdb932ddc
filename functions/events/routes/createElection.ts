import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/common/http/index.js';
import {
  activeMembers,
  createElection,
  dropDefinitionNote,
  getElection,
  meetingExists,
  noteDefinition,
  recordEvent,
  storeElectionKey,
} from '../../../shared/registry/db/index.js';
import { hasSqlState, sqlState, type Tx } from '../../../shared/common/db/index.js';
import { creationKey, madeBefore } from '../creationKey.js';
import { ballotLayout } from '../../../shared/registry/elections/ballotLayout.js';
import { electionRules } from '../../../shared/registry/elections/rules.js';
import { CreateElectionRequest, Election } from '../../../schemas/api.js';
import type { Context } from 'hono';
import type { AppEnv } from '../../../shared/common/http/index.js';
import { route, type MemberCaller } from '../route.js';
import type { EventsDeps } from '../deps.js';
import { toElection } from '../answers.js';

/**
 * `POST /v1/orgs/{org}/elections`: a draft election, its options checked
 * against its kind, with its own token secret, which the registry stores only
 * wrapped by a KMS key version of the election's own (shared/registry/electionKeys.ts).
 * No transaction waits on a network call: the first checks the caller, the
 * request and its meeting; then the key is made (KMS) and the definition
 * registered with the ballot box (S2S); the second stores the election. So a
 * 201 means both sides know it. If the election is not stored, its key
 * version is destroyed again; a definition the ballot box keeps without a
 * registry election is inert (nothing can register tokens for it or open it
 * but the registry, which does not know its id) and not kept: the first
 * transaction notes the id, the one that stores the election drops the note,
 * and the lifecycle worker has the ballot box forget the drafts of notes left
 * over (workers/lifecycle/scheduled.ts forgetUnrecorded).
 * With an Idempotency-Key (creationKey.ts), the first transaction claims the
 * key for the election's id: a retry answers the election if it was stored,
 * and otherwise makes it under the same id (the ballot box's define is
 * idempotent for it); of two attempts racing, the second to store answers
 * the first's election.
 */
export default route(
  {
    operationId: 'createElection',
    method: 'POST',
    path: '/v1/orgs/:org/elections',
    tag: 'elections',
    summary: 'Create an election (a draft)',
    description:
      'A draft with its options checked against its kind, its own token secret, and an optional schedule. Its definition is registered with the ballot box before the answer, so a 201 means both sides know it. With an Idempotency-Key, a retry is answered with the election the first request made.',
    access: 'admin',
    idempotencyKey: 'optional',
    body: CreateElectionRequest,
    example: { title: 'Approve the budget', kind: 'yes_no_abstain' },
    responses: { 201: Election },
    errors: ['unknown_meeting', 'unavailable', 'idempotency_conflict'],
  },
  (deps) =>
    async (c, { body, caller }) =>
      createDraft(deps, c, caller, body),
);

/**
 * A draft made as the route describes; `runoffOf` marks a run-off (runoff.ts), which the election it follows
 * has only one of.
 */
export async function createDraft(
  deps: EventsDeps,
  c: Context<AppEnv>,
  caller: MemberCaller,
  body: CreateElectionRequest,
  runoffOf?: string,
): Promise<{ status: 201; body: Election }> {
  const { orgId } = caller;
  checkSchedule(body.opensAt, body.closesAt);
  const claim = await creationKey(c);
  const answered = async (tx: Tx, id: string) => {
    const election = await getElection(tx, id);
    return election && { election, eligible: await activeMembers(tx) };
  };
  const { layout, id, made } = await caller.inOrg(async (tx) => {
    if (body.meetingId && !(await meetingExists(tx, body.meetingId))) throw unknownMeeting();
    const layout = { ...ballotLayout(body), rules: await electionRules(tx, body) };
    const fresh = randomUUID();
    const before = await madeBefore(tx, orgId, claim, fresh);
    const made = before ? await answered(tx, before) : undefined;
    if (!made) await noteDefinition(tx, orgId, before ?? fresh);
    return { layout, id: before ?? fresh, made };
  });
  if (made) return { status: 201, body: toElection(made.election, { eligible: made.eligible, ballotsCast: 0 }) };
  const key = await deps.electionKeys.create(orgId, id);
  const row = await (async () => {
    await deps.ballotBox.define(orgId, id, {
      kind: body.kind,
      optionIds: layout.options.map((o) => o.id),
      maxChoices: layout.maxChoices,
      ...(body.ballotMode ? { ballotMode: body.ballotMode } : {}),
      ...(body.weights ? { weighted: true } : {}),
      ...(layout.rules ? { rules: layout.rules } : {}),
      ...(layout.ranked ? { ranked: layout.ranked } : {}),
    });
    return caller.inOrg(async (tx) => {
      const election = await createElection(tx, orgId, { ...body, ...layout, id, runoffOf });
      if (election === 'unknown_meeting') throw unknownMeeting();
      await storeElectionKey(tx, orgId, id, key);
      await dropDefinitionNote(tx, id);
      await recordEvent(tx, orgId, 'election.created', {
        electionId: election.id,
        meetingId: election.meetingId,
        kind: election.kind,
      });
      return { election, eligible: await activeMembers(tx) };
    });
  })().catch(async (err: unknown) => {
    deps.electionKeys.forget(orgId, id);
    await deps.electionKeys
      .destroy(key.keyVersion)
      .catch((e: unknown) => c.get('log').warn({ err: e }, 'an unused key version was not destroyed'));
    // A retry with the same key that raced the first: the first stored the election under this id.
    const first =
      claim && hasSqlState(err, sqlState.uniqueViolation) ? await caller.inOrg((tx) => answered(tx, id)) : undefined;
    if (first) return first;
    throw err;
  });
  return { status: 201, body: toElection(row.election, { eligible: row.eligible, ballotsCast: 0 }) };
}

export const unknownMeeting = () => new ApiError('unknown_meeting', 'meetingId: no such meeting in this organisation');

export function checkSchedule(opensAt: string | undefined, closesAt: string | undefined): void {
  const now = Date.now();
  if (opensAt && Date.parse(opensAt) <= now) throw new ApiError('invalid_request', 'opensAt: must be in the future');
  if (closesAt && Date.parse(closesAt) <= (opensAt ? Date.parse(opensAt) : now)) {
    throw new ApiError('invalid_request', 'closesAt: must be after opensAt (and in the future)');
  }
}
