/** Deploy entry point: registers the `events` functions-framework target. */
import { registerFunction } from '../../shared/http/register.js';
import { startEvents } from './main.js';

registerFunction('events', startEvents().app);
