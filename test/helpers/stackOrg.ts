/** An organisation on the local stack for a browser test: made by the operator, with `chair` as admin and members. */
import assert from 'node:assert/strict';
import { localClient, type LocalClient } from '../../local/stack/localClient.js';
import type { TokenResponse } from '../../schemas/api.js';

export async function stackOrg(api: LocalClient, org: { id: string; name: string; members?: string[] }): Promise<void> {
  const made = await api.call('POST', `${api.events}/v1/orgs`, api.operatorKey, {
    id: org.id,
    name: org.name,
    admins: ['chair'],
  });
  assert.equal(made.status, 201);
  if (!org.members?.length) return;
  const roster = await api.call('PUT', `${api.events}/v1/orgs/${org.id}/members`, await api.jwt('chair'), {
    members: org.members.map((subject) => ({ subject, role: 'member', status: 'active' })),
  });
  assert.equal(roster.status, 200);
}

/**
 * For a browser test file: the org on its stack, made on first use (the stack starts in a `before`), and the
 * stack's API client. Call the returned function at the start of each test.
 */
export function orgOnStack(
  env: { stack: { dir: string } },
  org: { id: string; name: string; members?: string[] },
): () => Promise<LocalClient> {
  let made: Promise<LocalClient> | undefined;
  return () =>
    (made ??= (async () => {
      process.env.EKKLESIA_DIR = env.stack.dir;
      const api = await localClient();
      await stackOrg(api, org);
      return api;
    })());
}

/** A member who votes through the API beside the browser: their token, then one ballot with these choices (201). */
export async function castOnStack(
  api: LocalClient,
  orgId: string,
  electionId: string,
  subject: string,
  choices: readonly string[],
): Promise<void> {
  const token = await api.call<TokenResponse>(
    'POST',
    `${api.events}/v1/orgs/${orgId}/elections/${electionId}/token`,
    await api.jwt(subject),
  );
  const cast = await api.call('POST', `${api.elections}/v1/elections/${electionId}/ballots`, token.body.token, {
    choices,
  });
  assert.equal(cast.status, 201, `${subject}'s ballot`);
}
