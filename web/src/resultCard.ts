/**
 * A sealed election's card on the voter's page (voter.ts): the verdict in a sentence where the election has
 * rules (verdict.ts), the results, and "check my ballot" where this device voted.
 */
import { el } from './dom.js';
import { optionLabel, problem, t } from './i18n.js';
import type { ElectionSummary as Election, MyElections } from '../../schemas/api.js';
import type { KeptBallot } from './store.js';
import { checkBallot } from './tracker.js';
import { rankingWords } from './rankingBallot.js';
import { optionsTable, sealedView } from './sealedView.js';
import type { VoterContext } from './voter.js';

type Org = MyElections['orgs'][number];

/**
 * A sealed election: its results, for every member; if this device voted in it, "check my ballot" finds the ballot
 * in the published tracker and checks the root.
 */
export function resultCard(
  ctx: VoterContext,
  org: Org,
  election: Election,
  ballot: KeptBallot | undefined,
): HTMLElement {
  const { strings } = ctx;
  const headingId = `c-${election.id}`;
  const card = el('section', { className: 'card' });
  card.setAttribute('aria-labelledby', headingId);
  const table = el('div', {});
  void ctx.store.results(org.id, election.id).then(
    (body) => table.replaceChildren(...sealedView(strings, body, () => optionsTable(strings, body))),
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
      const check = await checkBallot(tracker, ballot.receipt, results);
      const labels = new Map(election.options.map((o) => [o.id, optionLabel(strings, o)]));
      outcome.textContent = t(strings, `check.${check.found}`, {
        root: results.root.slice(0, 16),
        choices:
          check.found !== 'counted'
            ? ''
            : election.kind === 'ranked'
              ? rankingWords(check.choices, (c) => labels.get(c) ?? c)
              : check.choices.map((c) => labels.get(c) ?? c).join(', '),
      });
    })().catch((err: unknown) => {
      outcome.textContent = problem(strings, err);
      button.disabled = false;
    });
  });
  card.append(button, outcome);
  return card;
}
