/**
 * The files the local stack keeps in its folder (`.ekklesia/` by default):
 * the operator key, the lock that stops a second stack, `local.json` for
 * scripts (its shape fixed by docs/api.md) and `stack.json` with the rest.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';

export type LocalJson = { operatorKey: string; events: string; elections: string; databaseUrl: string };
export type StackJson = {
  issuer: string;
  jwksUrl: string;
  audience: string;
  pubsubEmulatorHost: string;
  project: string;
};

export function stackPaths(dir: string) {
  const root = path.resolve(dir);
  return {
    root,
    lock: path.join(root, 'stack.pid'),
    operatorKey: path.join(root, 'operator-key'),
    s2sKey: path.join(root, 's2s-key'),
    localJson: path.join(root, 'local.json'),
    stackJson: path.join(root, 'stack.json'),
    pgData: path.join(root, 'pg', 'data'),
    emulatorPid: path.join(root, 'pubsub.pid'),
    /** The KMS stand-in's key material: outside PostgreSQL, as Cloud KMS is. */
    kms: path.join(root, 'kms'),
    /** The Cloud Tasks stand-in's queues and tasks: a queued ballot's task outlives a restart, as in Cloud Tasks. */
    tasks: path.join(root, 'tasks'),
  };
}

/** A random secret kept in `file` (made on first use): the operator key, the S2S master key. */
export function loadOrCreateSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/** The pid a lock or pid file names, if that process is alive. */
export function livePid(lockFile: string): number | undefined {
  if (!existsSync(lockFile)) return undefined;
  const pid = Number(readFileSync(lockFile, 'utf8').trim());
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/** Takes the lock; false when another live stack holds it. */
export function takeLock(lockFile: string): boolean {
  if (livePid(lockFile) !== undefined) return false;
  mkdirSync(path.dirname(lockFile), { recursive: true });
  rmSync(lockFile, { force: true });
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
    return true;
  } catch {
    return false; // another stack took it between our check and our write
  }
}

export function releaseLock(lockFile: string): void {
  if (livePid(lockFile) === process.pid) rmSync(lockFile, { force: true });
}

/** Whole or not at all (written aside, then renamed): a reader never sees it half-written. */
export function writeJson(file: string, value: unknown): void {
  writeFileSync(`${file}.next`, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.next`, file);
}

export function readJson<T>(file: string): T | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

/** A child left behind by a stack that was killed outright is stopped before a new one starts. */
export function stopStaleChild(file: string): void {
  const pid = livePid(file);
  if (pid !== undefined) process.kill(pid, 'SIGKILL');
  rmSync(file, { force: true });
}

export function recordChild(file: string, pid: number | undefined): void {
  if (pid !== undefined) writeFileSync(file, String(pid));
}
