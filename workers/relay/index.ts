/** Deploy entry point: the `relay` target, an HTTP function Cloud Scheduler calls to sweep the outbox. */
import * as ff from '@google-cloud/functions-framework';
import { relayDeps } from './main.js';
import { sweep } from './sweep.js';

const deps = relayDeps();
ff.http('relay', async (_req, res) => {
  res.json({ published: await sweep(deps) });
});
