export { migrate, loadMigrations, type Migration } from './migrate.js';
export { dumpSchema } from './schemaDump.js';
