/** Deploy entry point: registers the `events` functions-framework target. */
import { registerFunction } from '../../shared/common/http/register.js';
import { startEvents } from './main.js';

const { app, stopReporting } = startEvents();
registerFunction('events', app);
// Cloud Run sends SIGTERM before stopping an instance: report the last request counts.
process.once('SIGTERM', () => void stopReporting().catch(() => {}));
