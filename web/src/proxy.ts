/**
 * "My proxy", for each org on the member's page (not on a kiosk): whom their
 * vote goes to in elections opened while it stands, a field to hand it to
 * another member (by their member id, as the roster names them), and "Take
 * my vote back". A vote already open keeps what stood at its open
 * (docs/secrecy.md, "Proxies"). Read when unfolded.
 */
import { el } from './dom.js';
import { problem, t, type Strings } from './i18n.js';
import type { Store } from './store.js';

export function proxyPanel(ctx: { strings: Strings; store: Store }, org: { id: string; name: string }): HTMLElement {
  const { strings, store } = ctx;
  const status = el('p', { role: 'status' });
  const inputId = `proxy-${org.id}`;
  const input = el('input', { id: inputId, autocomplete: 'off' });
  const give = el('button', { type: 'submit' }, t(strings, 'proxy.give'));
  const form = el(
    'form',
    { noValidate: true },
    el('label', { htmlFor: inputId }, t(strings, 'proxy.label')),
    input,
    give,
  );
  const back = el('button', { type: 'button', className: 'secondary', hidden: true }, t(strings, 'proxy.takeBack'));
  const panel = el(
    'details',
    { className: 'proxy' },
    el('summary', {}, t(strings, 'proxy.heading', { org: org.name })),
    status,
    form,
    back,
  );
  const showing = (delegateTo: string | null) => {
    status.textContent = delegateTo ? t(strings, 'proxy.standing', { holder: delegateTo }) : t(strings, 'proxy.none');
    back.hidden = !delegateTo;
    input.value = '';
  };
  const act = (delegateTo: string | null) => {
    give.disabled = back.disabled = true;
    store
      .setDelegation(org.id, delegateTo)
      .then(
        (r) => showing(r.delegateTo),
        (err: unknown) => (status.textContent = problem(strings, err)),
      )
      .finally(() => (give.disabled = back.disabled = false));
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const holder = input.value.trim();
    if (holder) act(holder);
  });
  back.addEventListener('click', () => act(null));
  panel.addEventListener('toggle', () => {
    if (panel.open)
      store.delegation(org.id).then(
        (r) => showing(r.delegateTo),
        (err: unknown) => (status.textContent = problem(strings, err)),
      );
  });
  return panel;
}
