/** Deploy entry point: the `elections` functions-framework target. */
import { registerFunction } from '../../shared/common/http/register.js';
import { stopOnSignal } from '../../shared/common/shutdown.js';
import { wireElections } from './wiring.js';

const elections = wireElections();
registerFunction('elections', elections.app);
stopOnSignal(elections.log, [elections.stop]);
