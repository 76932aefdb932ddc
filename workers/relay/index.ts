/** Deploy entry point: the `relay` target, an HTTP function Cloud Scheduler calls to sweep the outbox. */
import * as ff from '@google-cloud/functions-framework';
import { stopOnSignal } from '../../shared/common/shutdown.js';
import { wireRelay } from './wiring.js';

const relay = wireRelay();
ff.http('relay', async (_req, res) => {
  res.json({ published: await relay.sweep() });
});
stopOnSignal(relay.log, [relay.stop]);
