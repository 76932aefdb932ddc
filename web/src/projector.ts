/**
 * The projector route, `/app/?projector=<org>/<election>`: one election for
 * the room, made for one 1080p screen, with no controls and nothing of the
 * chair's. The chair's "Projector view" opens it in a window of its own
 * (signed in as the chair: the tab's session is copied to a window it
 * opens); the tab remembers it across a sign-in, `?projector=0` ends it.
 * While the vote can be voted on: the question, its options, live turnout
 * and a QR code to join; then "being counted"; then the results with bars,
 * the turnout and the tracker's fingerprint. It follows the election by
 * itself (every 2 s) until the results are in.
 */
import { el, show } from './dom.js';
import { counted, optionLabel, problem, resultsCaption, t, turnoutLine, type Strings } from './i18n.js';
import { qrCode } from './qr.js';
import { ApiProblem } from './api.js';
import type { Election } from '../../schemas/api.js';
import type { Store } from './store.js';
import { sealedView } from './sealedView.js';

const flag = 'ekklesia.projector';
const pollMs = 2000;

export type Projected = { orgId: string; electionId: string };

/** The election this tab projects, if any (from `?projector=` or remembered). */
export function projectorTarget(): Projected | undefined {
  const asked = new URLSearchParams(location.search).get('projector');
  if (asked === '0') sessionStorage.removeItem(flag);
  else if (asked) sessionStorage.setItem(flag, asked);
  const [orgId, electionId, ...rest] = (sessionStorage.getItem(flag) ?? '').split('/');
  return orgId && electionId && !rest.length ? { orgId, electionId } : undefined;
}

export const projectorUrl = (orgId: string, electionId: string) =>
  `${location.origin}/app/?projector=${encodeURIComponent(orgId)}/${encodeURIComponent(electionId)}`;

export function showProjector(ctx: { strings: Strings; store: Store; expired?: () => void }, target: Projected): void {
  const { strings, store } = ctx;
  document.body.classList.add('projector');
  const join = `${location.origin}/app/`;
  const heading = el('h1', {});
  const status = el('p', { className: 'status' });
  const turnout = el('p', { className: 'turnout', 'aria-live': 'polite' } as Record<string, unknown>);
  const body = el('div', { className: 'projected-body' });
  const invite = el(
    'figure',
    { className: 'join' },
    qrCode(join, t(strings, 'chair.qrOf', { href: join })),
    el('figcaption', {}, t(strings, 'chair.joinLink'), ' ', el('span', { className: 'address' }, join)),
  );
  show(heading, status, turnout, el('div', { className: 'projected-grid' }, body, invite));
  let shown: Election['status'] | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const render = async (election: Election) => {
    heading.textContent = election.title;
    document.title = election.title;
    if (election.status !== 'sealed')
      turnout.textContent = turnoutLine(strings, election.weights !== undefined, election.turnout);
    if (election.status === shown) return;
    shown = election.status;
    status.textContent = t(strings, `projector.${election.status}`);
    if (election.status === 'draft' || election.status === 'open') {
      body.replaceChildren(
        el('ul', { className: 'options' }, ...election.options.map((o) => el('li', {}, optionLabel(strings, o)))),
      );
      invite.hidden = false;
    } else if (election.status === 'closed') {
      body.replaceChildren();
    } else {
      invite.hidden = true;
      turnout.textContent = '';
      body.replaceChildren(results(strings, await store.results(target.orgId, target.electionId)));
    }
  };
  const tick = async () => {
    try {
      await render(await store.election(target.orgId, target.electionId));
    } catch (err) {
      if (err instanceof ApiProblem && err.code === 'unauthenticated') return ctx.expired?.();
      status.textContent = problem(strings, err);
    }
    if (shown !== 'sealed') timer = setTimeout(() => void tick(), pollMs);
  };
  clearTimeout(timer);
  void tick();
}

function results(strings: Strings, body: Awaited<ReturnType<Store['results']>>): HTMLElement {
  const total = body.options.reduce((sum, o) => sum + counted(o), 0);
  const rows = body.options.map((o) => {
    const share = total ? Math.round((1000 * counted(o)) / total) / 10 : 0;
    const bar = el('span', { className: 'share-bar' });
    bar.style.width = `${share}%`;
    return el(
      'tr',
      {},
      el('th', { scope: 'row' }, optionLabel(strings, o)),
      el('td', {}, String(counted(o))),
      el('td', { className: 'share' }, el('span', { className: 'share-track' }, bar), `${share} %`),
    );
  });
  return el(
    'div',
    {},
    ...sealedView(
      strings,
      body,
      () =>
        el(
          'table',
          { className: 'results' },
          el('caption', {}, resultsCaption(strings, body, true)),
          el('tbody', {}, ...rows),
        ),
      true,
    ),
    el('p', { className: 'root' }, t(strings, 'chair.root'), ' ', el('code', {}, body.root.slice(0, 16))),
  );
}
