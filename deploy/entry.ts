/**
 * The deploy package's main: the release image (deploy/Dockerfile) starts
 * functions-framework, which loads this module, and this module loads only
 * the deployable FUNCTION_TARGET names (each Cloud Run service sets its own;
 * each wires its own config at import, and loading another's would ask for
 * settings this service does not have). `--target` is read when run by hand.
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
