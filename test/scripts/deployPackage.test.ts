/**
 * The release image as far as it is built without a container builder:
 * the deploy package (`npm run build`'s steps, into a folder of the test's
 * own) with deploy/Dockerfile beside it; the Dockerfile's own RUN installs
 * from the package's lock file (the versions the tests ran with, nothing for
 * development), and the Dockerfile's own CMD, with each service's
 * FUNCTION_TARGET and PORT as Cloud Run sets them, starts every function
 * target from that install alone and answers HTTP (its database unreachable:
 * /healthz says 503, which is an answer). The migration job's command exits
 * non-zero when the database is away, so `gcloud run jobs execute --wait`
 * fails the release.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../local/processes/freePort.js';
import { waitFor } from '../../local/wait.js';
import { deployTargets } from '../../deploy/targets.js';

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;
let out: string;

/** deploy/Dockerfile's instructions, in order: [instruction, argument]. */
const dockerfile = readFileSync(path.join(root, 'deploy/Dockerfile'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => [l.slice(0, l.indexOf(' ')), l.slice(l.indexOf(' ') + 1)] as const);
const instruction = (name: string) => dockerfile.filter(([i]) => i === name).map(([, a]) => a);

before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ekklesia-package-'));
  out = path.join(dir, 'out');
  const run = (cmd: string, args: string[], cwd = root) => execFileSync(cmd, args, { cwd, stdio: 'pipe' });
  run(process.execPath, [
    path.join(root, 'node_modules/typescript/bin/tsc'),
    '-p',
    'tsconfig.build.json',
    '--outDir',
    out,
  ]);
  run(process.execPath, ['--import', 'tsx', 'scripts/buildPackage.ts', out]);
  // The image's install step, as written (offline-first from npm's cache: the same packages, by the lock's hashes).
  for (const command of instruction('RUN'))
    execFileSync('sh', ['-c', command], {
      cwd: out,
      stdio: 'pipe',
      env: { ...process.env, npm_config_prefer_offline: 'true', npm_config_loglevel: 'error' },
    });
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('the image: the Node the tests run on, the lock file installed, the code copied, not run as root', () => {
  const [from] = instruction('FROM');
  const { devDependencies } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  assert.equal(from, `node:${devDependencies.node}-slim`);
  assert.deepEqual(instruction('COPY'), ['package.json package-lock.json ./', '. .']);
  assert.match(instruction('RUN')[0]!, /^npm ci --omit=dev\b/);
  assert.deepEqual(instruction('USER'), ['node']);
  for (const f of ['Dockerfile', '.dockerignore', 'cloudbuild.yaml'])
    assert.ok(existsSync(path.join(out, f)), `${f} is in the package`);
  assert.match(readFileSync(path.join(out, '.dockerignore'), 'utf8'), /^node_modules$/m);
});

test('the package installs from its own lock file, with no development dependency', () => {
  const lock = JSON.parse(readFileSync(path.join(out, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; dependencies?: Record<string, string> }>;
  };
  const pkg = JSON.parse(readFileSync(path.join(out, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  assert.deepEqual(lock.packages['']?.dependencies, pkg.dependencies);
  assert.equal(Object.values(lock.packages).filter((p) => p.dev).length, 0);
  const rootLock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as typeof lock;
  for (const [where, entry] of Object.entries(lock.packages))
    if (where) assert.deepEqual(entry, rootLock.packages[where], `${where} at the version the tests ran with`);
  for (const dev of ['typescript', 'tsx', 'playwright-core', 'node'])
    assert.equal(existsSync(path.join(out, 'node_modules', dev)), false, `${dev} is not installed`);
  assert.ok(existsSync(path.join(out, 'node_modules', '.bin', 'functions-framework')));
});

test('every function target starts under functions-framework from the package alone', async () => {
  const env = {
    PATH: process.env.PATH ?? '',
    METADATA_SERVER_DETECTION: 'none',
    GOOGLE_CLOUD_PROJECT: 'ekklesia-package-test',
    LOG_LEVEL: 'warn',
    // Placeholders of the right shapes; nothing listens at port 9, so every database call fails fast.
    DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:9/ekklesia',
    REGISTRY_DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:9/ekklesia',
    ELECTIONS_URL: 'http://127.0.0.1:9',
    S2S_KEYS: `k1:${'s'.repeat(43)}`,
    KMS_KEY: 'projects/p/locations/l/keyRings/r/cryptoKeys/election-secrets',
    JWT_ISSUER: 'https://idp.example',
    JWT_AUDIENCE: 'ekklesia',
    JWKS_URL: 'https://idp.example/jwks',
    OPERATOR_KEY: 'o'.repeat(43),
    INVOKER_AUDIENCE: 'ekklesia-package-test',
    INVOKER_SERVICE_ACCOUNT: 'push@ekklesia-package-test.iam.gserviceaccount.com',
    PUBSUB_PROJECT: 'ekklesia-package-test',
    GCP_PROJECT: 'ekklesia-package-test',
    GCP_REGION: 'europe-west3',
    SQL_INSTANCE: 'ekklesia-package-test',
  };
  const answered: Record<string, number> = {};
  for (const target of Object.keys(deployTargets)) {
    const port = await freePort();
    // The image's CMD, its `node` this test's Node (the same version: the first test).
    const [command, ...args] = JSON.parse(instruction('CMD')[0]!) as string[];
    assert.equal(command, 'node');
    const child = spawn(process.execPath, args, {
      cwd: out,
      env: { ...env, NODE_ENV: 'production', FUNCTION_TARGET: target, PORT: String(port) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let said = '';
    child.stderr?.on('data', (d: Buffer) => (said += d.toString()));
    try {
      await waitFor(`${target} to answer`, 30_000, async () => {
        if (child.exitCode !== null) throw new Error(`${target} exited: ${said.slice(-1500)}`);
        const res = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
        if (res) answered[target] = res.status;
        return res !== undefined;
      });
    } finally {
      child.kill('SIGKILL');
    }
  }
  console.log(`# answers to /healthz: ${JSON.stringify(answered)}`);
  assert.deepEqual(Object.keys(answered).sort(), Object.keys(deployTargets).sort());
  assert.equal(answered.events, 503, 'the events function says its database is away');
  assert.equal(answered.elections, 503);
});

test("the migration job's command fails the release when the database is away", () => {
  const result = spawnSync(process.execPath, ['deploy/migrate.js'], {
    cwd: out,
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:9/ekklesia' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(result.status, 1);
  assert.match(result.stderr, /"message":"migration failed: /);
  assert.doesNotMatch(result.stderr, /nothing/, 'no password in the log');
});
