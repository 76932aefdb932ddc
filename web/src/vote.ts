/**
 * Casting one ballot as the API documents it: the member's voting token
 * (POST …/token; the same token again on a retry), then the ballot to the
 * elections function with the same token and choices until it is answered.
 * The receipt and the choices are kept on this device only, to check the
 * ballot in the tracker after the seal; a queued ballot (202, the fallback)
 * is polled until it reads counted.
 */
import { call } from './api.js';
import type { CastAnswer, KeptBallot, TokenAnswer } from './types.js';

const kept = (electionId: string) => `ekklesia.ballot.${electionId}`;

export function keptBallot(electionId: string): KeptBallot | undefined {
  return JSON.parse(localStorage.getItem(kept(electionId)) ?? 'null') ?? undefined;
}

function keep(electionId: string, ballot: KeptBallot): void {
  localStorage.setItem(kept(electionId), JSON.stringify(ballot));
}

export async function castBallot(
  ctx: { accessToken: string; electionsUrl: string },
  orgId: string,
  electionId: string,
  choices: string[],
): Promise<KeptBallot> {
  const { body: voting } = await call<TokenAnswer>(`/v1/orgs/${orgId}/elections/${electionId}/token`, {
    method: 'POST',
    token: ctx.accessToken,
    body: {},
  });
  const { body } = await call<CastAnswer>(`${ctx.electionsUrl}/v1/elections/${electionId}/ballots`, {
    method: 'POST',
    token: voting.token,
    body: { choices },
  });
  const ballot: KeptBallot = { receipt: body.receipt, choices, status: body.status };
  keep(electionId, ballot);
  return ballot;
}

/** Resolves when a queued ballot reads counted (every 2 s); the kept status follows. */
export async function untilCounted(electionsUrl: string, electionId: string, ballot: KeptBallot): Promise<KeptBallot> {
  for (;;) {
    const { body } = await call<{ status: 'counted' | 'queued' }>(
      `${electionsUrl}/v1/elections/${electionId}/receipts/${ballot.receipt}`,
    );
    if (body.status === 'counted') {
      const counted: KeptBallot = { ...ballot, status: 'counted' };
      keep(electionId, counted);
      return counted;
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}
