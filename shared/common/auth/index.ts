export { createIdentityVerifier, type Identity, type IdentityConfig, type VerifyIdentity } from './jwt.js';
export { isOperatorKey } from './operatorKey.js';
export { bearerToken } from './bearer.js';
export { createInvokerVerifier, type VerifyInvoker } from './invoker.js';
