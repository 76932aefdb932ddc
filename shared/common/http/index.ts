export { createApp, maxBodyBytes, type App, type AppEnv, type Health } from './app.js';
export { ApiError, errorStatuses, type ErrorBody, type ErrorCode } from './errors.js';
export { readJson, readRaw, readText, parseJson, validate } from './body.js';
export { serveBare, type Served } from './serve.js';
export { requestIdFrom, traceFrom, traceLogFields } from './trace.js';
export { header } from './header.js';
export { RequestCounter, type UsageReport } from './requestCounter.js';
export type { HttpDeployable } from './deployable.js';
export type { WiringHooks } from './hooks.js';
