export { callTimeoutOf, createPool, ping, type Sql, type Tx } from './pool.js';
export { withTenant } from './tenant.js';
export { transaction } from './transaction.js';
export { Gate, GateTimeoutError } from './gate.js';
export { inOneRoundTrip, type Scope } from './roundTrip.js';
export { sqlState, hasSqlState, type SqlState } from './sqlState.js';
export { databaseUnavailable } from './unavailable.js';
