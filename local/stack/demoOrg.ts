/**
 * A demo organisation on the local stack, so a person can run a whole vote
 * from the web app with nothing else: org `demo` with the admin `chair` and
 * twenty members `voter-1` … `voter-20`, made through the events API (the
 * operator key, then the chair's roster call) the first time the stack
 * starts, and left as it is afterwards.
 */
import { mintJwt, type IdpKeys } from '../idp/devIdp.js';

export const demoOrg = { id: 'demo', name: 'Demo Club', chair: 'chair', voters: 20 };

export async function ensureDemoOrg(events: string, operatorKey: string, keys: IdpKeys, issuer: string): Promise<void> {
  const created = await fetch(`${events}/v1/orgs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${operatorKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id: demoOrg.id, name: demoOrg.name, admins: [demoOrg.chair] }),
  });
  if (created.status === 409) return; // made on an earlier start
  if (created.status !== 201) throw new Error(`demo org: ${created.status} ${await created.text()}`);
  const chair = await mintJwt(keys, { issuer, subject: demoOrg.chair });
  const members = Array.from({ length: demoOrg.voters }, (_, i) => ({
    subject: `voter-${i + 1}`,
    role: 'member',
    status: 'active',
  }));
  const roster = await fetch(`${events}/v1/orgs/${demoOrg.id}/members`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${chair}`, 'content-type': 'application/json' },
    body: JSON.stringify({ members }),
  });
  if (roster.status !== 200) throw new Error(`demo roster: ${roster.status} ${await roster.text()}`);
}
