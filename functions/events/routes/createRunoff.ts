import { ApiError } from '../../../shared/common/http/index.js';
import { hasSqlState, sqlState } from '../../../shared/common/db/index.js';
import { activeMembers, getElection, runoffOf } from '../../../shared/registry/db/index.js';
import { runoffPair } from '../../../schemas/runoff.js';
import { lotOrder } from '../../../shared/common/crypto/lotOrder.js';
import { Election, RunoffRequest, type CreateElectionRequest, type ElectionResults } from '../../../schemas/api.js';
import { route } from '../route.js';
import { toElection } from '../answers.js';
import { createDraft } from './createElection.js';

const maxTitle = 200;

/**
 * `POST /v1/orgs/{org}/elections/{id}/runoff`: the chair's one action after a single choice that no option
 * carried under its rules: a draft between the two options with the most votes, in the same meeting, with the
 * same rules, weights and mode (docs/rules.md, "Run-offs"). One per election: asked again, it answers the first.
 */
export default route(
  {
    operationId: 'createRunoff',
    method: 'POST',
    path: '/v1/orgs/:org/elections/:id/runoff',
    tag: 'elections',
    summary: 'Make the run-off',
    description:
      'For a sealed single choice whose verdict is no_majority or tie: a draft election between the two options ' +
      'with the most votes, "Run-off: <title>", in the same meeting with the same rules, weights and mode (edit it ' +
      'before the open if needed). A tie for those places is broken as the election states: by lot (the order drawn ' +
      'from its root), or by the chair, who names the two in {"options": [a, b]} (400 invalid_request until then). ' +
      'One run-off per election: asked again, 200 with the first.',
    access: 'admin',
    idempotencyKey: 'optional',
    body: RunoffRequest,
    example: {},
    responses: { 201: Election, 200: Election },
    errors: ['invalid_transition', 'unavailable', 'idempotency_conflict'],
  },
  (deps) =>
    async (c, { params, body, caller }) => {
      const first = () =>
        caller.inOrg(async (tx) => {
          const made = await runoffOf(tx, params.id);
          return (
            made && {
              status: 200 as const,
              body: toElection(made, { eligible: await activeMembers(tx), ballotsCast: 0 }),
            }
          );
        });
      const found = await caller.inOrg(async (tx) => getElection(tx, params.id));
      if (!found) throw new ApiError('not_found', 'unknown election');
      const already = await first();
      if (already) return already;
      const results = found.results as ElectionResults | null;
      if (found.status !== 'sealed' || !results?.verdict || !results.rules)
        throw new ApiError('invalid_transition', 'a run-off follows a sealed election decided by rules');
      const pair = runoffPair(
        results.verdict,
        results.rules.tieBreak,
        lotOrder(
          results.root,
          found.options.map((o) => o.id),
        ),
        body.options,
      );
      if ('problem' in pair)
        throw new ApiError(pair.needsChoice ? 'invalid_request' : 'invalid_transition', pair.problem);
      const labels = new Map(found.options.map((o) => [o.id, o.label]));
      const draft: CreateElectionRequest = {
        title: [...`Run-off: ${found.title}`].slice(0, maxTitle).join(''),
        kind: 'single',
        options: pair.options.map((id) => ({ id, label: labels.get(id)! })),
        ...(found.meetingId ? { meetingId: found.meetingId } : {}),
        ...(found.weighted ? { weights: { anonymityK: found.anonymityK } } : {}),
        ...(found.ballotMode ? { ballotMode: found.ballotMode } : {}),
        rules: results.rules,
      };
      try {
        return await createDraft(deps, c, caller, draft, params.id);
      } catch (err) {
        // Two clicks at once: the other made it.
        const other = hasSqlState(err, sqlState.uniqueViolation) ? await first() : undefined;
        if (other) return other;
        throw err;
      }
    },
);
