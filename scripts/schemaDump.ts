/**
 * `npm run schema:dump`: migrates a scratch database and writes the schema
 * dump that the tests compare against (shared/database/schema.dump.txt).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dumpSchema } from '../shared/database/index.js';
import { superuser } from '../local/stack/database.js';
import { withScratchDatabase } from '../local/stack/scratchDatabase.js';

export const dumpFile = fileURLToPath(new URL('../shared/database/schema.dump.txt', import.meta.url));

const dump = await withScratchDatabase(async (url) => {
  const sql = superuser(url);
  try {
    return await dumpSchema(sql);
  } finally {
    await sql.end();
  }
});
writeFileSync(dumpFile, dump);
console.log(`wrote ${dumpFile}`);
