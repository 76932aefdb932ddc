/**
 * `npm run migrate`: applies pending migrations to DATABASE_URL (an owner
 * connection; the deploy pipeline runs this before new function revisions).
 * Safe to run from several places at once.
 */
import { loadToolConfig } from '../local/config.js';
import { migrateDatabase } from '../local/stack/database.js';

const { DATABASE_URL } = loadToolConfig();
if (!DATABASE_URL) {
  console.error('DATABASE_URL is required: an owner connection to the Ekklesia database');
  process.exit(2);
}
const applied = await migrateDatabase(DATABASE_URL);
console.log(JSON.stringify({ applied }));
