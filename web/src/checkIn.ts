/**
 * Check-in, for each org on the member's page: the org's current meeting
 * (the latest not ended), whether the member is checked in, how many are
 * present of those entitled, and one button to check in or out. While a
 * vote of the org is open the server refuses the change (a row written then
 * would date the member beside the ballots: docs/rules.md, "Presence"), and
 * the panel says so.
 */
import { el } from './dom.js';
import { problem, t, type Strings } from './i18n.js';
import type { Store } from './store.js';
import type { Attendance, Meeting } from '../../schemas/api.js';

export function presentLine(strings: Strings, a: Attendance): string {
  return t(strings, 'meeting.present', { present: String(a.present.members), entitled: String(a.entitled.members) });
}

export function checkInPanel(ctx: { strings: Strings; store: Store }, org: { id: string }): HTMLElement {
  const { strings, store } = ctx;
  const panel = el('section', { className: 'check-in', hidden: true });
  const headingId = `meeting-${org.id}`;
  panel.setAttribute('aria-labelledby', headingId);
  const heading = el('h2', { id: headingId });
  const state = el('p', { role: 'status' });
  const counts = el('p', {});
  const button = el('button', { type: 'button' });
  panel.append(heading, state, counts, button);
  let meeting: Meeting | undefined;
  let present = false;
  const showing = (a: Attendance) => {
    present = a.me;
    state.textContent = t(strings, a.me ? 'meeting.in' : 'meeting.out');
    counts.textContent = presentLine(strings, a);
    button.textContent = t(strings, a.me ? 'meeting.checkOut' : 'meeting.checkIn');
  };
  button.addEventListener('click', () => {
    if (!meeting) return;
    button.disabled = true;
    store
      .setAttendance(org.id, meeting.id, !present)
      .then(showing, (err: unknown) => (state.textContent = problem(strings, err)))
      .finally(() => (button.disabled = false));
  });
  void (async () => {
    [meeting] = await store.meetings(org.id);
    if (!meeting) return;
    heading.textContent = t(strings, 'meeting.heading', { title: meeting.title });
    showing(await store.attendance(org.id, meeting.id));
    panel.hidden = false;
  })().catch(() => {});
  return panel;
}
