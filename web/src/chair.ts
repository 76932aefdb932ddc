/**
 * The chair's page (laptop and projector), for each org the member is an
 * admin of: create an election, open it, watch turnout while it is open,
 * close it (after a confirmation), and show the results and the tracker's
 * root. "Projector" shows the one election in large type. Running votes come
 * first, the form is folded away once there are votes. One poll every 3 s
 * per org for this chair (not per voter) keeps the page true: a vote opened
 * or closed by its schedule or from another device is shown as it is now,
 * and an expired sign-in is said, not swallowed (ctx.expired).
 */
import { el } from './dom.js';
import { optionLabel, problem, t, tn, type Strings } from './i18n.js';
import type { CreateElectionRequest, ElectionSummary as Election, Me } from '../../schemas/api.js';
import type { Store } from './store.js';
import { ApiProblem } from './api.js';
import { qrCode } from './qr.js';

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
    const creator = createForm(ctx, org.id, () => refresh());
    // "Duplicate": the form filled from an election (an amendment, a run-off), opened and focused.
    const duplicate = (e: Election) => {
      form.open = true;
      creator.fill(e);
    };
    const form = el(
      'details',
      { className: 'create-panel' },
      el('summary', {}, t(ctx.strings, 'chair.create')),
      creator.form,
    );
    let shown: string | undefined;
    let turnouts: (() => Promise<void>)[] = [];
    // The cards are made anew only when a status changed; otherwise the open ones' turnout is refreshed.
    const refresh = async (known?: Election[]) => {
      const elections = (known ?? (await ctx.store.elections(org.id))).sort(
        (a, b) => order[a.status] - order[b.status],
      );
      const now = elections.map((e) => `${e.id}:${e.status}`).join(',');
      if (now !== shown) {
        shown = now;
        const cards = elections.map((e) => electionCard(ctx, org.id, e, () => refresh(), duplicate));
        turnouts = cards.flatMap((c) => (c.turnout ? [c.turnout] : []));
        list.replaceChildren(...cards.map((c) => c.card));
        if (!elections.length) form.open = true;
      }
      await Promise.all(turnouts.map((show) => show()));
    };
    section.append(
      el('h2', { id: headingId }, t(ctx.strings, 'chair.heading', { org: org.name })),
      form,
      roomLinks(ctx.strings),
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

const maxTitle = 200;

/** The addresses the room needs, as links and QR codes: members' phones, and a shared device at the door. */
function roomLinks(strings: Strings): HTMLElement {
  const link = (text: string, href: string) =>
    el(
      'figure',
      { className: 'room-link' },
      qrCode(href, t(strings, 'chair.qrOf', { href })),
      el('figcaption', {}, text, ' ', el('a', { href }, href)),
    );
  const app = `${location.origin}/app/`;
  return el(
    'details',
    { className: 'room-links' },
    el('summary', {}, t(strings, 'chair.links')),
    link(t(strings, 'chair.joinLink'), app),
    link(t(strings, 'chair.kioskLink'), `${app}?kiosk=1`),
  );
}

function createForm(
  ctx: ChairContext,
  orgId: string,
  refresh: () => Promise<void>,
): { form: HTMLElement; fill: (from: Election) => void } {
  const { strings } = ctx;
  const id = (name: string) => `${orgId}-${name}`;
  // At most 200 characters as the API counts them (code points: an emoji is one), which maxlength (UTF-16 units) cannot say.
  const title = el('input', { id: id('title'), required: true });
  title.addEventListener('input', () =>
    title.setCustomValidity([...title.value.trim()].length > maxTitle ? t(strings, 'chair.titleTooLong') : ''),
  );
  const kind = el('select', { id: id('kind') });
  for (const k of ['yes_no_abstain', 'single', 'multi'])
    kind.append(el('option', { value: k }, t(strings, `kind.${k}`)));
  const options = el('textarea', { id: id('options'), rows: 4 });
  const max = el('input', { id: id('max'), type: 'number', min: '1' });
  const opensAt = el('input', { id: id('opens'), type: 'datetime-local' });
  const closesAt = el('input', { id: id('closes'), type: 'datetime-local' });
  const message = el('p', { className: 'error', role: 'alert', hidden: true, id: id('error') });
  // Options and the maximum only where the kind takes them.
  const optionsField = el('div', {}, el('label', { htmlFor: options.id }, t(strings, 'chair.options')), options);
  const maxField = el('div', {}, el('label', { htmlFor: max.id }, t(strings, 'chair.maxChoices')), max);
  const fitKind = () => {
    optionsField.hidden = kind.value === 'yes_no_abstain';
    maxField.hidden = kind.value !== 'multi';
  };
  kind.addEventListener('change', fitKind);
  fitKind();
  // The fields a refusal may name, by the request's names.
  const fields: Record<string, HTMLElement> = { title, options, maxChoices: max, opensAt, closesAt };
  const form = el(
    'form',
    { className: 'create' },
    el('label', { htmlFor: title.id }, t(strings, 'chair.title')),
    title,
    el('label', { htmlFor: kind.id }, t(strings, 'chair.kind')),
    kind,
    optionsField,
    maxField,
    el('label', { htmlFor: opensAt.id }, t(strings, 'chair.opensAt')),
    opensAt,
    el('label', { htmlFor: closesAt.id }, t(strings, 'chair.closesAt')),
    closesAt,
    message,
    el('button', { type: 'submit' }, t(strings, 'chair.createButton')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const labels = options.value
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    // The schedule, optional: the browser's local time, sent as an instant (the lifecycle worker opens and closes).
    const when = (input: HTMLInputElement) => (input.value ? new Date(input.value).toISOString() : undefined);
    const schedule = {
      ...(when(opensAt) ? { opensAt: when(opensAt) } : {}),
      ...(when(closesAt) ? { closesAt: when(closesAt) } : {}),
    };
    const chosen = kind.value as CreateElectionRequest['kind'];
    const body: CreateElectionRequest =
      chosen === 'yes_no_abstain'
        ? { title: title.value.trim(), kind: chosen, ...schedule }
        : {
            title: title.value.trim(),
            kind: chosen,
            options: labels.map((label, i) => ({ id: `o${i + 1}`, label })),
            ...(chosen === 'multi' && max.value ? { maxChoices: Number(max.value) } : {}),
            ...schedule,
          };
    ctx.store
      .createElection(orgId, body)
      .then(async () => {
        // The next vote starts from this one's kind and maximum (form.reset() emptied the maximum).
        for (const field of [title, options, opensAt, closesAt]) field.value = '';
        message.hidden = true;
        await refresh();
      })
      .catch((err: unknown) => {
        // A refusal that names a field ("maxChoices: …") is said under that field, which takes the focus.
        const named = err instanceof ApiProblem ? /^([A-Za-z]+)[.:]/.exec(err.detail ?? '')?.[1] : undefined;
        const field = named ? fields[named] : undefined;
        message.textContent = problem(strings, err);
        message.hidden = false;
        if (!field) form.querySelector('button[type="submit"]')?.before(message);
        else {
          field.after(message);
          field.setAttribute('aria-invalid', 'true');
          field.setAttribute('aria-describedby', message.id);
          field.focus();
        }
      });
  });
  form.addEventListener('input', () => {
    for (const field of Object.values(fields)) field.removeAttribute('aria-invalid');
  });
  const fill = (from: Election) => {
    title.value = from.title;
    kind.value = from.kind;
    options.value = from.kind === 'yes_no_abstain' ? '' : from.options.map((o) => o.label).join('\n');
    max.value = from.kind === 'multi' ? String(from.maxChoices) : '';
    opensAt.value = '';
    closesAt.value = '';
    fitKind();
    title.focus();
    title.select();
  };
  return { form, fill };
}

/** An election's card, and for an open one how to show its turnout now. */
function electionCard(
  ctx: ChairContext,
  orgId: string,
  election: Election,
  refresh: () => Promise<void>,
  duplicate: (e: Election) => void,
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
  const projector = el('button', { type: 'button', className: 'secondary' }, t(strings, 'chair.projector'));
  projector.addEventListener('click', () => {
    const on = !card.classList.contains('projected');
    for (const other of document.querySelectorAll('.projected')) other.classList.remove('projected');
    card.classList.toggle('projected', on);
    document.body.classList.toggle('projecting', on);
    projector.setAttribute('aria-pressed', String(on));
  });
  projector.setAttribute('aria-pressed', 'false');
  card.append(el('h3', { id: headingId }, election.title), status, live, message);
  // The question's options while it can be voted on: what the room reads on the projector.
  if (election.status === 'draft' || election.status === 'open')
    card.append(
      el('ul', { className: 'options' }, ...election.options.map((o) => el('li', {}, optionLabel(strings, o)))),
    );
  let turnout: (() => Promise<void>) | undefined;
  if (election.status === 'draft')
    card.append(act('chair.open', 'chair.opening', () => store.openElection(orgId, election.id)));
  if (election.status === 'open') {
    turnout = async () => {
      const now = await store.election(orgId, election.id);
      live.textContent = t(strings, 'chair.turnout', {
        eligible: String(now.turnout.eligible),
        ballots: String(now.turnout.ballotsCast),
      });
    };
    card.append(
      act('chair.close', 'chair.closing', () => store.closeElection(orgId, election.id), 'chair.confirmClose'),
    );
  }
  if (election.status === 'sealed') {
    void store.results(orgId, election.id).then((body) => {
      const rows = body.options.map((o) =>
        el('tr', {}, el('th', { scope: 'row' }, optionLabel(strings, o)), el('td', {}, String(o.votes))),
      );
      card.append(
        el(
          'table',
          { className: 'results' },
          el('caption', {}, tn(strings, 'chair.results', body.ballotsCast)),
          el('tbody', {}, ...rows),
        ),
        el('p', { className: 'root' }, t(strings, 'chair.root'), ' ', el('code', {}, body.root)),
      );
    });
  }
  const copy = el('button', { type: 'button', className: 'secondary duplicate' }, t(strings, 'chair.duplicate'));
  copy.addEventListener('click', () => duplicate(election));
  card.append(projector, ' ', copy);
  return { card, ...(turnout ? { turnout } : {}) };
}
