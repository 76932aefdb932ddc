/** Deploy entry point: registers the `elections` functions-framework target. */
import { registerFunction } from '../../shared/common/http/register.js';
import { startElections } from './main.js';

const { app, stopReporting } = startElections();
registerFunction('elections', app);
// Cloud Run sends SIGTERM before stopping an instance: report the last request counts.
process.once('SIGTERM', () => void stopReporting().catch(() => {}));
