/**
 * The web app's start: its settings from the serving function
 * (/app/config.json), the strings in the reader's language, then sign-in or
 * the member's page. Plain DOM, no framework: the pages are small and must
 * load fast on a phone (README, "The web app").
 */
import { completeSignIn, currentSession, isCallback, signIn, signOut, type AppConfig, type Session } from './auth.js';
import { el, show } from './dom.js';
import { chooseLanguage, loadStrings, pickLanguage, t, type Strings } from './i18n.js';
import { showVoter } from './voter.js';
import { forgetMember, store } from './store.js';
import { kioskMode } from './kiosk.js';
import { stopFollowing } from './live.js';
import { projectorTarget, showProjector } from './projector.js';

const who = () => document.getElementById('who')!;

const kiosk = kioskMode();
const projecting = projectorTarget();
/** How long before the sign-in ends the page offers to renew it. */
const renewAheadMs = 5 * 60_000;

/** A line above the page, with "Sign in again" (which comes back to this page signed in). */
function banner(config: AppConfig, strings: Strings, text: string): void {
  const box = document.getElementById('banner')!;
  const again = el('button', { type: 'button' }, t(strings, 'signIn.again'));
  again.addEventListener('click', () =>
    signIn(config).catch(() => {
      box.firstChild!.textContent = t(strings, 'error.idp');
    }),
  );
  box.replaceChildren(el('span', {}, text), again);
  box.hidden = false;
}

function signedOut(config: AppConfig, strings: Strings, error?: string): void {
  who().replaceChildren(...(kiosk ? [el('span', { className: 'kiosk' }, t(strings, 'kiosk.note'))] : []));
  const button = el('button', { type: 'button' }, t(strings, 'signIn.button'));
  const problem = el('p', { className: 'error', role: 'alert', hidden: !error }, error ?? '');
  // A kiosk always asks who is signing in; elsewhere after a sign-out on this tab (auth.ts). A provider that cannot
  // be reached is said, and the button tries again.
  button.addEventListener('click', () => {
    button.disabled = true;
    problem.hidden = true;
    (kiosk ? signIn(config, true) : signIn(config)).catch(() => {
      problem.textContent = t(strings, 'error.idp');
      problem.hidden = false;
      button.disabled = false;
    });
  });
  show(
    el('h1', {}, t(strings, 'signIn.heading')),
    problem,
    el('p', {}, t(strings, kiosk ? 'kiosk.lead' : 'signIn.lead')),
    button,
  );
}

/** Forgets everything of the member on this device, ends the provider's session, and shows sign-in. */
async function leave(config: AppConfig, strings: Strings, session: Session): Promise<void> {
  stopFollowing();
  forgetMember(session.subject);
  await signOut(config); // leaves the page for the provider's sign-out, unless it cannot be reached
  signedOut(config, strings);
}

function signedIn(config: AppConfig, strings: Strings, session: Session): void {
  const member = { subject: session.subject, accessToken: session.accessToken, electionsUrl: config.electionsUrl };
  const expired = () => banner(config, strings, t(strings, 'session.expired'));
  if (projecting) {
    // The room's screen: nobody's name, no controls (projector.ts).
    who().replaceChildren();
    showProjector({ strings, store: store(member, { kiosk: true }), expired }, projecting);
    return;
  }
  const out = el('button', { type: 'button', className: 'secondary small' }, t(strings, 'signOut.button'));
  out.addEventListener('click', () => void leave(config, strings, session));
  who().replaceChildren(
    ...(kiosk ? [el('span', { className: 'kiosk' }, t(strings, 'kiosk.note'))] : []),
    el('span', {}, t(strings, 'signedIn.as', { subject: session.subject })),
    out,
  );
  const finish = () => void leave(config, strings, session);
  setTimeout(
    () => banner(config, strings, t(strings, 'session.ending')),
    Math.max(0, session.expiresAt - Date.now() - renewAheadMs),
  );
  showVoter({ strings, store: store(member, { kiosk }), expired, ...(kiosk ? { kiosk: { finish } } : {}) }).catch(() =>
    show(el('p', { className: 'error', role: 'alert' }, t(strings, 'error.unknown'))),
  );
}

async function start(): Promise<void> {
  const lang = pickLanguage();
  document.documentElement.lang = lang;
  const strings = await loadStrings(lang);
  document.title = t(strings, 'title');
  // The other language, named in itself; the choice is kept on this device.
  const other = lang === 'en' ? 'de' : 'en';
  const switcher = el(
    'button',
    { type: 'button', className: 'secondary small', lang: other },
    t(strings, 'lang.other'),
  );
  switcher.addEventListener('click', () => {
    chooseLanguage(other);
    location.reload();
  });
  who().after(switcher);
  let config: AppConfig;
  try {
    config = (await (await fetch('/app/config.json')).json()) as AppConfig;
  } catch {
    show(el('p', { className: 'error', role: 'alert' }, t(strings, 'error.config')));
    return;
  }
  if (isCallback()) {
    try {
      signedIn(config, strings, await completeSignIn(config));
    } catch {
      signedOut(config, strings, t(strings, 'error.signIn'));
    }
    return;
  }
  const session = currentSession();
  if (session) signedIn(config, strings, session);
  else signedOut(config, strings);
}

void start();
