/**
 * The chair's create form (chair.ts shows it per org): title, kind, and the
 * options and maximum only where the kind takes them (a ranked vote: its
 * count, seats and most ranks instead of rules); the kind and maximum
 * stay for the next vote; "Duplicate" fills it from a vote, "Edit" from a
 * draft, which it then saves over; a refusal that names a field is said
 * under that field. And the room's links, as QR codes.
 */
import { el } from './dom.js';
import { problem, t, type Strings } from './i18n.js';
import type { CreateElectionRequest, ElectionSummary as Election } from '../../schemas/api.js';
import { ApiProblem } from './api.js';
import { qrCode } from './qr.js';
import type { ChairContext } from './chair.js';
import { rulesFields } from './rulesFields.js';
import { rankedFields } from './rankedFields.js';

const maxTitle = 200;

/** The addresses the room needs, as links and QR codes: members' phones, and a shared device at the door. */
export function roomLinks(strings: Strings): HTMLElement {
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

export function createForm(
  ctx: ChairContext,
  orgId: string,
  refresh: () => Promise<void>,
  /** The meeting running now, which a new vote belongs to. */
  meeting: () => string | undefined = () => undefined,
): { form: HTMLElement; fill: (from: Election) => void; edit: (draft: Election) => void } {
  const { strings } = ctx;
  const id = (name: string) => `${orgId}-${name}`;
  // At most 200 characters as the API counts them (code points: an emoji is one), which maxlength (UTF-16 units) cannot say.
  const title = el('input', { id: id('title'), required: true });
  title.addEventListener('input', () =>
    title.setCustomValidity([...title.value.trim()].length > maxTitle ? t(strings, 'chair.titleTooLong') : ''),
  );
  const kind = el('select', { id: id('kind') });
  for (const k of ['yes_no_abstain', 'single', 'multi', 'ranked'])
    kind.append(el('option', { value: k }, t(strings, `kind.${k}`)));
  const options = el('textarea', { id: id('options'), rows: 4 });
  const max = el('input', { id: id('max'), type: 'number', min: '1' });
  const opensAt = el('input', { id: id('opens'), type: 'datetime-local' });
  const closesAt = el('input', { id: id('closes'), type: 'datetime-local' });
  const message = el('p', { className: 'error', role: 'alert', hidden: true, id: id('error') });
  const rules = rulesFields(strings, id, meeting);
  const ranked = rankedFields(strings, id);
  // Options and the maximum only where the kind takes them.
  const optionsField = el('div', {}, el('label', { htmlFor: options.id }, t(strings, 'chair.options')), options);
  const maxField = el('div', {}, el('label', { htmlFor: max.id }, t(strings, 'chair.maxChoices')), max);
  const fitKind = () => {
    optionsField.hidden = kind.value === 'yes_no_abstain';
    maxField.hidden = kind.value !== 'multi';
    // A ranked vote is decided by its count, not by majority rules.
    ranked.element.hidden = kind.value !== 'ranked';
    rules.element.hidden = kind.value === 'ranked';
  };
  kind.addEventListener('change', fitKind);
  fitKind();
  // Editing a draft: the form says which, saves instead of creating, and can be left.
  let editing: { id: string; ballotMode?: CreateElectionRequest['ballotMode']; meetingId?: string } | undefined;
  const submit = el('button', { type: 'submit' }, t(strings, 'chair.createButton'));
  const stopEditing = el(
    'button',
    { type: 'button', className: 'secondary', hidden: true },
    t(strings, 'chair.cancelEdit'),
  );
  const editMode = (draft?: {
    id: string;
    title: string;
    ballotMode?: CreateElectionRequest['ballotMode'];
    meetingId?: string | null;
  }) => {
    editing = draft && {
      id: draft.id,
      ...(draft.ballotMode ? { ballotMode: draft.ballotMode } : {}),
      ...(draft.meetingId ? { meetingId: draft.meetingId } : {}),
    };
    submit.textContent = t(strings, draft ? 'chair.saveButton' : 'chair.createButton');
    stopEditing.hidden = !draft;
  };
  stopEditing.addEventListener('click', () => {
    editMode();
    for (const field of [title, options, opensAt, closesAt]) field.value = '';
    title.focus();
  });
  // The fields a refusal may name, by the request's names.
  const fields: Record<string, HTMLElement> = { title, options, maxChoices: max, opensAt, closesAt };
  fields['rules'] = rules.element;
  Object.assign(fields, ranked.fields);
  const form = el(
    'form',
    { className: 'create' },
    el('label', { htmlFor: title.id }, t(strings, 'chair.title')),
    title,
    el('label', { htmlFor: kind.id }, t(strings, 'chair.kind')),
    kind,
    optionsField,
    maxField,
    ranked.element,
    el('label', { htmlFor: opensAt.id }, t(strings, 'chair.opensAt')),
    opensAt,
    el('label', { htmlFor: closesAt.id }, t(strings, 'chair.closesAt')),
    closesAt,
    rules.element,
    message,
    submit,
    stopEditing,
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
      ...(kind.value === 'ranked' ? {} : rules.value(editing ? editing.meetingId : meeting())),
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
            ...(chosen === 'ranked' ? { ranked: ranked.value() } : {}),
            ...schedule,
          };
    const saving = editing
      ? ctx.store.editElection(orgId, editing.id, {
          ...body,
          ...(editing.ballotMode ? { ballotMode: editing.ballotMode } : {}),
        })
      : ctx.store.createElection(orgId, body);
    saving
      .then(async () => {
        editMode();
        // The next vote starts from this one's kind and maximum (form.reset() emptied the maximum).
        for (const field of [title, options, opensAt, closesAt]) field.value = '';
        rules.clear();
        message.hidden = true;
        await refresh();
      })
      .catch((err: unknown) => {
        // A refusal that names a field ("maxChoices: …") is said under that field, which takes the focus.
        const named =
          err instanceof ApiProblem ? /^([A-Za-z]+(?:\.[A-Za-z]+)*)[.:]/.exec(err.detail ?? '')?.[1] : undefined;
        const field = named ? (fields[named] ?? fields[named.split('.')[0]!]) : undefined;
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
  /** The browser's local time of an instant, as a datetime-local field takes it. */
  const local = (iso: string | null) =>
    iso ? new Date(Date.parse(iso) - new Date(iso).getTimezoneOffset() * 60_000).toISOString().slice(0, 16) : '';
  const fill = (from: Election, schedule = false) => {
    editMode();
    title.value = from.title;
    kind.value = from.kind;
    options.value = from.kind === 'yes_no_abstain' ? '' : from.options.map((o) => o.label).join('\n');
    max.value = from.kind === 'multi' ? String(from.maxChoices) : '';
    opensAt.value = schedule ? local(from.opensAt) : '';
    closesAt.value = schedule ? local(from.closesAt) : '';
    rules.fill(from);
    ranked.fill(from);
    fitKind();
    title.focus();
    title.select();
  };
  /** A draft in the form, to be saved over itself (its ballot mode, which the form does not show, kept). */
  const edit = (draft: Election) => {
    fill(draft, true);
    editMode(draft);
    // Saving waits for the draft's ballot mode (the list does not carry it): a save must not drop it.
    submit.disabled = true;
    void ctx.store
      .election(orgId, draft.id)
      .then(
        (full) => {
          if (editing?.id === draft.id && full.ballotMode) editing.ballotMode = full.ballotMode;
        },
        () => {},
      )
      .finally(() => (submit.disabled = false));
  };
  return { form, fill, edit };
}
