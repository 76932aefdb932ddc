export { Breaker, CircuitOpenError, type BreakerState } from './breaker.js';
export {
  createS2SClient,
  S2SUnavailableError,
  type S2SClient,
  type S2SClientOptions,
  type S2SResponse,
} from './client.js';
export { parseMasterKeys, tenantKey, type MasterKeys } from './keys.js';
export { checkHeaders, sign, verify, s2sHeaders, type SignedRequest } from './signature.js';
