/**
 * The web app's one door to the API and to the device's storage (the store
 * of tastejs/todomvc's es6 example): every call to the two functions, the
 * voting tokens held in this page's memory, and the receipts kept on the
 * device. The pages (voter.ts, chair.ts) are views over it. The shapes are
 * the contract's (schemas/api.ts, imported for their types only: nothing of
 * it reaches the bundle).
 *
 * Casting as the API documents it: the member's voting token is fetched
 * ahead of the cast, as soon as a page lists the open election (a token
 * request writes nothing, but a request log or a packet capture still dates
 * it: it is kept apart from the click that casts), and held in this page's
 * memory only. The cast is then one request to the elections function,
 * retried with the same token and choices until it is answered. The device
 * keeps only the receipt and its status, under the signed-in member and the
 * election, never the choices; a queued ballot (202, the fallback) is polled
 * until it reads counted, the receipt in the body. At sign-out the member's
 * receipts and tokens are forgotten (forgetMember); on a kiosk (a shared
 * device) nothing is written to the device at all.
 */
import { ApiProblem, call } from './api.js';
import type {
  CastBallotResponse,
  CloseElectionResponse,
  CreateElectionRequest,
  DeletedElection,
  Election,
  ElectionList,
  ElectionResults,
  Me,
  MyElections,
  OpenElectionResponse,
  ReceiptResponse,
  TokenResponse,
  Tracker,
  RosterSummary,
  OwnDelegation,
  Attendance,
  Meeting,
  MeetingList,
} from '../../schemas/api.js';

export type Member = { subject: string; accessToken: string; electionsUrl: string };
/** Where a member's receipts live: the device's storage, or (a kiosk) this page's memory only. */
type Keeper = Pick<Storage, 'getItem' | 'setItem'>;

const memory = new Map<string, string>();
const inMemory: Keeper = { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v) };
const keptPrefix = (subject: string) => `ekklesia.ballot.${subject}.`;
/** What the device keeps of a ballot it cast: its receipt, enough to find it in the published tracker; never the choices. */
export type KeptBallot = {
  receipt: string;
  status: CastBallotResponse['status'];
  /** A weighted member's other ballots (one per token of their bundle, the same choices): their receipts. */
  more?: string[];
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const tokens = new Map<string, Promise<TokenResponse>>();

export function store(member: Member, options: { kiosk?: boolean } = {}) {
  const token = member.accessToken;
  const device: Keeper = options.kiosk ? inMemory : localStorage;
  const get = async <T>(path: string) => (await call<T>(path, { token })).body;
  const post = async <T>(path: string, body: unknown = {}) =>
    (await call<T>(path, { method: 'POST', token, body })).body;
  const org = (orgId: string) => `/v1/orgs/${orgId}`;
  const election = (orgId: string, id: string) => `${org(orgId)}/elections/${id}`;
  // A held delegator's ballot is kept under the holder, named by the delegator too.
  const kept = (electionId: string, heldFor?: string) =>
    `${keptPrefix(member.subject)}${electionId}${heldFor ? `/${heldFor}` : ''}`;
  const keep = (electionId: string, ballot: KeptBallot, heldFor?: string) =>
    device.setItem(kept(electionId, heldFor), JSON.stringify(ballot));

  return {
    subject: member.subject,
    me: () => get<Me>('/v1/me'),
    /**
     * What is open for this member across their orgs, asked conditionally: undefined while it is still the answer
     * named by `etag` (304), else the new answer and its ETag.
     */
    async current(etag?: string): Promise<{ body: MyElections; etag: string } | undefined> {
      const answer = await call<MyElections>('/v1/me/elections', {
        token,
        tries: 1,
        ...(etag ? { headers: { 'if-none-match': etag } } : {}),
      });
      return answer.status === 304 ? undefined : { body: answer.body, etag: answer.etag ?? '' };
    },
    elections: async (orgId: string) => (await get<ElectionList>(`${org(orgId)}/elections`)).elections,
    election: (orgId: string, id: string) => get<Election>(election(orgId, id)),
    results: (orgId: string, id: string) => get<ElectionResults>(`${election(orgId, id)}/results`),
    roster: (orgId: string) => get<RosterSummary>(`${org(orgId)}/roster`),
    delegation: (orgId: string) => get<OwnDelegation>(`${org(orgId)}/me/delegation`),
    setDelegation: async (orgId: string, delegateTo: string | null) =>
      (await call<OwnDelegation>(`${org(orgId)}/me/delegation`, { method: 'PUT', token, body: { delegateTo } })).body,
    tracker: async (id: string) => (await call<Tracker>(`${member.electionsUrl}/v1/elections/${id}/tracker`)).body,
    // One key for the request and its retries: a 503 or a lost answer never makes a second election.
    createElection: async (orgId: string, body: CreateElectionRequest) =>
      (
        await call<Election>(`${org(orgId)}/elections`, {
          method: 'POST',
          token,
          body,
          headers: { 'idempotency-key': crypto.randomUUID() },
        })
      ).body,
    // A PUT replaces the draft whole: repeating it is harmless.
    editElection: async (orgId: string, id: string, body: CreateElectionRequest) =>
      (await call<Election>(election(orgId, id), { method: 'PUT', token, body })).body,
    deleteElection: async (orgId: string, id: string) =>
      (await call<DeletedElection>(election(orgId, id), { method: 'DELETE', token })).body,
    openElection: (orgId: string, id: string) => post<OpenElectionResponse>(`${election(orgId, id)}/open`),
    closeElection: (orgId: string, id: string) => post<CloseElectionResponse>(`${election(orgId, id)}/close`),
    runoff: (orgId: string, id: string, options?: string[]) =>
      post<Election>(`${election(orgId, id)}/runoff`, options ? { options } : {}),
    meetings: async (orgId: string) => (await get<MeetingList>(`${org(orgId)}/meetings`)).meetings,
    // One key for the request and its retries, as for an election.
    startMeeting: async (orgId: string, title: string) =>
      (
        await call<Meeting>(`${org(orgId)}/meetings`, {
          method: 'POST',
          token,
          body: { title, startsAt: new Date().toISOString(), expectedAttendees: 0 },
          headers: { 'idempotency-key': crypto.randomUUID() },
        })
      ).body,
    attendance: (orgId: string, meetingId: string) => get<Attendance>(`${org(orgId)}/meetings/${meetingId}/attendance`),
    /** Checks the member in or out (a PUT: repeating it is harmless); `subject`: the chair marks that member. */
    setAttendance: async (orgId: string, meetingId: string, present: boolean, subject?: string) =>
      (
        await call<Attendance>(
          `${org(orgId)}/meetings/${meetingId}/attendance/${subject ? `members/${encodeURIComponent(subject)}` : 'me'}`,
          { method: 'PUT', token, body: { present } },
        )
      ).body,

    keptBallot: (electionId: string, heldFor?: string): KeptBallot | undefined =>
      JSON.parse(device.getItem(kept(electionId, heldFor)) ?? 'null') ?? undefined,

    /**
     * The member's token for an open election, asked once per page (again after a failure). A member who became
     * eligible after the open waits for their registration (409 registration_pending, Retry-After).
     */
    tokenFor(orgId: string, electionId: string): Promise<TokenResponse> {
      const name = `${member.subject}/${electionId}`;
      let pending = tokens.get(name);
      if (!pending) {
        pending = (async () => {
          for (let attempt = 1; ; attempt++) {
            try {
              return await post<TokenResponse>(`${election(orgId, electionId)}/token`);
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
    },

    /**
     * Casts, retried with the same token and choices while unanswered or refused for now; before each retry (and
     * before giving up) the receipt's status is asked: an answer lost on the way back must not tell the member
     * "not cast yet" about a vote that counted.
     */
    async cast(orgId: string, electionId: string, choices: string[], heldFor?: string): Promise<KeptBallot> {
      const own = await this.tokenFor(orgId, electionId); // fetched when the page learned of the election
      // A proxy holder casts a delegator's vote with the delegator's tokens (the open gave them to the holder).
      const voting = heldFor ? own.proxies?.find((p) => p.subject === heldFor) : own;
      if (!voting) throw new ApiProblem('held_by_proxy', 409);
      // A weighted member casts every token of their bundle with the same choices, one after another.
      const bundle = voting.tokens ?? [voting];
      const answers: CastBallotResponse[] = [];
      for (const { token, receipt } of bundle) {
        const { body } = await call<CastBallotResponse>(`${member.electionsUrl}/v1/elections/${electionId}/ballots`, {
          method: 'POST',
          token,
          body: { choices },
          tookEffect: async () => {
            const status = await this.receiptStatus(electionId, receipt);
            return status && { receipt, status };
          },
        });
        answers.push(body);
      }
      const [first, ...rest] = answers;
      const ballot: KeptBallot = {
        receipt: first!.receipt,
        status: answers.every((a) => a.status === 'counted') ? 'counted' : 'queued',
        ...(rest.length ? { more: rest.map((a) => a.receipt) } : {}),
      };
      keep(electionId, ballot, heldFor);
      return ballot;
    },

    /** What the elections function knows of a receipt: counted, queued, or undefined (unknown, or no answer). */
    async receiptStatus(electionId: string, receipt: string): Promise<KeptBallot['status'] | undefined> {
      try {
        const { body } = await call<ReceiptResponse>(
          `${member.electionsUrl}/v1/elections/${electionId}/receipt-status`,
          { method: 'POST', body: { receipt }, tries: 1 },
        );
        return body.status;
      } catch {
        return undefined;
      }
    },

    /** Resolves when a queued ballot reads counted (every 2 s); the kept status follows. */
    async untilCounted(electionId: string, ballot: KeptBallot, heldFor?: string): Promise<KeptBallot> {
      for (;;) {
        let counted = 0;
        for (const receipt of [ballot.receipt, ...(ballot.more ?? [])]) {
          const { body } = await call<ReceiptResponse>(
            `${member.electionsUrl}/v1/elections/${electionId}/receipt-status`,
            { method: 'POST', body: { receipt } },
          );
          if (body.status === 'counted') counted++;
        }
        if (counted === 1 + (ballot.more?.length ?? 0)) {
          const counted: KeptBallot = { ...ballot, status: 'counted' };
          keep(electionId, counted, heldFor);
          return counted;
        }
        await sleep(2000);
      }
    },
  };
}

export type Store = ReturnType<typeof store>;

/** Sign-out: forgets the tokens this page holds and every receipt kept for `subject`, on the device and in memory. */
export function forgetMember(subject: string): void {
  tokens.clear();
  memory.clear();
  for (const key of Object.keys(localStorage)) if (key.startsWith(keptPrefix(subject))) localStorage.removeItem(key);
}
