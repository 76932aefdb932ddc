/**
 * The development sign-in page of the local identity provider: pick a subject
 * used before or type one. No password: it is marked as a development login
 * on the page, and it only exists in the local stack. In English, or in German
 * for a browser that prefers German (Accept-Language), as the app is.
 */
const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const words = {
  en: {
    title: 'Development sign-in',
    heading: 'Sign in',
    warning:
      '<strong>Development sign-in.</strong> This page only exists on the local stack: anyone can sign in as anyone, without a password.',
    before: 'Signed in here before',
    continueAs: 'Continue as',
    subject: 'Subject (member id)',
    example: 'e.g. chair or voter-1',
    submit: 'Sign in',
  },
  de: {
    title: 'Entwicklungs-Anmeldung',
    heading: 'Anmelden',
    warning:
      '<strong>Entwicklungs-Anmeldung.</strong> Diese Seite gibt es nur im lokalen Stack: Jede und jeder kann sich ohne Passwort als beliebiges Mitglied anmelden.',
    before: 'Hier schon angemeldet',
    continueAs: 'Weiter als',
    subject: 'Kennung (Mitglieds-ID)',
    example: 'z. B. chair oder voter-1',
    submit: 'Anmelden',
  },
} as const;
export type DevLanguage = keyof typeof words;

/** German when the browser prefers it to English (the first of de or en in Accept-Language), else English. */
export function devLanguage(acceptLanguage: string | undefined): DevLanguage {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.trim().split(';')[0]!.toLowerCase().split('-')[0];
    if (tag === 'de' || tag === 'en') return tag;
  }
  return 'en';
}

export function devLoginPage(options: { action: string; recent: string[]; lang?: DevLanguage }): string {
  const lang = options.lang ?? 'en';
  const w = words[lang];
  const picks = options.recent
    .map(
      (s) =>
        `<li><form method="post" action="${escape(options.action)}"><button type="submit" name="subject" value="${escape(s)}">${w.continueAs} <strong>${escape(s)}</strong></button></form></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${w.title} · Ekklesia</title>
<style>
  body { font: 1.125rem/1.5 system-ui, sans-serif; margin: 0; padding: 1rem; color: #111; background: #fff; }
  main { max-width: 28rem; margin: 0 auto; }
  .warning { border: 3px solid #8a4b00; background: #fff4e0; color: #3d2100; padding: 0.75rem 1rem; border-radius: 0.5rem; }
  label { display: block; font-weight: 600; margin: 1rem 0 0.25rem; }
  input, button { font: inherit; padding: 0.6rem 0.8rem; border-radius: 0.4rem; border: 2px solid #333; width: 100%; box-sizing: border-box; }
  button { background: #0b3d91; color: #fff; border-color: #0b3d91; margin-top: 0.75rem; cursor: pointer; }
  ul { list-style: none; padding: 0; }
  :focus-visible { outline: 3px solid #d45500; outline-offset: 2px; }
</style>
</head>
<body>
<main>
  <h1>${w.heading}</h1>
  <p class="warning" role="note">${w.warning}</p>
  ${picks ? `<h2>${w.before}</h2><ul>${picks}</ul>` : ''}
  <form method="post" action="${escape(options.action)}">
    <label for="subject">${w.subject}</label>
    <input id="subject" name="subject" autocomplete="username" required pattern="[A-Za-z0-9._@\\-]{1,128}" placeholder="${w.example}">
    <button type="submit">${w.submit}</button>
  </form>
</main>
</body>
</html>`;
}
