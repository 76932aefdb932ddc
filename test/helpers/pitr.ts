/**
 * What an operator of the database holds besides the live database: a base
 * backup (`pg_basebackup`) and the archived WAL, as Cloud SQL keeps them for
 * point-in-time recovery. With both, the operator can bring the database back
 * as it was at any moment the WAL covers (here: as the backup ended, and just
 * before a seal), and read the commit time of every transaction from the WAL
 * (`pg_waldump`): a row's `xmin` is then a time.
 */
import { execFile } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { findPgBinDir, serverOwner, startPostgres, type PgServer } from '../../local/processes/postgres.js';
import { freePort } from '../../local/processes/freePort.js';
import { waitFor } from '../../local/wait.js';
import { superuser } from '../../local/stack/database.js';
import type { Sql } from '../../shared/common/db/index.js';

const run = promisify(execFile);

/** The system's binaries: the embedded package ships only the server, not pg_basebackup or pg_waldump. */
export function operatorTools(): string {
  const bin = findPgBinDir();
  for (const tool of ['pg_basebackup', 'pg_waldump'])
    if (!existsSync(path.join(bin, tool))) throw new Error(`${tool} is missing from ${bin}: install postgresql-15`);
  return bin;
}

export type ArchivingServer = { server: PgServer; archiveDir: string };

/** A server that archives every WAL segment it finishes into `root/archive`, as PITR needs. */
export async function startArchivingServer(root: string): Promise<ArchivingServer> {
  const owner = serverOwner();
  const archiveDir = path.join(root, 'archive');
  mkdirSync(archiveDir, { recursive: true });
  chmodSync(archiveDir, 0o777);
  if (owner) chownSync(archiveDir, owner.uid, owner.gid);
  const server = await startPostgres({
    dataDir: path.join(root, 'primary', 'data'),
    port: await freePort(),
    durable: false,
    settings: [
      'full_page_writes=on',
      'wal_compression=off',
      'archive_mode=on',
      `archive_command=cp %p ${archiveDir}/%f`,
    ],
  });
  return { server, archiveDir };
}

/** `pg_basebackup` into `dir`, started now; resolves when the backup is complete. */
export async function baseBackup(server: PgServer, dir: string): Promise<void> {
  const owner = serverOwner();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (owner) chownSync(dir, owner.uid, owner.gid);
  await run(
    path.join(operatorTools(), 'pg_basebackup'),
    ['-h', '127.0.0.1', '-p', String(server.port), '-U', 'postgres', '-D', dir, '-X', 'stream', '-c', 'fast'],
    { ...owner },
  );
}

/** Ends the current WAL segment and waits until the archive holds it, so the archive covers all that happened. */
export async function archiveEverything(admin: Sql, archiveDir: string): Promise<void> {
  const [row] = await admin<{ segment: string }[]>`select pg_walfile_name(pg_switch_wal()) as segment`;
  await waitFor('the WAL archive', 30_000, async () => existsSync(path.join(archiveDir, row!.segment)));
}

/** Every committed transaction's commit time (µs since the epoch), from every archived segment. */
export async function commitTimes(archiveDir: string): Promise<Map<string, number>> {
  const segments = readdirSync(archiveDir)
    .filter((f) => /^[0-9A-F]{24}$/.test(f))
    .sort();
  const times = new Map<string, number>();
  if (segments.length === 0) return times;
  const { stdout } = await run(
    path.join(operatorTools(), 'pg_waldump'),
    ['--path', archiveDir, '--rmgr', 'Transaction', segments[0]!, segments.at(-1)!],
    { env: { ...process.env, TZ: 'UTC' }, maxBuffer: 256 * 1024 * 1024 },
  ).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' })); // it ends with an error at the last record
  const commit = /tx:\s+(\d+),.*desc: COMMIT (\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(\.\d+)? UTC/;
  for (const line of stdout.split('\n')) {
    const m = commit.exec(line);
    if (!m) continue;
    const micros = Math.round(Number(`0${m[4] ?? ''}`) * 1e6);
    times.set(m[1]!, Date.parse(`${m[2]}T${m[3]}Z`) * 1000 + micros);
  }
  return times;
}

/**
 * A copy of the backup in `dir`, brought to `target` (a time, or 'immediate': as the backup ended) with the
 * archived WAL, then promoted and served: what a point-in-time recovery gives the operator.
 */
export async function restore(
  backupDir: string,
  archiveDir: string,
  dir: string,
  target: Date | 'immediate',
): Promise<{ server: PgServer; admin: (database: string) => Sql }> {
  const owner = serverOwner();
  await run('cp', ['-a', backupDir, dir]);
  writeFileSync(path.join(dir, 'recovery.signal'), '');
  appendFileSync(
    path.join(dir, 'postgresql.auto.conf'),
    [
      `restore_command = 'cp ${archiveDir}/%f %p'`,
      target === 'immediate'
        ? `recovery_target = 'immediate'`
        : `recovery_target_time = '${target.toISOString().replace('T', ' ').replace('Z', '+00')}'`,
      `recovery_target_action = 'promote'`,
      `archive_mode = off`,
      '',
    ].join('\n'),
  );
  if (owner) await run('chown', ['-R', `${owner.uid}:${owner.gid}`, dir]);
  const server = await startPostgres({ dataDir: dir, port: await freePort(), durable: false });
  const probe = superuser(server.url);
  try {
    await waitFor('the recovery to end', 60_000, async () => {
      const [row] = await probe<{ recovering: boolean }[]>`select pg_is_in_recovery() as recovering`;
      return row?.recovering === false;
    });
  } finally {
    await probe.end();
  }
  return { server, admin: (database) => superuser(server.url.replace(/\/postgres$/, `/${database}`)) };
}
