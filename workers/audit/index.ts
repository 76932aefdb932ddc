/** Deploy entry point: the `audit` target, fed by the audit topic's push subscription. */
import { registerWorker } from '../register.js';
import { wireConsumer } from '../consumer.js';
import { auditWorker } from './handle.js';

registerWorker('audit', wireConsumer(auditWorker));
