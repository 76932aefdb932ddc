/**
 * The deploy shape of a worker: a functions-framework `cloudEvent` target
 * fed by its topic's push subscription. A thrown error answers the push with
 * a failure, so Pub/Sub redelivers.
 */
import * as ff from '@google-cloud/functions-framework';
import { stopOnSignal } from '../shared/common/shutdown.js';
import type { WorkerDeployable } from './deployable.js';

export function registerWorker(target: string, worker: WorkerDeployable): void {
  ff.cloudEvent(target, (event: ff.CloudEvent<unknown>) => worker.handle(event.data));
  stopOnSignal(worker.log, [worker.stop]);
}
