/**
 * The voter's page (mobile first), kept live (live.ts): the open elections
 * of every org the member belongs to, each with its ballot (yes/no/abstain,
 * one of several, or several up to a maximum), a review, and one button to
 * cast it; then the receipt, kept on the device, and "counted" (or
 * "received, being counted" until the queue applies it). A closed vote
 * turns into "being counted", then into its results; each org's latest
 * results show for every member, with "check my ballot" where this device
 * voted. The voting token of each open election is fetched as soon as the
 * page lists it, never in the click that casts (store.ts).
 */
import { el, show } from './dom.js';
import { optionLabel, problem, t, type Strings } from './i18n.js';
import type { ElectionSummary as Election, MyElections } from '../../schemas/api.js';
import type { KeptBallot, Store } from './store.js';
import { ApiProblem } from './api.js';
import { chairSections } from './chair.js';
import { kioskFinish } from './kiosk.js';
import { follow } from './live.js';
import { proxyPanel } from './proxy.js';
import { resultCard } from './resultCard.js';
import { checkInPanel } from './checkIn.js';
import { rankingPicker, rankingWords, type Picker } from './rankingBallot.js';

export type VoterContext = {
  strings: Strings;
  store: Store;
  kiosk?: { finish: () => void };
  /** The sign-in expired (a poll got 401): the page says so, with "Sign in again". */
  expired?: () => void;
};

type Org = MyElections['orgs'][number];

export async function showVoter(ctx: VoterContext): Promise<void> {
  const { strings, store } = ctx;
  const first = (await store.current())!;
  const page = votingPage(ctx);
  page.apply(first.body, true);
  const chair = await chairSections(ctx, { subject: store.subject, orgs: first.body.orgs });
  show(
    el('h1', {}, t(strings, 'voter.heading')),
    // Check-in first, on the member's phone or the kiosk at the door.
    ...first.body.orgs.map((org) => checkInPanel(ctx, org)),
    page.news,
    page.open,
    page.none,
    page.resultsHeading,
    page.results,
    // A shared device (kiosk) hands nobody's vote on: the member sets their proxy on their own device.
    ...(ctx.kiosk ? [] : first.body.orgs.map((org) => proxyPanel(ctx, org))),
    ...chair,
  );
  follow(
    (etag) => store.current(etag),
    first.etag,
    (body) => page.apply(body, false),
    () => ctx.expired?.(),
  );
}

/**
 * The voter's part of the page, updated in place from each new answer: a card is made once per election and
 * status, so a member choosing on a ballot keeps their choice while the page learns of other votes. A new vote
 * and new results are said in the news line (a live region).
 */
function votingPage(ctx: VoterContext) {
  const { strings, store } = ctx;
  const news = el('p', { className: 'news', role: 'status' });
  const open = el('div', { className: 'elections' });
  const none = el('p', {}, t(strings, 'voter.none'));
  const resultsHeading = el('h2', {}, t(strings, 'check.heading'));
  const results = el('div', { className: 'elections' });
  const shown = new Map<string, { status: Election['status']; card: HTMLElement }>();
  const apply = (body: MyElections, initial: boolean) => {
    const orgs = new Map(body.orgs.map((o) => [o.id, o]));
    const present = new Set(body.elections.map((e) => e.id));
    for (const [id, was] of shown)
      if (!present.has(id)) {
        was.card.remove();
        shown.delete(id);
      }
    // Oldest first, each put on top: the newest ends first.
    for (const election of [...body.elections].reverse()) {
      const org = orgs.get(election.orgId)!;
      const was = shown.get(election.id);
      if (was?.status === election.status) continue;
      if (election.status === 'sealed') {
        was?.card.remove();
        const card = resultCard(ctx, org, election, store.keptBallot(election.id));
        results.prepend(card);
        shown.set(election.id, { status: 'sealed', card });
        if (!initial && was) news.textContent = t(strings, 'voter.results', { title: election.title });
        continue;
      }
      let card = was?.card;
      if (!card) {
        card = ballotCard(ctx, org, election);
        open.prepend(card);
        if (!store.keptBallot(election.id)) store.tokenFor(org.id, election.id).catch(() => {});
        if (!initial) news.textContent = t(strings, 'voter.new', { title: election.title });
      }
      if (election.status === 'closed') closed(card);
      shown.set(election.id, { status: election.status, card });
    }
    none.hidden = open.childElementCount > 0;
    resultsHeading.hidden = results.childElementCount === 0;
  };
  /** Voting ended: the ballot goes (a receipt stays), "being counted" shows until the results replace the card. */
  const closed = (card: HTMLElement) => {
    card.querySelector('form')?.remove();
    card.append(el('p', { className: 'status', role: 'status' }, t(strings, 'voter.closed')));
  };
  return { news, open, none, resultsHeading, results, apply };
}

function ballotCard(ctx: VoterContext, org: Org, election: Election): HTMLElement {
  const card = el('section', { className: 'card' });
  const headingId = `e-${election.id}`;
  card.setAttribute('aria-labelledby', headingId);
  card.append(el('h2', { id: headingId }, election.title), el('p', { className: 'org' }, org.name));
  card.append(ballotFor(ctx, org, election, card));
  // A proxy holder also casts each delegator's vote: one ballot per member they hold, below their own. A
  // delegator's own ballot says who casts it instead.
  void ctx.store.tokenFor(org.id, election.id).then(
    (answer) => {
      for (const { subject } of answer.proxies ?? []) {
        const section = el('section', { className: 'held' });
        const id = `e-${election.id}-${subject}`;
        section.setAttribute('aria-labelledby', id);
        section.append(
          el('h3', { id }, t(ctx.strings, 'ballot.for', { subject })),
          ballotFor(ctx, org, election, card, subject),
        );
        card.append(section);
      }
    },
    (err: unknown) => {
      if (!(err instanceof ApiProblem && err.code === 'held_by_proxy')) return;
      card
        .querySelector('form')
        ?.replaceWith(el('p', { className: 'status', role: 'status' }, problem(ctx.strings, err)));
    },
  );
  return card;
}

/** One ballot: the member's own, or (`heldFor`) a delegator's that the member holds; its receipt once cast. */
function ballotFor(ctx: VoterContext, org: Org, election: Election, card: HTMLElement, heldFor?: string): HTMLElement {
  const { strings } = ctx;
  const kept = ctx.store.keptBallot(election.id, heldFor);
  if (kept) return receipt(ctx, election.id, kept, heldFor);
  const idOf = heldFor ? `${election.id}-${heldFor}` : election.id;
  const form = el('form', { noValidate: true });
  const ranked = election.kind === 'ranked';
  const picker = ranked
    ? rankingPicker(strings, election, idOf, (o) => optionLabel(strings, o))
    : choicePicker(strings, election, idOf);
  const { fieldset } = picker;
  const message = el('p', { className: 'error', role: 'alert', hidden: true });
  const button = el('button', { type: 'submit' }, t(strings, 'ballot.cast'));
  // The review before the final tap: what was chosen, in words, with "cast" and "change".
  const said = el('p', { id: `${idOf}-review` });
  const confirm = el('button', { type: 'button' }, t(strings, 'ballot.confirm'));
  const change = el('button', { type: 'button', className: 'secondary' }, t(strings, 'ballot.change'));
  const review = el('div', { className: 'review', role: 'group', hidden: true }, said, confirm, change);
  review.setAttribute('aria-labelledby', said.id);
  form.append(fieldset, message, button, review);
  const chosen = picker.chosen;
  const reviewing = (on: boolean) => {
    review.hidden = !on;
    button.hidden = on;
    fieldset.disabled = on;
  };
  change.addEventListener('click', () => {
    reviewing(false);
    picker.focus();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const choices = chosen();
    const wrong =
      choices.length === 0
        ? ranked
          ? 'ranking.nothingRanked'
          : 'ballot.nothingChosen'
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
    const label = (c: string) => labels.get(c) ?? c;
    said.textContent = ranked
      ? t(strings, 'ballot.reviewRanking', { ranking: rankingWords(choices, label) })
      : t(strings, 'ballot.review', { choices: choices.map(label).join(', ') });
    reviewing(true);
    confirm.focus();
  });
  confirm.addEventListener('click', () => {
    const choices = chosen();
    confirm.disabled = true;
    change.disabled = true;
    confirm.textContent = t(strings, 'ballot.casting');
    ctx.store.cast(org.id, election.id, choices, heldFor).then(
      (ballot) => {
        form.replaceWith(receipt(ctx, election.id, ballot, heldFor));
        if (ctx.kiosk && !heldFor) card.append(kioskFinish(strings, ctx.kiosk.finish));
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
  return form;
}

/** Radio buttons (one choice) or checkboxes (up to maxChoices), the chosen in the options' order. */
function choicePicker(strings: Strings, election: Election, idOf: string): Picker {
  const multi = election.kind === 'multi';
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
    const id = `${idOf}-${option.id}`;
    const input = el('input', { type: multi ? 'checkbox' : 'radio', name: `choice-${idOf}`, value: option.id, id });
    fieldset.append(
      el('div', { className: 'choice' }, input, el('label', { htmlFor: id }, optionLabel(strings, option))),
    );
  }
  const checked = () => [...fieldset.querySelectorAll<HTMLInputElement>('input:checked')];
  return {
    fieldset,
    chosen: () => checked().map((i) => i.value),
    focus: () => checked()[0]?.focus(),
  };
}

function receipt(ctx: VoterContext, electionId: string, ballot: KeptBallot, heldFor?: string): HTMLElement {
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
  if (ballot.status === 'queued') void ctx.store.untilCounted(electionId, ballot, heldFor).then(says);
  return box;
}
