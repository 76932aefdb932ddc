/**
 * Casting one ballot as the API documents it. The member's voting token is
 * fetched ahead of the cast, as soon as the page learns the election is open
 * (a token request writes nothing, but a request log or a packet capture
 * still dates it: it is kept apart from the click that casts), and held in
 * this page's memory only. The cast is then one request to the elections
 * function, retried with the same token and choices until it is answered.
 * The device keeps only the receipt and its status, keyed by the signed-in
 * member and the election, never the choices; a queued ballot (202, the
 * fallback) is polled until it reads counted, the receipt in the body.
 */
import { ApiProblem, call } from './api.js';
import type { CastAnswer, KeptBallot, TokenAnswer } from './types.js';

export type Member = { subject: string; accessToken: string; electionsUrl: string };

const kept = (member: Member, electionId: string) => `ekklesia.ballot.${member.subject}.${electionId}`;

export function keptBallot(member: Member, electionId: string): KeptBallot | undefined {
  return JSON.parse(localStorage.getItem(kept(member, electionId)) ?? 'null') ?? undefined;
}

function keep(member: Member, electionId: string, ballot: KeptBallot): void {
  localStorage.setItem(kept(member, electionId), JSON.stringify(ballot));
}

const tokens = new Map<string, Promise<TokenAnswer>>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The member's token for an open election, asked once per page (again after a failure). A member who became
 * eligible after the open waits for their registration (409 registration_pending, Retry-After).
 */
export function tokenFor(member: Member, orgId: string, electionId: string): Promise<TokenAnswer> {
  const name = `${member.subject}/${electionId}`;
  let pending = tokens.get(name);
  if (!pending) {
    pending = (async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          const { body } = await call<TokenAnswer>(`/v1/orgs/${orgId}/elections/${electionId}/token`, {
            method: 'POST',
            token: member.accessToken,
            body: {},
          });
          return body;
        } catch (err) {
          if (!(err instanceof ApiProblem && err.code === 'registration_pending' && attempt < 12)) throw err;
          await sleep((err.retryAfter ?? 15) * 1000);
        }
      }
    })();
    pending.catch(() => tokens.delete(name));
    tokens.set(name, pending);
  }
  return pending;
}

/** Forgets the tokens this page holds (sign-out). */
export function forgetTokens(): void {
  tokens.clear();
}

export async function castBallot(
  member: Member,
  orgId: string,
  electionId: string,
  choices: string[],
): Promise<KeptBallot> {
  const voting = await tokenFor(member, orgId, electionId); // fetched when the page learned of the election
  const { body } = await call<CastAnswer>(`${member.electionsUrl}/v1/elections/${electionId}/ballots`, {
    method: 'POST',
    token: voting.token,
    body: { choices },
  });
  const ballot: KeptBallot = { receipt: body.receipt, status: body.status };
  keep(member, electionId, ballot);
  return ballot;
}

/** Resolves when a queued ballot reads counted (every 2 s); the kept status follows. */
export async function untilCounted(member: Member, electionId: string, ballot: KeptBallot): Promise<KeptBallot> {
  for (;;) {
    const { body } = await call<{ status: 'counted' | 'queued' }>(
      `${member.electionsUrl}/v1/elections/${electionId}/receipt-status`,
      { method: 'POST', body: { receipt: ballot.receipt } },
    );
    if (body.status === 'counted') {
      const counted: KeptBallot = { ...ballot, status: 'counted' };
      keep(member, electionId, counted);
      return counted;
    }
    await sleep(2000);
  }
}
