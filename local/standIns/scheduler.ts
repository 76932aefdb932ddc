/** The local stack's stand-in for Cloud Scheduler: a tick on the lifecycle topic every 30 s (EKKLESIA_TICK_MS). */
import { PubSub } from '@google-cloud/pubsub';

export function startTicks(project: string, emulatorHost: string, everyMs = 30_000): () => Promise<void> {
  const pubsub = new PubSub({ projectId: project, apiEndpoint: emulatorHost });
  const topic = pubsub.topic('lifecycle');
  const send = () =>
    void topic.publishMessage({ data: Buffer.from('{}'), attributes: { kind: 'tick' } }).catch(() => {});
  send();
  const timer = setInterval(send, everyMs);
  return async () => {
    clearInterval(timer);
    await pubsub.close();
  };
}
