/** Deploy entry point: the `events` functions-framework target. */
import { registerFunction } from '../../shared/common/http/register.js';
import { stopOnSignal } from '../../shared/common/shutdown.js';
import { wireEvents } from './wiring.js';

const events = wireEvents();
registerFunction('events', events.app);
stopOnSignal(events.log, [events.stop]);
