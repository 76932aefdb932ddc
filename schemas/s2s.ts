/** valibot schemas of the S2S API (events → elections), used on both ends. */
import * as v from 'valibot';
import { ElectionKind, OptionId } from './api.js';

export const DefineElection = v.strictObject({
  kind: ElectionKind,
  optionIds: v.pipe(v.array(OptionId), v.minLength(1), v.maxLength(100)),
  maxChoices: v.pipe(v.number(), v.integer(), v.minValue(1)),
});
export type DefineElection = v.InferOutput<typeof DefineElection>;

export const RegisterToken = v.strictObject({
  tokenHash: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{43}$/, 'must be a base64url SHA-256')),
});
export type RegisterToken = v.InferOutput<typeof RegisterToken>;

export const Empty = v.strictObject({});

export type SealedAnswer = {
  status: 'sealed';
  results: { ballotsCast: number; tally: { option: string; votes: number }[]; root: string };
};
export type StatusAnswer = { status: string };
export type TurnoutAnswer = { status: string; ballotsCast: number };
