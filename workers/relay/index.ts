/**
 * Deploy entry point: the `relay` target, an HTTP function Cloud Scheduler
 * calls (with an OIDC token, checked like a push's) to sweep the outbox.
 */
import { registerFunction } from '../../shared/common/http/register.js';
import { createInvokerVerifier } from '../../shared/common/auth/index.js';
import { stopOnSignal } from '../../shared/common/shutdown.js';
import { createPushApp } from '../pushApp.js';
import { wireRelay } from './wiring.js';

const relay = wireRelay();
registerFunction(
  'relay',
  createPushApp(relay.log, createInvokerVerifier(relay.invoker), () => relay.sweep(), 'ekklesia.relay'),
);
stopOnSignal(relay.log, [relay.stop]);
