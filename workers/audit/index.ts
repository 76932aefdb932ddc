/** Deploy entry point: the `audit` target, fed by the audit topic's push subscription. */
import { registerWorker } from '../register.js';
import { auditWorker } from './handle.js';

registerWorker(auditWorker);
