export { topics, type Topic } from './topics.js';
export { createPublisher, type Publisher } from './publisher.js';
export { relayOnce, relayAll } from './relay.js';
export { consume, decodePush, type Worker, type WorkerContext, type ConsumeDeps, type Outcome } from './consume.js';
export { buildEnvelope } from './envelope.js';
export { recordUsage, publishUsage } from './usageReports.js';
