import type { Logger } from '../log.js';
import type { Stop } from '../shutdown.js';
import type { App } from './app.js';

/** An HTTP function wired from its config: the app to serve, and how to stop it cleanly. */
export type HttpDeployable = { app: App; port: number; log: Logger; stop: Stop };
