export { createPool, ping, type Sql, type Tx } from './pool.js';
export { withTenant } from './tenant.js';
export { migrate, loadMigrations, type Migration } from '../../database/migrate.js';
export { dumpSchema } from '../../database/schemaDump.js';
export { Gate, GateTimeoutError } from './gate.js';
export { inOneRoundTrip, type Scope } from './roundTrip.js';
