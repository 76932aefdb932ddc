/** Deploy entry point: the `metering` target, fed by the metering topic's push subscription. */
import { registerWorker } from '../register.js';
import { wireConsumer } from '../consumer.js';
import { meteringWorker } from './handle.js';

registerWorker('metering', wireConsumer(meteringWorker));
