/**
 * The voter's page (mobile first): the open elections of every org the
 * member belongs to, each with its ballot (yes/no/abstain, one of several,
 * or several up to a maximum) and one button to cast it; then the receipt,
 * kept on the device, and "counted" (or "received, being counted" until the
 * queue applies it). The voting token of each open election is fetched as
 * soon as the page lists it, never in the click that casts (vote.ts).
 */
import { el, show } from './dom.js';
import { optionLabel, problem, t, type Strings } from './i18n.js';
import type { ElectionSummary as Election, Me } from '../../schemas/api.js';
import type { KeptBallot, Store } from './store.js';
import { checkBallot } from './tracker.js';
import { ApiProblem } from './api.js';
import { chairSections } from './chair.js';
import { kioskFinish } from './kiosk.js';

/** With `kiosk`, a cast's receipt is followed by a countdown and "Done", which end this member's turn. */
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
  const sealed: { org: Me['orgs'][number]; election: Election; ballot: KeptBallot }[] = [];
  for (const org of me.orgs) {
    for (const election of await store.elections(org.id)) {
      if (election.status === 'open') open.push({ org, election });
      const ballot = store.keptBallot(election.id);
      if (election.status === 'sealed' && ballot) sealed.push({ org, election, ballot });
    }
  }
  // Ahead of any cast: the tokens of the open elections this member has not voted in.
  for (const { org, election } of open)
    if (!store.keptBallot(election.id)) store.tokenFor(org.id, election.id).catch(() => {});
  const list = el('div', { className: 'elections' });
  for (const { org, election } of open) list.append(ballotCard(ctx, org, election));
  const results = el('div', { className: 'elections' });
  for (const { org, election, ballot } of sealed) results.append(checkCard(ctx, org, election, ballot));
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
  form.append(fieldset, message, button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const choices = [...form.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value);
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
    button.disabled = true;
    button.textContent = t(strings, 'ballot.casting');
    message.hidden = true;
    ctx.store.cast(org.id, election.id, choices).then(
      (ballot) => {
        form.replaceWith(receipt(ctx, election.id, ballot));
        if (ctx.kiosk) card.append(kioskFinish(strings, ctx.kiosk.finish));
      },
      (err: unknown) => {
        message.textContent = problem(strings, err);
        message.hidden = false;
        button.disabled = false;
        button.textContent = t(strings, 'ballot.cast');
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

/** A sealed election this device voted in: "check my ballot" finds it in the published tracker and checks the root. */
function checkCard(ctx: VoterContext, org: Me['orgs'][number], election: Election, ballot: KeptBallot): HTMLElement {
  const { strings } = ctx;
  const headingId = `c-${election.id}`;
  const card = el('section', { className: 'card' });
  card.setAttribute('aria-labelledby', headingId);
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
  card.append(el('h3', { id: headingId }, election.title), el('p', { className: 'org' }, org.name), button, outcome);
  return card;
}
