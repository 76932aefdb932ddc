/**
 * The Pub/Sub emulator shipped with the Google Cloud CLI, started directly
 * through its launcher (which execs java, so the child is the JVM itself).
 * Topics are created through the emulator's REST surface.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { waitFor } from '../wait.js';
import { childEnv } from '../config.js';

const launcherPath = 'platform/pubsub-emulator/bin/cloud-pubsub-emulator';

export function findEmulator(): string {
  const roots = ['/usr/lib/google-cloud-sdk'];
  try {
    const gcloud = realpathSync(execFileSync('sh', ['-c', 'command -v gcloud']).toString().trim());
    roots.push(path.resolve(path.dirname(gcloud), '..'));
  } catch {
    // no gcloud on the PATH: only the default location is left
  }
  const found = roots.map((root) => path.join(root, launcherPath)).find((p) => existsSync(p));
  if (!found)
    throw new Error(
      'the Pub/Sub emulator was not found: install the Google Cloud CLI with its pubsub-emulator component',
    );
  return found;
}

export type Emulator = { host: string; child: ChildProcess; stop: () => Promise<void> };

export async function startEmulator(port: number, host = '127.0.0.1'): Promise<Emulator> {
  const child = spawn(findEmulator(), [`--host=${host}`, `--port=${port}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: childEnv({ JAVA_OPTS: '-Xmx256m' }),
    detached: true,
  });
  let exited = false;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  child.once('exit', () => (exited = true));
  const address = `${host}:${port}`;
  await waitFor(
    `the Pub/Sub emulator on ${address}`,
    30_000,
    async () => {
      if (exited) throw new Error(`the Pub/Sub emulator exited during start-up:\n${stderr}`);
      return fetch(`http://${address}/`).then(
        (r) => r.ok,
        () => false,
      );
    },
    100,
  );
  return {
    host: address,
    child,
    stop: async () => {
      if (exited) return;
      child.kill('SIGTERM');
      await waitFor('the Pub/Sub emulator to stop', 10_000, async () => exited).catch(() => child.kill('SIGKILL'));
    },
  };
}

/** Creates each topic unless it exists (the emulator answers 409 then). */
export async function createTopics(emulatorHost: string, project: string, names: readonly string[]): Promise<void> {
  for (const name of names) {
    const res = await fetch(`http://${emulatorHost}/v1/projects/${project}/topics/${name}`, { method: 'PUT' });
    if (!res.ok && res.status !== 409)
      throw new Error(`creating topic ${name} failed: ${res.status} ${await res.text()}`);
  }
}

export async function listTopics(emulatorHost: string, project: string): Promise<string[]> {
  const res = await fetch(`http://${emulatorHost}/v1/projects/${project}/topics`);
  const body = (await res.json()) as { topics?: { name: string }[] };
  return (body.topics ?? []).map((t) => t.name.split('/').pop()!);
}

/** A pull subscription on the emulator (tests read what was published through it). */
export async function createSubscription(
  emulatorHost: string,
  project: string,
  topic: string,
  name: string,
): Promise<void> {
  const res = await fetch(`http://${emulatorHost}/v1/projects/${project}/subscriptions/${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ topic: `projects/${project}/topics/${topic}` }),
  });
  if (!res.ok && res.status !== 409)
    throw new Error(`creating subscription ${name} failed: ${res.status} ${await res.text()}`);
}

export type PulledMessage = { data: string; attributes: Record<string, string> };

/** Pulls (and acknowledges) what a subscription holds right now. */
export async function pull(emulatorHost: string, project: string, subscription: string): Promise<PulledMessage[]> {
  const base = `http://${emulatorHost}/v1/projects/${project}/subscriptions/${subscription}`;
  const res = await fetch(`${base}:pull`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ maxMessages: 1000, returnImmediately: true }),
  });
  const body = (await res.json()) as {
    receivedMessages?: { ackId: string; message: { data: string; attributes?: Record<string, string> } }[];
  };
  const received = body.receivedMessages ?? [];
  if (received.length) {
    await fetch(`${base}:acknowledge`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ackIds: received.map((m) => m.ackId) }),
    });
  }
  return received.map((m) => ({
    data: Buffer.from(m.message.data, 'base64').toString('utf8'),
    attributes: m.message.attributes ?? {},
  }));
}

/** A push subscription delivering `topic` to `endpoint` (functions-framework wants /projects/P/topics/T). */
export async function createPushSubscription(
  emulatorHost: string,
  project: string,
  topic: string,
  name: string,
  endpoint: string,
): Promise<void> {
  const res = await fetch(`http://${emulatorHost}/v1/projects/${project}/subscriptions/${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      topic: `projects/${project}/topics/${topic}`,
      pushConfig: { pushEndpoint: endpoint },
      ackDeadlineSeconds: 10,
    }),
  });
  if (!res.ok && res.status !== 409)
    throw new Error(`creating push subscription ${name} failed: ${res.status} ${await res.text()}`);
}
