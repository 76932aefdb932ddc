export { topics, type Topic } from './topics.js';
export { createPublisher, type Publisher } from './publisher.js';
export { relayOnce, relayAll } from './relay.js';
