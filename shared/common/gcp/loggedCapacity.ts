import type { Logger } from '../log.js';
import type { Capacity } from './capacity.js';

/** The local stack's capacity: there is no Cloud Run or Cloud SQL to resize, so it says what it would ask. */
export function loggedCapacity(log: Logger): Capacity {
  return {
    setMinInstances: async (count) =>
      log.info({ minInstances: count }, 'would set the elections service minimum instances'),
    setDatabaseSize: async (size) => log.info(size, 'would set the Cloud SQL tier and availability'),
  };
}
