/**
 * Kiosk mode, for a device members share at the door (the chair shows its
 * address, `/app/?kiosk=1`, as a QR code): the tab remembers the flag; each
 * sign-in asks who is signing in; nothing is written to the device; after a
 * cast the receipt shows for a short while, then the app signs the member
 * out (the provider's session too) and returns to sign-in. `?kiosk=0` ends it.
 */
import { el } from './dom.js';
import { t, type Strings } from './i18n.js';

const flag = 'ekklesia.kiosk';
/** How long a receipt stays on a kiosk's screen before the next member's turn. */
export const kioskReceiptSeconds = 20;

export function kioskMode(): boolean {
  const asked = new URLSearchParams(location.search).get('kiosk');
  if (asked === '1') sessionStorage.setItem(flag, '1');
  if (asked === '0') sessionStorage.removeItem(flag);
  return sessionStorage.getItem(flag) === '1';
}

/** Under a kiosk's receipt: a countdown and "Done", either of which calls `done` once. */
export function kioskFinish(strings: Strings, done: () => void): HTMLElement {
  let left = kioskReceiptSeconds;
  const countdown = el('p', {}, t(strings, 'kiosk.countdown', { seconds: String(left) }));
  const button = el('button', { type: 'button' }, t(strings, 'kiosk.done'));
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    clearInterval(timer);
    done();
  };
  const timer = setInterval(() => {
    left -= 1;
    if (left <= 0) finish();
    else countdown.textContent = t(strings, 'kiosk.countdown', { seconds: String(left) });
  }, 1000);
  button.addEventListener('click', finish);
  return el('div', { className: 'kiosk-finish' }, countdown, button);
}
