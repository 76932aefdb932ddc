/**
 * `npm test`: runs every test file with node:test on a real PostgreSQL 15.
 * When TEST_DATABASE_URL (a superuser URL) is not set it starts a throwaway
 * server itself; it always starts the Pub/Sub emulator for the event tests.
 * A migrated template database is built once; each test file
 * clones its own database from it.
 * Tests that need neither PostgreSQL nor the emulator (Java) are named
 * `*.unit.test.ts`; when only those run, neither is started.
 *   npm test                                    every file under test/
 *   npm test -- --unit                          only the unit tests (no PostgreSQL, no Java)
 *   npm test -- test/shared/database/rls.test.ts  just those files
 */
import { spawn } from 'node:child_process';
import { globSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { childEnv, loadToolConfig } from '../local/config.js';
import { startPostgres, urlFor, type PgServer } from '../local/processes/postgres.js';
import { migrateDatabase, superuser } from '../local/stack/database.js';
import { freePort } from '../local/processes/freePort.js';
import { startEmulator, type Emulator } from '../local/processes/pubsubEmulator.js';

export const templateName = 'ekklesia_test_template';

const config = loadToolConfig();
const args = process.argv.slice(2);
const unitOnly = args.includes('--unit');
const named = args.filter((a) => a !== '--unit');
const files = named.length ? named : globSync(unitOnly ? 'test/**/*.unit.test.ts' : 'test/**/*.test.ts').sort();
const needsServices = !files.every((f) => f.endsWith('.unit.test.ts'));

let server: PgServer | undefined;
let emulator: Emulator | undefined;
let scratch: string | undefined;
let code = 1;
try {
  code = needsServices ? await withServices() : await runTests(files, childEnv({ METADATA_SERVER_DETECTION: 'none' }));
} catch (err) {
  console.error(err);
} finally {
  await server?.stop();
  await emulator?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}
process.exit(code);

/** PostgreSQL (unless TEST_DATABASE_URL names one), the migrated template and the Pub/Sub emulator, then the tests. */
async function withServices(): Promise<number> {
  // The event tests publish to the real Pub/Sub emulator; each test file uses its own project on it.
  emulator = await startEmulator(await freePort());
  let serverUrl = config.TEST_DATABASE_URL;
  if (!serverUrl) {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'ekklesia-test-'));
    server = await startPostgres({
      dataDir: path.join(scratch, 'data'),
      port: await freePort(),
      durable: false,
      binDir: config.PG_BIN_DIR,
    });
    serverUrl = server.url;
  }
  await buildTemplate(serverUrl);
  return runTests(
    files,
    childEnv({
      TEST_DATABASE_URL: urlFor(serverUrl, 'postgres'),
      EKKLESIA_TEST_TEMPLATE: templateName,
      PUBSUB_EMULATOR_HOST: emulator.host,
      METADATA_SERVER_DETECTION: 'none',
    }),
  );
}

async function buildTemplate(serverUrl: string): Promise<void> {
  const admin = superuser(urlFor(serverUrl, 'postgres'));
  try {
    await admin.unsafe(`drop database if exists ${templateName} with (force)`);
    await admin.unsafe(`create database ${templateName}`);
  } finally {
    await admin.end();
  }
  await migrateDatabase(urlFor(serverUrl, templateName));
}

function runTests(testFiles: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const args = [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec',
    // Per file: the heaviest (test/scripts/start.test.ts, a whole stack killed part by part) takes 100 s on a loaded
    // 2-core machine; its own steps each wait with a deadline.
    '--test-timeout=240000',
    ...testFiles,
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env });
    child.once('exit', (exitCode) => resolve(exitCode ?? 1));
  });
}
