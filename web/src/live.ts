/**
 * Keeps the member's page live without a reload: asks "what is open for me"
 * (GET /v1/me/elections) every 1.3–1.5 s while the page is visible, with
 * the ETag of the answer it holds, so an unchanged answer costs a 304 with
 * no body; at once when the page becomes visible again. With the server's
 * views at most 0.5 s old, an open or a close reaches the page within 2 s.
 * A hidden page (a phone in a pocket) does not ask at all. Server-Sent
 * Events were weighed and not taken: README, "Live pages".
 */
import { ApiProblem } from './api.js';
import type { MyElections } from '../../schemas/api.js';

type Ask = (etag: string) => Promise<{ body: MyElections; etag: string } | undefined>;

let stopCurrent: (() => void) | undefined;

/** Stops the page's polling (sign-out, a new page). */
export function stopFollowing(): void {
  stopCurrent?.();
  stopCurrent = undefined;
}

export function follow(ask: Ask, etag: string, changed: (body: MyElections) => void, expired: () => void): void {
  stopFollowing();
  let held = etag;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let asking = false;
  const next = () => {
    clearTimeout(timer);
    if (!stopped && document.visibilityState === 'visible') timer = setTimeout(tick, 1300 + Math.random() * 200);
  };
  const tick = async () => {
    if (asking || stopped) return;
    asking = true;
    try {
      const now = await ask(held);
      if (now && !stopped) {
        held = now.etag;
        changed(now.body);
      }
    } catch (err) {
      // The sign-in ended: said once, and no more asking until the member signs in again. Anything else: next time.
      if (err instanceof ApiProblem && err.code === 'unauthenticated') {
        stop();
        expired();
        return;
      }
    } finally {
      asking = false;
    }
    next();
  };
  const visible = () => {
    if (document.visibilityState === 'visible') void tick();
    else clearTimeout(timer);
  };
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    document.removeEventListener('visibilitychange', visible);
  };
  document.addEventListener('visibilitychange', visible);
  stopCurrent = stop;
  next();
}
