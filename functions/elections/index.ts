/** Deploy entry point: registers the `elections` functions-framework target. */
import { registerFunction } from '../../shared/http/register.js';
import { startElections } from './main.js';

registerFunction('elections', startElections().app);
