/**
 * The tests' usual first steps through the API (harness.ts re-exports them):
 * an org with its admin and roster, a draft election, opening it, and a
 * member's voting token.
 */
import { operatorKey, type Harness } from './harness.js';
import type { Election, TokenResponse } from '../../schemas/api.js';

/** An org `id` with admin `alice` and the given members, created through the API. */
export async function seedOrg(
  h: Harness,
  id: string,
  members: { subject: string; role?: 'member' | 'admin'; status?: 'active' | 'inactive'; weight?: number }[] = [],
) {
  const created = await h.call('POST', '/v1/orgs', {
    auth: operatorKey,
    body: { id, name: `Org ${id}`, admins: ['alice'] },
  });
  if (created.status !== 201) throw new Error(`seeding org ${id}: ${created.status} ${await created.text()}`);
  for (let i = 0; i < members.length; i += 500) {
    const body = {
      members: members.slice(i, i + 500).map((m) => ({
        subject: m.subject,
        role: m.role ?? 'member',
        status: m.status ?? 'active',
        ...(m.weight ? { weight: m.weight } : {}),
      })),
    };
    const res = await h.call('PUT', `/v1/orgs/${id}/members`, { auth: await h.jwt('alice'), body });
    if (res.status !== 200) throw new Error(`seeding members of ${id}: ${res.status} ${await res.text()}`);
  }
}

/** A draft election in `org`, created by alice; returns its id. */
export async function seedElection(
  h: Harness,
  org: string,
  body: Record<string, unknown> = { title: 'Motion', kind: 'yes_no_abstain' },
): Promise<string> {
  const res = await h.call<Election>('POST', `/v1/orgs/${org}/elections`, {
    auth: await h.jwt('alice'),
    body,
  });
  if (res.status !== 201) throw new Error(`seeding election: ${res.status} ${await res.text()}`);
  return (await res.json()).id as string;
}

export async function openElection(h: Harness, org: string, id: string): Promise<void> {
  const res = await h.call('POST', `/v1/orgs/${org}/elections/${id}/open`, { auth: await h.jwt('alice'), body: {} });
  if (res.status !== 200) throw new Error(`opening: ${res.status} ${await res.text()}`);
}

export async function tokenFor(h: Harness, org: string, id: string, subject: string): Promise<TokenResponse> {
  const res = await h.call<TokenResponse>('POST', `/v1/orgs/${org}/elections/${id}/token`, {
    auth: await h.jwt(subject),
    body: {},
  });
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`token for ${subject}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** An open single-choice election in `org` with these option ids (each its own label): the usual ballot of a test. */
export async function seedOpenChoice(h: Harness, org: string, title: string, optionIds: string[]): Promise<string> {
  const id = await seedElection(h, org, {
    title,
    kind: 'single',
    options: optionIds.map((o) => ({ id: o, label: o })),
  });
  await openElection(h, org, id);
  return id;
}
