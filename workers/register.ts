/**
 * The deploy shape of a worker: a functions-framework HTTP target fed by its
 * topic's push subscription, which authenticates with an OIDC token
 * (workers/pushApp.ts). An HTTP target, not a `cloudEvent` one, because a
 * cloudEvent handler never sees the request's Authorization header.
 */
import { registerFunction } from '../shared/common/http/register.js';
import { createInvokerVerifier } from '../shared/common/auth/index.js';
import { stopOnSignal } from '../shared/common/shutdown.js';
import type { WorkerDeployable } from './deployable.js';
import { createPushApp } from './pushApp.js';

export function registerWorker(target: string, worker: WorkerDeployable): void {
  registerFunction(
    target,
    createPushApp(worker.log, createInvokerVerifier(worker.invoker), worker.handle, `ekklesia.${target}`),
  );
  stopOnSignal(worker.log, [worker.stop]);
}
