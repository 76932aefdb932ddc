/**
 * The chair's meeting, for each org on the chair's page: start one (a title;
 * it starts now), then see present of entitled, refreshed with the chair's
 * poll, and mark a member present or absent (someone in the hall without a
 * phone) by their member id. Elections created while a meeting runs belong
 * to it, so its presence counts for their rules (docs/rules.md).
 */
import { el } from './dom.js';
import { problem, t, type Strings } from './i18n.js';
import type { Store } from './store.js';
import type { Meeting } from '../../schemas/api.js';
import { presentLine } from './checkIn.js';

export function meetingPanel(ctx: { strings: Strings; store: Store }, orgId: string) {
  const { strings, store } = ctx;
  const id = (name: string) => `${orgId}-meeting-${name}`;
  const status = el('p', { role: 'status' });
  const live = el('p', { className: 'turnout', 'aria-live': 'polite' } as Record<string, unknown>);
  const title = el('input', { id: id('title'), required: true, maxLength: 200 });
  const start = el(
    'form',
    { className: 'start-meeting' },
    el('label', { htmlFor: title.id }, t(strings, 'meeting.titleLabel')),
    title,
    el('button', { type: 'submit' }, t(strings, 'meeting.start')),
  );
  const subject = el('input', { id: id('subject'), autocomplete: 'off' });
  const mark = (present: boolean) => {
    const button = el('button', { type: 'button', className: present ? '' : 'secondary' });
    button.textContent = t(strings, present ? 'meeting.markPresent' : 'meeting.markAbsent');
    button.addEventListener('click', () => {
      const who = subject.value.trim();
      if (!meeting || !who) return;
      store.setAttendance(orgId, meeting.id, present, who).then(
        (a) => ((live.textContent = presentLine(strings, a)), (status.textContent = ''), (subject.value = '')),
        (err: unknown) => (status.textContent = problem(strings, err)),
      );
    });
    return button;
  };
  const marking = el(
    'div',
    { className: 'mark', hidden: true },
    el('label', { htmlFor: subject.id }, t(strings, 'meeting.markLabel')),
    subject,
    el('div', { className: 'actions' }, mark(true), mark(false)),
  );
  const heading = el('summary', {}, t(strings, 'meeting.none'));
  const panel = el('details', { className: 'meeting', open: true }, heading, status, live, start, marking);
  let meeting: Meeting | undefined;
  const showMeeting = (m: Meeting | undefined) => {
    meeting = m;
    heading.textContent = m ? t(strings, 'meeting.heading', { title: m.title }) : t(strings, 'meeting.none');
    start.hidden = !!m;
    marking.hidden = !m;
  };
  start.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!title.value.trim()) return;
    store.startMeeting(orgId, title.value.trim()).then(
      (m) => (showMeeting(m), void refresh()),
      (err: unknown) => (status.textContent = problem(strings, err)),
    );
  });
  /** The current meeting and its presence now (the chair's poll calls it). */
  const refresh = async () => {
    if (!meeting) showMeeting((await store.meetings(orgId))[0]);
    if (meeting) live.textContent = presentLine(strings, await store.attendance(orgId, meeting.id));
  };
  return { panel, refresh, current: () => meeting?.id };
}
