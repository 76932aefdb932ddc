export { createPublisher, type Publisher } from './publisher.js';
export { buildEnvelope } from './envelope.js';
