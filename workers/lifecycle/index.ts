/**
 * Deploy entry point: the `lifecycle` target, fed by the lifecycle topic's
 * push subscription. Two kinds of message arrive there: the registry's
 * meeting events (they become plans) and Cloud Scheduler's ticks, published
 * with the attribute kind=tick (they act on the plans).
 */
import * as ff from '@google-cloud/functions-framework';
import { loadLifecycleConfig } from '../../shared/config.js';
import { consume } from '../../shared/events/index.js';
import { createCapacity } from '../../shared/gcp/capacity.js';
import { loggedCapacity } from '../../shared/gcp/loggedCapacity.js';
import { applicationDefaultToken } from '../../shared/gcp/accessToken.js';
import { consumeDeps } from '../register.js';
import { lifecycleWorker } from './handle.js';
import { tick } from './tick.js';

const config = loadLifecycleConfig();
const deps = consumeDeps('lifecycle');
const capacity = config.capacity === 'log' ? loggedCapacity(deps.log) : createCapacity(config.targets, applicationDefaultToken());

type Push = { message?: { attributes?: Record<string, string>; publishTime?: string } };

ff.cloudEvent('lifecycle', async (event: ff.CloudEvent<unknown>) => {
  const message = (event.data as Push | undefined)?.message;
  if (message?.attributes?.kind === 'tick') {
    await tick({ sql: deps.sql, capacity, policy: config.policy, log: deps.log }, new Date(message.publishTime ?? Date.now()));
    return;
  }
  await consume(deps, lifecycleWorker, event.data);
});
