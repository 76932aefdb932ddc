/**
 * Before the seal, under the queue fallback: every ballot promised with 202
 * must be in the tally. A ballot is promised only if its task was created
 * within the fence after the close (shared/ballot_box/ballotQueue.ts), so
 * once the fence has passed, no new task of the election can appear, and
 * when the queue holds none of its tasks, every promised ballot has been
 * applied (or refused for good). This costs no database write per queued
 * ballot: Cloud Tasks itself knows which tasks remain. A queue that has not
 * drained within the time left, or cannot be read within it (unreachable,
 * failing), fails the close with 503 unavailable, which the registry retries
 * (its tick finishes a close left half-way); the chair hears it before the
 * seal's deadline.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { ApiError } from '../../../shared/common/http/index.js';
import { queueFenceMs, type BallotQueue } from '../../../shared/ballot_box/ballotQueue.js';

const pollMs = 250;

export async function drainQueue(
  queue: BallotQueue,
  electionId: string,
  closedAt: Date,
  msLeft: number,
): Promise<void> {
  const giveUpAt = Date.now() + msLeft - pollMs;
  const stillQueued = () =>
    new ApiError('unavailable', 'queued ballots of this election are still being counted; retry the close shortly');
  const fenceEnds = closedAt.getTime() + queueFenceMs;
  if (fenceEnds > giveUpAt) throw stillQueued();
  if (fenceEnds > Date.now()) await delay(fenceEnds - Date.now());
  for (;;) {
    const left = await queue.pending(electionId, giveUpAt - Date.now()).catch(() => {
      throw new ApiError('unavailable', 'the ballot queue cannot be read now; retry the close shortly');
    });
    if (left === 0) return;
    if (Date.now() + pollMs > giveUpAt) throw stillQueued();
    await delay(pollMs);
  }
}
