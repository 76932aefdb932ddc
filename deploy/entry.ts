/**
 * The deploy package's main: Cloud Run's Node functions buildpack starts
 * functions-framework with the service's function target, and
 * functions-framework loads this module, which loads only that target's
 * deployable (each wires its own config at import; loading another's would
 * ask for settings this service does not have). The buildpack sets
 * FUNCTION_TARGET; `--target` is read when run by hand.
 */
import { loadFunctionTarget } from '../shared/common/config/index.js';
import { deployTargets, isDeployTarget } from './targets.js';

const target = loadFunctionTarget();
if (!isDeployTarget(target)) {
  throw new Error(
    `FUNCTION_TARGET must be one of ${Object.keys(deployTargets).join(', ')}; got ${target ?? 'nothing'}`,
  );
}
await import(deployTargets[target].module);
