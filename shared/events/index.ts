export { topics, type Topic } from './topics.js';
