/**
 * The development identity provider's sign-out, as the web app asks for it
 * (RP-initiated logout): the provider's form, submitted at once by a script
 * the page's CSP allows by its nonce, with a button for a browser without
 * scripts. The provider ends its session and sends the browser back to the
 * app, so the next "Sign in" on this device asks who is signing in.
 */
import { randomBytes } from 'node:crypto';
import { devLanguage } from './devLoginPage.js';

type Ctx = { body: unknown; set: (name: string, value: string) => void; get: (name: string) => string; type: string };

const style = `body { font: 1.125rem/1.5 system-ui, sans-serif; margin: 0; padding: 1rem; color: #111; background: #fff; }
  main { max-width: 28rem; margin: 0 auto; }
  button { font: inherit; padding: 0.6rem 0.8rem; border-radius: 0.4rem; border: 2px solid #0b3d91; width: 100%; background: #0b3d91; color: #fff; cursor: pointer; }
  :focus-visible { outline: 3px solid #d45500; outline-offset: 2px; }`;

const page = (ctx: Ctx, title: string, body: string, nonce?: string) => {
  const lang = devLanguage(ctx.get('accept-language'));
  ctx.type = 'html';
  ctx.set(
    'content-security-policy',
    `default-src 'none'; style-src 'unsafe-inline'; ${nonce ? `script-src 'nonce-${nonce}'; ` : ''}base-uri 'none'; frame-ancestors 'none'`,
  );
  ctx.set('cache-control', 'no-store');
  ctx.body = `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Ekklesia</title><style>${style}</style></head>
<body><main>${body}</main></body>
</html>`;
};

/** The provider's logout form (its hidden xsrf field), signed out at once. */
export async function logoutSource(ctx: Ctx, form: string): Promise<void> {
  const nonce = randomBytes(16).toString('base64url');
  const de = devLanguage(ctx.get('accept-language')) === 'de';
  page(
    ctx,
    de ? 'Abmelden' : 'Signing out',
    `<h1>${de ? 'Sie werden abgemeldet…' : 'Signing out…'}</h1>
  ${form}
  <button id="yes" type="submit" form="op.logoutForm" name="logout" value="yes">${de ? 'Abmelden' : 'Sign out'}</button>
  <script nonce="${nonce}">document.getElementById('yes').click();</script>`,
    nonce,
  );
}

/** Shown only when the app gave no address to return to. */
export async function postLogoutSuccessSource(ctx: Ctx): Promise<void> {
  page(ctx, 'Signed out', '<h1>Signed out</h1><p>You can close this page, or go back to the app.</p>');
}
