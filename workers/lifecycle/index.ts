/** Deploy entry point: the `lifecycle` target, fed by the lifecycle topic's push subscription. */
import { registerWorker } from '../register.js';
import { wireLifecycle } from './wiring.js';

registerWorker('lifecycle', wireLifecycle());
