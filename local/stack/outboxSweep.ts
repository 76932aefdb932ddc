/** The local stack's stand-in for Cloud Scheduler calling the relay: a sweep every few seconds. */
import { loadRelayConfig } from '../../shared/common/config/index.js';
import { localInvoker } from '../standIns/pushSigner.js';
import { wireRelay } from '../../workers/relay/wiring.js';

export function startOutboxSweep(
  databaseUrl: string,
  project: string,
  emulatorHost: string,
  logLevel: string,
  everyMs = 2000,
) {
  const relay = wireRelay(
    loadRelayConfig({
      DATABASE_URL: databaseUrl,
      PUBSUB_PROJECT: project,
      LOG_LEVEL: logLevel,
      GOOGLE_CLOUD_PROJECT: project,
      // The sweep runs in the stack's own process: no caller to authenticate, but the settings are the relay's.
      INVOKER_AUDIENCE: localInvoker.audience,
      INVOKER_SERVICE_ACCOUNT: localInvoker.serviceAccount,
    }),
    emulatorHost,
  );
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = relay.sweep().catch((err: unknown) => relay.log.warn({ err }, 'outbox sweep failed; next run retries'));
  }, everyMs);
  return async () => {
    clearInterval(timer);
    await running;
    await relay.stop();
  };
}
