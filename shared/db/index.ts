export { createPool, ping, type Sql, type Tx } from './pool.js';
export { withTenant } from './tenant.js';
export { migrate, loadMigrations, type Migration } from './migrate.js';
export { dumpSchema } from './schemaDump.js';
