/**
 * Deploy entry point: the `lifecycle` target, fed by the lifecycle topic's
 * push subscription. Two kinds of message arrive there: the registry's
 * meeting events (they become plans) and Cloud Scheduler's ticks, published
 * with the attribute kind=tick: each tick resizes capacity for the meetings
 * (tick.ts) and opens and closes the elections whose schedule has come (scheduled.ts).
 */
import * as ff from '@google-cloud/functions-framework';
import { loadLifecycleConfig } from '../../shared/common/config.js';
import { createPool } from '../../shared/common/db/index.js';
import { consume } from '../../shared/registry/consume.js';
import { createCapacity } from '../../shared/common/gcp/capacity.js';
import { loggedCapacity } from '../../shared/common/gcp/loggedCapacity.js';
import { applicationDefaultToken } from '../../shared/common/gcp/accessToken.js';
import { createBallotBox } from '../../shared/registry/ballotBox.js';
import { Breaker, createS2SClient } from '../../shared/common/s2s/index.js';
import { consumeDeps } from '../register.js';
import { lifecycleWorker } from './handle.js';
import { tick } from './tick.js';
import { closeDue, openDue } from './scheduled.js';

const config = loadLifecycleConfig();
const deps = consumeDeps('lifecycle');
const capacity =
  config.capacity === 'log' ? loggedCapacity(deps.log) : createCapacity(config.targets, applicationDefaultToken());
const closing = {
  worker: deps.sql,
  registry: createPool(
    { url: config.closing.registryDatabaseUrl, poolMax: 2, connectTimeoutMs: 5000, statementTimeoutMs: 60_000 },
    'ekklesia-lifecycle-registry',
  ),
  ballotBox: createBallotBox(
    createS2SClient({
      baseUrl: config.closing.electionsUrl,
      keys: config.closing.keys,
      signingKeyId: config.closing.signingKeyId,
      timeoutMs: 1200,
      retries: 2,
      breaker: new Breaker(5, 2000),
    }),
  ),
  log: deps.log,
};

type Push = { message?: { attributes?: Record<string, string>; publishTime?: string } };

ff.cloudEvent('lifecycle', async (event: ff.CloudEvent<unknown>) => {
  const message = (event.data as Push | undefined)?.message;
  if (message?.attributes?.kind === 'tick') {
    const now = new Date(message.publishTime ?? Date.now());
    await openDue(closing, now);
    await closeDue(closing, now);
    await tick({ sql: deps.sql, capacity, policy: config.policy, log: deps.log }, now);
    return;
  }
  await consume(deps, lifecycleWorker, event.data);
});
