/**
 * What a queued ballot's task carries (shared/ballot_box/ballotQueue.ts →
 * functions/ballotTasks): exactly what the fast path's statement needs —
 * the token's hash, never the token; the receipt; the choices — and when it
 * was accepted. Never a subject: nothing in a task links a member to a ballot.
 */
import * as v from 'valibot';
import { distinct, OptionId, OrgId, Uuid } from './common.js';

const base64url43 = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/));

export const QueuedBallot = v.strictObject({
  orgId: OrgId,
  electionId: Uuid,
  tokenHash: base64url43,
  receipt: base64url43,
  choices: v.pipe(
    v.array(OptionId),
    v.minLength(1),
    v.maxLength(100),
    distinct((c) => c, 'choices'),
    v.metadata({ uniqueItems: true }),
  ),
  /** When the elections function accepted it, in milliseconds since the epoch. */
  queuedAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type QueuedBallot = v.InferOutput<typeof QueuedBallot>;
