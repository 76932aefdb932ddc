/**
 * The chair's page (laptop and projector), for each org the member is an
 * admin of: create an election, open it, watch turnout while it is open,
 * close it (after a confirmation), and show the results and the tracker's
 * root. "Projector view" opens the election's projector route (projector.ts). Running votes come
 * first, the form is folded away once there are votes. One poll every 3 s
 * per org for this chair (not per voter) keeps the page true: a vote opened
 * or closed by its schedule or from another device is shown as it is now,
 * and an expired sign-in is said, not swallowed (ctx.expired).
 */
import { el } from './dom.js';
import { optionLabel, problem, t, turnoutLine, type Strings } from './i18n.js';
import type { ElectionSummary as Election, Me } from '../../schemas/api.js';
import type { Store } from './store.js';
import { ApiProblem } from './api.js';
import { createForm, roomLinks } from './createForm.js';
import { projectorUrl } from './projector.js';
import { rosterPanel } from './roster.js';
import { optionsTable, sealedView } from './sealedView.js';
import { meetingPanel } from './meetingPanel.js';
import { runoffControls } from './runoffChoice.js';

export type ChairContext = { strings: Strings; store: Store; expired?: () => void };
const polls = new Set<ReturnType<typeof setInterval>>();
/** Running votes first, then drafts, then the closed. */
const order: Record<Election['status'], number> = { open: 0, draft: 1, closed: 2, sealed: 3 };
const pollMs = 3000;

/** The chair's sections, one per org where the member is an admin (none for others). */
export async function chairSections(ctx: ChairContext, me: Me): Promise<HTMLElement[]> {
  for (const poll of polls) clearInterval(poll);
  polls.clear();
  const sections: HTMLElement[] = [];
  for (const org of me.orgs.filter((o) => o.role === 'admin')) {
    const section = el('section', { className: 'chair' });
    const headingId = `chair-${org.id}`;
    section.setAttribute('aria-labelledby', headingId);
    const list = el('div', { className: 'elections' });
    const meeting = meetingPanel(ctx, org.id);
    const creator = createForm(ctx, org.id, () => refresh(), meeting.current);
    // "Duplicate": the form filled from an election (an amendment, a run-off), opened and focused.
    const duplicate = (e: Election) => {
      form.open = true;
      creator.fill(e);
    };
    const edit = (e: Election) => {
      form.open = true;
      creator.edit(e);
    };
    const form = el(
      'details',
      { className: 'create-panel' },
      el('summary', {}, t(ctx.strings, 'chair.create')),
      creator.form,
    );
    let shown: string | undefined;
    let turnouts: (() => Promise<void>)[] = [];
    // The cards are made anew only when an election changed (its status, or a draft edited); otherwise the open
    // ones' turnout is refreshed.
    const refresh = async (known?: Election[]) => {
      const elections = (known ?? (await ctx.store.elections(org.id))).sort(
        (a, b) => order[a.status] - order[b.status],
      );
      const now = JSON.stringify(elections);
      if (now !== shown) {
        shown = now;
        const cards = elections.map((e) => electionCard(ctx, org.id, e, () => refresh(), { duplicate, edit }));
        turnouts = cards.flatMap((c) => (c.turnout ? [c.turnout] : []));
        list.replaceChildren(...cards.map((c) => c.card));
        if (!elections.length) form.open = true;
      }
      await Promise.all([...turnouts.map((show) => show()), meeting.refresh()]);
    };
    section.append(
      el('h2', { id: headingId }, t(ctx.strings, 'chair.heading', { org: org.name })),
      meeting.panel,
      form,
      roomLinks(ctx.strings),
      rosterPanel(ctx, org.id),
      list,
    );
    await refresh();
    polls.add(
      setInterval(
        () =>
          void refresh().catch((err: unknown) => {
            if (err instanceof ApiProblem && err.code === 'unauthenticated') ctx.expired?.();
          }),
        pollMs,
      ),
    );
    sections.push(section);
  }
  return sections;
}

/** An election's card, and for an open one how to show its turnout now. */
function electionCard(
  ctx: ChairContext,
  orgId: string,
  election: Election,
  refresh: () => Promise<void>,
  form: { duplicate: (e: Election) => void; edit: (e: Election) => void },
): { card: HTMLElement; turnout?: () => Promise<void> } {
  const { strings, store } = ctx;
  const headingId = `chair-e-${election.id}`;
  const card = el('article', { className: 'card' });
  card.setAttribute('aria-labelledby', headingId);
  const status = el('p', { className: 'status', role: 'status' }, t(strings, `status.${election.status}`));
  const live = el('p', { className: 'turnout', 'aria-live': 'polite' } as Record<string, unknown>);
  const message = el('p', { className: 'error', role: 'alert', hidden: true });
  /** A button doing `action`; with `confirm`, a first press asks again ("Yes, close now" or "Cancel"). */
  const act = (label: string, busy: string, action: () => Promise<unknown>, confirm?: string) => {
    const button = el('button', { type: 'button' }, t(strings, label));
    const cancel = el('button', { type: 'button', className: 'secondary', hidden: true }, t(strings, 'chair.cancel'));
    let asked = false;
    const reset = () => {
      asked = false;
      button.textContent = t(strings, label);
      cancel.hidden = true;
    };
    cancel.addEventListener('click', () => {
      reset();
      button.focus();
    });
    button.addEventListener('click', () => {
      if (confirm && !asked) {
        asked = true;
        button.textContent = t(strings, confirm);
        cancel.hidden = false;
        return;
      }
      button.disabled = true;
      cancel.hidden = true;
      button.textContent = t(strings, busy);
      button.setAttribute('aria-busy', 'true');
      message.hidden = true;
      action().then(refresh, (err: unknown) => {
        message.textContent = problem(strings, err);
        message.hidden = false;
        button.disabled = false;
        button.removeAttribute('aria-busy');
        reset();
      });
    });
    return el('div', { className: 'actions' }, button, cancel);
  };
  // The room's screen, in a window of its own (projector.ts); this tab's session goes with it.
  const projector = el('button', { type: 'button', className: 'secondary' }, t(strings, 'chair.projector'));
  projector.addEventListener('click', () => window.open(projectorUrl(orgId, election.id), '_blank'));
  card.append(el('h3', { id: headingId }, election.title), status, live, message);
  // The question's options while it can be voted on: what the room reads on the projector.
  if (election.status === 'draft' || election.status === 'open')
    card.append(
      el('ul', { className: 'options' }, ...election.options.map((o) => el('li', {}, optionLabel(strings, o)))),
    );
  let turnout: (() => Promise<void>) | undefined;
  if (election.status === 'draft') {
    const change = el('button', { type: 'button', className: 'secondary' }, t(strings, 'chair.edit'));
    change.addEventListener('click', () => form.edit(election));
    card.append(
      act('chair.open', 'chair.opening', () => store.openElection(orgId, election.id)),
      el(
        'div',
        { className: 'actions' },
        change,
        act('chair.delete', 'chair.deleting', () => store.deleteElection(orgId, election.id), 'chair.confirmDelete'),
      ),
    );
  }
  if (election.status === 'open') {
    turnout = async () => {
      const now = await store.election(orgId, election.id);
      live.textContent = turnoutLine(strings, now.weights !== undefined, now.turnout);
    };
    card.append(
      act('chair.close', 'chair.closing', () => store.closeElection(orgId, election.id), 'chair.confirmClose'),
    );
  }
  if (election.status === 'sealed') {
    void store.results(orgId, election.id).then((body) => {
      card.append(
        ...sealedView(strings, body, () => optionsTable(strings, body)),
        el('p', { className: 'root' }, t(strings, 'chair.root'), ' ', el('code', {}, body.root)),
      );
      // No majority (or a tie the chair decides) in a single choice: the run-off, in one action.
      card.append(
        ...runoffControls(
          strings,
          body,
          (action) => act('chair.runoff', 'chair.runoffMaking', action),
          (options) => store.runoff(orgId, election.id, options),
        ),
      );
    });
  }
  const copy = el('button', { type: 'button', className: 'secondary duplicate' }, t(strings, 'chair.duplicate'));
  copy.addEventListener('click', () => form.duplicate(election));
  card.append(projector, ' ', copy);
  return { card, ...(turnout ? { turnout } : {}) };
}
