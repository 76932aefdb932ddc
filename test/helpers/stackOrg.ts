/** An organisation on the local stack for a browser test: made by the operator, with `chair` as admin and members. */
import assert from 'node:assert/strict';
import { localClient, type LocalClient } from '../../local/stack/localClient.js';

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
