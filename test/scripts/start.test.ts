/**
 * `npm start` end to end on a fresh folder: the real stack (PostgreSQL, the
 * Pub/Sub emulator, the dev IdP, both functions as their own processes), the
 * curl flow of docs/api.md, restarts of a killed function, PostgreSQL,
 * emulator and Cloud Tasks stand-in (its queue kept), the second-start guard and a clean Ctrl-C.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import postgres from 'postgres';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stablePort } from '../../local/processes/freePort.js';
import { waitFor } from '../../local/wait.js';
import { scanForTokenSecret } from '../helpers/keyScan.js';
import { listTopics } from '../../local/processes/pubsubEmulator.js';
import type { LocalJson, StackJson } from '../../local/stack/stackFiles.js';
import { countAudited, countOutbox, unaudited } from '../helpers/stackAudit.js';
import { countRows } from '../helpers/db.js';
import type { Sql } from '../../shared/common/db/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function run(script: string, env: NodeJS.ProcessEnv, args: string[] = []): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', script), ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function output(child: ChildProcess): Promise<{ code: number | null; out: string }> {
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

const pidIn = (file: string) => (existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : 0);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test(
  'npm start on a fresh folder: bootstrap, roster, election, a vote; guard; clean stop',
  { timeout: 240_000 },
  async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ekklesia-stack-'));
    chmodSync(dir, 0o755); // PostgreSQL runs as its own user and must reach its data folder
    const env = {
      ...process.env,
      EKKLESIA_DIR: dir,
      EKKLESIA_EVENTS_PORT: String(await stablePort()),
      EKKLESIA_ELECTIONS_PORT: String(await stablePort()),
      EKKLESIA_IDP_PORT: String(await stablePort()),
      EKKLESIA_KMS_PORT: String(await stablePort()),
      EKKLESIA_PUBSUB_PORT: String(await stablePort()),
      EKKLESIA_PG_PORT: String(await stablePort()),
      EKKLESIA_TASKS_PORT: String(await stablePort()),
      EKKLESIA_BALLOT_TASKS_PORT: String(await stablePort()),
      LOG_LEVEL: 'warn',
    };
    const stack = run('start.ts', env);
    const stackDone = output(stack);
    let said = '';
    stack.stderr?.on('data', (d: Buffer) => (said += d.toString()));
    try {
      await waitFor(
        'local.json',
        60_000,
        async () => existsSync(path.join(dir, 'local.json')) || stack.exitCode !== null,
      );
      assert.equal(stack.exitCode, null, (await Promise.race([stackDone, Promise.resolve({ out: '' })])).out);
      const local = JSON.parse(readFileSync(path.join(dir, 'local.json'), 'utf8')) as LocalJson;
      assert.deepEqual(Object.keys(local).sort(), ['databaseUrl', 'elections', 'events', 'operatorKey']);
      assert.equal(local.events, `http://127.0.0.1:${env.EKKLESIA_EVENTS_PORT}`);
      const stackInfo = JSON.parse(readFileSync(path.join(dir, 'stack.json'), 'utf8')) as StackJson;
      assert.deepEqual((await listTopics(stackInfo.pubsubEmulatorHost, stackInfo.project)).sort(), [
        'audit',
        'lifecycle',
        'metering',
      ]);
      assert.equal((await fetch(`${local.elections}/healthz`)).status, 200);

      // The flow of docs/api.md, as curl would do it.
      const json = { 'content-type': 'application/json' };
      const org = await fetch(`${local.events}/v1/orgs`, {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${local.operatorKey}` },
        body: JSON.stringify({ id: 'stack-org', name: 'Stack Org', admins: ['alice'] }),
      });
      assert.equal(org.status, 201);
      const jwt = (await output(run('devJwt.ts', env, ['alice']))).out.trim();
      const auth = { ...json, authorization: `Bearer ${jwt}` };
      const roster = await fetch(`${local.events}/v1/orgs/stack-org/members`, {
        method: 'PUT',
        headers: auth,
        body: JSON.stringify({ members: [{ subject: 'bob', role: 'member', status: 'active' }] }),
      });
      assert.equal(roster.status, 200);
      const election = await fetch(`${local.events}/v1/orgs/stack-org/elections`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ title: 'Motion 1', kind: 'yes_no_abstain' }),
      });
      assert.equal(election.status, 201);
      const { id } = (await election.json()) as { id: string };
      const inspect = postgres(local.databaseUrl, { max: 1 });
      const rows = await inspect`select status from registry.elections where id = ${id}`.finally(() => inspect.end());
      assert.equal(rows[0]?.status, 'draft');

      // The vote across the two processes: token (S2S registration), open, cast, close and seal.
      const bobJwt = (await output(run('devJwt.ts', env, ['bob']))).out.trim();
      const token = await fetch(`${local.events}/v1/orgs/stack-org/elections/${id}/token`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bobJwt}` },
      });
      assert.equal(token.status, 200);
      const { token: votingToken, receipt } = (await token.json()) as { token: string; receipt: string };
      assert.equal(
        (
          await fetch(`${local.events}/v1/orgs/stack-org/elections/${id}/open`, {
            method: 'POST',
            headers: auth,
            body: '{}',
          })
        ).status,
        200,
      );
      const ballot = await fetch(`${local.elections}/v1/elections/${id}/ballots`, {
        method: 'POST',
        headers: { ...json, authorization: `Bearer ${votingToken}` },
        body: JSON.stringify({ choices: ['yes'] }),
      });
      assert.equal(ballot.status, 201);
      const closed = await fetch(`${local.events}/v1/orgs/stack-org/elections/${id}/close`, {
        method: 'POST',
        headers: auth,
      });
      assert.equal(closed.status, 200);
      const tracker = (await (await fetch(`${local.elections}/v1/elections/${id}/tracker`)).json()) as {
        ballots: { receipt: string }[];
      };
      assert.deepEqual(
        tracker.ballots.map((b) => b.receipt),
        [receipt],
      );

      // Every change's event leaves the outbox for Pub/Sub (after commit, or by the sweep).
      const db = postgres(local.databaseUrl, { max: 1 });
      try {
        // The demo org's events are there too (npm start makes it); this test follows its own org's.
        const n = await countRows(db as unknown as Sql)`registry.outbox where org_id = 'stack-org'`;
        assert.ok(n >= 5, `${n} events recorded`);
        await waitFor('the outbox to be published', 20_000, async () => {
          const [row] = await db`select count(*)::int as n from registry.outbox where published_at is null`;
          return row?.n === 0;
        });
        // ... and pushed by the emulator to the audit worker, which chains them.
        await waitFor(
          'the audit chain',
          30_000,
          async () => {
            const [row] = await db`select count(*)::int as n from registry.audit_log where org_id = 'stack-org'`;
            return row?.n === n;
          },
          200,
        );
      } finally {
        await db.end();
      }
      await waitFor(
        'usage counted by the metering worker',
        30_000,
        async () => {
          const usage = await output(run('usage.ts', env, ['stack-org']));
          const line = JSON.parse(usage.out.trim()) as {
            tokensIssued: number;
            ballotsCast: number;
            electionsRun: number;
          };
          // A token per eligible member (alice and bob), counted at the seal.
          return line.tokensIssued === 2 && line.ballotsCast === 1 && line.electionsRun === 1;
        },
        500,
      );
      const verified = await output(run('auditVerify.ts', env, ['stack-org']));
      assert.equal(verified.code, 0, verified.out);
      assert.deepEqual(JSON.parse(verified.out.trim()), {
        ok: true,
        entries: await countOutbox(local.databaseUrl),
        firstBadSeq: null,
      });

      // The smoke vote of a deployment (infra/README.md, step 7), given only the URLs, the operator key and test
      // accounts' JWTs: nothing from the stack's folder.
      const smoke = mkdtempSync(path.join(os.tmpdir(), 'ekklesia-smoke-'));
      try {
        const jwts = await Promise.all(
          ['carol', 'dave', 'erin'].map(async (s) => (await output(run('devJwt.ts', env, [s]))).out.trim()),
        );
        writeFileSync(path.join(smoke, 'jwts'), `${jwts.join('\n')}\n`);
        writeFileSync(path.join(smoke, 'operator-key'), local.operatorKey);
        const { EKKLESIA_DIR: _, ...elsewhere } = env;
        const vote = await output(
          run('demo.ts', { ...elsewhere, EKKLESIA_DIR: smoke }, [
            '--events',
            local.events,
            '--elections',
            `${local.elections}/`,
            '--operator-key-file',
            path.join(smoke, 'operator-key'),
            '--jwts',
            path.join(smoke, 'jwts'),
          ]),
        );
        assert.equal(vote.code, 0, vote.out);
        const summary = JSON.parse(vote.out.trim().split('\n').at(-1)!) as { ok: boolean; counted: number };
        assert.deepEqual({ ok: summary.ok, counted: summary.counted }, { ok: true, counted: 3 });
      } finally {
        rmSync(smoke, { recursive: true, force: true });
      }

      // Every file the stack keeps (its database, WAL, logs, keys, the KMS stand-in's folder): no token derivable.
      const superuser = postgres(local.databaseUrl, { max: 1 });
      await superuser`checkpoint`.finally(() => superuser.end());
      const scan = scanForTokenSecret(dir, ['alice', 'bob'], new Set([receipt]));
      assert.ok(scan.stats.files > 100, `the stack's files were read (${scan.stats.files})`);
      assert.deepEqual(scan.findings, [], 'a token secret the stack keeps after the seal');

      // A process that dies is restarted, and the stack says so: a function, PostgreSQL, the emulator.
      const listener = (port: string) =>
        Number(
          execFileSync('lsof', ['-t', `-iTCP:${port}`, '-sTCP:LISTEN'])
            .toString()
            .trim()
            .split('\n')[0],
        );
      process.kill(listener(env.EKKLESIA_ELECTIONS_PORT), 'SIGKILL');
      await waitFor('the elections function to be back', 60_000, async () =>
        /elections function is running again/.test(said) ? (await fetch(`${local.elections}/healthz`)).ok : false,
      );
      process.kill(pidIn(path.join(dir, 'pg', 'data', 'postmaster.pid')), 'SIGKILL');
      await waitFor('PostgreSQL to be back', 60_000, async () => /PostgreSQL is running again/.test(said));
      await waitFor('the events function to reach it again', 30_000, async () =>
        fetch(`${local.events}/v1/orgs/stack-org/elections/${id}`, { headers: auth }).then(
          (r) => r.ok,
          () => false,
        ),
      );
      process.kill(pidIn(path.join(dir, 'pubsub.pid')), 'SIGKILL');
      await waitFor('the emulator to be back', 60_000, async () => /Pub\/Sub emulator is running again/.test(said));
      assert.deepEqual((await listTopics(stackInfo.pubsubEmulatorHost, stackInfo.project)).sort(), [
        'audit',
        'lifecycle',
        'metering',
      ]);
      const again = await fetch(`${local.events}/v1/orgs/stack-org/elections`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ title: 'Motion 2', kind: 'yes_no_abstain' }),
      });
      assert.equal(again.status, 201);
      await waitFor(
        "the new election's event through the restarted emulator to the audit worker",
        30_000,
        async () => (await countAudited(local.databaseUrl)) === (await countOutbox(local.databaseUrl)),
        200,
      );
      assert.match(said, /the elections function exited unexpectedly \(SIGKILL\); restarting it/);
      // The Cloud Tasks stand-in too, with its queue kept on disk.
      const queueUrl = `http://127.0.0.1:${env.EKKLESIA_TASKS_PORT}/v2/projects/${stackInfo.project}/locations/local/queues/ballots`;
      process.kill(listener(env.EKKLESIA_TASKS_PORT), 'SIGKILL');
      await waitFor('the Cloud Tasks stand-in to be back', 60_000, async () =>
        /Cloud Tasks stand-in is running again/.test(said)
          ? fetch(`${queueUrl}`).then(
              (r) => r.ok,
              () => false,
            )
          : false,
      );

      // A second start says so and leaves the first alone.
      const second = await output(run('start.ts', env));
      assert.equal(second.code, 0);
      assert.match(second.out, /already running/);
      assert.equal((await fetch(`${local.events}/healthz`)).status, 200);
    } catch (err) {
      // What the stack said last (its warnings and restarts) is what explains a failure here.
      console.error(`the stack said, last:\n${said.slice(-6000)}`);
      const local = JSON.parse(readFileSync(path.join(dir, 'local.json'), 'utf8')) as LocalJson;
      console.error('events not audited:', JSON.stringify(await unaudited(local.databaseUrl).catch(String)));
      throw err;
    } finally {
      const pgPid = pidIn(path.join(dir, 'pg', 'data', 'postmaster.pid'));
      const emulatorPid = pidIn(path.join(dir, 'pubsub.pid'));
      stack.kill('SIGINT');
      const { code, out } = await stackDone;
      assert.equal(code, 0, out);
      assert.equal(pgPid > 0 && alive(pgPid), false, 'PostgreSQL left running');
      assert.equal(emulatorPid > 0 && alive(emulatorPid), false, 'Pub/Sub emulator left running');
      assert.equal(existsSync(path.join(dir, 'stack.pid')), false);
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
