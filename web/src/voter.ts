/**
 * The voter's page (mobile first): the open elections of every org the
 * member belongs to, each with its ballot (yes/no/abstain, one of several,
 * or several up to a maximum) and one button to cast it; then the receipt,
 * kept on the device, and "counted" (or "received, being counted" until the
 * queue applies it). The voting token of each open election is fetched as
 * soon as the page lists it, never in the click that casts (vote.ts).
 */
import { el, show } from './dom.js';
import { optionLabel, problem, t, tn, type Strings } from './i18n.js';
import type { ElectionSummary as Election, Me } from '../../schemas/api.js';
import type { KeptBallot, Store } from './store.js';
import { checkBallot } from './tracker.js';
import { ApiProblem } from './api.js';
import { chairSections } from './chair.js';
import { kioskFinish } from './kiosk.js';

/** With `kiosk`, a cast's receipt is followed by a countdown and "Done", which end this member's turn. */
/** How many of an org's latest results every member sees (and any more this device voted in). */
const resultsPerOrg = 3;

export type VoterContext = {
  strings: Strings;
  store: Store;
  kiosk?: { finish: () => void };
  /** The sign-in expired (a poll got 401): the page says so, with "Sign in again". */
  expired?: () => void;
};

export async function showVoter(ctx: VoterContext): Promise<void> {
  const { strings, store } = ctx;
  const me = await store.me();
  const open: { org: Me['orgs'][number]; election: Election }[] = [];
  const sealed: { org: Me['orgs'][number]; election: Election; ballot: KeptBallot | undefined }[] = [];
  for (const org of me.orgs) {
    // Newest first (the list's order): each org's latest results, and any this device can check.
    let shownResults = 0;
    for (const election of await store.elections(org.id)) {
      if (election.status === 'open') open.push({ org, election });
      const ballot = store.keptBallot(election.id);
      if (election.status === 'sealed' && (ballot || shownResults < resultsPerOrg)) {
        shownResults++;
        sealed.push({ org, election, ballot });
      }
    }
  }
  // Ahead of any cast: the tokens of the open elections this member has not voted in.
  for (const { org, election } of open)
    if (!store.keptBallot(election.id)) store.tokenFor(org.id, election.id).catch(() => {});
  const list = el('div', { className: 'elections' });
  for (const { org, election } of open) list.append(ballotCard(ctx, org, election));
  const results = el('div', { className: 'elections' });
  for (const { org, election, ballot } of sealed) results.append(resultCard(ctx, org, election, ballot));
  const chair = await chairSections(ctx, me);
  show(
    el('h1', {}, t(strings, 'voter.heading')),
    open.length ? list : el('p', {}, t(strings, 'voter.none')),
    ...(sealed.length ? [el('h2', {}, t(strings, 'check.heading')), results] : []),
    ...chair,
  );
}

function ballotCard(ctx: VoterContext, org: Me['orgs'][number], election: Election): HTMLElement {
  const { strings } = ctx;
  const card = el('section', { className: 'card' });
  const headingId = `e-${election.id}`;
  card.setAttribute('aria-labelledby', headingId);
  card.append(el('h2', { id: headingId }, election.title), el('p', { className: 'org' }, org.name));
  const kept = ctx.store.keptBallot(election.id);
  if (kept) {
    card.append(receipt(ctx, election.id, kept));
    return card;
  }
  const multi = election.kind === 'multi';
  const form = el('form', { noValidate: true });
  const fieldset = el(
    'fieldset',
    {},
    el(
      'legend',
      {},
      multi ? t(strings, 'ballot.chooseUpTo', { max: String(election.maxChoices) }) : t(strings, 'ballot.chooseOne'),
    ),
  );
  for (const option of election.options) {
    const id = `${election.id}-${option.id}`;
    const input = el('input', {
      type: multi ? 'checkbox' : 'radio',
      name: `choice-${election.id}`,
      value: option.id,
      id,
    });
    fieldset.append(
      el('div', { className: 'choice' }, input, el('label', { htmlFor: id }, optionLabel(strings, option))),
    );
  }
  const message = el('p', { className: 'error', role: 'alert', hidden: true });
  const button = el('button', { type: 'submit' }, t(strings, 'ballot.cast'));
  // The review before the final tap: what was chosen, in words, with "cast" and "change".
  const said = el('p', { id: `${election.id}-review` });
  const confirm = el('button', { type: 'button' }, t(strings, 'ballot.confirm'));
  const change = el('button', { type: 'button', className: 'secondary' }, t(strings, 'ballot.change'));
  const review = el('div', { className: 'review', role: 'group', hidden: true }, said, confirm, change);
  review.setAttribute('aria-labelledby', said.id);
  form.append(fieldset, message, button, review);
  const chosen = () => [...form.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
  const reviewing = (on: boolean) => {
    review.hidden = !on;
    button.hidden = on;
    fieldset.disabled = on;
  };
  change.addEventListener('click', () => {
    reviewing(false);
    form.querySelector<HTMLInputElement>('input:checked')?.focus();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const choices = chosen();
    const wrong =
      choices.length === 0
        ? 'ballot.nothingChosen'
        : choices.length > election.maxChoices
          ? 'ballot.tooMany'
          : undefined;
    if (wrong) {
      message.textContent = t(strings, wrong, { max: String(election.maxChoices) });
      message.hidden = false;
      return;
    }
    message.hidden = true;
    const labels = new Map(election.options.map((o) => [o.id, optionLabel(strings, o)]));
    said.textContent = t(strings, 'ballot.review', { choices: choices.map((c) => labels.get(c) ?? c).join(', ') });
    reviewing(true);
    confirm.focus();
  });
  confirm.addEventListener('click', () => {
    const choices = chosen();
    confirm.disabled = true;
    change.disabled = true;
    confirm.textContent = t(strings, 'ballot.casting');
    ctx.store.cast(org.id, election.id, choices).then(
      (ballot) => {
        form.replaceWith(receipt(ctx, election.id, ballot));
        if (ctx.kiosk) card.append(kioskFinish(strings, ctx.kiosk.finish));
      },
      (err: unknown) => {
        message.textContent = problem(strings, err);
        message.hidden = false;
        confirm.disabled = false;
        change.disabled = false;
        confirm.textContent = t(strings, 'ballot.confirm');
        if (err instanceof ApiProblem && err.code === 'unauthenticated') ctx.expired?.();
      },
    );
  });
  card.append(form);
  return card;
}

function receipt(ctx: VoterContext, electionId: string, ballot: KeptBallot): HTMLElement {
  const { strings } = ctx;
  const status = el('p', { className: 'status', role: 'status' });
  const box = el(
    'div',
    { className: 'receipt' },
    status,
    el('p', {}, t(strings, ctx.kiosk ? 'kiosk.receipt' : 'receipt.keep')),
    el('code', { className: 'receipt-id' }, ballot.receipt),
  );
  const says = (b: KeptBallot) =>
    (status.textContent = t(strings, b.status === 'counted' ? 'receipt.counted' : 'receipt.queued'));
  says(ballot);
  if (ballot.status === 'queued') void ctx.store.untilCounted(electionId, ballot).then(says);
  return box;
}

/**
 * A sealed election: its results, for every member; if this device voted in it, "check my ballot" finds the ballot
 * in the published tracker and checks the root.
 */
function resultCard(
  ctx: VoterContext,
  org: Me['orgs'][number],
  election: Election,
  ballot: KeptBallot | undefined,
): HTMLElement {
  const { strings } = ctx;
  const headingId = `c-${election.id}`;
  const card = el('section', { className: 'card' });
  card.setAttribute('aria-labelledby', headingId);
  const table = el('div', {});
  void ctx.store.results(org.id, election.id).then(
    (body) =>
      table.replaceChildren(
        el(
          'table',
          { className: 'results' },
          el('caption', {}, tn(strings, 'chair.results', body.ballotsCast)),
          el(
            'tbody',
            {},
            ...body.options.map((o) =>
              el('tr', {}, el('th', { scope: 'row' }, optionLabel(strings, o)), el('td', {}, String(o.votes))),
            ),
          ),
        ),
      ),
    () => {},
  );
  card.append(el('h3', { id: headingId }, election.title), el('p', { className: 'org' }, org.name), table);
  if (!ballot) return card;
  const outcome = el('p', { className: 'status', role: 'status' });
  const button = el('button', { type: 'button' }, t(strings, 'check.button'));
  button.addEventListener('click', () => {
    button.disabled = true;
    outcome.textContent = t(strings, 'check.checking');
    (async () => {
      const results = await ctx.store.results(org.id, election.id);
      const tracker = await ctx.store.tracker(election.id);
      const check = await checkBallot(tracker, ballot.receipt, results.root);
      const labels = new Map(election.options.map((o) => [o.id, optionLabel(strings, o)]));
      outcome.textContent = t(strings, `check.${check.found}`, {
        root: results.root.slice(0, 16),
        choices: check.found === 'counted' ? check.choices.map((c) => labels.get(c) ?? c).join(', ') : '',
      });
    })().catch((err: unknown) => {
      outcome.textContent = problem(strings, err);
      button.disabled = false;
    });
  });
  card.append(button, outcome);
  return card;
}
