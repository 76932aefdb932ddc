/** Polls a condition until it holds or the deadline passes: the only way tests and tools wait. */
import { setTimeout as delay } from 'node:timers/promises';

export async function waitFor(
  what: string,
  timeoutMs: number,
  condition: () => Promise<boolean>,
  intervalMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await delay(intervalMs);
  }
}
