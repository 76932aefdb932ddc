export { topics, type Topic } from './topics.js';
export { createPublisher, type Publisher } from './publisher.js';
export { buildEnvelope } from './envelope.js';
