/** The migration job's main (`node deploy/migrate.js` in the deploy image): see migrateJob.ts. */
import { runMigrateJob } from './migrateJob.js';

try {
  const result = await runMigrateJob();
  console.log(JSON.stringify({ severity: 'INFO', message: 'migrated', ...result }));
} catch (err) {
  // The message only: a driver's error may carry more of the connection than a log should.
  console.error(JSON.stringify({ severity: 'ERROR', message: `migration failed: ${(err as Error).message}` }));
  process.exitCode = 1;
}
