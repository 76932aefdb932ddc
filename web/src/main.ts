/**
 * The web app's start: its settings from the serving function
 * (/app/config.json), the strings in the reader's language, then sign-in or
 * the signed-in page. Plain DOM, no framework: the pages are small and must
 * load fast on a phone (README, "The web app").
 */
import { completeSignIn, currentSession, isCallback, signIn, signOut, type AppConfig } from './auth.js';
import { loadStrings, pickLanguage, t, type Strings } from './i18n.js';

const main = document.getElementById('app')!;
const who = document.getElementById('who')!;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function show(...nodes: Node[]): void {
  main.replaceChildren(...nodes);
  main.focus();
}

function signedOut(config: AppConfig, strings: Strings, error?: string): void {
  who.textContent = '';
  const button = el('button', { type: 'button' }, t(strings, 'signIn.button'));
  button.addEventListener('click', () => void signIn(config));
  show(
    el('h1', {}, t(strings, 'signIn.heading')),
    ...(error ? [el('p', { className: 'error', role: 'alert' } as Partial<HTMLParagraphElement>, error)] : []),
    el('p', {}, t(strings, 'signIn.lead')),
    button,
  );
}

function signedIn(config: AppConfig, strings: Strings, subject: string): void {
  who.textContent = t(strings, 'signedIn.as', { subject });
  const out = el('button', { type: 'button', className: 'secondary' }, t(strings, 'signOut.button'));
  out.addEventListener('click', () => {
    signOut();
    signedOut(config, strings);
  });
  show(el('h1', {}, t(strings, 'signedIn.heading')), el('p', {}, t(strings, 'signedIn.as', { subject })), out);
}

async function start(): Promise<void> {
  const lang = pickLanguage();
  document.documentElement.lang = lang;
  const strings = await loadStrings(lang);
  document.title = t(strings, 'title');
  let config: AppConfig;
  try {
    config = (await (await fetch('/app/config.json')).json()) as AppConfig;
  } catch {
    show(el('p', { className: 'error', role: 'alert' } as Partial<HTMLParagraphElement>, t(strings, 'error.config')));
    return;
  }
  if (isCallback()) {
    try {
      const session = await completeSignIn(config);
      signedIn(config, strings, session.subject);
    } catch {
      signedOut(config, strings, t(strings, 'error.signIn'));
    }
    return;
  }
  const session = currentSession();
  if (session) signedIn(config, strings, session.subject);
  else signedOut(config, strings);
}

void start();
