/** Deploy entry point: the `ballotTasks` target, the HTTP handler Cloud Tasks dispatches queued ballots to. */
import { registerFunction } from '../../shared/common/http/register.js';
import { stopOnSignal } from '../../shared/common/shutdown.js';
import { wireBallotTasks } from './wiring.js';

const ballotTasks = wireBallotTasks();
registerFunction('ballotTasks', ballotTasks.app);
stopOnSignal(ballotTasks.log, [ballotTasks.stop]);
