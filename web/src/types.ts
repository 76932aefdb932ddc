/** The shapes the app reads from the API (schemas/api.ts is the source; these are the fields the pages use). */
export type Me = { subject: string; orgs: { id: string; name: string; role: 'member' | 'admin' }[] };
export type Option = { id: string; label: string };
export type Election = {
  id: string;
  title: string;
  kind: 'yes_no_abstain' | 'single' | 'multi';
  options: Option[];
  maxChoices: number;
  status: 'draft' | 'open' | 'closed' | 'sealed';
};
export type TokenAnswer = { token: string; receipt: string };
export type CastAnswer = { receipt: string; status: 'counted' | 'queued' };
/** What the device keeps of a ballot it cast: its receipt, enough to find it in the published tracker; never the choices. */
export type KeptBallot = { receipt: string; status: 'counted' | 'queued' };
